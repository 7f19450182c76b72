// The appeal history and the administration log refuse UPDATE and DELETE at the database itself, on SQLite and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../server/store/store.js';
import { buildFixture, createTestDatabase, ORG_A, REGION_ID, seedFixture, USERS, type TestDatabase } from './support/index.js';

type LogTable = 'appeal_events' | 'admin_changes';

const TARGETS: Array<{ label: string; database: () => Promise<TestDatabase | null> }> = [
  { label: 'SQLite', database: async () => null },
  { label: 'PostgreSQL', database: createTestDatabase },
];

/** A line as the server writes it: a history line of a fixture appeal, or an admin's routing change. */
async function insertLine(store: Store, table: LogTable, id: string): Promise<void> {
  const at = new Date().toISOString();
  if (table === 'appeal_events') {
    await store.db
      .insertInto('appeal_events')
      .values({ id, appeal_id: `${ORG_A}-ap-1`, action: 'appeal.comment', actor_id: USERS.operatorA.id, actor_name: 'Тест op-a', device_id: 'dev-a', changes: '{}', reason: null, at })
      .execute();
  } else {
    await store.db
      .insertInto('admin_changes')
      .values({ id, region_id: REGION_ID, action: 'admin.routing.save', entity_id: 'rt-1', actor_id: USERS.admin.id, actor_name: 'Тест admin', device_id: 'dev-admin', before: null, after: '{}', at })
      .execute();
  }
}

for (const target of TARGETS) {
  describe(`append-only history on ${target.label}`, () => {
    let database: TestDatabase | null = null;
    let dataDir: string;
    let store: Store;

    const lineOf = async (table: LogTable, id: string) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(store.db)).rows[0];
    const count = async (table: LogTable) =>
      Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n);

    beforeAll(async () => {
      database = await target.database();
      dataDir = mkdtempSync(join(tmpdir(), 'otklik-append-only-'));
      await seedFixture({ dataDir, databaseUrl: database?.url ?? null }, buildFixture({ appealsPerOrganisation: 1 }));
      store = await Store.open({ dataDir, databaseUrl: database?.url ?? null });
      // the seed writes history lines but no administration change: give that log one line to defend
      await insertLine(store, 'admin_changes', 'change-seeded');
    });

    afterAll(async () => {
      await store?.close();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    });

    const existing: Record<LogTable, string> = { appeal_events: `${ORG_A}-ap-1-ev-1`, admin_changes: 'change-seeded' };

    for (const table of ['appeal_events', 'admin_changes'] as const) {
      it(`keeps every line of ${table}: an UPDATE, a DELETE and emptying the table are refused, an INSERT still works`, async () => {
        const id = existing[table];
        const before = await lineOf(table, id);
        expect(before, `the line ${id} to defend`).toBeDefined();
        const lines = await count(table);

        await expect(sql`update ${sql.table(table)} set at = ${'2000-01-01T00:00:00.000Z'} where id = ${id}`.execute(store.db)).rejects.toThrow(
          `${table} is append-only: update refused`,
        );
        await expect(sql`delete from ${sql.table(table)} where id = ${id}`.execute(store.db)).rejects.toThrow(`${table} is append-only: delete refused`);
        await expect(sql`delete from ${sql.table(table)}`.execute(store.db)).rejects.toThrow(`${table} is append-only: delete refused`);
        // PostgreSQL's TRUNCATE skips row triggers; SQLite has no TRUNCATE
        if (store.dialect === 'postgres') {
          await expect(sql`truncate ${sql.table(table)}`.execute(store.db)).rejects.toThrow(`${table} is append-only: truncate refused`);
        }
        expect(await lineOf(table, id)).toEqual(before);
        expect(await count(table)).toBe(lines);

        await insertLine(store, table, `${table}-added`);
        expect(await count(table)).toBe(lines + 1);
        expect(await lineOf(table, `${table}-added`)).toMatchObject({ id: `${table}-added` });
      });
    }
  });
}
