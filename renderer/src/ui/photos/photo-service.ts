// The console's one upload queue, wired to the store: runs while signed in, kicked by the browser's `online` event, reconnects, acknowledged pushes and new photos.
import { useSyncExternalStore } from 'react';
import { UploadQueue, type QueueSnapshot } from '../../data/attachments/upload-queue.js';
import { consoleStore } from '../store-access.js';

export const uploadQueue = new UploadQueue({
  db: consoleStore.runtime.db,
  serverUrl: () => consoleStore.getState().serverUrl,
  accessToken: () => consoleStore.runtime.session?.accessToken ?? null,
  refreshSession: () => consoleStore.runtime.refreshSession(),
});

let started = false;

/** Called once at start (main.tsx): uploads resume after a restart without opening any appeal. */
export function startPhotoService(): void {
  if (started) return;
  started = true;
  const follow = (signedIn: boolean) => (signedIn ? uploadQueue.start() : uploadQueue.stop());
  follow(consoleStore.getState().user !== null);
  consoleStore.subscribe((state, previous) => {
    if ((state.user !== null) !== (previous.user !== null)) follow(state.user !== null);
    const cameOnline = state.sync.connection === 'online' && previous.sync.connection !== 'online';
    // a push acknowledged (fewer unsent) may be the attachment.add an upload waits for
    const acknowledged = state.sync.pendingCount < previous.sync.pendingCount;
    if (state.user !== null && (cameOnline || acknowledged)) void uploadQueue.kick();
  });
  window.addEventListener('online', () => void uploadQueue.kick());
}

export function useUploadQueue(): QueueSnapshot {
  return useSyncExternalStore(
    (listener) => uploadQueue.subscribe(listener),
    () => uploadQueue.snapshot(),
  );
}
