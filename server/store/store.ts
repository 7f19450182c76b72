// The server's database handle: opening, migrating, writing transactions in change-log order, draining on shutdown.
import { join } from 'node:path';
import { Migrator, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import {
  isPostgresUrl,
  lockChangeLog,
  type Connection,
  openPostgres,
  openSqlite,
  type DialectName,
} from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { PreparedQuery } from './prepared.js';
import type { ChangesTable, Database } from './schema.js';

export interface StoreOptions {
  /** postgres://… selects PostgreSQL; anything else (or nothing) the SQLite file in dataDir. */
  databaseUrl?: string | null;
  dataDir: string;
}

export type ChangeRow = Omit<ChangesTable, 'seq'>;

const headQuery = new PreparedQuery(0, (db) => db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('head')));

export class Store {
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    private readonly checkpointer: Connection['checkpointer'],
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    const connection = isPostgresUrl(options.databaseUrl)
      ? openPostgres(options.databaseUrl)
      : openSqlite(join(options.dataDir, 'otklik.sqlite'));
    const store = new Store(connection.db, connection.dialect, connection.checkpointer);
    await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.dialect) });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
    }
  }

  /** Runs fn in a transaction that holds the change-log writer lock. */
  write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.track(
      this.db.transaction().execute(async (trx) => {
        await lockChangeLog(trx, this.dialect);
        return fn(trx);
      }),
    );
  }

  /** A transaction the caller commits or rolls back itself (for savepoints); it already holds the writer lock. */
  async begin(): Promise<ControlledTransaction<Database>> {
    this.assertOpen();
    const trx = await this.db.startTransaction().execute();
    try {
      await lockChangeLog(trx, this.dialect);
    } catch (error) {
      await trx.rollback().execute();
      throw error;
    }
    return trx;
  }

  /** Registers work that shutdown must wait for. */
  track<T>(work: Promise<T>): Promise<T> {
    this.assertOpen();
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** The newest change seq (0 on an empty log). */
  async head(db: Kysely<Database> = this.db): Promise<number> {
    const row = await headQuery.first(db);
    return Number(row?.head ?? 0);
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Waits for tracked work, then closes the database. */
  async close(): Promise<void> {
    this.closing = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.checkpointer?.close();
    await this.db.destroy();
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('store is closing');
  }
}

/**
 * Appends rows to the change log with the next gap-free seqs and returns the last one. Must run inside a
 * transaction holding the writer lock (Store.write / Store.begin), which is what makes max+1 safe.
 */
export async function appendChanges(trx: Kysely<Database>, rows: ChangeRow[]): Promise<number | null> {
  if (rows.length === 0) return null;
  const row = await trx.selectFrom('changes').select((eb) => eb.fn.max('seq').as('head')).executeTakeFirst();
  let seq = Number(row?.head ?? 0);
  const values = rows.map((r) => ({ ...r, seq: ++seq }));
  await trx.insertInto('changes').values(values).execute();
  return seq;
}
