// Labelled appeal texts: JSONL parsing and the deterministic train / held-out split.
import { CATEGORIES, type Category } from '../domain.js';
import { contentStems } from './text.js';

/** One line of a labelled file: `{"text": "...", "category": "roads"}`, optionally with the template family. */
export interface LabelledAppeal {
  text: string;
  category: Category;
  /** Lines sharing a group are near-copies of one phrasing; the split keeps a group on one side. */
  group?: string;
}

export interface ParsedDataset {
  examples: LabelledAppeal[];
  /** Line number (1-based) and why it was skipped; a region's export is rarely perfectly clean. */
  errors: { line: number; error: 'bad_json' | 'no_text' | 'unknown_category' }[];
}

const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORIES);

export function parseJsonl(content: string): ParsedDataset {
  const examples: LabelledAppeal[] = [];
  const errors: ParsedDataset['errors'] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, error: 'bad_json' });
      return;
    }
    const { text, category, group } = (row ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '') errors.push({ line: i + 1, error: 'no_text' });
    else if (typeof category !== 'string' || !CATEGORY_SET.has(category)) errors.push({ line: i + 1, error: 'unknown_category' });
    else examples.push({ text, category: category as Category, ...(typeof group === 'string' ? { group } : {}) });
  });
  return { examples, errors };
}

export function toJsonl(examples: readonly LabelledAppeal[]): string {
  return examples.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** FNV-1a, 32 bit: small, stable across runtimes, good enough to spread keys over buckets. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * What decides an example's side of the split. With a template family (`group`) all its lines go
 * together, so the held-out part never contains a reworded copy of a training line. Without one
 * (a region's own export) the key is the sorted set of content stems: texts that differ only in
 * case, punctuation, house numbers or word order land on the same side.
 */
export function splitKey(example: LabelledAppeal): string {
  return example.group ?? [...new Set(contentStems(example.text))].sort().join(' ');
}

export const HELD_OUT_PERCENT = 20;

export function isHeldOut(example: LabelledAppeal): boolean {
  return fnv1a(splitKey(example)) % 100 < HELD_OUT_PERCENT;
}

export function splitDataset(examples: readonly LabelledAppeal[]): { train: LabelledAppeal[]; heldOut: LabelledAppeal[] } {
  const train: LabelledAppeal[] = [];
  const heldOut: LabelledAppeal[] = [];
  for (const e of examples) (isHeldOut(e) ? heldOut : train).push(e);
  return { train, heldOut };
}
