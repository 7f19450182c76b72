// Russian free-text search over local appeals: snowball stems in MiniSearch's radix tree (SearchableMap), each stem
// with a posting list of appeals. MiniSearch's own search ranks every match (BM25) — work that grows with the number
// of matches, 1–3 s for a common word over 100 000 appeals — while the queue needs only the set of matches, sorted by
// deadline: a counting intersection of posting lists gives that in a few milliseconds.
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Appeal } from '../../../shared/index.js';
import { foldText, isStopWord, stem } from '../../../shared/classifier/text.js';

/** MiniSearch's tokenizer, so that words split the same way its users expect. */
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Callers say a number as 8XXXXXXXXXX, 7XXXXXXXXXX or only its tail; index the forms they type. */
function phoneForms(phone: string | null): string {
  const d = digits(phone ?? '');
  if (d.length === 0) return '';
  const national = d.length === 11 && (d[0] === '7' || d[0] === '8') ? d.slice(1) : d;
  return [d, `7${national}`, `8${national}`, national, national.slice(-7), national.slice(-4)].join(' ');
}

function textOf(a: Appeal): string {
  return [a.number, a.subject, a.summary, a.originalText, a.address, a.citizen.name ?? '', phoneForms(a.citizen.phone)].join('\n');
}

/** Token → search term (or null), already folded: 100 000 appeals repeat a few tens of thousands of words. */
const termCache = new Map<string, string | null>();

function processTerm(folded: string): string | null {
  // function words match nearly every appeal: they narrow nothing ("не" too, unlike in the classifier)
  if (folded.length === 0 || folded === 'не' || isStopWord(folded)) return null;
  // "+7…": the plus is not punctuation to the tokenizer
  return /^\+?\d+$/.test(folded) ? digits(folded) : stem(folded);
}

function termsOf(text: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(foldText(text))) {
    let term = termCache.get(token);
    if (term === undefined) {
      term = processTerm(token);
      if (termCache.size > 100_000) termCache.clear();
      termCache.set(token, term);
    }
    if (term) out.add(term);
  }
  return [...out];
}

/** Ordinals of the appeals containing one stem, in increasing order (appended as appeals are indexed). */
class Postings {
  ords = new Int32Array(4);
  length = 0;

  push(ord: number): void {
    if (this.length === this.ords.length) {
      const grown = new Int32Array(this.ords.length * 2);
      grown.set(this.ords);
      this.ords = grown;
    }
    this.ords[this.length++] = ord;
  }
}

/** Shorter words are matched exactly: as prefixes they would pull in half the dictionary. */
const MIN_PREFIX = 3;

export class AppealSearch {
  private terms = new SearchableMap<Postings>();
  /** Ordinal → appeal id; null where the appeal was re-indexed or removed since (its postings are skipped). */
  private ids: Array<string | null> = [];
  private ordinalOf = new Map<string, number>();
  private dead = 0;
  /** Bumped on every change, so a cached answer knows it is stale. */
  revision = 0;

  get size(): number {
    return this.ordinalOf.size;
  }

  has(id: string): boolean {
    return this.ordinalOf.has(id);
  }

  upsert(appeal: Appeal): void {
    this.forget(appeal.id);
    const ord = this.ids.length;
    this.ids.push(appeal.id);
    this.ordinalOf.set(appeal.id, ord);
    for (const term of termsOf(textOf(appeal))) this.terms.fetch(term, () => new Postings()).push(ord);
    this.revision++;
    if (this.dead > 10_000 && this.dead > this.ordinalOf.size) this.compact();
  }

  upsertMany(appeals: Iterable<Appeal>): void {
    for (const a of appeals) this.upsert(a);
  }

  remove(id: string): void {
    if (this.forget(id)) this.revision++;
  }

  clear(): void {
    this.terms = new SearchableMap();
    this.ids = [];
    this.ordinalOf.clear();
    this.dead = 0;
    this.revision++;
  }

  /** Ids of appeals containing every word of `text` (any form; the words as typed may be unfinished); null when it has none. */
  search(text: string): Set<string> | null {
    // "+7 (905) 111-22-33" is one number, not five words
    const query = /^[\d\s+()-]+$/.test(text) && digits(text).length >= 4 ? digits(text) : text;
    const terms = termsOf(query);
    if (terms.length === 0) return null;
    const n = this.ids.length;
    const hits = new Uint8Array(n);
    // the last term a doc was counted for: one term's prefix expansions count a doc once
    const seen = new Int32Array(n);
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      const lists = term.length >= MIN_PREFIX ? [...this.terms.atPrefix(term).values()] : [this.terms.get(term)].filter((p) => p !== undefined);
      if (lists.length === 0) return new Set();
      for (const list of lists) {
        const { ords, length } = list;
        for (let i = 0; i < length; i++) {
          const ord = ords[i]!;
          if (seen[ord] === t + 1) continue;
          seen[ord] = t + 1;
          hits[ord]!++;
        }
      }
    }
    const out = new Set<string>();
    const all = terms.length;
    for (let ord = 0; ord < n; ord++) {
      if (hits[ord] !== all) continue;
      const id = this.ids[ord];
      if (id) out.add(id);
    }
    return out;
  }

  private forget(id: string): boolean {
    const old = this.ordinalOf.get(id);
    if (old === undefined) return false;
    this.ids[old] = null;
    this.ordinalOf.delete(id);
    this.dead++;
    return true;
  }

  /** Drops the postings of re-indexed and removed appeals and renumbers the live ones, keeping every list sorted. */
  private compact(): void {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    this.ids.forEach((id, ord) => {
      if (id === null) return;
      renumber[ord] = ids.length;
      this.ordinalOf.set(id, ids.length);
      ids.push(id);
    });
    const terms = new SearchableMap<Postings>();
    for (const [term, list] of this.terms) {
      const kept = new Postings();
      for (let i = 0; i < list.length; i++) {
        const ord = renumber[list.ords[i]!]!;
        if (ord >= 0) kept.push(ord);
      }
      if (kept.length > 0) terms.set(term, kept);
    }
    this.terms = terms;
    this.ids = ids;
    this.dead = 0;
  }
}
