// Tests for the outbox mirror: atomic replace in a real folder, ordered writes, refusal of non-JSON.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxMirror, OUTBOX_MIRROR_FILE } from './outbox-mirror.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'otklik-mirror-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('outbox mirror', () => {
  it('reads null before anything was mirrored', async () => {
    expect(await createOutboxMirror(dir).read()).toBeNull();
  });

  it('writes outbox-mirror.json in the user-data folder and reads it back', async () => {
    const mirror = createOutboxMirror(dir);
    const outbox = JSON.stringify([{ mutationId: 1, name: 'appeal.comment', args: { text: 'Выехали на место' } }]);
    await mirror.write(outbox);
    expect(mirror.file).toBe(path.join(dir, OUTBOX_MIRROR_FILE));
    expect(await mirror.read()).toBe(outbox);
    expect(await readFile(mirror.file, 'utf8')).toBe(outbox);
  });

  it('leaves no temp files behind and keeps the last of many overlapping writes', async () => {
    const mirror = createOutboxMirror(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => mirror.write(JSON.stringify({ version: i }))));
    expect(JSON.parse((await mirror.read())!)).toEqual({ version: 19 });
    expect(await readdir(dir)).toEqual([OUTBOX_MIRROR_FILE]);
  });

  it('refuses text that is not JSON and keeps the previous copy', async () => {
    const mirror = createOutboxMirror(dir);
    await mirror.write('[1,2,3]');
    await expect(mirror.write('[1,2,')).rejects.toThrow(SyntaxError);
    expect(await mirror.read()).toBe('[1,2,3]');
  });

  it('is never seen half-written by a reader during a large write', async () => {
    const mirror = createOutboxMirror(dir);
    const small = JSON.stringify({ n: 'small' });
    await mirror.write(small);
    const large = JSON.stringify({ n: 'x'.repeat(5_000_000) });
    const writing = mirror.write(large);
    // a reader racing the write sees either the old or the new file, whole
    const seen = await readFile(mirror.file, 'utf8');
    expect([small, large]).toContain(seen);
    await writing;
    expect(await mirror.read()).toBe(large);
  });
});
