// Desktop notifications from local data: an appeal newly assigned to me, and an appeal one hour from its deadline.
import type { Appeal, User } from '../../../shared/index.js';
import type { OtklikDb } from './db.js';
import type { QueueIndex } from './queue-index.js';

export interface Notify {
  (n: { title: string; body: string; tag?: string }): Promise<void>;
}

export const DEADLINE_WARNING_MS = 60 * 60 * 1000;

/** Appeals that became mine in this pull (seen before as someone else's, or not seen at all). */
export function newlyAssigned(assigneeBefore: ReadonlyMap<string, string | null | undefined>, after: readonly Appeal[], userId: string): Appeal[] {
  return after.filter((a) => a.assigneeId === userId && assigneeBefore.get(a.id) !== userId);
}

export async function notifyAssigned(notify: Notify, appeals: readonly Appeal[]): Promise<void> {
  for (const a of appeals) {
    await notify({ title: `Вам назначено обращение ${a.number}`, body: a.subject || a.originalText.slice(0, 140), tag: `assigned:${a.id}` });
  }
}

/** Whose deadlines a user is reminded of: their own appeals, and their organisation's unassigned ones. */
function concerns(user: Pick<User, 'id' | 'organisationId'>, row: { assigneeId: string | null; organisationId: string }): boolean {
  return row.assigneeId === user.id || (row.assigneeId === null && row.organisationId === user.organisationId);
}

/**
 * Reminds once per appeal and deadline (a moved deadline reminds again); the shown ones are remembered in
 * IndexedDB so a restart does not repeat them.
 */
export async function remindDeadlines(
  db: OtklikDb,
  queue: QueueIndex,
  user: Pick<User, 'id' | 'organisationId'>,
  getAppeal: (id: string) => Appeal | undefined,
  notify: Notify,
  now: number,
): Promise<number> {
  const due = queue.dueBetween(now, now + DEADLINE_WARNING_MS).filter((r) => concerns(user, r));
  if (due.length === 0) return 0;
  const keys = due.map((r) => `deadline:${r.id}:${r.due}`);
  const seen = await db.notices.bulkGet(keys);
  let shown = 0;
  for (let i = 0; i < due.length; i++) {
    if (seen[i]) continue;
    const row = due[i]!;
    await db.notices.put({ id: keys[i]!, at: new Date(now).toISOString() });
    const appeal = getAppeal(row.id);
    const minutes = Math.max(1, Math.round((row.due! - now) / 60_000));
    await notify({
      title: `До срока ${minutes} мин: ${appeal?.number ?? row.id}`,
      body: appeal ? appeal.subject || appeal.originalText.slice(0, 140) : '',
      tag: `deadline:${row.id}`,
    });
    shown++;
  }
  return shown;
}
