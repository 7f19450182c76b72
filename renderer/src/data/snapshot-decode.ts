// Snapshot pages the server sent compressed: a whole page as gzip ('gzip'), or a head with packs kept as they came ('packs').
import { gunzipSync } from 'fflate';
import {
  entriesFromColumns,
  PackContent,
  SnapshotHead,
  SnapshotResponse,
  type SnapshotEntry,
  type PackedSnapshotPage,
  type PackedSnapshotResponse,
} from '../../../shared/index.js';

type Decoded<T> = { ok: true; page: T } | { ok: false; message: string };

const bytesOf = (value: ArrayBuffer | Uint8Array): Uint8Array => (value instanceof ArrayBuffer ? new Uint8Array(value) : value);

/** gzip bytes → the JSON value inside; throws on bytes that are not gzip or not JSON. */
export function gunzipJson(value: ArrayBuffer | Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(gunzipSync(bytesOf(value))));
}

/** The page inside a gzip answer (a server from before packs), parsed like any other; a plain JSON page passes through. */
export function decodeSnapshotPage(value: SnapshotResponse | PackedSnapshotResponse): Decoded<SnapshotResponse> {
  if (!('gzip' in value)) return { ok: true, page: value };
  let json: unknown;
  try {
    json = gunzipJson(value.gzip);
  } catch (error) {
    return { ok: false, message: `snapshot page not readable: ${(error as Error).message}` };
  }
  const parsed = SnapshotResponse.safeParse(json);
  return parsed.success ? { ok: true, page: parsed.data } : { ok: false, message: `snapshot page malformed: ${parsed.error.issues[0]?.message ?? ''}` };
}

/** A packed page whose head is parsed and whose packs were checked to hold exactly the head's appeals, in order. */
export interface PackedPage {
  /** The head, its entry columns made into entries. */
  head: Omit<SnapshotHead, 'entries'> & { entries: SnapshotEntry[] };
  packs: { ids: string[]; gzip: Uint8Array }[];
}

/**
 * The head is unpacked and parsed here; a pack's own contents are parsed when it is unpacked (`unpackContent`),
 * which also happens to every pack right after the first sync, when the search index is built.
 */
export function decodePackedPage(value: PackedSnapshotPage): Decoded<PackedPage> {
  let json: unknown;
  try {
    json = gunzipJson(value.head);
  } catch (error) {
    return { ok: false, message: `snapshot page not readable: ${(error as Error).message}` };
  }
  const parsed = SnapshotHead.safeParse(json);
  if (!parsed.success) return { ok: false, message: `snapshot page malformed: ${parsed.error.issues[0]?.message ?? ''}` };
  const entries = entriesFromColumns(parsed.data.entries);
  if (!entries) return { ok: false, message: 'snapshot page malformed: its entry columns do not line up' };
  const head = { ...parsed.data, entries };
  if (value.packs.reduce((n, p) => n + p.count, 0) !== entries.length) {
    return { ok: false, message: 'snapshot page malformed: its packs do not hold the appeals its head lists' };
  }
  const data = bytesOf(value.data);
  if (value.packs.reduce((n, p) => n + p.bytes, 0) !== data.length) return { ok: false, message: 'snapshot page malformed: its packs do not fill its data' };
  let at = 0;
  let entry = 0;
  // a copy each: a stored view would take the whole page's bytes with it
  const packs = value.packs.map((p) => ({ ids: entries.slice(entry, (entry += p.count)).map((e) => e.id), gzip: data.slice(at, (at += p.bytes)) }));
  return { ok: true, page: { head, packs } };
}

/** A stored pack's bytes → its appeals, comments and history lines; throws when they are not a valid pack. */
export function unpackContent(gzip: Uint8Array): PackContent {
  return PackContent.parse(gunzipJson(gzip));
}
