// The core sync cases on PostgreSQL, always: the store must behave the same on both databases.
import { describeCoreSync } from './support/core-cases.js';
import { createTestDatabase } from './support/postgres.js';

describeCoreSync('PostgreSQL', { database: createTestDatabase });
