// Sync status for the always-visible strip, and "sync now".
import type { ConsoleActions, ConsoleState } from './contract.js';
import { INITIAL_SYNC } from './runtime.js';
import type { Slice } from './slice.js';

export type SyncSlice = Pick<ConsoleState, 'sync'> & Pick<ConsoleActions, 'syncNow'>;

export const createSyncSlice: Slice<SyncSlice> = (rt) => () => ({
  sync: INITIAL_SYNC,
  async syncNow() {
    const sync = rt.sync;
    if (!sync) return;
    sync.nudge();
    await sync.requestSync();
  },
});
