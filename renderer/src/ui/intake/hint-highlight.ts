// Splits an appeal's text into plain and highlighted pieces from priorityHints' match ranges, for the preview under the text area.
import type { HintMatch, HintPriority } from '../../../../shared/hotline/priority-hints.js';

export interface TextPiece {
  text: string;
  /** The priority the piece raises, or null for plain text. */
  raises: HintPriority | null;
}

/** Pieces covering the whole text in order; matches are expected sorted and not overlapping, as priorityHints returns them. */
export function highlightPieces(text: string, matches: readonly HintMatch[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start < at || m.end > text.length) continue; // a stale range from an older text: skip rather than garble
    if (m.start > at) pieces.push({ text: text.slice(at, m.start), raises: null });
    pieces.push({ text: text.slice(m.start, m.end), raises: m.raises });
    at = m.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), raises: null });
  return pieces;
}
