// A snapshot page in packs as the server sends it (server/sync/snapshot-encoding.ts), compressed with fflate: for the fake server and decoder tests.
import { gzipSync } from 'fflate';
import { splitSnapshotPage, type PackedSnapshotPage, type SnapshotResponse } from '../../../../shared/index.js';

export const gzipJson = (value: unknown): Uint8Array => gzipSync(new TextEncoder().encode(JSON.stringify(value)), { level: 1 });

export function packPage(page: SnapshotResponse): PackedSnapshotPage {
  const { head, contents } = splitSnapshotPage(page);
  const packs = contents.map(gzipJson);
  const data = new Uint8Array(packs.reduce((n, p) => n + p.length, 0));
  packs.reduce((at, p) => (data.set(p, at), at + p.length), 0);
  return { head: gzipJson(head), packs: contents.map((c, i) => ({ count: c.appeals.length, bytes: packs[i]!.length })), data };
}
