// The queue: filters, the sorted and filtered ids with facet counts, reading an appeal, and making a change.
import type { ConsoleActions, ConsoleState } from './contract.js';
import { writeMutation } from '../data/outbox.js';
import { EMPTY_FILTERS } from '../data/queue-index.js';
import type { Slice } from './slice.js';

export type QueueSlice = Pick<ConsoleState, 'filters' | 'queueIds' | 'counts' | 'totalLocal' | 'revision' | 'searchReady' | 'pendingAppealIds'> &
  Pick<ConsoleActions, 'setFilters' | 'getAppeal' | 'getQueueRow' | 'mutate'>;

export const createQueueSlice: Slice<QueueSlice> = (rt) => (set) => ({
  filters: EMPTY_FILTERS,
  queueIds: [],
  counts: { status: {}, priority: {}, category: {}, channel: {}, municipalityId: {} },
  totalLocal: 0,
  revision: 0,
  searchReady: false,
  pendingAppealIds: new Set<string>(),

  setFilters(patch) {
    set((s) => ({ filters: { ...s.filters, ...patch } }));
    // synchronous: one pass over the in-memory queue, so typing never waits on IndexedDB
    rt.recomputeQueue();
  },

  getAppeal(id) {
    return rt.replica.getAppeal(id);
  },

  getQueueRow(id) {
    return rt.replica.queue.get(id);
  },

  async mutate(name, args) {
    const row = await writeMutation(rt.db, name, args);
    await rt.replica.reloadOutbox();
    void rt.outboxChanged();
    // pushed at once when online; otherwise it waits in the outbox for the next connect
    void rt.sync?.requestSync();
    return { mutationId: row.mutationId };
  },
});
