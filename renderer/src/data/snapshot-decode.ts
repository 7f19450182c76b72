// Snapshot pages the server sent gzip-compressed (SnapshotRequest.encoding 'gzip'), unpacked by the browser's own DecompressionStream.
import { SnapshotResponse, type PackedSnapshotResponse } from '../../../shared/index.js';

/** The page inside a packed answer, parsed like any other; an old server's plain JSON page passes through. */
export async function decodeSnapshotPage(value: SnapshotResponse | PackedSnapshotResponse): Promise<{ ok: true; page: SnapshotResponse } | { ok: false; message: string }> {
  if (!('gzip' in value)) return { ok: true, page: value };
  let json: unknown;
  try {
    const bytes = value.gzip instanceof ArrayBuffer ? new Uint8Array(value.gzip) : value.gzip;
    json = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
  } catch (error) {
    return { ok: false, message: `snapshot page not readable: ${(error as Error).message}` };
  }
  const parsed = SnapshotResponse.safeParse(json);
  return parsed.success ? { ok: true, page: parsed.data } : { ok: false, message: `snapshot page malformed: ${parsed.error.issues[0]?.message ?? ''}` };
}
