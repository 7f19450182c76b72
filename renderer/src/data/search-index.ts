// Russian free-text search over local appeals: MiniSearch with snowball stems, built in chunks so it never blocks a screen.
import MiniSearch from 'minisearch';
import type { Appeal } from '../../../shared/index.js';
import { foldText, isStopWord, stem } from '../../../shared/classifier/text.js';

/**
 * All text in one field: the queue is sorted by deadline, not by relevance, so per-field weights buy nothing,
 * and MiniSearch's scoring work grows with every field a term is found in.
 */
interface SearchDoc {
  id: string;
  text: string;
}

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

function toDoc(a: Appeal): SearchDoc {
  const parts = [a.number, a.subject, a.summary, a.originalText, a.address, a.citizen.name ?? '', phoneForms(a.citizen.phone)];
  return { id: a.id, text: parts.join('\n') };
}

function processTerm(term: string): string | null {
  const folded = foldText(term);
  // function words match nearly every appeal: they cost the most and narrow nothing ("не" too, unlike in the classifier)
  if (folded.length === 0 || folded === 'не' || isStopWord(folded)) return null;
  // "+7 999…" in a query: the plus is not punctuation to the tokenizer
  return /^\+?\d+$/.test(folded) ? digits(folded) : stem(folded);
}

export class AppealSearch {
  private readonly index = new MiniSearch<SearchDoc>({
    fields: ['text'],
    storeFields: [],
    processTerm,
    searchOptions: {
      combineWith: 'AND',
      // while typing the last word is incomplete; prefixes of stems keep matching its longer forms
      prefix: (term) => term.length >= 2,
    },
  });

  /** Bumped on every change, so a cached answer knows it is stale. */
  revision = 0;

  get size(): number {
    return this.index.documentCount;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  upsert(appeal: Appeal): void {
    const doc = toDoc(appeal);
    this.revision++;
    if (this.index.has(appeal.id)) this.index.replace(doc);
    else this.index.add(doc);
  }

  upsertMany(appeals: Iterable<Appeal>): void {
    for (const a of appeals) this.upsert(a);
  }

  remove(id: string): void {
    if (!this.index.has(id)) return;
    this.revision++;
    this.index.discard(id);
  }

  clear(): void {
    this.revision++;
    this.index.removeAll();
  }

  /** Ids of appeals matching every word of `text` in any of its forms; null when the text has no words. */
  search(text: string): Set<string> | null {
    if (text.trim() === '') return null;
    // "+7 (905) 111-22-33" is one number, not five words
    const query = /^[\d\s+()-]+$/.test(text) && digits(text).length >= 4 ? digits(text) : text;
    return new Set(this.index.search(query).map((r) => r.id as string));
  }
}
