// The production calendar data and loader against the published figures, regional overrides and the fallback.
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_REGIONS,
  CALENDAR_YEARS,
  addDays,
  endOfLocalDay,
  getCalendar,
  isWorkingDay,
  localDateOf,
  parseLocalDate,
  weekday,
} from './index.js';

function workingDaysPerMonth(year: number, regionCode?: string): number[] {
  const calendar = getCalendar(year, regionCode);
  const counts = Array.from({ length: 12 }, () => 0);
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) counts[Number(d.slice(5, 7)) - 1]! += 1;
  }
  return counts;
}

describe('federal calendar data', () => {
  it('has 2025, 2026 and 2027 and no year it cannot source', () => {
    expect(CALENDAR_YEARS).toEqual([2025, 2026, 2027]);
  });

  // The month totals the Ministry of Labour publishes for a five-day week: 247 working days each year.
  it('gives 2025 the published working days per month', () => {
    expect(workingDaysPerMonth(2025)).toEqual([17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22]);
  });

  it('gives 2026 the published working days per month', () => {
    expect(workingDaysPerMonth(2026)).toEqual([15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22]);
  });

  it('names the decree each year follows', () => {
    expect(getCalendar(2025).source).toContain('№ 1335');
    expect(getCalendar(2026).source).toContain('№ 1466');
    expect(getCalendar(2026).isFallback).toBe(false);
    expect(getCalendar(2027).source).toContain('от 17.09.2026 № 1187');
    expect(getCalendar(2027).isFallback).toBe(false);
  });

  it('keeps 1–10 January 2027 off and names the holidays, Friday 8 January included', () => {
    for (let d = '2027-01-01'; d <= '2027-01-10'; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2027-01-11')).toBe(true);
    expect(getCalendar(2027).holidayName('2027-01-07')).toBe('Рождество Христово');
    expect(getCalendar(2027).holidayName('2027-01-08')).toBe('Новогодние каникулы');
  });

  it('gives May 2027 two three-day breaks, as 1 May falls on a Saturday and 9 May on a Sunday', () => {
    for (const d of ['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-08', '2027-05-09', '2027-05-10']) expect(isWorkingDay(d), d).toBe(false);
    for (const d of ['2027-04-30', '2027-05-04', '2027-05-07', '2027-05-11']) expect(isWorkingDay(d), d).toBe(true);
    expect(getCalendar(2027).holidayName('2027-05-09')).toBe('День Победы');
    expect(getCalendar(2027).holidayName('2027-05-10')).toBeNull();
  });

  it('follows the 2027 decree: Saturday 20 February worked for Monday 22 February, 2 and 3 January moved to 5 November and 31 December', () => {
    expect(isWorkingDay('2027-02-20')).toBe(true);
    expect(isWorkingDay('2027-02-22')).toBe(false);
    expect(isWorkingDay('2027-11-05')).toBe(false);
    expect(isWorkingDay('2027-12-31')).toBe(false);
    expect(isWorkingDay('2027-06-14')).toBe(false); // 12 June is a Saturday
  });

  it('counts 247 working days in 2027, month by month', () => {
    expect(workingDaysPerMonth(2027)).toEqual([15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22]);
  });

  it('keeps 1–11 January 2026 off, including Friday 9 January moved from Saturday 3 January', () => {
    for (let d = '2026-01-01'; d <= '2026-01-11'; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-01-12')).toBe(true);
  });

  it('moves a holiday that falls on a weekend to the next working day in 2026', () => {
    expect(isWorkingDay('2026-03-09')).toBe(false); // 8 March is a Sunday
    expect(isWorkingDay('2026-05-11')).toBe(false); // 9 May is a Saturday
    expect(isWorkingDay('2026-05-08')).toBe(true); // between the May breaks
  });

  it('makes 31 December a day off in both years by transfer from January', () => {
    expect(isWorkingDay('2025-12-31')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(false);
  });

  it('makes Saturday 1 November 2025 a working day and Monday 3 November a day off', () => {
    expect(weekday('2025-11-01')).toBe(6);
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(isWorkingDay('2025-11-03')).toBe(false);
  });

  it('names a holiday and leaves a moved day off unnamed', () => {
    expect(getCalendar(2026).holidayName('2026-06-12')).toBe('День России');
    expect(getCalendar(2026).holidayName('2026-01-09')).toBeNull();
    expect(getCalendar(2026).holidayName('2026-06-15')).toBeNull();
  });
});

describe('regional overrides', () => {
  it('lists Bashkortostan and Tatarstan by ISO code', () => {
    expect(CALENDAR_REGIONS.map((r) => r.code)).toEqual(['RU-BA', 'RU-TA']);
  });

  it('makes the Constitution Day of Tatarstan a day off only in Tatarstan', () => {
    expect(isWorkingDay('2026-11-06', 'RU-TA')).toBe(false);
    expect(isWorkingDay('2026-11-06')).toBe(true);
    expect(isWorkingDay('2026-11-06', 'RU-BA')).toBe(true);
  });

  it('makes Kurban Bayram 2026 a day off in both republics', () => {
    expect(isWorkingDay('2026-05-27', 'RU-TA')).toBe(false);
    expect(isWorkingDay('2026-05-27', 'RU-BA')).toBe(false);
  });

  it('keeps the federal holidays in a region', () => {
    expect(isWorkingDay('2026-01-09', 'RU-TA')).toBe(false);
  });

  it('accepts the region code in lower case', () => {
    expect(getCalendar(2026, 'ru-ta').isWorkingDay('2026-11-06')).toBe(false);
  });

  it('treats a region with no file as the federal calendar, without a regional source', () => {
    const moscowOblast = getCalendar(2026, 'RU-MOS');
    expect(moscowOblast.regionSource).toBeNull();
    expect(moscowOblast.source).toContain('№ 1466');
    expect(moscowOblast.isWorkingDay('2026-11-06')).toBe(true);
  });

  it('gives Tatarstan 2026 three working days fewer than the federal calendar, as one of its four holidays is a Sunday', () => {
    const federal = workingDaysPerMonth(2026).reduce((a, b) => a + b, 0);
    const tatarstan = workingDaysPerMonth(2026, 'RU-TA').reduce((a, b) => a + b, 0);
    // 20 March, 27 May, 6 November fall on weekdays; 30 August is a Sunday.
    expect(federal - tatarstan).toBe(3);
    expect(getCalendar(2026, 'RU-TA').regionSource).toContain('Татарстан');
  });
});

describe('a year without data', () => {
  it('falls back to Monday–Friday and says so', () => {
    const c = getCalendar(2031);
    expect(c.isFallback).toBe(true);
    expect(c.source).toBeNull();
    expect(c.isWorkingDay('2031-01-01')).toBe(true); // a Wednesday, though surely a holiday in reality
    expect(c.isWorkingDay('2031-01-04')).toBe(false); // a Saturday
  });

  it('refuses to answer for a date outside its own year', () => {
    expect(() => getCalendar(2026).isWorkingDay('2027-01-01')).toThrow(RangeError);
  });
});

describe('local dates and time zones', () => {
  it('rejects a date that does not exist instead of rolling it over', () => {
    expect(() => parseLocalDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2026-1-1')).toThrow(RangeError);
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('adds days across a month and a year end', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('sees the next day in Vladivostok while it is still the day before in UTC and Moscow', () => {
    const instant = new Date('2026-01-11T15:30:00Z');
    expect(localDateOf(instant, 'Asia/Vladivostok')).toBe('2026-01-12');
    expect(localDateOf(instant, 'Europe/Moscow')).toBe('2026-01-11');
  });

  it('sees the previous day in Kaliningrad just after midnight in Moscow', () => {
    const instant = new Date('2026-02-02T21:30:00Z'); // 00:30 in Moscow, 23:30 in Kaliningrad
    expect(localDateOf(instant, 'Europe/Moscow')).toBe('2026-02-03');
    expect(localDateOf(instant, 'Europe/Kaliningrad')).toBe('2026-02-02');
  });

  it('ends a local day at 23:59:59.999 on that zone’s wall clock', () => {
    expect(endOfLocalDay('2026-05-13', 'Asia/Yekaterinburg').toISOString()).toBe('2026-05-13T18:59:59.999Z');
    expect(endOfLocalDay('2026-03-05', 'Europe/Kaliningrad').toISOString()).toBe('2026-03-05T21:59:59.999Z');
    expect(endOfLocalDay('2026-01-14', 'Asia/Vladivostok').toISOString()).toBe('2026-01-14T13:59:59.999Z');
  });

  it('ends a local day correctly on a daylight-saving change in a zone that has one', () => {
    // Berlin moves to summer time on 29 March 2026; the day still ends at 23:59:59.999 CEST.
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDateOf(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
  });
});
