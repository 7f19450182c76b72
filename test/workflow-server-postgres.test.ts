// The workflow on a real server process over PostgreSQL, always: the same cases must hold on both databases.
import { createTestDatabase } from './support/postgres.js';
import { describeWorkflow } from './workflow-server-cases.js';

describeWorkflow('PostgreSQL', { database: createTestDatabase });
