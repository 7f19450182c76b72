// Builds a console store from its slices over given dependencies (the app's singleton, or fakes in tests).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAttentionSlice } from './attention-slice.js';
import type { ConsoleStore } from './contract.js';
import { createDetailSlice } from './detail-slice.js';
import { createQueueSlice } from './queue-slice.js';
import { ConsoleRuntime, type ConsoleDeps } from './runtime.js';
import { createSessionSlice } from './session-slice.js';
import { createSyncSlice } from './sync-slice.js';
import { createWorkflowSlice } from './workflow-slice.js';

export type { ConsoleStore } from './contract.js';
export type { ConsoleDeps } from './runtime.js';

/** A console store over the given database, bridge and network (tests pass fakes). */
export function createConsoleStore(deps: ConsoleDeps): StoreApi<ConsoleStore> & { runtime: ConsoleRuntime } {
  const rt = new ConsoleRuntime(deps);
  const api = createStore<ConsoleStore>()((...a) => ({
    ...createSessionSlice(rt)(...a),
    ...createSyncSlice(rt)(...a),
    ...createQueueSlice(rt)(...a),
    ...createDetailSlice(rt)(...a),
    ...createAttentionSlice(rt)(...a),
    ...createWorkflowSlice(rt)(...a),
  }));
  rt.attach(api);
  return Object.assign(api, { runtime: rt });
}

