// Helpers for multi-process sync tests: server process, clients, fixtures, PostgreSQL databases.
export * from './client.js';
export * from './fixtures.js';
export * from './postgres.js';
export * from './server-process.js';
