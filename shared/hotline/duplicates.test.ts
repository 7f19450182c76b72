// Duplicate detection: which earlier appeals are offered for linking and in what order.
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../entities.js';
import { findPossibleDuplicates, normaliseAddress, type DuplicateCandidate } from './duplicates.js';

let nextId = 1;
function appeal(over: Partial<Appeal>): Appeal {
  const id = `a${nextId++}`;
  return {
    id, number: `ЗРЧ-0001-${id}`, channel: 'phone', externalRef: null,
    citizen: { name: null, phone: null, email: null, handle: null },
    originalText: '', subject: '', summary: '', address: '', regionId: 'r1', municipalityId: 'm1',
    category: null, priority: 'standard', kind: 'incident', status: 'new', organisationId: 'o1',
    assigneeId: null, declineReason: null, duplicateOfId: null, consent: true,
    receivedAt: '2026-11-20T10:00:00.000Z', firstReactionDueAt: null, resolutionDueAt: null, firstReactionAt: null,
    createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', version: 1,
    ...over,
  };
}

const candidate: DuplicateCandidate = {
  text: 'Третий день не вывозят мусор, контейнеры переполнены',
  address: 'с. Берёзовка, ул. Ленина, д. 5, кв. 12',
  municipalityId: 'm1',
  settlement: 'Берёзовка',
  category: 'waste',
  receivedAt: '2026-11-23T10:00:00.000Z',
};

describe('normaliseAddress', () => {
  it('treats abbreviations, punctuation, case, ё and flat numbers as the same building', () => {
    expect(normaliseAddress('с. Берёзовка, ул. Ленина, д. 5, кв. 12')).toBe(normaliseAddress('березовка улица ленина дом 5'));
    expect(normaliseAddress('ул Ленина 5')).not.toBe(normaliseAddress('ул Ленина 7'));
  });
});

describe('findPossibleDuplicates', () => {
  it('offers an appeal about the same problem at the same address first', () => {
    const same = appeal({ address: 'Березовка, улица Ленина, дом 5', category: 'waste', originalText: 'мусор не вывозят, контейнеры переполнены' });
    const settlementOnly = appeal({ address: 'Берёзовка, ул. Мира 2', category: 'waste', originalText: 'контейнер сломан' });
    const result = findPossibleDuplicates(candidate, [settlementOnly, same]);
    expect(result.map((r) => r.appeal.id)).toEqual([same.id, settlementOnly.id]);
    expect(result[0].reasons).toEqual(['same_address', 'same_category']);
    expect(result[1].reasons).toEqual(['same_settlement', 'same_category']);
    expect(result[0].textSimilarity).toBeGreaterThan(0.3);
  });

  it('ranks the more similar text higher among appeals from the same settlement', () => {
    const close = appeal({ address: 'Берёзовка, ул. Садовая 1', category: 'waste', originalText: 'не вывозят мусор уже три дня, контейнеры переполнены' });
    const far = appeal({ address: 'Берёзовка, ул. Садовая 3', category: 'waste', originalText: 'просим новую контейнерную площадку' });
    expect(findPossibleDuplicates(candidate, [far, close]).map((r) => r.appeal.id)).toEqual([close.id, far.id]);
  });

  it('ignores appeals older than the window, another settlement, or another category elsewhere in the settlement', () => {
    const old = appeal({ address: 'Берёзовка, Ленина 5', category: 'waste', receivedAt: '2026-11-01T10:00:00.000Z' });
    const elsewhere = appeal({ address: 'Ивановка, ул. Ленина 9', category: 'waste' });
    const otherCategory = appeal({ address: 'Берёзовка, ул. Мира 2', category: 'roads', originalText: 'яма на дороге' });
    expect(findPossibleDuplicates(candidate, [old, elsewhere, otherCategory])).toEqual([]);
  });

  it('honours a different window length', () => {
    const old = appeal({ address: 'Берёзовка, Ленина 5', category: 'waste', receivedAt: '2026-11-01T10:00:00.000Z' });
    expect(findPossibleDuplicates(candidate, [old], { days: 30 })).toHaveLength(1);
  });

  it('still offers the same address under another category when the texts agree', () => {
    const mislabelled = appeal({ address: 'Берёзовка, ул. Ленина, 5', category: 'improvement', originalText: 'мусор не вывозят, контейнеры переполнены' });
    const unrelated = appeal({ address: 'Берёзовка, ул. Ленина, 5', category: 'housing', originalText: 'нет горячей воды' });
    expect(findPossibleDuplicates(candidate, [mislabelled, unrelated]).map((r) => r.appeal.id)).toEqual([mislabelled.id]);
  });

  it('skips declined appeals and appeals of another municipality', () => {
    const declined = appeal({ address: 'Берёзовка, Ленина 5', category: 'waste', status: 'declined', declineReason: 'spam' });
    const otherMunicipality = appeal({ address: 'Берёзовка, Ленина 5', category: 'waste', municipalityId: 'm2' });
    expect(findPossibleDuplicates(candidate, [declined, otherMunicipality])).toEqual([]);
  });
});
