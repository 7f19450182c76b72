import { describe, expect, it } from 'vitest';
import type { QueueRow } from './db.js';
import { packQueue, TITLES_AHEAD, unpackQueue, unpackTitles } from './queue-snapshot.js';

const row = (over: Partial<QueueRow>): QueueRow => ({
  id: 'a1',
  number: 'ZR-1-000001',
  title: 'Яма на дороге',
  titleFromText: false,
  due: Date.parse('2026-12-08T10:00:00Z'),
  dueKind: 'firstReaction',
  status: 'new',
  priority: 'standard',
  category: 'roads',
  channel: 'vk',
  municipalityId: 'mun-1',
  organisationId: 'org-1',
  assigneeId: 'u1',
  receivedAt: '2026-12-07T10:00:00.000Z',
  ...over,
});

describe('packed queue', () => {
  it('gives back the rows it packed, in order, with nulls, both deadline kinds and no deadline', () => {
    const rows = [
      row({}),
      row({ id: 'a2', dueKind: 'resolution', titleFromText: true, title: 'Первая строка обращения' }),
      row({ id: 'a3', due: null, dueKind: null, category: null, municipalityId: null, assigneeId: null, status: 'closed' }),
    ];
    const { snapshot: packed } = packQueue(rows, 7, ['a2']);
    expect(packed).toMatchObject({ format: 4, writeSeq: 7, overlayIds: ['a2'], count: 3, titlesFrom: 3 });
    expect(packed.coded.status.values).toEqual(['new', 'closed']);
    expect(unpackQueue(packed)).toEqual(rows);
  });

  it('keeps a title with the column separator in it to its own row', () => {
    const rows = [row({ title: 'До\u001fпосле' }), row({ id: 'a2' })];
    expect(unpackQueue(packQueue(rows, 1, []).snapshot)?.map((r) => [r.id, r.title])).toEqual([
      ['a1', 'До после'],
      ['a2', 'Яма на дороге'],
    ]);
  });

  it('packs an empty queue', () => {
    expect(unpackQueue(packQueue([], 0, []).snapshot)).toEqual([]);
  });

  it('keeps the titles past the first rows apart, read after them, and only for the snapshot they were written with', () => {
    const rows = Array.from({ length: TITLES_AHEAD + 5 }, (_, i) => row({ id: `a${i}`, title: `Тема ${i}` }));
    const { snapshot, titles } = packQueue(rows, 9, []);
    const unpacked = unpackQueue(snapshot)!;
    expect(unpacked.slice(0, TITLES_AHEAD)).toEqual(rows.slice(0, TITLES_AHEAD));
    expect(unpacked.slice(TITLES_AHEAD).every((r) => r.title === '' && r.titlePending === true)).toBe(true);
    expect(unpackTitles(snapshot, titles)).toEqual(rows.slice(TITLES_AHEAD).map((r) => r.title));
    // titles of another write, or none, are not used
    expect(unpackTitles(snapshot, { ...titles, writeSeq: 8 })).toBeNull();
    expect(unpackTitles(snapshot, undefined)).toBeNull();
    expect(unpackTitles(snapshot, { ...titles, count: titles.count - 1 })).toBeNull();
  });

  it('still reads a format-3 snapshot, every title inside', () => {
    const rows = [row({}), row({ id: 'a2', title: 'Вторая' })];
    const { snapshot } = packQueue(rows, 3, []);
    const old = { ...snapshot, format: 3 as const, titlesFrom: undefined };
    expect(unpackQueue(old)).toEqual(rows);
  });
});
