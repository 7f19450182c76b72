// "Needs attention": rejected mutations with both versions, and the user's redo or discard.
import type { MutationArgsInput, MutationName } from '../../../shared/index.js';
import type { ConsoleActions, ConsoleState } from './contract.js';
import { rebaseArgs } from '../data/overlay.js';
import { rebaseAnswerSave } from '../data/workflow/answer-overlay.js';
import type { Slice } from './slice.js';

export type AttentionSlice = Pick<ConsoleState, 'attention'> & Pick<ConsoleActions, 'redo' | 'discard'>;

export const createAttentionSlice: Slice<AttentionSlice> = (rt) => (_set, get) => ({
  attention: [],

  async redo(mutationId) {
    const row = await rt.db.attention.get(mutationId);
    if (!row) return;
    // the same intent with preconditions taken from the server's version the user has now seen
    const rebased = row.name === 'answer.save' ? await rebaseAnswerSave(rt.db, row.args) : rebaseArgs(row.name, row.args, row.theirs);
    const args = rebased as MutationArgsInput<MutationName>;
    await get().mutate(row.name, args);
    await get().discard(mutationId);
  },

  async discard(mutationId) {
    await rt.db.attention.delete(mutationId);
    await rt.replica.reloadAttention();
  },
});
