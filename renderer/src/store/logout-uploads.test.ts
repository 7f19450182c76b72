import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadRow } from '../data/attachments/rows.js';
import { OtklikDb } from '../data/db.js';
import { makeAppeal, makeSession, uniqueDbName } from '../data/testing/fixtures.js';
import { eventually, makeConsole, stopConsoles } from './testing/console-harness.js';

afterEach(stopConsoles);

const upload = (id: string, state: UploadRow['state']): UploadRow => ({
  id, appealId: 'a1', fileName: `${id}.jpg`, size: 1000, state, sent: 0, tus: null, error: null, createdAt: '2026-01-01T00:00:00.000Z',
});

describe('logout warning: photos not uploaded yet', () => {
  it('counts uploads waiting or under way in sync.pendingUploads, follows the upload queue, and is zero after logout', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.appeals.bulkPut([makeAppeal({ id: 'a1' })]);
    await db.setMeta('cursor', 10);
    await db.setMeta('session', makeSession());
    // attachment.add of these was acknowledged long ago: the outbox is empty, only the bytes are still here
    await db.uploads.bulkPut([upload('p1', 'waiting'), upload('p2', 'uploading'), upload('p3', 'done'), upload('p4', 'failed')]);
    const { store } = makeConsole(db);
    await store.getState().init();
    expect(store.getState().sync.pendingCount).toBe(0);
    await eventually(() => expect(store.getState().sync.pendingUploads).toBe(2));

    // the upload queue finishing a file, and a new photo taken
    await db.uploads.update('p2', { state: 'done' });
    await eventually(() => expect(store.getState().sync.pendingUploads).toBe(1));
    await db.uploads.put(upload('p5', 'waiting'));
    await eventually(() => expect(store.getState().sync.pendingUploads).toBe(2));

    await store.getState().logout();
    expect(await db.uploads.count()).toBe(0);
    await eventually(() => expect(store.getState().sync.pendingUploads).toBe(0));
  });

  it('starts at zero with no uploads', async () => {
    const { store } = makeConsole(new OtklikDb(uniqueDbName()));
    await store.getState().init();
    expect(store.getState().sync.pendingUploads).toBe(0);
  });
});
