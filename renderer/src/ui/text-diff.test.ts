// The conflict view's diff: word-level parts that rebuild both texts, and the list of differing appeal fields.
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/index.js';
import { changedFields, diffWords, sideOf, type DiffPart } from './text-diff.js';

const side = (parts: DiffPart[], kind: 'theirs' | 'mine') => parts.filter((p) => p.kind !== (kind === 'mine' ? 'theirs' : 'mine')).map((p) => p.text).join('');

describe('word diff', () => {
  it('marks a replaced word as theirs and mine, keeping the rest shared', () => {
    const parts = diffWords('Яма на улице Ленина у дома 5', 'Яма на улице Мира у дома 5');
    expect(parts).toEqual([
      { kind: 'same', text: 'Яма на улице ' },
      { kind: 'theirs', text: 'Ленина' },
      { kind: 'mine', text: 'Мира' },
      { kind: 'same', text: ' у дома 5' },
    ]);
  });

  it('rebuilds each side exactly from its parts', () => {
    const theirs = 'Не убран снег во дворе,\nжители жалуются третий день.';
    const mine = 'Не убран снег и лёд во дворе,\nжители жалуются.';
    const parts = diffWords(theirs, mine);
    expect(side(parts, 'theirs')).toBe(theirs);
    expect(side(parts, 'mine')).toBe(mine);
  });

  it('returns one shared part for equal texts and nothing for two empty ones', () => {
    expect(diffWords('одно и то же', 'одно и то же')).toEqual([{ kind: 'same', text: 'одно и то же' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('shows an insertion only on my side', () => {
    expect(diffWords('нет воды', 'нет горячей воды')).toEqual([
      { kind: 'same', text: 'нет ' },
      { kind: 'mine', text: 'горячей ' },
      { kind: 'same', text: 'воды' },
    ]);
  });

  it('falls back to a whole replacement for huge texts instead of hanging', () => {
    const theirs = Array.from({ length: 5000 }, (_, i) => `a${i}`).join(' ');
    const mine = Array.from({ length: 5000 }, (_, i) => `b${i}`).join(' ');
    const started = Date.now();
    const parts = diffWords(theirs, mine);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(side(parts, 'theirs')).toBe(theirs);
    expect(side(parts, 'mine')).toBe(mine);
  });
});

describe('one side of a diff', () => {
  it('joins changed words separated only by spaces into one highlighted run', () => {
    const parts = diffWords('Грунтовку размыло. Отсыпка в плане.', 'Грунтовку размыло, нужна отсыпка щебнем. Выезд в пятницу.');
    const mine = sideOf(parts, 'mine');
    expect(mine.map((r) => r.text).join('')).toBe('Грунтовку размыло, нужна отсыпка щебнем. Выезд в пятницу.');
    expect(mine.filter((r) => r.changed).map((r) => r.text)).toEqual(['размыло, нужна отсыпка щебнем. Выезд ', 'пятницу.']);
  });

  it('keeps the other side of the same diff to its own words', () => {
    const theirs = sideOf(diffWords('нет горячей воды', 'нет воды'), 'theirs');
    expect(theirs).toEqual([
      { changed: false, text: 'нет ' },
      { changed: true, text: 'горячей ' },
      { changed: false, text: 'воды' },
    ]);
  });
});

describe('changed fields', () => {
  const appeal: Appeal = {
    id: 'a1', number: 'ЗРЧ-1', channel: 'vk', externalRef: null,
    citizen: { name: 'Иван', phone: null, email: null, handle: null },
    originalText: 'текст', subject: 'Яма', summary: 'Сводка', address: 'ул. Мира', regionId: 'r1',
    municipalityId: 'm1', category: 'roads', priority: 'standard', kind: 'incident', status: 'new',
    organisationId: 'o1', assigneeId: null, declineReason: null, duplicateOfId: null, consent: false,
    receivedAt: '2026-11-23T10:00:00.000Z', firstReactionDueAt: null, resolutionDueAt: null, firstReactionAt: null,
    createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 3,
  };

  it('lists only the fields a person changed, not the version or timestamps', () => {
    const theirs = { ...appeal, version: 4, updatedAt: '2026-11-23T11:00:00.000Z', summary: 'Другая сводка', status: 'triaged' as const };
    expect(changedFields(appeal, theirs)).toEqual(['status', 'summary']);
  });

  it('compares the citizen contact by value', () => {
    expect(changedFields(appeal, { ...appeal, citizen: { ...appeal.citizen } })).toEqual([]);
    expect(changedFields(appeal, { ...appeal, citizen: { ...appeal.citizen, phone: '+79990000000' } })).toEqual(['citizen']);
  });
});
