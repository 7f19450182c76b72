import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { OtklikDb, SCHEMA_HISTORY } from './db.js';
import { writeMutation } from './outbox.js';
import { makeAppeal, uniqueDbName } from './testing/fixtures.js';

/** Writes data as a console of schema `version` did, with only the stores that version had. */
async function writeAtVersion(name: string, version: number, fill: (db: Dexie) => Promise<void>) {
  const old = new Dexie(name);
  for (const step of SCHEMA_HISTORY.filter((s) => s.version <= version)) old.version(step.version).stores(step.stores);
  await old.open();
  await fill(old);
  old.close();
}

describe('local database', () => {
  it('never edits a shipped schema version: versions only grow', () => {
    const versions = SCHEMA_HISTORY.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
  });

  // one such test per shipped version: the current code must open what every older console left behind
  it('opens version 1 data with confirmed rows, outbox and meta intact after the later upgrades', async () => {
    const name = uniqueDbName();
    await writeAtVersion(name, 1, async (old) => {
      await old.table('appeals').put(makeAppeal({ id: 'v1-appeal' }));
      await old.table('outbox').add({ mutationId: 1, name: 'appeal.comment', args: { appealId: 'v1-appeal', commentId: 'c', text: 'т' }, status: 'pending', createdAt: '2026-01-01T00:00:00.000Z', appealId: 'v1-appeal', seq: null });
      await old.table('meta').put({ key: 'cursor', value: 42 });
    });
    const db = new OtklikDb(name);
    expect((await db.appeals.get('v1-appeal'))?.id).toBe('v1-appeal');
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('queue'); // version 2 replaced it with a packed snapshot
    expect(await db.outbox.count()).toBe(1);
    expect(await db.getMeta('cursor')).toBe(42);
  });

  it('numbers mutations 1, 2, 3 with the number and the row committed together', async () => {
    const db = new OtklikDb(uniqueDbName());
    const ids = [];
    for (const [commentId, text] of [['c1', 'раз'], ['c2', 'два'], ['c3', 'три']] as const) {
      ids.push((await writeMutation(db, 'appeal.comment', { appealId: 'a', commentId, text })).mutationId);
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(await db.getMeta('nextMutationId')).toBe(4);
  });

  it('refuses invalid arguments before anything is written', async () => {
    const db = new OtklikDb(uniqueDbName());
    await expect(writeMutation(db, 'appeal.comment', { appealId: 'a', commentId: 'c', text: '' })).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.getMeta('nextMutationId')).toBeUndefined();
  });
});
