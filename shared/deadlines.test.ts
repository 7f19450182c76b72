// Deadlines on real calendar cases: holidays, moved days, a republic's holiday, a year without data, far time zones.
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  checkExtension,
  computeDeadlines,
  deadlineBadge,
  extendDeadline,
  timeLeft,
  type DeadlineInput,
} from './deadlines.js';

const MOSCOW = 'Europe/Moscow';

function incident(receivedAt: string, extra: Partial<DeadlineInput> = {}): DeadlineInput {
  return { receivedAt, priority: 'standard', kind: 'incident', category: 'roads', timezone: MOSCOW, ...extra };
}
function formal(receivedAt: string, extra: Partial<DeadlineInput> = {}): DeadlineInput {
  return { receivedAt, priority: 'standard', kind: 'formal', category: 'housing', timezone: MOSCOW, ...extra };
}
function fastTrack(receivedAt: string, extra: Partial<DeadlineInput> = {}): DeadlineInput {
  return { receivedAt, priority: 'fast_track', kind: 'incident', category: 'improvement', timezone: MOSCOW, ...extra };
}

describe('first reaction', () => {
  it('gives an emergency one hour, even on New Year’s night', () => {
    const d = computeDeadlines({ ...incident('2026-01-01T00:30:00Z'), priority: 'emergency' });
    expect(d.firstReactionDueAt).toBe('2026-01-01T01:30:00.000Z');
  });

  it('gives a standard appeal eight calendar hours through a holiday night', () => {
    // Saturday 3 January, 23:00 in Moscow: due at 07:00 on Sunday, holidays notwithstanding.
    expect(computeDeadlines(incident('2026-01-03T20:00:00Z')).firstReactionDueAt).toBe('2026-01-04T04:00:00.000Z');
  });

  it('gives a fast-track appeal eight hours too', () => {
    expect(computeDeadlines(fastTrack('2026-05-09T10:00:00Z')).firstReactionDueAt).toBe('2026-05-09T18:00:00.000Z');
  });

  it('leaves the first reaction alone when the formal term is extended', () => {
    const input = formal('2026-02-07T08:00:00Z');
    expect(extendDeadline(input, 'запрошены документы в ресурсоснабжающей организации').firstReactionDueAt).toBe(
      computeDeadlines(input).firstReactionDueAt,
    );
  });
});

describe('resolution across the New Year holidays', () => {
  it('skips 31 December and 1–11 January when counting an incident’s ten working days', () => {
    // Received Monday 29 Dec 2025; day 1 is 30 Dec, then nothing until Monday 12 Jan (day 2).
    const d = computeDeadlines(incident('2025-12-29T07:00:00Z'));
    expect(d.resolutionDueAt).toBe('2026-01-22T20:59:59.999Z');
    expect(d.calendarFallbackYears).toEqual([]);
  });

  it('moves a formal appeal whose 30th day is New Year’s Eve to the first working day after the holidays', () => {
    // 1 Dec + 30 days = Wednesday 31 Dec 2025, a day off; the next working day is Monday 12 Jan 2026.
    expect(computeDeadlines(formal('2025-12-01T09:00:00Z')).resolutionDueAt).toBe('2026-01-12T20:59:59.999Z');
  });

  it('does not count Friday 9 January 2026, the day moved from Saturday 3 January', () => {
    // Received Thursday 8 Jan (a holiday): day 1 Mon 12, day 2 Tue 13.
    const d = computeDeadlines(fastTrack('2026-01-08T09:00:00Z', { categoryResolutionDays: 2 }));
    expect(d.resolutionDueAt).toBe('2026-01-13T20:59:59.999Z');
  });
});

describe('resolution across the May holidays 2026', () => {
  it('skips 1–3 and 9–11 May for an incident received on 29 April', () => {
    // Day 1 Thu 30 Apr, 2–6 are 4–8 May, 7–10 are 12–15 May.
    expect(computeDeadlines(incident('2026-04-29T09:00:00Z')).resolutionDueAt).toBe('2026-05-15T20:59:59.999Z');
  });

  it('starts a fast-track term after the first May break', () => {
    // Housing defaults to two working days: Mon 4 and Tue 5 May.
    const d = computeDeadlines(fastTrack('2026-04-30T07:00:00Z', { category: 'housing' }));
    expect(d.resolutionDueAt).toBe('2026-05-05T20:59:59.999Z');
  });

  it('moves a formal appeal whose 30th day is Monday 9 March (for Sunday 8 March) to Tuesday', () => {
    expect(computeDeadlines(formal('2026-02-07T08:00:00Z')).resolutionDueAt).toBe('2026-03-10T20:59:59.999Z');
  });

  it('keeps a formal 30th day that is a working day as it is', () => {
    // 3 Feb + 30 = Thursday 5 March.
    expect(computeDeadlines(formal('2026-02-03T08:00:00Z')).resolutionDueAt).toBe('2026-03-05T20:59:59.999Z');
  });
});

describe('a moved working day', () => {
  it('counts Saturday 1 November 2025 as a working day and skips Monday 3 November', () => {
    // Received Friday 31 Oct: day 1 Sat 1 Nov; 2–4 Nov are off; day 2 Wed 5 Nov.
    const d = computeDeadlines(fastTrack('2025-10-31T07:00:00Z', { category: 'roads', categoryResolutionDays: 2 }));
    expect(d.resolutionDueAt).toBe('2025-11-05T20:59:59.999Z');
  });

  it('uses the category default when the admin has not set days', () => {
    // Roads default to three working days: 1, 5 and 6 November.
    const d = computeDeadlines(fastTrack('2025-10-31T07:00:00Z', { category: 'roads' }));
    expect(d.resolutionDueAt).toBe('2025-11-06T20:59:59.999Z');
  });
});

describe('regional holidays', () => {
  it('adds a day for the Constitution Day of Tatarstan to a Kazan organisation’s term', () => {
    const received = '2026-11-02T07:00:00Z'; // Monday; 4 Nov is a federal holiday
    const federal = computeDeadlines(fastTrack(received, { categoryResolutionDays: 3 }));
    const kazan = computeDeadlines(fastTrack(received, { categoryResolutionDays: 3, regionCode: 'RU-TA' }));
    expect(federal.resolutionDueAt).toBe('2026-11-06T20:59:59.999Z');
    expect(kazan.resolutionDueAt).toBe('2026-11-09T20:59:59.999Z');
  });

  it('skips Kurban Bayram in Ufa, counting in Ufa’s own time zone', () => {
    const received = '2026-05-26T05:00:00Z'; // Tuesday, 10:00 in Ufa
    const ufa = { timezone: 'Asia/Yekaterinburg', categoryResolutionDays: 2 };
    expect(computeDeadlines(fastTrack(received, { ...ufa, regionCode: 'RU-BA' })).resolutionDueAt).toBe('2026-05-29T18:59:59.999Z');
    expect(computeDeadlines(fastTrack(received, ufa)).resolutionDueAt).toBe('2026-05-28T18:59:59.999Z');
  });
});

describe('a year without calendar data', () => {
  it('counts Monday–Friday in 2031 and flags the year', () => {
    const d = computeDeadlines(incident('2031-03-03T07:00:00Z'));
    expect(d.resolutionDueAt).toBe('2031-03-17T20:59:59.999Z');
    expect(d.calendarFallbackYears).toEqual([2031]);
  });

  it('flags 2028 when a term runs out of the 2027 data into it', () => {
    // 29–30 Dec 2027 are days 1–2, 31 Dec is off; Saturday 1 Jan 2028 is off, Monday 3 Jan counts under the fallback.
    const d = computeDeadlines(incident('2027-12-28T07:00:00Z'));
    expect(d.resolutionDueAt).toBe('2028-01-12T20:59:59.999Z');
    expect(d.calendarFallbackYears).toEqual([2028]);
  });

  it('counts a term running from 2026 into 2027 on both years’ data, flagging nothing', () => {
    // 29–30 Dec 2026 are days 1–2, 31 Dec 2026 to 10 Jan 2027 are off, 11 Jan is day 3
    const d = computeDeadlines(incident('2026-12-28T07:00:00Z'));
    expect(d.resolutionDueAt).toBe('2027-01-20T20:59:59.999Z');
    expect(d.calendarFallbackYears).toEqual([]);
  });

  it('flags nothing for an emergency, which never consults the calendar', () => {
    const d = computeDeadlines({ ...incident('2031-03-03T07:00:00Z'), priority: 'emergency' });
    expect(d.resolutionDueAt).toBeNull();
    expect(d.calendarFallbackYears).toEqual([]);
  });
});

describe('time zones other than Moscow', () => {
  it('counts from Monday in Vladivostok when it is still Sunday in Moscow and UTC', () => {
    const received = '2026-01-11T15:30:00Z'; // 01:30 Mon 12 Jan in Vladivostok, 18:30 Sun in Moscow
    const vladivostok = computeDeadlines(fastTrack(received, { categoryResolutionDays: 2, timezone: 'Asia/Vladivostok' }));
    const moscow = computeDeadlines(fastTrack(received, { categoryResolutionDays: 2 }));
    expect(vladivostok.resolutionDueAt).toBe('2026-01-14T13:59:59.999Z');
    expect(moscow.resolutionDueAt).toBe('2026-01-13T20:59:59.999Z');
  });

  it('counts a formal term from the Kaliningrad date when UTC is still on the day before', () => {
    // 01:00 Tue 3 Feb in Kaliningrad, 23:00 Mon 2 Feb UTC: 3 Feb + 30 = Thu 5 Mar, ending at 22:00 UTC.
    expect(computeDeadlines(formal('2026-02-02T23:00:00Z', { timezone: 'Europe/Kaliningrad' })).resolutionDueAt).toBe(
      '2026-03-05T21:59:59.999Z',
    );
  });

  it('counts from the Kaliningrad date when Moscow is already on the next day', () => {
    // 23:30 Mon 2 Feb in Kaliningrad, 00:30 Tue 3 Feb in Moscow: 2 Feb + 30 = Wed 4 Mar.
    expect(computeDeadlines(formal('2026-02-02T21:30:00Z', { timezone: 'Europe/Kaliningrad' })).resolutionDueAt).toBe(
      '2026-03-04T21:59:59.999Z',
    );
    expect(computeDeadlines(formal('2026-02-02T21:30:00Z')).resolutionDueAt).toBe('2026-03-05T20:59:59.999Z');
  });

  it('starts after the second May break in Yekaterinburg when it is still Thursday in Moscow', () => {
    // 01:00 Fri 8 May in Yekaterinburg: 9–11 May off, days 1–2 are 12–13 May. In Moscow: 8 and 12 May.
    const received = '2026-05-07T20:00:00Z';
    const yekaterinburg = computeDeadlines(fastTrack(received, { categoryResolutionDays: 2, timezone: 'Asia/Yekaterinburg' }));
    expect(yekaterinburg.resolutionDueAt).toBe('2026-05-13T18:59:59.999Z');
    expect(computeDeadlines(fastTrack(received, { categoryResolutionDays: 2 })).resolutionDueAt).toBe('2026-05-12T20:59:59.999Z');
  });
});

describe('term settings', () => {
  it('gives fast-track safety appeals two working days and uncategorised ones the `other` default of five', () => {
    const received = '2026-06-01T07:00:00Z'; // Monday
    expect(computeDeadlines(fastTrack(received, { category: 'safety' })).resolutionDueAt).toBe('2026-06-03T20:59:59.999Z');
    // 2–5 June, then 8 June (12 June is far enough not to matter).
    expect(computeDeadlines(fastTrack(received, { category: null })).resolutionDueAt).toBe('2026-06-08T20:59:59.999Z');
  });

  it('refuses fast-track days outside 2–8', () => {
    expect(() => computeDeadlines(fastTrack('2026-06-01T07:00:00Z', { categoryResolutionDays: 9 }))).toThrow(RangeError);
    expect(() => computeDeadlines(fastTrack('2026-06-01T07:00:00Z', { categoryResolutionDays: 1 }))).toThrow(RangeError);
    expect(() => computeDeadlines(fastTrack('2026-06-01T07:00:00Z', { categoryResolutionDays: 2.5 }))).toThrow(RangeError);
  });

  it('takes the configured incident term instead of ten working days', () => {
    // Monday 1 June: five working days are 2–5 and 8 June.
    expect(computeDeadlines(incident('2026-06-01T07:00:00Z', { incidentResolutionWorkingDays: 5 })).resolutionDueAt).toBe(
      '2026-06-08T20:59:59.999Z',
    );
  });

  it('gives an emergency no resolution term', () => {
    expect(computeDeadlines({ ...formal('2026-06-01T07:00:00Z'), priority: 'emergency' }).resolutionDueAt).toBeNull();
  });

  it('refuses an unparseable receipt time and an unknown time zone', () => {
    expect(() => computeDeadlines(incident('yesterday'))).toThrow(RangeError);
    expect(() => computeDeadlines(incident('2026-06-01T07:00:00Z', { timezone: 'Europe/Atlantis' }))).toThrow(RangeError);
  });
});

describe('extending a formal appeal', () => {
  it('adds thirty days to the original thirtieth day', () => {
    // 7 Feb + 60 = Wednesday 8 April.
    expect(extendDeadline(formal('2026-02-07T08:00:00Z'), 'нужен ответ подрядчика').resolutionDueAt).toBe('2026-04-08T20:59:59.999Z');
  });

  it('extends only once', () => {
    const input = formal('2026-02-07T08:00:00Z', { extended: true });
    expect(checkExtension(input, 'ещё раз')?.code).toBe('VALIDATION_FAILED');
    expect(() => extendDeadline(input, 'ещё раз')).toThrow(DomainError);
  });

  it('needs a reason', () => {
    expect(checkExtension(formal('2026-02-07T08:00:00Z'), '  ')?.code).toBe('VALIDATION_FAILED');
    expect(checkExtension(formal('2026-02-07T08:00:00Z'), null)?.code).toBe('VALIDATION_FAILED');
  });

  it('does not apply to incidents or fast-track appeals', () => {
    expect(checkExtension(incident('2026-02-07T08:00:00Z'), 'причина')?.code).toBe('VALIDATION_FAILED');
    expect(checkExtension(fastTrack('2026-02-07T08:00:00Z', { kind: 'formal' }), 'причина')?.code).toBe('VALIDATION_FAILED');
    expect(checkExtension(formal('2026-02-07T08:00:00Z'), 'причина')).toBeNull();
  });
});

describe('time left and badges', () => {
  const due = '2026-05-15T20:59:59.999Z';

  it('measures time left in milliseconds, negative once passed', () => {
    expect(timeLeft(due, new Date('2026-05-15T19:59:59.999Z'))).toBe(3_600_000);
    expect(timeLeft(due, '2026-05-15T21:00:00.999Z')).toBe(-1_000);
    expect(timeLeft(null, new Date())).toBeNull();
  });

  it('marks a resolution due soon under a day and ok beyond it', () => {
    expect(deadlineBadge(due, '2026-05-14T21:00:00Z')).toBe('due_soon');
    expect(deadlineBadge(due, '2026-05-14T20:59:59.998Z')).toBe('ok');
  });

  it('marks a first reaction due soon only in its last hour', () => {
    const firstReaction = '2026-05-15T12:00:00.000Z';
    expect(deadlineBadge(firstReaction, '2026-05-15T11:00:00.001Z', 'first_reaction')).toBe('due_soon');
    expect(deadlineBadge(firstReaction, '2026-05-15T10:59:00Z', 'first_reaction')).toBe('ok');
  });

  it('is not overdue at the deadline itself, only after it', () => {
    expect(deadlineBadge(due, due)).toBe('due_soon');
    expect(deadlineBadge(due, '2026-05-15T21:00:00.000Z')).toBe('overdue');
  });

  it('shows no alarm for an emergency without a resolution term', () => {
    expect(deadlineBadge(null, new Date())).toBe('ok');
  });
});
