import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SnapshotResponse } from '../../../shared/index.js';
import { countAppeals } from './appeal-store.js';
import { OtklikDb } from './db.js';
import { writeMutation } from './outbox.js';
import { commitPullPage, commitPushResults, commitSnapshotPage, dropConfirmedData, ensureSchemaVersion, wipeLocalData } from './sync-writes.js';
import { makeAppeal, uniqueDbName } from './testing/fixtures.js';

const page = (over: Partial<SnapshotResponse>): SnapshotResponse => ({
  cursor: 50, phase: 'mine', appeals: [], comments: [], events: [], after: null, hasMore: true, total: 10, ...over,
});

describe('sync writes', () => {
  it('commits a snapshot page and its progress together, and sets the cursor only after the last page', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitSnapshotPage(db, page({ appeals: [makeAppeal({ id: 'a1' }), makeAppeal({ id: 'a2' })], after: 'a2' }), 2);
    expect(await db.getMeta('snapshot')).toEqual({ cursor: 50, phase: 'mine', after: 'a2', done: 2, total: 10 });
    expect(await db.getMeta('cursor')).toBeUndefined();
    expect(await db.getMeta('appealsWriteSeq')).toBe(1);
    await commitSnapshotPage(db, page({ appeals: [makeAppeal({ id: 'a3' })], after: null }), 3);
    expect(await db.getMeta('snapshot')).toMatchObject({ phase: 'rest', after: null });
    await commitSnapshotPage(db, page({ phase: 'rest', appeals: [makeAppeal({ id: 'b1' })], after: null, hasMore: false }), 4);
    expect(await db.getMeta('snapshot')).toBeUndefined();
    expect(await db.getMeta('cursor')).toBe(50);
  });

  it('writes nothing of a snapshot page whose transaction fails', async () => {
    const db = new OtklikDb(uniqueDbName());
    // the pack goes in first; an attachment row without a key then fails the page, which must take the pack with it
    const attachment = { id: undefined as unknown as string, appealId: 'ok' } as NonNullable<SnapshotResponse['attachments']>[number];
    const broken = page({ appeals: [makeAppeal({ id: 'ok' })], attachments: [attachment], after: 'ok' });
    await expect(commitSnapshotPage(db, broken, 1)).rejects.toThrow();
    expect(await countAppeals(db)).toBe(0);
    expect(await db.appealPacks.count()).toBe(0);
    expect(await db.getMeta('snapshot')).toBeUndefined();
  });

  it('keeps an evicted appeal while its own mutation is unacknowledged and drops it after the ack and pull', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitPullPage(db, { changes: [{ seq: 1, type: 'appeal', appeal: makeAppeal({ id: 'a1' }) }], cursor: 1, hasMore: false, lastMutationId: 0 });
    const row = await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Успеть до передачи' });
    const evicted = await commitPullPage(db, { changes: [{ seq: 2, type: 'evict', appealId: 'a1' }], cursor: 2, hasMore: false, lastMutationId: 0 });
    expect(evicted.removed).toEqual([]);
    expect(await db.appeals.get('a1')).toBeDefined();
    expect(await db.getMeta('pendingEvictions')).toEqual(['a1']);

    await commitPushResults(db, [{ mutationId: row.mutationId, status: 'applied', seq: 3 }]);
    expect(await db.appeals.get('a1')).toBeDefined(); // applied, but its seq not pulled yet
    const after = await commitPullPage(db, { changes: [], cursor: 3, hasMore: false, lastMutationId: 1 });
    expect(after.removed).toEqual(['a1']);
    expect(await db.appeals.get('a1')).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.getMeta('pendingEvictions')).toEqual([]);
  });

  it('moves a rejected mutation out of the outbox into attention with the server version', async () => {
    const db = new OtklikDb(uniqueDbName());
    const row = await writeMutation(db, 'appeal.update', { appealId: 'a1', expectedVersion: 1, patch: { summary: 'Моё' } });
    const theirs = makeAppeal({ id: 'a1', summary: 'Их', version: 2 });
    await commitPushResults(db, [{ mutationId: row.mutationId, status: 'rejected', code: 'VERSION_CONFLICT', message: 'changed', current: theirs }]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.attention.get(row.mutationId)).toMatchObject({ code: 'VERSION_CONFLICT', theirs: { summary: 'Их' } });
  });

  it('drops confirmed data on a reset but keeps the outbox and attention', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitSnapshotPage(db, page({ appeals: [makeAppeal({ id: 'a1' })], hasMore: false }), 1);
    await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Сохранить' });
    await db.attention.put({ mutationId: 99, name: 'appeal.comment', args: {}, code: 'NOT_FOUND', message: '', appealId: 'a1', theirs: null, at: '' });
    await dropConfirmedData(db);
    expect(await db.appeals.count()).toBe(0);
    expect(await db.getMeta('queueSnapshot')).toBeUndefined();
    expect(await db.getMeta('cursor')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    expect(await db.attention.count()).toBe(1);
  });

  it('wipes everything personal but keeps the device numbering', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.setMeta('clientId', 'dev-1');
    await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'т' });
    await commitSnapshotPage(db, page({ appeals: [makeAppeal({ id: 'a1' })], hasMore: false }), 1);
    await wipeLocalData(db);
    expect(await db.appeals.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.getMeta('cursor')).toBeUndefined();
    expect(await db.getMeta('clientId')).toBe('dev-1');
    expect(await db.getMeta('nextMutationId')).toBe(2);
  });

  it('re-fetches confirmed rows written under another schema version and keeps the outbox', async () => {
    const db = new OtklikDb(uniqueDbName());
    expect(await ensureSchemaVersion(db)).toBe(false); // a fresh database just records it
    await commitSnapshotPage(db, page({ appeals: [makeAppeal({ id: 'a1' })], hasMore: false }), 1);
    await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Сохранить' });
    await db.setMeta('schemaVersion', 0);
    expect(await ensureSchemaVersion(db)).toBe(true);
    expect(await db.appeals.count()).toBe(0);
    expect(await db.getMeta('cursor')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });
});
