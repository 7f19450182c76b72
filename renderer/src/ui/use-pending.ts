// Which appeals have mutations still in the outbox, for the queue's "unsent" mark.
import { useMemo } from 'react';
import type { ConsoleState } from '../store/contract.js';
import { useConsole } from './store-access.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * `pendingAppealIds` is an optional store field (not yet in contract.ts); until the store provides it,
 * only the open appeal's row is marked (its detail lists its pending mutations), while the header's
 * count covers the rest.
 */
export function usePendingAppealIds(): ReadonlySet<string> {
  const fromStore = useConsole((s) => (s as ConsoleState & { pendingAppealIds?: ReadonlySet<string> }).pendingAppealIds ?? NONE);
  const openPending = useConsole((s) => (s.detail && s.detail.pendingMutationIds.length > 0 ? s.detail.appeal.id : null));
  return useMemo(() => {
    if (openPending === null || fromStore.has(openPending)) return fromStore;
    return new Set([...fromStore, openPending]);
  }, [fromStore, openPending]);
}
