// Taking a photo in refuses what the server would refuse, and checks free space before storing, never dropping a photo silently.
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/index.js';
import { checkSpace, PhotoError, preparePhoto, sha256Hex } from './photo-intake.js';

const MB = 1024 * 1024;
const storage = (quota: number, usage: number) => ({ estimate: async () => ({ quota, usage }) });
const fields = { attachmentId: 'att', appealId: 'ap', kind: 'before' as const, fileName: 'x' };

describe('photo intake', () => {
  it('refuses a photo the disk has no room for, with the numbers', async () => {
    const refusal = await checkSpace(10 * MB, storage(100 * MB, 90 * MB)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PhotoError);
    expect((refusal as PhotoError).code).toBe('STORAGE_FULL');
    expect((refusal as PhotoError).detail).toEqual({ freeMb: 10, needMb: 25 });
  });

  it('takes a photo when there is room, warning when space runs low', async () => {
    expect(await checkSpace(10 * MB, storage(10_000 * MB, 0))).toMatchObject({ low: false });
    expect(await checkSpace(10 * MB, storage(200 * MB, 0))).toMatchObject({ low: true });
  });

  it('refuses types outside the allowlist and files over the limit before reading them', async () => {
    await expect(preparePhoto(new Blob(['MZ'], { type: 'application/x-msdownload' }), fields)).rejects.toMatchObject({ code: 'TYPE_NOT_ALLOWED' });
    const big = { type: 'image/jpeg', size: MAX_ATTACHMENT_BYTES + 1 } as Blob;
    await expect(preparePhoto(big, fields)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('hashes with SHA-256 in lower-case hex', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
