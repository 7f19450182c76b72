// Deadlines as the queue shows them: which deadline is nearest, how urgent it is, and "через 3 ч" / "просрочено на 2 дня" text.
import type { TFunction } from 'i18next';
import { deadlineBadge, type Appeal } from '../../../shared/index.js';
import { nearestDeadline as nearestDueMs, nearestDeadlineKind } from '../data/queue-index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DeadlineKind = 'firstReaction' | 'resolution';
export interface Deadline {
  kind: DeadlineKind;
  dueAt: string;
  dueMs: number;
}

/** The deadline the queue sorts by (the data layer's rule), and which of the two it is. */
export function nearestDeadline(appeal: Appeal): Deadline | null {
  const dueMs = nearestDueMs(appeal);
  const kind = nearestDeadlineKind(appeal, dueMs);
  if (dueMs === null || kind === null) return null;
  return { kind, dueAt: kind === 'firstReaction' ? appeal.firstReactionDueAt! : appeal.resolutionDueAt!, dueMs };
}

export type Urgency = 'overdue' | 'near' | 'ok';

/** Overdue / near-due by the shared rule (an hour before a first reaction, a day before a resolution). */
export function urgency(deadline: Pick<Deadline, 'kind' | 'dueAt'>, nowMs: number): Urgency {
  const badge = deadlineBadge(deadline.dueAt, new Date(nowMs), deadline.kind === 'firstReaction' ? 'first_reaction' : 'resolution');
  return badge === 'due_soon' ? 'near' : badge;
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
