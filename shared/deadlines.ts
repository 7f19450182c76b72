// First-reaction and resolution deadlines from priority, kind, category and the organisation's calendar (issue 4 §2).
import type { AppealKind, Category, Priority } from './domain.js';
import { DomainError, type ErrorCode } from './errors.js';
import { addDays, endOfLocalDay, getCalendar, localDateOf, yearOf, type LocalDate } from './calendar/index.js';

/*
 * Decisions, each from domain.md's SLA table and where it is silent, our reading:
 *
 * - First reaction is counted in calendar hours, round the clock, for every class: 1 h for
 *   emergency, 8 h otherwise. Social-network appeals are public and citizens wait at weekends too;
 *   the table says "hours", not "working hours".
 * - Working-day terms (fast_track 2–8, incident 10 by default) start the day after the appeal is
 *   received, in the organisation's time zone, as Russian terms do (ГК РФ ст. 191): the day of
 *   receipt never counts, even when received at 08:00. Day 1 is the first working day after it.
 * - Formal appeals (59-ФЗ ст. 12): 30 calendar days from the day after receipt; when the 30th day is
 *   not a working day the term ends on the next working day (ГК РФ ст. 193, which courts and the
 *   prosecutor's office apply to 59-ФЗ). The extension adds 30 calendar days to the original 30th
 *   day (so day 60), then the same rule.
 * - A deadline is the end of its last day on the organisation's wall clock (23:59:59.999 local),
 *   stored as a UTC instant. An answer sent at any moment of that day is on time.
 * - Emergency resolution has no fixed term ("as the situation requires"): null.
 * - Regional holidays count when the organisation's region has overrides (regionCode).
 */

export const FIRST_REACTION_HOURS: Readonly<Record<Priority, number>> = { emergency: 1, fast_track: 8, standard: 8 };

/**
 * Fast-track resolution in working days per category when the admin has not set one. Threats to
 * life come first: gas, fire, a building falling (safety), no heating or water (housing), a sick
 * person without care (health).
 */
export const FAST_TRACK_DEFAULT_DAYS: Readonly<Record<Category, number>> = {
  safety: 2,
  housing: 2,
  health: 2,
  roads: 3,
  waste: 3,
  ecology: 3,
  improvement: 5,
  education: 5,
  social: 5,
  other: 5,
};
export const FAST_TRACK_MIN_DAYS = 2;
export const FAST_TRACK_MAX_DAYS = 8;
export const FORMAL_TERM_DAYS = 30;
export const FORMAL_EXTENSION_DAYS = 30;
export const INCIDENT_DEFAULT_WORKING_DAYS = 10;

export interface DeadlineInput {
  /** ISO instant the appeal was received. */
  receivedAt: string;
  priority: Priority;
  kind: AppealKind;
  /** null before triage; fast-track then takes the `other` default. */
  category: Category | null;
  /** IANA zone of the organisation, e.g. "Asia/Vladivostok". */
  timezone: string;
  /** ISO 3166-2 code of the region whose holidays apply (e.g. "RU-TA"); none → federal only. */
  regionCode?: string | null;
  /** Fast-track working days set for the category by the admin (2–8). */
  categoryResolutionDays?: number | null;
  /** Working days for a standard incident (default 10). */
  incidentResolutionWorkingDays?: number | null;
  /** The formal term has been extended by 30 days. */
  extended?: boolean;
}

export interface Deadlines {
  firstReactionDueAt: string;
  /** null for emergencies: no fixed term. */
  resolutionDueAt: string | null;
  /** Years consulted that had no calendar data (Monday–Friday assumed); the console says so. */
  calendarFallbackYears: number[];
}

/** Walks local dates with one region's calendar, remembering which years had no data. */
class CalendarWalk {
  readonly fallbackYears = new Set<number>();
  constructor(private readonly regionCode: string | null) {}

  isWorkingDay(date: LocalDate): boolean {
    const calendar = getCalendar(yearOf(date), this.regionCode);
    if (calendar.isFallback) this.fallbackYears.add(calendar.year);
    return calendar.isWorkingDay(date);
  }

  /** The `n`th working day after `date` (which itself never counts). */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let d = date;
    for (let counted = 0; counted < n; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted += 1;
    }
    return d;
  }

  /** `date` itself when it is a working day, else the next one. */
  onOrNextWorkingDay(date: LocalDate): LocalDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
}

function parseInstant(iso: string, what: string): Date {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError(`${what} is not an instant: ${iso}`);
  return t;
}

function checkDays(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** The last local day of the resolution term, or null when there is none. */
function resolutionLastDay(input: DeadlineInput, received: LocalDate, walk: CalendarWalk): LocalDate | null {
  if (input.priority === 'emergency') return null;
  if (input.priority === 'fast_track') {
    const days = input.categoryResolutionDays ?? FAST_TRACK_DEFAULT_DAYS[input.category ?? 'other'];
    return walk.addWorkingDays(received, checkDays(days, FAST_TRACK_MIN_DAYS, FAST_TRACK_MAX_DAYS, 'fast-track days'));
  }
  if (input.kind === 'formal') {
    const days = FORMAL_TERM_DAYS + (input.extended ? FORMAL_EXTENSION_DAYS : 0);
    return walk.onOrNextWorkingDay(addDays(received, days));
  }
  const days = input.incidentResolutionWorkingDays ?? INCIDENT_DEFAULT_WORKING_DAYS;
  // A quarter of a year in working days is far beyond any sensible setting; more is a typo.
  return walk.addWorkingDays(received, checkDays(days, 1, 60, 'incident working days'));
}

/** Both deadlines of an appeal. Throws RangeError on a bad instant, zone or day count. */
export function computeDeadlines(input: DeadlineInput): Deadlines {
  const receivedAt = parseInstant(input.receivedAt, 'receivedAt');
  const received = localDateOf(receivedAt, input.timezone);
  const walk = new CalendarWalk(input.regionCode ?? null);
  const firstReactionDueAt = new Date(receivedAt.getTime() + FIRST_REACTION_HOURS[input.priority] * 3_600_000);
  const lastDay = resolutionLastDay(input, received, walk);
  return {
    firstReactionDueAt: firstReactionDueAt.toISOString(),
    resolutionDueAt: lastDay === null ? null : endOfLocalDay(lastDay, input.timezone).toISOString(),
    calendarFallbackYears: [...walk.fallbackYears].sort((a, b) => a - b),
  };
}

/** null when the appeal's term may be extended with this reason; otherwise why not. */
export function checkExtension(input: DeadlineInput, reason: string | null): { code: ErrorCode; message: string } | null {
  if (input.priority !== 'standard' || input.kind !== 'formal') {
    return { code: 'VALIDATION_FAILED', message: 'only a standard formal appeal (59-ФЗ) can be extended' };
  }
  if (input.extended) return { code: 'VALIDATION_FAILED', message: 'the term has already been extended once' };
  if (reason === null || reason.trim() === '') {
    return { code: 'VALIDATION_FAILED', message: 'an extension needs a reason (the citizen is told it)' };
  }
  return null;
}

/** The deadlines after the one 30-day extension of a formal appeal; throws DomainError when not allowed. */
export function extendDeadline(input: DeadlineInput, reason: string | null): Deadlines {
  const refusal = checkExtension(input, reason);
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  return computeDeadlines({ ...input, extended: true });
}

/** Milliseconds until `dueAt`, negative once it has passed; null when there is no deadline. */
export function timeLeft(dueAt: string | null, now: Date | string): number | null {
  if (dueAt === null) return null;
  const nowMs = typeof now === 'string' ? parseInstant(now, 'now').getTime() : now.getTime();
  return parseInstant(dueAt, 'dueAt').getTime() - nowMs;
}

export type DeadlineKind = 'first_reaction' | 'resolution';
export type DeadlineBadge = 'overdue' | 'due_soon' | 'ok';

/**
 * How close "due soon" is: one hour for a first reaction (its whole term is 1–8 hours, and the
 * assignee's console notifies one hour before), a day for a resolution (terms are days long, and a
 * day is what an operator can still act on).
 */
export const DUE_SOON_MS: Readonly<Record<DeadlineKind, number>> = {
  first_reaction: 3_600_000,
  resolution: 86_400_000,
};

/**
 * The queue badge. A deadline is the last on-time moment, so it turns overdue only after it has
 * passed. No deadline (an emergency's resolution) is 'ok': the emergency is watched by its first
 * reaction and by people, not by a term.
 */
export function deadlineBadge(dueAt: string | null, now: Date | string, kind: DeadlineKind = 'resolution'): DeadlineBadge {
  const left = timeLeft(dueAt, now);
  if (left === null) return 'ok';
  if (left < 0) return 'overdue';
  return left < DUE_SOON_MS[kind] ? 'due_soon' : 'ok';
}
