import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { countAppeals, deleteAppealsEverywhere, forEachAppealChunk, getAppeals, holdsAppeal, PACK_SIZE, packContent, putAppealPacks, putPackedPacks, putAppealRows, readAllAppeals, readHistory, type PackIndexCache } from './appeal-store.js';
import { OtklikDb, SCHEMA_HISTORY } from './db.js';
import { splitSnapshotPage, type AppealEvent } from '../../../shared/index.js';
import { makeAppeal, uniqueDbName } from './testing/fixtures.js';
import { gzipJson } from './testing/packed-page.js';

const makeEvent = (appealId: string): AppealEvent => ({
  id: `e-${appealId}`,
  appealId,
  action: 'appeal.create',
  actorId: 'u1',
  actorName: 'Оператор',
  deviceId: null,
  changes: {},
  reason: null,
  at: '2026-01-01T00:00:00.000Z',
});

/** How a test's packs are written: as objects (a JSON snapshot page) or as the gzip bytes a packed page brought. */
let packing: 'objects' | 'gzip' = 'objects';

async function packed(db: OtklikDb, ...ids: string[]) {
  const comments = ids.map((id) => ({ id: `c-${id}`, appealId: id, authorId: 'u1', authorName: 'Оператор', text: `комментарий к ${id}`, createdAt: '2026-01-01T00:00:00.000Z' }));
  const events = ids.map((id) => ({ ...makeEvent(id), id: `e-${id}` }));
  const appeals = ids.map((id) => makeAppeal({ id, subject: `из пакета ${id}` }));
  await db.transaction('rw', [db.appealPacks, db.appealPackIds], async () => {
    if (packing === 'objects') return putAppealPacks(db, 'rest', appeals, comments, events);
    const { contents } = splitSnapshotPage({ cursor: 1, phase: 'rest', appeals, comments, events, after: null, hasMore: false, total: appeals.length });
    return putPackedPacks(db, 'rest', contents.map((c) => ({ ids: c.appeals.map((a) => a.id), gzip: gzipJson(c) })));
  });
}

describe.each(['objects', 'gzip'] as const)('appeal store: rows and snapshot packs (packs as %s)', (mode) => {
  beforeEach(() => {
    packing = mode;
  });

  it('finds packed appeals by id, and a row of the same appeal wins over its packed copy', async () => {
    const db = new OtklikDb(uniqueDbName());
    await packed(db, 'p1', 'p2', 'p3');
    await putAppealRows(db, [makeAppeal({ id: 'p2', subject: 'новее' }), makeAppeal({ id: 'r1', subject: 'строка' })]);
    const found = await getAppeals(db, ['p1', 'p2', 'r1', 'nope']);
    expect(found.map((a) => a?.subject)).toEqual(['из пакета p1', 'новее', 'строка', undefined]);
    expect((await readAllAppeals(db)).map((a) => `${a.id}:${a.subject}`).sort()).toEqual(['p1:из пакета p1', 'p2:новее', 'p3:из пакета p3', 'r1:строка']);
    expect(await countAppeals(db)).toBe(4);
    expect(await holdsAppeal(db, 'p3')).toBe(true);
    expect(await holdsAppeal(db, 'nope')).toBe(false);
  });

  it('splits a page into packs of PACK_SIZE appeals, each with its own appeals\' comments and history', async () => {
    const db = new OtklikDb(uniqueDbName());
    const ids = Array.from({ length: PACK_SIZE * 2 + 50 }, (_, i) => `a${String(i).padStart(4, '0')}`);
    await packed(db, ...ids);
    const packs = (await db.appealPacks.orderBy('id').toArray()).map(packContent);
    expect(packs.map((p) => p.appeals.length)).toEqual([PACK_SIZE, PACK_SIZE, 50]);
    for (const p of packs) expect(p.events.map((e) => e.appealId)).toEqual(p.appeals.map((a) => a.id));
    const last = ids[ids.length - 1]!;
    expect((await getAppeals(db, [last]))[0]?.subject).toBe(`из пакета ${last}`);
    expect((await readHistory(db, last)).events.map((e) => e.id)).toEqual([`e-${last}`]);
  });

  it('reads the pack index once into the cache it is given, and finds nothing through a cache from before the packs were cleared', async () => {
    const db = new OtklikDb(uniqueDbName());
    await packed(db, 'p1', 'p2');
    const cache: PackIndexCache = { index: null };
    await getAppeals(db, ['p1'], cache);
    expect([...(cache.index ?? new Map()).entries()]).toEqual([
      ['p1', 'rest:p1'],
      ['p2', 'rest:p1'],
    ]);
    await db.appealPacks.clear();
    expect(await getAppeals(db, ['p2'], cache)).toEqual([undefined]);
  });

  it('reads an appeal\'s comments and history from its pack and from rows, one copy per id', async () => {
    const db = new OtklikDb(uniqueDbName());
    await packed(db, 'p1', 'p2');
    await db.events.bulkPut([{ ...makeEvent('p1'), id: 'e-p1', reason: 'строкой' }, { ...makeEvent('p1'), id: 'e-later' }]);
    const history = await readHistory(db, 'p1');
    expect(history.comments.map((c) => c.text)).toEqual(['комментарий к p1']);
    expect(history.events.map((e) => [e.id, e.reason]).sort()).toEqual([
      ['e-later', null],
      ['e-p1', 'строкой'],
    ]);
    expect((await readHistory(db, 'p2')).events.map((e) => e.id)).toEqual(['e-p2']);
    expect(await readHistory(db, 'nope')).toEqual({ comments: [], events: [] });
  });

  it('removes an evicted appeal from its pack too, and drops a pack left empty', async () => {
    const db = new OtklikDb(uniqueDbName());
    await packed(db, 'p1', 'p2');
    await packed(db, 'q1');
    await putAppealRows(db, [makeAppeal({ id: 'p1' })]);
    await db.transaction('rw', [db.appeals, db.appealPacks, db.appealPackIds], () => deleteAppealsEverywhere(db, ['p1', 'q1']));
    expect(await holdsAppeal(db, 'p1')).toBe(false);
    expect(await db.appeals.count()).toBe(0);
    // the personal data of an appeal no longer in scope must not stay behind inside a pack
    expect(JSON.stringify((await db.appealPacks.toArray()).map(packContent))).not.toContain('из пакета p1');
    expect(JSON.stringify((await db.appealPacks.toArray()).map(packContent))).toContain('из пакета p2');
    expect(await db.appealPackIds.toArray()).toEqual([{ id: 'rest:p1', ids: ['p2'] }]);
    expect(packContent((await db.appealPacks.get('rest:p1'))!).comments.map((c) => c.appealId)).toEqual(['p2']);
    expect(packContent((await db.appealPacks.get('rest:p1'))!).events.map((e) => e.appealId)).toEqual(['p2']);
    expect(await db.appealPacks.get('rest:q1')).toBeUndefined();
    expect((await readAllAppeals(db)).map((a) => a.id)).toEqual(['p2']);
  });

  it('streams rows in chunks and then each pack without the appeals that have rows, and stops when asked', async () => {
    const db = new OtklikDb(uniqueDbName());
    await putAppealRows(db, ['r1', 'r2', 'r3', 'p2'].map((id) => makeAppeal({ id })));
    await packed(db, 'p1', 'p2', 'p3');
    const chunks: string[][] = [];
    await forEachAppealChunk(db, 2, async (chunk) => (chunks.push(chunk.map((a) => a.id)), true));
    expect(chunks).toEqual([['p2', 'r1'], ['r2', 'r3'], ['p1', 'p3']]);
    const stopped: string[][] = [];
    await forEachAppealChunk(db, 2, async (chunk) => (stopped.push(chunk.map((a) => a.id)), false));
    expect(stopped).toEqual([['p2', 'r1']]);
  });

  it('opens version 5 data (rows only) at version 6 with the rows intact and no packs', async () => {
    const name = uniqueDbName();
    const old = new Dexie(name);
    for (const step of SCHEMA_HISTORY.filter((s) => s.version <= 5)) old.version(step.version).stores(step.stores);
    await old.open();
    await old.table('appeals').put(makeAppeal({ id: 'v5-appeal' }));
    old.close();
    const db = new OtklikDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.appealPacks.count()).toBe(0);
    expect((await readAllAppeals(db)).map((a) => a.id)).toEqual(['v5-appeal']);
  });
});
