import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OtklikDb } from './db.js';
import { writeMutation } from './outbox.js';
import { Replica } from './replica.js';
import { TITLES_AHEAD } from './queue-snapshot.js';
import { commitSnapshotPage } from './sync-writes.js';
import { makeAppeal, OPERATOR, uniqueDbName } from './testing/fixtures.js';

async function seeded(appeals = [makeAppeal({ id: 'a1', category: 'housing' }), makeAppeal({ id: 'a2' })]) {
  const db = new OtklikDb(uniqueDbName());
  await commitSnapshotPage(db, { cursor: 1, phase: 'rest', appeals, comments: [], events: [], after: null, hasMore: false, total: appeals.length }, appeals.length);
  return db;
}

/** Appeals a0000… with a subject each, enough to pass the titles the packed queue holds itself. */
const withSubjects = (n: number) => Array.from({ length: n }, (_, i) => makeAppeal({ id: `a${String(i).padStart(4, '0')}`, subject: `Тема ${i}` }));

async function started(db: OtklikDb) {
  const replica = new Replica(db);
  replica.user = OPERATOR;
  await replica.loadFirstScreen();
  return replica;
}

describe('replica start', () => {
  it('has no search index at the first screen, and loads it with the rest of the appeals', async () => {
    const db = await seeded([makeAppeal({ id: 'a1', subject: 'Не вывозят мусор' }), makeAppeal({ id: 'a2', subject: 'Яма на дороге' })]);
    const replica = await started(db);
    expect(replica.search).toBeNull();
    expect(replica.searchReady).toBe(false);
    const ready = new Promise<void>((resolve) => replica.onChange((change) => change === 'search' && replica.searchReady && resolve()));
    await replica.loadRest();
    await ready;
    expect([...(replica.search?.search('мусора') ?? [])]).toEqual(['a1']);
  });

  it('starts from the packed queue when it is current, without reading every appeal', async () => {
    const db = await seeded();
    const first = await started(db);
    expect(first.fullyLoaded).toBe(true); // no packed queue yet: whole appeals were read
    await first.writeQueueSnapshot();
    first.stop();
    const second = await started(db);
    expect(second.fullyLoaded).toBe(false);
    expect(second.queueRows().map((r) => r.id)).toEqual(first.queueRows().map((r) => r.id));
    // a row paints from the packed queue alone; the whole appeal is read when asked for
    expect(second.queue.get('a1')).toEqual(first.queue.get('a1'));
    expect(second.queue.get('a1')?.number).toBeTruthy();
    const read = new Promise<readonly string[]>((resolve) => second.onChange((change, ids) => change === 'appeals' && resolve(ids)));
    expect(second.getAppeal('a1')).toBeUndefined();
    expect(await read).toEqual(['a1']);
    expect(second.getAppeal('a1')?.id).toBe('a1');
  });

  it('paints the first rows with their titles, reads the rest of the titles after them, and packs them again whole', async () => {
    const db = await seeded(withSubjects(TITLES_AHEAD + 20));
    const first = await started(db);
    await first.writeQueueSnapshot();
    first.stop();
    const second = await started(db);
    const ordered = second.queueRows();
    expect(ordered.slice(0, TITLES_AHEAD).every((r) => r.title.startsWith('Тема') && !r.titlePending)).toBe(true);
    expect(ordered.slice(TITLES_AHEAD).every((r) => r.titlePending && r.title === '')).toBe(true);
    const titled = new Promise<readonly string[]>((resolve) => second.onChange((change, ids) => change === 'appeals' && resolve(ids)));
    await second.loadRest();
    expect(await titled).toHaveLength(20);
    expect(second.queueRows().map((r) => [r.id, r.title, r.titlePending])).toEqual(first.queueRows().map((r) => [r.id, r.title, undefined]));
    // packed again: every title is there for the next start
    await second.writeQueueSnapshot();
    second.stop();
    const third = await started(db);
    await third.loadRest();
    expect(third.queueRows().map((r) => r.title)).toEqual(first.queueRows().map((r) => r.title));
  });

  it('makes the rows again from their appeals when the titles kept apart are missing', async () => {
    const db = await seeded(withSubjects(TITLES_AHEAD + 3));
    const first = await started(db);
    await first.writeQueueSnapshot();
    first.stop();
    await db.deleteMeta('queueTitles');
    const second = await started(db);
    await second.loadRest();
    expect(second.queueRows().every((r) => r.title.startsWith('Тема') && !r.titlePending)).toBe(true);
  });

  it('does not use a packed queue of an older shape (an array per column)', async () => {
    const db = await seeded();
    const first = await started(db);
    await first.writeQueueSnapshot();
    first.stop();
    const current = (await db.getMeta('queueSnapshot'))!;
    const older = { writeSeq: current.writeSeq, overlayIds: [], columns: { id: ['a1', 'a2'] } };
    await db.setMeta('queueSnapshot', older as unknown as typeof current);
    const second = await started(db);
    expect(second.fullyLoaded).toBe(true);
    expect(second.queue.get('a1')?.number).toBe(first.queue.get('a1')?.number);
  });

  it('ignores a packed queue that a later commit made stale', async () => {
    const db = await seeded();
    const first = await started(db);
    await first.writeQueueSnapshot();
    first.stop();
    await commitSnapshotPage(db, { cursor: 2, phase: 'rest', appeals: [makeAppeal({ id: 'a3' })], comments: [], events: [], after: null, hasMore: false, total: 3 }, 3);
    const second = await started(db);
    expect(second.fullyLoaded).toBe(true);
    expect(second.queueRows().map((r) => r.id).sort()).toEqual(['a1', 'a2', 'a3']);
  });

  it('recomputes rows packed with a mutation that has since left the outbox', async () => {
    const db = await seeded();
    const first = await started(db);
    await writeMutation(db, 'appeal.triage', { appealId: 'a1', category: 'roads', priority: 'standard', municipalityId: null, kind: 'incident' });
    await first.reloadOutbox();
    expect(first.queue.get('a1')?.category).toBe('roads');
    await first.writeQueueSnapshot();
    first.stop();
    await db.outbox.clear(); // rejected or discarded meanwhile
    const second = await started(db);
    expect(second.fullyLoaded).toBe(false);
    expect(second.queue.get('a1')?.category).toBe('housing');
  });
});
