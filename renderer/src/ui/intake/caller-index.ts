// Caller history by phone: an in-memory index of local appeals by normalised phone, searched as the operator types (the data layer has no phone index).
import type { Appeal } from '../../../../shared/index.js';
import { normalisePhone, phoneDigitsForSearch } from '../../../../shared/hotline/phone.js';

export interface CallerMatch {
  /** True when the typed number is complete and these are exactly that caller's appeals. */
  exact: boolean;
  /** Newest first. */
  appeals: Appeal[];
}

/** Fewer digits than this match too many callers to be useful. */
export const MIN_SEARCH_DIGITS = 3;

const newerFirst = (a: Appeal, b: Appeal) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0);

/** The `limit` newest of `appeals` without sorting them all (a short prefix like «891» fits thousands). */
function newest(appeals: Iterable<Appeal>, limit: number): Appeal[] {
  const top: Appeal[] = [];
  for (const a of appeals) {
    if (top.length === limit && newerFirst(a, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && newerFirst(a, top[i - 1]!) < 0) i--;
    top.splice(i, 0, a);
    if (top.length > limit) top.pop();
  }
  return top;
}

export class CallerIndex {
  private readonly byPhone = new Map<string, Map<string, Appeal>>();
  /** National digits of each stored phone, computed once: searching must not re-parse thousands of numbers per keystroke. */
  private readonly digitsOf = new Map<string, string>();
  private readonly phoneOf = new Map<string, string>();

  get size(): number {
    return this.phoneOf.size;
  }

  /** Adds or replaces an appeal (its phone may have changed); appeals without a phone are forgotten. */
  upsert(appeal: Appeal): void {
    this.remove(appeal.id);
    const raw = appeal.citizen.phone;
    if (!raw) return;
    const phone = normalisePhone(raw) ?? raw;
    let appeals = this.byPhone.get(phone);
    if (!appeals) {
      this.byPhone.set(phone, (appeals = new Map()));
      this.digitsOf.set(phone, phoneDigitsForSearch(phone));
    }
    appeals.set(appeal.id, appeal);
    this.phoneOf.set(appeal.id, phone);
  }

  remove(id: string): void {
    const phone = this.phoneOf.get(id);
    if (phone === undefined) return;
    this.phoneOf.delete(id);
    const appeals = this.byPhone.get(phone);
    appeals?.delete(id);
    if (appeals?.size === 0) {
      this.byPhone.delete(phone);
      this.digitsOf.delete(phone);
    }
  }

  clear(): void {
    this.byPhone.clear();
    this.digitsOf.clear();
    this.phoneOf.clear();
  }

  /** The appeals of the caller whose number is being typed: exact once the number is complete, else every number it fits. */
  find(input: string, limit = 8): CallerMatch {
    const typed = phoneDigitsForSearch(input);
    if (typed.length < MIN_SEARCH_DIGITS) return { exact: false, appeals: [] };
    const phone = normalisePhone(input);
    if (phone !== null) return { exact: true, appeals: newest(this.byPhone.get(phone)?.values() ?? [], limit) };
    return { exact: false, appeals: newest(this.matching(typed), limit) };
  }

  /** phoneMatchesSearch's rule on the precomputed digits (caller-index.test.ts checks the two agree). */
  private *matching(typed: string): Generator<Appeal> {
    for (const [phone, digits] of this.digitsOf) {
      if (digits.startsWith(typed) || (typed.length >= 4 && digits.includes(typed))) yield* this.byPhone.get(phone)!.values();
    }
  }
}
