// Core sync behaviour against a real server process: SQLite by default, PostgreSQL when OTKLIK_TEST_DATABASE_URL is set.
import { describeCoreSync } from './support/core-cases.js';
import { optionalTestDatabase } from './support/postgres.js';

describeCoreSync(process.env.OTKLIK_TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite', { database: optionalTestDatabase });
