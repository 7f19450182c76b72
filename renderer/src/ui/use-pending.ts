// Which appeals have mutations still in the outbox, for the queue's "unsent" mark.
import type { ConsoleState } from '../store/contract.js';
import { useConsole } from './store-access.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * `pendingAppealIds` is an optional store field (not yet in contract.ts): until the store provides it
 * the queue shows no per-row mark, while the header's pending count and the appeal panel still do.
 */
export function usePendingAppealIds(): ReadonlySet<string> {
  return useConsole((s) => (s as ConsoleState & { pendingAppealIds?: ReadonlySet<string> }).pendingAppealIds ?? NONE);
}
