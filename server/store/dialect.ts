// The only place that knows which database is underneath: opening SQLite or PostgreSQL and the few statements that differ.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
}

/** Arbitrary constant naming the change-log writer lock in pg_advisory_xact_lock. */
const WRITER_LOCK_KEY = 424_242;

// pg returns int8 (count(*), bigint columns) as strings to be safe past 2^53; change seqs stay far below that.
pg.types.setTypeParser(20, (value) => Number(value));

export function isPostgresUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^postgres(ql)?:\/\//.test(url);
}

export function openSqlite(file: string): Connection {
  mkdirSync(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // WAL + NORMAL survives a process crash; only an OS crash may lose the last commits.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  // The default 2 MB page cache thrashes on the change-log and appeal indexes once a region's data is in.
  database.pragma('cache_size = -65536');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite' };
}

export function openPostgres(url: string, poolSize = 10): Connection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

/**
 * Serialises change-log writers. Called first in every writing transaction.
 *
 * PostgreSQL: with several concurrent transactions a later seq could commit before an earlier one, and a
 * pull in between would move its cursor past the earlier seq forever. A transaction-scoped advisory lock
 * makes writers take turns, so seqs commit in order and a visible seq implies every smaller one is visible.
 * SQLite: Kysely's SqliteDialect runs every transaction on its single connection behind a mutex already.
 */
export async function lockChangeLog(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(WRITER_LOCK_KEY)})`.execute(trx);
}

/** Column type for change-log sequence numbers: SQLite's INTEGER is 64-bit, PostgreSQL's is not. */
export function seqColumnType(dialect: DialectName): 'integer' | 'bigint' {
  return dialect === 'postgres' ? 'bigint' : 'integer';
}

/** How many bound parameters one statement may carry (SQLite's default limit is 32 766, PostgreSQL's 65 535). */
export const MAX_PARAMS = 30_000;
