// Russian free-text search over local appeals: MiniSearch with snowball stems, built in chunks so it never blocks a screen.
import MiniSearch from 'minisearch';
import type { Appeal } from '../../../shared/index.js';
import { foldText, stem } from '../../../shared/classifier/text.js';

interface SearchDoc {
  id: string;
  number: string;
  subject: string;
  summary: string;
  originalText: string;
  address: string;
  citizenName: string;
  phone: string;
}

const FIELDS: Array<keyof SearchDoc> = ['number', 'subject', 'summary', 'originalText', 'address', 'citizenName', 'phone'];

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
  return {
    id: a.id,
    number: a.number,
    subject: a.subject,
    summary: a.summary,
    originalText: a.originalText,
    address: a.address,
    citizenName: a.citizen.name ?? '',
    phone: phoneForms(a.citizen.phone),
  };
}

function processTerm(term: string): string | null {
  const folded = foldText(term);
  if (folded.length === 0) return null;
  // "+7 999…" in a query: the plus is not punctuation to the tokenizer
  return /^\+?\d+$/.test(folded) ? digits(folded) : stem(folded);
}

export class AppealSearch {
  private readonly index = new MiniSearch<SearchDoc>({
    fields: FIELDS,
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
