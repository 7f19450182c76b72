// The contract between console, shell and server.
export * from './domain.js';
export * from './entities.js';
export * from './errors.js';
export * from './mutations.js';
export * from './protocol.js';
export * from './lifecycle.js';
export * from './deadlines.js';
export * from './attachments.js';
export * from './workflow.js';
export * from './templates.js';
export * from './routing.js';
