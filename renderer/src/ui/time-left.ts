// Deadlines as the queue shows them: which deadline is nearest, how urgent it is, and "через 3 ч" / "просрочено на 2 дня" text.
import type { TFunction } from 'i18next';
import type { Appeal, Status } from '../../../shared/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Statuses with nothing left to do: no deadline is shown for them. */
const DONE: ReadonlySet<Status> = new Set<Status>(['answered', 'closed', 'declined', 'redirected']);

export type DeadlineKind = 'firstReaction' | 'resolution';
export interface Deadline {
  kind: DeadlineKind;
  dueMs: number;
}

type DeadlineFields = Pick<Appeal, 'status' | 'firstReactionDueAt' | 'firstReactionAt' | 'resolutionDueAt'>;

/** The deadline the appeal meets next: first reaction until someone reacted, then resolution. */
export function nearestDeadline(appeal: DeadlineFields): Deadline | null {
  if (DONE.has(appeal.status)) return null;
  let best: Deadline | null = null;
  if (appeal.firstReactionDueAt && !appeal.firstReactionAt) best = { kind: 'firstReaction', dueMs: Date.parse(appeal.firstReactionDueAt) };
  if (appeal.resolutionDueAt) {
    const dueMs = Date.parse(appeal.resolutionDueAt);
    if (!best || dueMs < best.dueMs) best = { kind: 'resolution', dueMs };
  }
  return best;
}

export type Urgency = 'overdue' | 'near' | 'ok';

/**
 * Near-due when less than a quarter of the window is left, but never more than a day ahead and always
 * within the last hour — an 8-hour reaction turns amber 2 hours before, a 30-day answer a day before.
 */
export function urgency(dueMs: number, receivedMs: number, nowMs: number): Urgency {
  const left = dueMs - nowMs;
  if (left < 0) return 'overdue';
  const window = Math.max(0, dueMs - receivedMs);
  const threshold = Math.max(HOUR, Math.min(DAY, window / 4));
  return left <= threshold ? 'near' : 'ok';
}

export type TimeUnit = 'minute' | 'hour' | 'day';

/** Whole units of a duration, coarse enough to read at a glance: minutes under an hour, hours under two days, then days. */
export function splitDuration(ms: number): { unit: TimeUnit; count: number } {
  const abs = Math.abs(ms);
  if (abs < HOUR) return { unit: 'minute', count: Math.max(1, Math.floor(abs / MINUTE)) };
  if (abs < 2 * DAY) return { unit: 'hour', count: Math.floor(abs / HOUR) };
  return { unit: 'day', count: Math.floor(abs / DAY) };
}

export type TimeStyle = 'short' | 'long';

/** "3 ч" (short) or "3 часа" (long, with the language's plural forms). */
export function formatDuration(t: TFunction, ms: number, style: TimeStyle): string {
  const { unit, count } = splitDuration(ms);
  return style === 'short' ? t(`time.short_${unit}`, { count }) : t(`time.${unit}`, { count });
}

/** "через 3 ч" before the deadline, "просрочено на 2 дня" after it. */
export function formatTimeLeft(t: TFunction, dueMs: number, nowMs: number, style: TimeStyle): string {
  const left = dueMs - nowMs;
  const value = formatDuration(t, left, style);
  return left < 0 ? t('time.overdueBy', { value }) : t('time.in', { value });
}

/** "5 минут назад", "только что" — for the last sync time. */
export function formatAgo(t: TFunction, pastMs: number, nowMs: number): string {
  const ago = nowMs - pastMs;
  if (ago < MINUTE) return t('time.justNow');
  return t('time.ago', { value: formatDuration(t, ago, 'long') });
}
