// The workflow on a real server process over SQLite (PostgreSQL when OTKLIK_TEST_DATABASE_URL is set).
import { optionalTestDatabase } from './support/postgres.js';
import { describeWorkflow } from './workflow-server-cases.js';

describeWorkflow(process.env.OTKLIK_TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite', { database: optionalTestDatabase });
