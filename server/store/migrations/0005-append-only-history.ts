// Fifth schema: the appeal history and the administration log refuse UPDATE and DELETE, so append-only holds whoever writes.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Append-only logs (domain.md: "the history is append-only"). Nothing in the server, the seed or the tests
 * rewrites or removes their rows: the push path only inserts, and a rejected mutation's lines leave with its
 * savepoint, which undoes the insert without a DELETE. Tests start from fresh databases and drop them whole.
 */
const APPEND_ONLY_TABLES = ['appeal_events', 'admin_changes'] as const;

/** The words every refusal carries, on both databases, so that a caller can tell this refusal from others. */
const APPEND_ONLY_MESSAGE = 'is append-only';

async function sqliteTriggers(db: Kysely<unknown>, table: string): Promise<void> {
  for (const operation of ['update', 'delete'] as const) {
    // RAISE(ABORT) undoes the statement and fails it; the transaction around it decides what happens next
    await sql
      .raw(
        `create trigger ${table}_no_${operation} before ${operation} on ${table} ` +
          `begin select raise(abort, '${table} ${APPEND_ONLY_MESSAGE}: ${operation} refused'); end`,
      )
      .execute(db);
  }
}

async function postgresTriggers(db: Kysely<unknown>, table: string): Promise<void> {
  await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function refuse_append_only_change()`).execute(db);
  // TRUNCATE skips row triggers; a statement trigger catches it
  await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function refuse_append_only_change()`).execute(db);
}

export function appendOnlyHistoryMigration(dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await sql
          .raw(
            `create function refuse_append_only_change() returns trigger language plpgsql as $$ begin ` +
              `raise exception '% ${APPEND_ONLY_MESSAGE}: % refused', tg_table_name, lower(tg_op) using errcode = 'integrity_constraint_violation'; ` +
              `end $$`,
          )
          .execute(db);
      }
      for (const table of APPEND_ONLY_TABLES) {
        if (dialect === 'postgres') await postgresTriggers(db, table);
        else await sqliteTriggers(db, table);
      }
    },
  };
}
