import { describe, expect, it } from 'vitest';
import type { SnapshotResponse } from '../../../shared/index.js';
import { decodeSnapshotPage } from './snapshot-decode.js';
import { makeAppeal } from './testing/fixtures.js';

const page: SnapshotResponse = { cursor: 7, phase: 'rest', appeals: [makeAppeal({ id: 'a1', subject: 'Яма у дома 5' })], comments: [], events: [], after: null, hasMore: false, total: 1 };

async function gzipped(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

describe('snapshot page decoding', () => {
  it('unpacks a gzip-compressed page into the same page, from an ArrayBuffer or a byte view', async () => {
    const bytes = await gzipped(JSON.stringify(page));
    expect(await decodeSnapshotPage({ gzip: bytes })).toEqual({ ok: true, page });
    expect(await decodeSnapshotPage({ gzip: new Uint8Array(bytes) })).toEqual({ ok: true, page });
  });

  it('passes a plain JSON page of an older server through', async () => {
    expect(await decodeSnapshotPage(page)).toEqual({ ok: true, page });
  });

  it('refuses bytes that are not gzip, and a page that does not match the schema, with a reason', async () => {
    const garbage = await decodeSnapshotPage({ gzip: new TextEncoder().encode('not gzip at all') });
    expect(garbage).toMatchObject({ ok: false, message: expect.stringContaining('not readable') });
    const wrong = await decodeSnapshotPage({ gzip: await gzipped(JSON.stringify({ ...page, cursor: -1 })) });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('malformed') });
  });
});
