import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PreparedQuery } from './prepared.js';
import type { Database } from './schema.js';

function memoryDb(): Kysely<Database> {
  const database = new SqliteDatabase(':memory:');
  database.exec(`create table users (id text primary key, login text, role text, organisation_id text, on_duty integer)`);
  database.exec(`insert into users values ('u1', 'one', 'operator', 'org-a', 1), ('u2', 'two', 'operator', 'org-b', 1), ('u3', 'three', 'field', 'org-a', 1)`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

describe('PreparedQuery', () => {
  it('binds each call’s values in place of the placeholders and keeps the constants of the query', async () => {
    const db = memoryDb();
    const operators = new PreparedQuery(1, (d, organisationId: string) =>
      d.selectFrom('users').select('id').where('role', '=', 'operator').where('organisation_id', '=', organisationId),
    );
    expect(await operators.rows(db, 'org-a')).toEqual([{ id: 'u1' }]);
    expect(await operators.rows(db, 'org-b')).toEqual([{ id: 'u2' }]);
    expect(await operators.first(db, 'org-c')).toBeUndefined();
    await db.destroy();
  });

  it('reports the rows a write touched', async () => {
    const db = memoryDb();
    const offDuty = new PreparedQuery(1, (d, id: string) => d.updateTable('users').set({ on_duty: 0 }).where('id', '=', id));
    expect((await offDuty.execute(db, 'u1')).numAffectedRows).toBe(1n);
    expect((await offDuty.execute(db, 'nobody')).numAffectedRows).toBe(0n);
    await db.destroy();
  });

  it('refuses a query that does not bind every parameter', async () => {
    const db = memoryDb();
    const careless = new PreparedQuery(1, (d, _id: string) => d.selectFrom('users').select('id'));
    await expect(careless.rows(db, 'u1')).rejects.toThrow(/binds 0 of its 1 parameters/);
    await db.destroy();
  });
});
