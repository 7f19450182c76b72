// The Russian production calendar: yearly federal data files plus regional overrides, and the Monday–Friday fallback.
import { z } from 'zod';
import ru2025 from './ru-2025.json';
import ru2026 from './ru-2026.json';
import ru2027 from './ru-2027.json';
import regionBA from './regions/RU-BA.json';
import regionTA from './regions/RU-TA.json';
import { parseLocalDate, weekday, yearOf, type LocalDate } from './local-date.js';

export * from './local-date.js';

/*
 * Adding a year or a region is adding a JSON file and one line in FEDERAL_FILES / REGION_FILES. The
 * files are checked against these schemas when this module loads, so a typo fails every test and
 * the server start instead of silently turning a holiday into a working day.
 */
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Holiday = z.object({ date: DateOnly, name: z.string().min(1) });
const Moved = z.object({ date: DateOnly, why: z.string().min(1) });
const YearDays = z.object({
  /** Non-working public holidays (ТК РФ ст. 112 or the region's law), whatever weekday they fall on. */
  holidays: z.array(Holiday),
  /** Weekdays off because a day off was moved onto them (by decree or by ст. 112 ч. 2). */
  daysOff: z.array(Moved),
  /** Saturdays or Sundays that are working days because their day off was moved away. */
  workingDays: z.array(Moved),
});
const FederalFile = YearDays.extend({ country: z.literal('RU'), year: z.number().int(), source: z.string().min(1) });
const RegionFile = z.object({
  region: z.string().regex(/^RU-[A-Z]{2,3}$/),
  name: z.string().min(1),
  source: z.string().min(1),
  note: z.string().optional(),
  years: z.record(z.string().regex(/^\d{4}$/), YearDays),
});
type YearDays = z.infer<typeof YearDays>;

function checkYear(days: YearDays, year: number, file: string): void {
  for (const d of [...days.holidays, ...days.daysOff, ...days.workingDays]) {
    parseLocalDate(d.date); // a date that does not exist
    if (yearOf(d.date) !== year) throw new Error(`${file}: ${d.date} is not in ${year}`);
  }
  for (const w of days.workingDays) {
    if (days.holidays.some((h) => h.date === w.date) || days.daysOff.some((o) => o.date === w.date)) {
      throw new Error(`${file}: ${w.date} is both a working day and a day off`);
    }
  }
}

const FEDERAL_FILES: readonly unknown[] = [ru2025, ru2026, ru2027];
const REGION_FILES: readonly unknown[] = [regionBA, regionTA];

const federal = new Map<number, z.infer<typeof FederalFile>>();
for (const raw of FEDERAL_FILES) {
  const file = FederalFile.parse(raw);
  checkYear(file, file.year, `ru-${file.year}.json`);
  if (federal.has(file.year)) throw new Error(`two federal calendars for ${file.year}`);
  federal.set(file.year, file);
}

const regions = new Map<string, z.infer<typeof RegionFile>>();
for (const raw of REGION_FILES) {
  const file = RegionFile.parse(raw);
  for (const [year, days] of Object.entries(file.years)) checkYear(days, Number(year), `regions/${file.region}.json`);
  regions.set(file.region, file);
}

/** Years with federal data, ascending. */
export const CALENDAR_YEARS: readonly number[] = [...federal.keys()].sort((a, b) => a - b);

/** Regions with their own holidays, by ISO 3166-2 code (e.g. RU-TA for Tatarstan), with their names. */
export const CALENDAR_REGIONS: readonly { code: string; name: string }[] = [...regions.values()]
  .map((r) => ({ code: r.region, name: r.name }))
  .sort((a, b) => a.code.localeCompare(b.code));

export interface ProductionCalendar {
  year: number;
  /** The region whose overrides apply, or null for the federal calendar alone. */
  regionCode: string | null;
  /** The federal decree the year follows; null when the year has no data. */
  source: string | null;
  /** The regional law or decree; null without regional data for the year. */
  regionSource: string | null;
  /** True when the year has no federal data and every Monday–Friday counts as working. */
  isFallback: boolean;
  /** Whether `date` (a local date in this year) is a working day. */
  isWorkingDay(date: LocalDate): boolean;
  /** The holiday's name when `date` is a public (or regional) holiday, else null. */
  holidayName(date: LocalDate): string | null;
}

const cache = new Map<string, ProductionCalendar>();

/**
 * The calendar for `year`, with the region's overrides when `regionCode` has any. A region without a
 * file (most of them) simply has none, so an unknown code is not an error; CALENDAR_REGIONS lists
 * the known ones for an admin to pick from.
 */
export function getCalendar(year: number, regionCode?: string | null): ProductionCalendar {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  const code = regionCode ? regionCode.toUpperCase() : null;
  const key = `${year}:${code ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const fed = federal.get(year);
  const region = code ? regions.get(code) : undefined;
  const regional = region?.years[String(year)];

  const working = new Set<LocalDate>();
  const off = new Map<LocalDate, string | null>();
  // Federal first, then the region: a regional holiday on a federal working Saturday is still a holiday.
  for (const days of [fed, regional]) {
    if (!days) continue;
    for (const h of days.holidays) {
      off.set(h.date, h.name);
      working.delete(h.date);
    }
    for (const d of days.daysOff) {
      if (!off.has(d.date)) off.set(d.date, null);
      working.delete(d.date);
    }
    for (const w of days.workingDays) working.add(w.date);
  }

  const inYear = (date: LocalDate): void => {
    if (yearOf(date) !== year) throw new RangeError(`${date} is not in the ${year} calendar`);
  };
  const calendar: ProductionCalendar = {
    year,
    regionCode: code,
    source: fed?.source ?? null,
    regionSource: regional && region ? region.source : null,
    isFallback: fed === undefined,
    isWorkingDay(date) {
      inYear(date);
      if (working.has(date)) return true;
      if (off.has(date)) return false;
      const wd = weekday(date);
      return wd !== 0 && wd !== 6;
    },
    holidayName(date) {
      inYear(date);
      return off.get(date) ?? null;
    },
  };
  cache.set(key, calendar);
  return calendar;
}

/** Whether a local date is a working day, taking the calendar of its own year. */
export function isWorkingDay(date: LocalDate, regionCode?: string | null): boolean {
  return getCalendar(yearOf(date), regionCode).isWorkingDay(date);
}
