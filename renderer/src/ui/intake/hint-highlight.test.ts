// Highlighting the words that raised a priority hint without losing or repeating any text.
import { describe, expect, it } from 'vitest';
import { priorityHints } from '../../../../shared/hotline/priority-hints.js';
import { highlightPieces } from './hint-highlight.js';

describe('highlightPieces', () => {
  it('marks exactly the triggering words and keeps the rest as plain text', () => {
    const text = 'Горит сарай, пахнет газом у дома';
    const pieces = highlightPieces(text, priorityHints(text).matches);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.raises).map((p) => [p.text, p.raises])).toEqual([
      ['Горит', 'emergency'],
      ['пахнет газом', 'emergency'],
    ]);
  });

  it('gives one plain piece for text without hints and none for empty text', () => {
    expect(highlightPieces('просим покрасить лавочки', [])).toEqual([{ text: 'просим покрасить лавочки', raises: null }]);
    expect(highlightPieces('', [])).toEqual([]);
  });

  it('skips a range that no longer fits the text', () => {
    expect(highlightPieces('дым', [{ start: 0, end: 10, word: 'дым валит', raises: 'emergency' }])).toEqual([{ text: 'дым', raises: null }]);
  });
});
