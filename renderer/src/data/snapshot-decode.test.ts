import { describe, expect, it } from 'vitest';
import { splitSnapshotPage, type SnapshotResponse } from '../../../shared/index.js';
import { decodePackedPage, decodeSnapshotPage, unpackContent } from './snapshot-decode.js';
import { makeAppeal } from './testing/fixtures.js';
import { gzipJson, packPage } from './testing/packed-page.js';

const page: SnapshotResponse = { cursor: 7, phase: 'rest', appeals: [makeAppeal({ id: 'a1', subject: 'Яма у дома 5' })], comments: [], events: [], after: null, hasMore: false, total: 1 };

async function gzipped(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

describe('snapshot page decoding', () => {
  it('unpacks a gzip-compressed page into the same page, from an ArrayBuffer or a byte view', async () => {
    const bytes = await gzipped(JSON.stringify(page));
    expect(decodeSnapshotPage({ gzip: bytes })).toEqual({ ok: true, page });
    expect(decodeSnapshotPage({ gzip: new Uint8Array(bytes) })).toEqual({ ok: true, page });
  });

  it('passes a plain JSON page of an older server through', async () => {
    expect(decodeSnapshotPage(page)).toEqual({ ok: true, page });
  });

  it('refuses bytes that are not gzip, and a page that does not match the schema, with a reason', async () => {
    const garbage = decodeSnapshotPage({ gzip: new TextEncoder().encode('not gzip at all') });
    expect(garbage).toMatchObject({ ok: false, message: expect.stringContaining('not readable') });
    const wrong = decodeSnapshotPage({ gzip: await gzipped(JSON.stringify({ ...page, cursor: -1 })) });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('malformed') });
  });
});

describe('packed snapshot page decoding', () => {
  const many: SnapshotResponse = { ...page, appeals: Array.from({ length: 150 }, (_, i) => makeAppeal({ id: `a${String(i).padStart(3, '0')}` })), total: 150 };
  const gzip = gzipJson;
  const packedPage = packPage;

  it('parses the head and cuts the data into packs that unpack to the page\'s appeals, each pack its own copy', () => {
    const decoded = decodePackedPage(packedPage(many));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.page.head.entries.map((e) => e.id)).toEqual(many.appeals.map((a) => a.id));
    expect(decoded.page.packs.map((p) => p.ids.length)).toEqual([100, 50]);
    expect(decoded.page.packs.flatMap((p) => unpackContent(p.gzip).appeals)).toEqual(many.appeals);
    // a view into the page's data would be stored with the whole page's bytes
    for (const p of decoded.page.packs) expect(p.gzip.byteLength).toBe(p.gzip.buffer.byteLength);
  });

  it('refuses a page whose packs do not hold what its head lists, or do not fill its data, or whose head is not gzip', () => {
    const good = packedPage(many);
    const fewer = { ...good, packs: good.packs.slice(1) };
    expect(decodePackedPage(fewer)).toMatchObject({ ok: false, message: expect.stringContaining('do not hold') });
    const short = { ...good, data: (good.data as Uint8Array).slice(1) };
    expect(decodePackedPage(short)).toMatchObject({ ok: false, message: expect.stringContaining('do not fill') });
    expect(decodePackedPage({ ...good, head: new TextEncoder().encode('no') })).toMatchObject({ ok: false, message: expect.stringContaining('not readable') });
    expect(decodePackedPage({ ...good, head: gzip({ cursor: 'x' }) })).toMatchObject({ ok: false, message: expect.stringContaining('malformed') });
    const { head } = splitSnapshotPage(many);
    const crooked = { ...head, entries: { ...head.entries, status: { ...head.entries.status, index: head.entries.status.index.map(() => 7) } } };
    expect(decodePackedPage({ ...good, head: gzip(crooked) })).toMatchObject({ ok: false, message: expect.stringContaining('do not line up') });
    const short2 = { ...head, entries: { ...head.entries, number: head.entries.number.slice(1) } };
    expect(decodePackedPage({ ...good, head: gzip(short2) })).toMatchObject({ ok: false, message: expect.stringContaining('do not line up') });
  });

  it('refuses to unpack a pack whose contents are not appeals', () => {
    expect(() => unpackContent(gzip({ appeals: [{ id: 'x' }], comments: [], events: [] }))).toThrow();
    expect(() => unpackContent(new TextEncoder().encode('not gzip'))).toThrow();
  });
});
