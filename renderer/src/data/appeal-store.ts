// Confirmed appeals in IndexedDB: one row per appeal, plus packs of whole snapshot pages written by the first sync.
import { gzipSync } from 'fflate';
import { SNAPSHOT_PACK_SIZE, type Appeal, type AppealEvent, type Comment, type PackContent } from '../../../shared/index.js';
import type { OtklikDb } from './db.js';
import { unpackContent } from './snapshot-decode.js';

/**
 * A run of PACK_SIZE appeals of a snapshot page stored as one record, with the comments and history lines that
 * came with them. Chromium spends about 200 µs per IndexedDB record whatever its size, so 100 000 appeal rows
 * took 20 s to write (and an own queue of 12 000 appeals another 100 000 history rows); a record per run
 * takes a few seconds. Keyed by phase and the run's first appeal id: pages go by id within a phase, so keys
 * never collide and a resumed page overwrites itself.
 */
export type AppealPackRow = { id: string } & (
  | PackContent
  /**
   * A pack as the server sent it (a 'packs' snapshot page): the gzip bytes of its PackContent JSON. Cloning 100 000
   * appeals into IndexedDB cost a first sync more than anything else; bytes are stored as they are, and unpacked
   * (and parsed) when their appeals are wanted.
   */
  | { gzip: Uint8Array }
);

/**
 * What a pack holds, parsed and checked here (a pack's contents are stored as they came). One that does not unpack or
 * does not pass the schema (never expected of our server) counts as empty, and says so in the log, rather than
 * breaking every read that touches it.
 */
export function packContent(row: AppealPackRow): PackContent {
  if (!('gzip' in row)) return row;
  try {
    return unpackContent(row.gzip);
  } catch (error) {
    console.error(`appeal pack ${row.id} is unreadable`, error);
    return { appeals: [], comments: [], events: [] };
  }
}

/** The ids of one pack, kept apart so finding an appeal's pack does not read every pack's appeals. */
export interface AppealPackIdsRow {
  id: string;
  ids: string[];
}

/** Where a packed appeal is: appeal id → pack key. */
export type PackIndex = Map<string, string>;

/**
 * Every table an appeal lives in; a transaction that reads or writes confirmed appeals takes them all.
 * A row in `appeals` is newer than any packed copy (packs are written once, by the first sync; every later
 * change arrives as a row), so rows win and packs are only read for ids that have no row.
 */
export function appealTables(db: OtklikDb) {
  return [db.appeals, db.appealPacks, db.appealPackIds];
}

export async function putAppealRows(db: OtklikDb, appeals: readonly Appeal[]): Promise<void> {
  if (appeals.length > 0) await db.appeals.bulkPut([...appeals]);
}

/**
 * Appeals per pack. One record of a whole 2 000-appeal page cost three times as much to write as twenty of
 * 100 in Chromium (values that large are wrapped and written apart), and a small pack is also quicker to read
 * when one appeal or its history is wanted.
 */
export const PACK_SIZE = SNAPSHOT_PACK_SIZE;

/** Writes a snapshot page as packs of PACK_SIZE appeals; false when the page had none. */
export async function putAppealPacks(
  db: OtklikDb,
  phase: string,
  appeals: readonly Appeal[],
  comments: readonly Comment[] = [],
  events: readonly AppealEvent[] = [],
): Promise<boolean> {
  if (appeals.length === 0) return false;
  const packOf = new Map<string, number>();
  const packs: ({ id: string } & PackContent)[] = [];
  for (let i = 0; i < appeals.length; i += PACK_SIZE) {
    const run = appeals.slice(i, i + PACK_SIZE);
    for (const a of run) packOf.set(a.id, packs.length);
    packs.push({ id: `${phase}:${run[0]!.id}`, appeals: run, comments: [], events: [] });
  }
  for (const c of comments) {
    const at = packOf.get(c.appealId);
    if (at !== undefined) packs[at]!.comments.push(c);
  }
  for (const e of events) {
    const at = packOf.get(e.appealId);
    if (at !== undefined) packs[at]!.events.push(e);
  }
  await db.appealPacks.bulkPut(packs);
  await db.appealPackIds.bulkPut(packs.map((p) => ({ id: p.id, ids: p.appeals.map((a) => a.id) })));
  return true;
}

/** Stores a packed snapshot page's packs as they came; false when the page had none. */
export async function putPackedPacks(db: OtklikDb, phase: string, packs: readonly { ids: string[]; gzip: Uint8Array }[]): Promise<boolean> {
  if (packs.length === 0) return false;
  const rows = packs.map((p) => ({ id: `${phase}:${p.ids[0]!}`, ids: p.ids, gzip: p.gzip }));
  await db.appealPacks.bulkPut(rows.map(({ id, gzip }) => ({ id, gzip })));
  await db.appealPackIds.bulkPut(rows.map(({ id, ids }) => ({ id, ids })));
  return true;
}

export async function readPackIndex(db: OtklikDb): Promise<PackIndex> {
  const index: PackIndex = new Map();
  await db.appealPackIds.each((row) => {
    for (const id of row.ids) index.set(id, row.id);
  });
  return index;
}

/** A pack index read once and kept by its owner until packs change (then `index` is set back to null). */
export interface PackIndexCache {
  index: PackIndex | null;
}

/** The confirmed appeals of these ids, undefined where none is held; `cache` saves re-reading the pack index. */
export async function getAppeals(db: OtklikDb, ids: readonly string[], cache: PackIndexCache = { index: null }): Promise<(Appeal | undefined)[]> {
  return db.transaction('r', appealTables(db), async () => {
    const rows = await db.appeals.bulkGet([...ids]);
    const missing = ids.filter((_, i) => rows[i] === undefined);
    if (missing.length === 0 || (await db.appealPackIds.count()) === 0) return rows;
    const where = (cache.index ??= await readPackIndex(db));
    const packKeys = [...new Set(missing.flatMap((id) => where.get(id) ?? []))];
    if (packKeys.length === 0) return rows;
    const found = new Map<string, Appeal>();
    const wanted = new Set(missing);
    for (const pack of await db.appealPacks.bulkGet(packKeys)) {
      if (!pack) continue;
      for (const a of packContent(pack).appeals) if (wanted.has(a.id)) found.set(a.id, a);
    }
    return rows.map((row, i) => row ?? found.get(ids[i]!));
  });
}

/**
 * An appeal's comments and history lines: rows (from pulls and `sync:history`) and what its snapshot pack
 * carried, one copy per id (the row wins).
 */
export async function readHistory(db: OtklikDb, appealId: string, cache: PackIndexCache = { index: null }): Promise<{ comments: Comment[]; events: AppealEvent[] }> {
  return db.transaction('r', [db.comments, db.events, db.appealPacks, db.appealPackIds], async () => {
    const [comments, events] = await Promise.all([db.comments.where('appealId').equals(appealId).toArray(), db.events.where('appealId').equals(appealId).toArray()]);
    if ((await db.appealPackIds.count()) === 0) return { comments, events };
    const key = (cache.index ??= await readPackIndex(db)).get(appealId);
    const row = key === undefined ? undefined : await db.appealPacks.get(key);
    if (!row) return { comments, events };
    const pack = packContent(row);
    const seenComments = new Set(comments.map((c) => c.id));
    const seenEvents = new Set(events.map((e) => e.id));
    return {
      comments: [...comments, ...pack.comments.filter((c) => c.appealId === appealId && !seenComments.has(c.id))],
      events: [...events, ...pack.events.filter((e) => e.appealId === appealId && !seenEvents.has(e.id))],
    };
  });
}

/** Whether a confirmed appeal of this id is held. */
export async function holdsAppeal(db: OtklikDb, id: string): Promise<boolean> {
  const [appeal] = await getAppeals(db, [id]);
  return appeal !== undefined;
}

/**
 * Every held appeal, in chunks (rows first, then one pack at a time); a packed copy is skipped when the
 * appeal has a row. Each chunk is read in its own transaction, so the caller may yield between them; it
 * stops early when `onChunk` answers false.
 */
export async function forEachAppealChunk(db: OtklikDb, chunkSize: number, onChunk: (appeals: Appeal[]) => Promise<boolean>): Promise<void> {
  const withRows = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const chunk: Appeal[] =
      after === null ? await db.appeals.orderBy('id').limit(chunkSize).toArray() : await db.appeals.where('id').above(after).limit(chunkSize).toArray();
    for (const a of chunk) withRows.add(a.id);
    if (chunk.length > 0 && !(await onChunk(chunk))) return;
    if (chunk.length < chunkSize) break;
    after = chunk[chunk.length - 1]!.id;
  }
  const packKeys = (await db.appealPacks.toCollection().primaryKeys()) as string[];
  for (const key of packKeys) {
    const pack = await db.appealPacks.get(key);
    const appeals = (pack ? packContent(pack).appeals : []).filter((a) => !withRows.has(a.id));
    if (appeals.length > 0 && !(await onChunk(appeals))) return;
  }
}

/** Every held appeal at once (rows win over packed copies). */
export async function readAllAppeals(db: OtklikDb): Promise<Appeal[]> {
  return db.transaction('r', appealTables(db), async () => {
    const [rows, packs] = await Promise.all([db.appeals.toArray(), db.appealPacks.toArray()]);
    const withRows = new Set(rows.map((a) => a.id));
    for (const pack of packs) for (const a of packContent(pack).appeals) if (!withRows.has(a.id)) rows.push(a);
    return rows;
  });
}

/** How many appeals are held. */
export async function countAppeals(db: OtklikDb): Promise<number> {
  return (await readAllAppeals(db)).length;
}

/**
 * Removes appeals from rows and packs alike: an evicted appeal's personal data must not stay behind inside
 * a pack (152-ФЗ). Must run inside a transaction over `appealTables`.
 */
export async function deleteAppealsEverywhere(db: OtklikDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.appeals.bulkDelete([...ids]);
  if ((await db.appealPackIds.count()) === 0) return;
  const gone = new Set(ids);
  const touched = (await db.appealPackIds.toArray()).filter((row) => row.ids.some((id) => gone.has(id)));
  for (const row of touched) {
    const stored = await db.appealPacks.get(row.id);
    const pack = stored ? packContent(stored) : { appeals: [], comments: [], events: [] };
    const ids = row.ids.filter((id) => !gone.has(id));
    if (ids.length === 0) {
      await db.appealPacks.delete(row.id);
      await db.appealPackIds.delete(row.id);
      continue;
    }
    const kept: PackContent = {
      appeals: pack.appeals.filter((a) => !gone.has(a.id)),
      comments: pack.comments.filter((c) => !gone.has(c.appealId)),
      events: pack.events.filter((e) => !gone.has(e.appealId)),
    };
    // a pack that came compressed stays compressed (in a form the next read unpacks the same way)
    const next: AppealPackRow = stored && 'gzip' in stored ? { id: row.id, gzip: gzipSync(new TextEncoder().encode(JSON.stringify(kept)), { level: 1 }) } : { id: row.id, ...kept };
    await db.appealPacks.put(next);
    await db.appealPackIds.put({ id: row.id, ids });
  }
}
