// Dexie version 3 (field photos) opens what consoles of versions 1 and 2 left behind, and its tables take attachment rows.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { OtklikDb, SCHEMA_HISTORY } from '../db.js';
import { makeAppeal, uniqueDbName } from '../testing/fixtures.js';
import { commitPullPage } from '../sync-writes.js';
import type { Attachment } from '../../../../shared/index.js';

async function writeAtVersion(name: string, version: number, fill: (db: Dexie) => Promise<void>) {
  const old = new Dexie(name);
  for (const step of SCHEMA_HISTORY.filter((s) => s.version <= version)) old.version(step.version).stores(step.stores);
  await old.open();
  await fill(old);
  old.close();
}

const attachment = (over: Partial<Attachment> = {}): Attachment => ({
  id: 'att-1', appealId: 'v-appeal', kind: 'before', sha256: 'a'.repeat(64), size: 10, type: 'image/jpeg', fileName: 'a.jpg',
  takenAt: null, gps: null, thumbnail: null, authorId: 'u', authorName: 'Полевой', createdAt: '2026-01-01T00:00:00.000Z', uploadedAt: null, ...over,
});

describe('local database version 3 (attachments)', () => {
  for (const version of [1, 2]) {
    it(`upgrades version ${version} data keeping appeals, outbox and meta, with empty attachment tables`, async () => {
      const name = uniqueDbName();
      await writeAtVersion(name, version, async (old) => {
        await old.table('appeals').put(makeAppeal({ id: 'v-appeal' }));
        await old.table('outbox').add({ mutationId: 1, name: 'appeal.comment', args: { appealId: 'v-appeal', commentId: 'c', text: 'т' }, status: 'pending', createdAt: '2026-01-01T00:00:00.000Z', appealId: 'v-appeal', seq: null });
        await old.table('meta').put({ key: 'cursor', value: 7 });
      });
      const db = new OtklikDb(name);
      expect((await db.appeals.get('v-appeal'))?.id).toBe('v-appeal');
      expect(await db.outbox.count()).toBe(1);
      expect(await db.getMeta('cursor')).toBe(7);
      expect(db.verno).toBeGreaterThanOrEqual(3);
      expect(await db.attachments.count()).toBe(0);
      await db.uploads.put({ id: 'att-1', appealId: 'v-appeal', fileName: 'a.jpg', size: 10, state: 'waiting', sent: 0, tus: null, error: null, createdAt: '2026-01-01T00:00:00.000Z' });
      expect((await db.uploads.where('state').equals('waiting').first())?.id).toBe('att-1');
      db.close();
    });
  }

  it('keeps the newest row of an attachment a pull brings, and drops attachments of an evicted appeal', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.appeals.put(makeAppeal({ id: 'v-appeal' }));
    await commitPullPage(db, {
      changes: [
        { seq: 1, type: 'attachment', attachment: attachment() },
        { seq: 2, type: 'attachment', attachment: attachment({ uploadedAt: '2026-01-01T00:01:00.000Z' }) },
      ],
      cursor: 2, hasMore: false, lastMutationId: 0,
    });
    expect((await db.attachments.get('att-1'))?.uploadedAt).toBe('2026-01-01T00:01:00.000Z');
    await commitPullPage(db, { changes: [{ seq: 3, type: 'evict', appealId: 'v-appeal' }], cursor: 3, hasMore: false, lastMutationId: 0 });
    expect(await db.attachments.count()).toBe(0);
  });
});
