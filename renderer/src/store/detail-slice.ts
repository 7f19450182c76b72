// The opened appeal: confirmed state with pending mutations on top, its comments (unsent ones too) and history.
import type { ConsoleActions, ConsoleState } from './contract.js';
import type { Slice } from './slice.js';

export type DetailSlice = Pick<ConsoleState, 'openAppealId' | 'detail'> & Pick<ConsoleActions, 'openAppeal'>;

export const createDetailSlice: Slice<DetailSlice> = (rt) => (set) => ({
  openAppealId: null,
  detail: null,
  async openAppeal(id) {
    set({ openAppealId: id, detail: null });
    await rt.refreshDetail();
  },
});
