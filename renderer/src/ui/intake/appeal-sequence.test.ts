// Per-console numbering: every number taken is new, even after the stored counter is lost.
import { describe, expect, it } from 'vitest';
import { makeAppealNumber } from '../../../../shared/hotline/appeal-number.js';
import { nextSequence, takeSequence, type SequenceStorage } from './appeal-sequence.js';

function memoryStorage(): SequenceStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

describe('takeSequence', () => {
  it('counts from one and never gives the same number twice', () => {
    const storage = memoryStorage();
    expect([1, 2, 3].map(() => takeSequence(storage, 'console-a', []))).toEqual([1, 2, 3]);
  });

  it('keeps a separate counter per console', () => {
    const storage = memoryStorage();
    takeSequence(storage, 'console-a', []);
    expect(takeSequence(storage, 'console-b', [])).toBe(1);
  });

  it('continues after the highest number this console already issued when the counter was lost', () => {
    const issued = [5, 41, 7].map((seq) => makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'console-a', seq }));
    expect(takeSequence(memoryStorage(), 'console-a', issued)).toBe(42);
  });

  it('ignores numbers issued by other consoles and numbers of another shape', () => {
    const others = [makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'console-b', seq: 900 }), 'ЗРЧ-2025-00017', 'free text'];
    expect(nextSequence(3, others, 'XXXXXXX')).toBe(4);
  });

  it('treats a damaged counter as absent', () => {
    const storage = memoryStorage();
    storage.setItem('otklik.appealSeq.console-a', 'garbage');
    expect(takeSequence(storage, 'console-a', [])).toBe(1);
  });
});
