// Snapshot pages compressed for consoles that ask for it: the whole page as one gzip ('gzip'), or a head and packs ('packs').
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { splitSnapshotPage, type PackedSnapshotPage, type PackedSnapshotResponse, type SnapshotResponse } from '../../shared/index.js';

const gzipAsync = promisify(gzip);

/** Compressed on libuv's thread pool, so the event loop keeps serving pushes and pokes meanwhile. */
function compress(value: unknown): Promise<Buffer> {
  // level 1: on a 3 MB page it gives nearly the ratio of the default level in a fifth of the time
  return gzipAsync(Buffer.from(JSON.stringify(value)), { level: 1 });
}

export async function packSnapshot(page: SnapshotResponse): Promise<PackedSnapshotResponse> {
  return { gzip: await compress(page) };
}

/**
 * The page as a head (everything but the appeals, comments and history, plus each appeal's list fields) and packs of
 * SNAPSHOT_PACK_SIZE appeals with their comments and history lines, each compressed on its own so the console can
 * keep a pack's bytes as they came.
 */
export async function packSnapshotPacks(page: SnapshotResponse): Promise<PackedSnapshotPage> {
  const { head, contents } = splitSnapshotPage(page);
  const [headBytes, ...packBytes] = await Promise.all([compress(head), ...contents.map(compress)]);
  return {
    head: headBytes!,
    packs: contents.map((c, i) => ({ ids: c.appeals.map((a) => a.id), bytes: packBytes[i]!.length })),
    data: Buffer.concat(packBytes),
  };
}
