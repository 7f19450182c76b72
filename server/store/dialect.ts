// The only place that knows which database is underneath: opening SQLite or PostgreSQL and the few statements that differ.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import pg from 'pg';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** SQLite: the worker that checkpoints the write-ahead log; stopped before the database closes. */
  checkpointer: Checkpointer | null;
}

/** Pages the log may reach before the main connection checkpoints it itself (SQLite's default is 1 000). */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

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
  // Sorts, DISTINCT and GROUP BY that need a temporary b-tree (pull pages, routing) keep it in memory, not a temp file.
  database.pragma('temp_store = MEMORY');
  // Reads through a memory map skip a copy per page into the page cache; 256 MB covers a region's database.
  database.pragma('mmap_size = 268435456');
  // Checkpoints copy pages and fsync the file; on the main connection that stalled every few commits for 10–20 ms.
  database.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file, (error) => {
    process.emitWarning(`WAL checkpoint worker: ${error}`);
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
  });
  return {
    db: new Kysely<Database>({ dialect: new QueuedSqliteDialect({ database: new StatementCache(database) }) }),
    dialect: 'sqlite',
    checkpointer,
  };
}

/**
 * What Kysely's SqliteDialect sees instead of the better-sqlite3 Database: its driver calls `prepare` for every query,
 * and compiling the same SQL again each time was a fifth of the push path's CPU. Statements are kept by SQL text,
 * least recently used dropped first. Reuse is safe because the driver runs one query at a time on its single
 * connection and `all`/`run` finish synchronously; only a `stream()` iterator keeps a statement busy, and then a
 * second use of the same SQL gets a fresh, uncached statement.
 */
export class StatementCache {
  // A Map iterates in insertion order, so re-inserting on every hit keeps the least recently used first.
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly database: SqliteDatabase.Database,
    /** Bounds memory: statements with IN lists of varying length produce an open-ended set of SQL texts. */
    private readonly capacity = 500,
  ) {}

  prepare(sqlText: string): SqliteDatabase.Statement {
    const cached = this.statements.get(sqlText);
    if (cached !== undefined) {
      if (cached.busy) return this.database.prepare(sqlText);
      this.statements.delete(sqlText);
      this.statements.set(sqlText, cached);
      return cached;
    }
    const statement = this.database.prepare(sqlText);
    this.statements.set(sqlText, statement);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return statement;
  }

  /** Statements belong to the database and die with it; dropping them here only lets them be collected sooner. */
  close(): void {
    this.statements.clear();
    this.database.close();
  }
}

/**
 * Kysely's SqliteDriver guards its single connection with a mutex that wakes every waiter on each release, and all but
 * one go back to sleep: with a few hundred consoles pulling after a poke, each query's release cost a few hundred
 * wake-ups. Waiters here queue and the connection is handed to the first one, in arrival order.
 */
class QueuedSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private held = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    // free by now: only the holder released it, and nobody else gets past the queue
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

class QueuedSqliteDialect extends SqliteDialect {
  constructor(private readonly driverConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    return new QueuedSqliteDriver(this.driverConfig);
  }
}

export function openPostgres(url: string, poolSize = 10): Connection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', checkpointer: null };
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
