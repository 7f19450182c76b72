import { describe, expect, it } from 'vitest';
import type { QueueRow } from './db.js';
import { packQueue, unpackQueue } from './queue-snapshot.js';

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
    const packed = packQueue(rows, 7, ['a2']);
    expect(packed).toMatchObject({ format: 3, writeSeq: 7, overlayIds: ['a2'], count: 3 });
    expect(packed.coded.status.values).toEqual(['new', 'closed']);
    expect(unpackQueue(packed)).toEqual(rows);
  });

  it('keeps a title with the column separator in it to its own row', () => {
    const rows = [row({ title: 'До\u001fпосле' }), row({ id: 'a2' })];
    expect(unpackQueue(packQueue(rows, 1, []))?.map((r) => [r.id, r.title])).toEqual([
      ['a1', 'До после'],
      ['a2', 'Яма на дороге'],
    ]);
  });

  it('packs an empty queue', () => {
    expect(unpackQueue(packQueue([], 0, []))).toEqual([]);
  });
});
