// Time-left text in Russian and English: plural forms, rounding, overdue wording, urgency thresholds.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import type { Appeal } from '../../../shared/index.js';
import { resources } from '../i18n/index.js';
import { formatAgo, formatTimeLeft, nearestDeadline, splitDuration, urgency } from './time-left.js';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

let ruT: TFunction;
let enT: TFunction;
beforeAll(async () => {
  const make = async (lng: 'ru' | 'en') => {
    const instance = i18next.createInstance();
    await instance.init({ resources, lng, interpolation: { escapeValue: false } });
    return instance.t;
  };
  ruT = await make('ru');
  enT = await make('en');
});

describe('time left in Russian', () => {
  it.each([
    [1 * H, 'через 1 час'],
    [3 * H, 'через 3 часа'],
    [5 * H, 'через 5 часов'],
    [21 * H, 'через 21 час'],
    [22 * H, 'через 22 часа'],
    [2 * D, 'через 2 дня'],
    [5 * D, 'через 5 дней'],
    [21 * D, 'через 21 день'],
    [11 * D, 'через 11 дней'],
    [1 * MIN, 'через 1 минуту'],
    [2 * MIN, 'через 2 минуты'],
    [25 * MIN, 'через 25 минут'],
  ])('says %i ms ahead as "%s"', (ms, text) => {
    expect(formatTimeLeft(ruT, NOW + ms, NOW, 'long')).toBe(text);
  });

  it.each([
    [2 * D + 5 * H, 'просрочено на 2 дня'],
    [11 * D, 'просрочено на 11 дней'],
    [31 * D, 'просрочено на 31 день'],
    [90 * MIN, 'просрочено на 1 час'],
  ])('says %i ms past as "%s"', (ms, text) => {
    expect(formatTimeLeft(ruT, NOW - ms, NOW, 'long')).toBe(text);
  });

  it('abbreviates units in the short style used by queue rows', () => {
    expect(formatTimeLeft(ruT, NOW + 3 * H + 40 * MIN, NOW, 'short')).toBe('через 3 ч');
    expect(formatTimeLeft(ruT, NOW - 2 * D, NOW, 'short')).toBe('просрочено на 2 д');
    expect(formatTimeLeft(ruT, NOW + 10 * MIN, NOW, 'short')).toBe('через 10 мин');
  });

  it('says a past sync time as "N назад", and under a minute as "только что"', () => {
    expect(formatAgo(ruT, NOW - 5 * MIN, NOW)).toBe('5 минут назад');
    expect(formatAgo(ruT, NOW - 20 * 1000, NOW)).toBe('только что');
  });
});

describe('time left in English', () => {
  it('uses singular and plural forms', () => {
    expect(formatTimeLeft(enT, NOW + 1 * H, NOW, 'long')).toBe('in 1 hour');
    expect(formatTimeLeft(enT, NOW - 3 * D, NOW, 'long')).toBe('overdue by 3 days');
  });
});

describe('duration units', () => {
  it('counts minutes under an hour (never zero), hours under two days, then days', () => {
    expect(splitDuration(10 * 1000)).toEqual({ unit: 'minute', count: 1 });
    expect(splitDuration(59 * MIN)).toEqual({ unit: 'minute', count: 59 });
    expect(splitDuration(47 * H)).toEqual({ unit: 'hour', count: 47 });
    expect(splitDuration(-(49 * H))).toEqual({ unit: 'day', count: 2 });
  });
});

describe('urgency', () => {
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  it('is overdue once the deadline has passed', () => {
    expect(urgency({ kind: 'resolution', dueAt: at(-MIN) }, NOW)).toBe('overdue');
  });
  it('turns near-due in the last hour before a first reaction', () => {
    expect(urgency({ kind: 'firstReaction', dueAt: at(30 * MIN) }, NOW)).toBe('near');
    expect(urgency({ kind: 'firstReaction', dueAt: at(2 * H) }, NOW)).toBe('ok');
  });
  it('turns near-due on the last day before a resolution', () => {
    expect(urgency({ kind: 'resolution', dueAt: at(20 * H) }, NOW)).toBe('near');
    expect(urgency({ kind: 'resolution', dueAt: at(2 * D) }, NOW)).toBe('ok');
  });
});

describe('nearest deadline', () => {
  const base: Appeal = {
    id: 'a1', number: 'ЗРЧ-1', channel: 'vk', externalRef: null,
    citizen: { name: null, phone: null, email: null, handle: null },
    originalText: 'текст', subject: '', summary: '', address: '', regionId: 'r1', municipalityId: null,
    category: null, priority: 'standard', kind: 'incident', status: 'new', organisationId: 'o1', assigneeId: null,
    declineReason: null, duplicateOfId: null, consent: false, receivedAt: '2026-11-23T12:00:00.000Z',
    firstReactionDueAt: '2026-11-23T20:00:00.000Z', resolutionDueAt: '2026-12-23T12:00:00.000Z', firstReactionAt: null,
    createdAt: '2026-11-23T12:00:00.000Z', updatedAt: '2026-11-23T12:00:00.000Z', version: 1,
  };
  it('is the first reaction until someone reacted', () => {
    expect(nearestDeadline(base)).toMatchObject({ kind: 'firstReaction', dueAt: base.firstReactionDueAt });
    expect(nearestDeadline({ ...base, firstReactionAt: '2026-11-23T13:00:00.000Z' })).toMatchObject({ kind: 'resolution', dueAt: base.resolutionDueAt });
  });
  it('is absent for closed or declined appeals', () => {
    expect(nearestDeadline({ ...base, status: 'closed' })).toBeNull();
    expect(nearestDeadline({ ...base, status: 'declined' })).toBeNull();
  });
});
