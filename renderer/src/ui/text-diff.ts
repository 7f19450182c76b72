// Differences for the conflict view: which appeal fields differ between my version and the server's, and a word-level diff of texts.
import type { Appeal } from '../../../shared/index.js';

export type DiffPart = { kind: 'same' | 'theirs' | 'mine'; text: string };

/** Past this many token pairs the diff stops looking for common words and shows the middle as replaced. */
const MAX_CELLS = 4_000_000;

function tokenize(text: string): string[] {
  return text.split(/(\s+)/).filter((token) => token !== '');
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * Word-level diff of the server's text against mine: `same` parts are shared, `theirs` only on the
 * server, `mine` only in my edit. Whitespace runs are tokens, so joining the parts of one side gives
 * that side's text back exactly.
 */
export function diffWords(theirs: string, mine: string): DiffPart[] {
  const a = tokenize(theirs);
  const b = tokenize(mine);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(parts, 'theirs', midA.join(''));
    push(parts, 'mine', midB.join(''));
  } else {
    // lcs[i][j] = longest common subsequence of midA[i..] and midB[j..], in one flat array
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, 'same', midA[i]!);
        i++;
        j++;
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
        push(parts, 'theirs', midA[i++]!);
      } else {
        push(parts, 'mine', midB[j++]!);
      }
    }
    push(parts, 'theirs', midA.slice(i).join(''));
    push(parts, 'mine', midB.slice(j).join(''));
  }
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}

/**
 * One side of a diff for display: `changed` runs are that side's own words. A space between two changed
 * words joins them, so "нужна отсыпка щебнем" reads as one highlighted phrase, not three.
 */
export function sideOf(parts: readonly DiffPart[], side: 'theirs' | 'mine'): { changed: boolean; text: string }[] {
  const other = side === 'mine' ? 'theirs' : 'mine';
  const own = parts.filter((p) => p.kind !== other).map((p) => ({ changed: p.kind === side, text: p.text }));
  const out: { changed: boolean; text: string }[] = [];
  own.forEach((run, i) => {
    const bridges = !run.changed && /^\s+$/.test(run.text) && own[i - 1]?.changed === true && own[i + 1]?.changed === true;
    const changed = run.changed || bridges;
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += run.text;
    else out.push({ changed, text: run.text });
  });
  return out;
}

/** Fields a person edits or decides, in the order the conflict view lists them. */
export const COMPARED_FIELDS = [
  'status', 'subject', 'summary', 'address', 'citizen', 'category', 'priority', 'municipalityId', 'kind',
  'organisationId', 'assigneeId', 'declineReason', 'duplicateOfId',
] as const satisfies readonly (keyof Appeal)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** Text fields get a word diff; the rest are shown whole. */
export const TEXT_FIELDS: ReadonlySet<ComparedField> = new Set<ComparedField>(['subject', 'summary', 'address']);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The compared fields whose values differ between my version and the server's. */
export function changedFields(mine: Appeal, theirs: Appeal): ComparedField[] {
  return COMPARED_FIELDS.filter((field) => !sameValue(mine[field], theirs[field]));
}
