import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, QueueIndex, toQueueRow } from './queue-index.js';
import { makeAppeal } from './testing/fixtures.js';

const rowOf = (over: Parameters<typeof makeAppeal>[0]) => toQueueRow(makeAppeal(over));

describe('queue index', () => {
  it('sorts by the nearest deadline, overdue first, done appeals last', () => {
    const q = new QueueIndex();
    q.load([
      rowOf({ id: 'later', resolutionDueAt: '2026-12-10T00:00:00.000Z' }),
      rowOf({ id: 'closed', status: 'closed', resolutionDueAt: '2026-01-01T00:00:00.000Z' }),
      rowOf({ id: 'overdue', resolutionDueAt: '2026-11-01T00:00:00.000Z' }),
      rowOf({ id: 'reaction', firstReactionDueAt: '2026-11-24T00:00:00.000Z', resolutionDueAt: '2026-12-20T00:00:00.000Z' }),
    ]);
    expect(q.query({ filters: EMPTY_FILTERS, userId: null, textMatches: null }).ids).toEqual(['overdue', 'reaction', 'later', 'closed']);
  });

  it('keeps the order when single entries change', () => {
    const q = new QueueIndex();
    q.load([rowOf({ id: 'a', resolutionDueAt: '2026-12-01T00:00:00.000Z' }), rowOf({ id: 'b', resolutionDueAt: '2026-12-02T00:00:00.000Z' })]);
    q.ordered();
    q.upsert(rowOf({ id: 'b', resolutionDueAt: '2026-11-01T00:00:00.000Z' }));
    q.upsert(rowOf({ id: 'c', resolutionDueAt: '2026-11-15T00:00:00.000Z' }));
    q.remove('a');
    expect(q.ordered().map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('limits "mine" to appeals assigned to me and finds deadlines within a window', () => {
    const q = new QueueIndex();
    q.load([
      rowOf({ id: 'm', assigneeId: 'me', resolutionDueAt: '2026-11-23T12:30:00.000Z' }),
      rowOf({ id: 'o', assigneeId: 'other', resolutionDueAt: '2026-11-23T12:10:00.000Z' }),
    ]);
    expect(q.query({ filters: { ...EMPTY_FILTERS, scope: 'mine' }, userId: 'me', textMatches: null }).ids).toEqual(['m']);
    expect(q.dueBetween(Date.parse('2026-11-23T12:00:00.000Z'), Date.parse('2026-11-23T12:20:00.000Z')).map((r) => r.id)).toEqual(['o']);
  });

  it('filters and counts 100 000 appeals in well under 100 ms', () => {
    const q = new QueueIndex();
    const categories = ['roads', 'housing', 'waste', 'improvement'] as const;
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      rowOf({ id: `a${i}`, category: categories[i % 4], channel: i % 3 === 0 ? 'vk' : 'phone', resolutionDueAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }),
    );
    q.load(rows);
    const query = { filters: { ...EMPTY_FILTERS, category: ['roads' as const], channel: ['vk' as const] }, userId: null, textMatches: null };
    q.query(query); // the first pass also sorts
    const times: number[] = [];
    let result = q.query(query);
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      result = q.query(query);
      times.push(performance.now() - started);
    }
    const { ids, counts } = result;
    const median = times.sort((a, b) => a - b)[2]!;
    expect(ids.length).toBe(8334);
    expect(counts.category.roads).toBe(8334);
    expect(counts.channel.phone).toBe(16_666);
    expect(median).toBeLessThan(100);
  });
});
