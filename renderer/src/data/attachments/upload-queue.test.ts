// The upload URL lives per attachment in IndexedDB (tus urlStorage), and server refusals are read by their codes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OtklikDb } from '../db.js';
import { uniqueDbName } from '../testing/fixtures.js';
import type { Attachment } from '../../../../shared/index.js';
import { DexieUrlStorage, fingerprintOf, UploadQueue, uploadErrorCode } from './upload-queue.js';

function row(id: string) {
  return { id, appealId: 'ap', fileName: `${id}.jpg`, size: 10, state: 'waiting' as const, sent: 0, tus: null, error: null, createdAt: '2026-01-01T00:00:00.000Z' };
}

/** The server's row of an attachment: its attachment.add was applied, so its bytes may go. */
function confirmed(id: string, uploadedAt: string | null): Attachment {
  return {
    id, appealId: 'ap', kind: 'before', sha256: 'a'.repeat(64), size: 10, type: 'image/jpeg', fileName: `${id}.jpg`,
    takenAt: null, gps: null, thumbnail: null, authorId: 'u', authorName: 'П', createdAt: '2026-01-01T00:00:00.000Z', uploadedAt,
  };
}

function tusError(status: number, body: string): Error {
  return Object.assign(new Error('tus: unexpected response'), { originalResponse: { getStatus: () => status, getBody: () => body } });
}

describe('tus url storage over IndexedDB', () => {
  it('keeps the upload URL per attachment across a new storage object (a restarted console) and forgets it on removal', async () => {
    const name = uniqueDbName();
    const db = new OtklikDb(name);
    await db.uploads.bulkPut([row('a1'), row('a2')]);
    const key = await new DexieUrlStorage(db).addUpload(fingerprintOf('a1'), {
      uploadUrl: 'http://server/uploads/a1', parallelUploadUrls: null, creationTime: '2026-01-01T00:00:00.000Z', size: 10, metadata: { attachmentId: 'a1' }, urlStorageKey: '',
    });
    db.close();

    const reopened = new OtklikDb(name);
    const storage = new DexieUrlStorage(reopened);
    const found = await storage.findUploadsByFingerprint(fingerprintOf('a1'));
    expect(found.map((u) => u.uploadUrl)).toEqual(['http://server/uploads/a1']);
    expect(await storage.findUploadsByFingerprint(fingerprintOf('a2'))).toEqual([]);
    expect(await storage.findUploadsByFingerprint('somebody-else')).toEqual([]);
    await storage.removeUpload(key);
    expect(await storage.findAllUploads()).toEqual([]);
    expect((await reopened.uploads.get('a1'))?.state, 'the upload row itself stays').toBe('waiting');
  });
});

describe('upload refusals', () => {
  it('reads the server code from a coded body', () => {
    expect(uploadErrorCode(tusError(460, JSON.stringify({ error: { code: 'CHECKSUM_MISMATCH', message: 'bad bytes' } })))).toEqual({ status: 460, code: 'CHECKSUM_MISMATCH', message: 'bad bytes' });
  });

  it('treats a lost link or a foreign page as no code, so the upload waits and resumes', () => {
    expect(uploadErrorCode(new Error('tus: failed to upload chunk')).code).toBeNull();
    expect(uploadErrorCode(tusError(502, '<html>Bad gateway</html>'))).toMatchObject({ status: 502, code: null });
  });
});

describe('upload queue', () => {
  it('sends nothing before the server knows the attachment, finishes at once when the same bytes are already there, and gives up on a refused attachment.add', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.uploads.bulkPut([{ ...row('known'), createdAt: '2026-01-01T00:00:01.000Z' }, { ...row('unsent'), createdAt: '2026-01-01T00:00:02.000Z' }, { ...row('refused'), createdAt: '2026-01-01T00:00:03.000Z' }]);
    await db.attachments.put(confirmed('known', '2026-01-01T00:00:05.000Z'));
    const add = (attachmentId: string) => ({ attachmentId, appealId: 'ap' });
    await db.outbox.add({ mutationId: 1, name: 'attachment.add', args: add('unsent'), status: 'pending', createdAt: '2026-01-01T00:00:00.000Z', appealId: 'ap', seq: null });
    await db.attention.put({ mutationId: 2, name: 'attachment.add', args: add('refused'), code: 'OUT_OF_SCOPE', message: 'elsewhere', appealId: 'ap', theirs: null, at: '2026-01-01T00:00:00.000Z' });

    let requests = 0;
    const queue = new UploadQueue({ db, serverUrl: () => 'http://127.0.0.1:9', accessToken: () => { requests++; return 'token'; }, refreshSession: async () => 'ok' });
    queue.start();
    await queue.kick();
    const states = Object.fromEntries((await db.uploads.toArray()).map((r) => [r.id, r.state]));
    expect(states).toEqual({ known: 'done', unsent: 'waiting', refused: 'failed' });
    expect(requests, 'no upload was attempted').toBe(0);
    expect(queue.snapshot()).toMatchObject({ total: 10, sent: 0 });
    queue.stop();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('after an attempt that ends without a server code (offline, a lost link) waits for the next kick instead of trying again at once', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const db = new OtklikDb(uniqueDbName());
    await db.uploads.put(row('photo'));
    await db.attachmentBlobs.put({ id: 'photo', appealId: 'ap', original: new Blob(['0123456789'], { type: 'image/jpeg' }), screen: null });
    await db.attachments.put(confirmed('photo', null));
    let attempts = 0;
    const queue = new UploadQueue({ db, serverUrl: () => 'http://127.0.0.1:9', accessToken: () => { attempts++; return 'token'; }, refreshSession: async () => 'ok' });
    const settled = async (count: number) => {
      await vi.waitFor(async () => expect({ attempts, state: (await db.uploads.get('photo'))?.state }).toEqual({ attempts: count, state: 'waiting' }));
      // time enough for many more attempts if a failure kicked the queue again by itself
      await new Promise((r) => setTimeout(r, 300));
    };
    queue.start();
    await settled(1);
    expect(attempts).toBe(1);
    // the browser's `online` event, a reconnect or the periodic pass
    await queue.kick();
    await settled(2);
    expect(attempts).toBe(2);
    queue.stop();
  });
});
