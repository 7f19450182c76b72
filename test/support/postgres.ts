// Throwaway PostgreSQL databases for tests: one per test file, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use for PostgreSQL: OTKLIK_TEST_DATABASE_URL, or the local one CI starts. */
export const POSTGRES_ADMIN_URL = process.env.OTKLIK_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(adminUrl = POSTGRES_ADMIN_URL): Promise<TestDatabase> {
  const name = `otklik_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh database when OTKLIK_TEST_DATABASE_URL is set (run the suite on PostgreSQL), otherwise null (SQLite). */
export async function optionalTestDatabase(): Promise<TestDatabase | null> {
  return process.env.OTKLIK_TEST_DATABASE_URL ? createTestDatabase() : null;
}
