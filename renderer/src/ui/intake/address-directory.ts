// Address completion for the intake form from the region's directory bundled with the console (works offline): settlements, then the streets of the chosen one.
import regionDirectory from './region-directory.json';

export interface DirectorySettlement {
  id: string;
  municipalityId: string;
  name: string;
  /** As written in an address: «с. Берёзовка». */
  label: string;
  /** As written in an address, abbreviated: «ул. Ленина». */
  streets: readonly string[];
}

export const REGION_SETTLEMENTS: readonly DirectorySettlement[] = regionDirectory.settlements;

const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/**
 * How well `candidate` fits what was typed: 0 it starts with it, 1 one of its words does, 2 it contains
 * it somewhere; null no fit. Lower is better; an empty query fits everything equally.
 */
export function matchRank(candidate: string, query: string): number | null {
  const q = fold(query);
  if (q === '') return 0;
  const c = fold(candidate);
  if (c.startsWith(q)) return 0;
  if (c.split(/[\s.\-–]+/).some((word) => word.startsWith(q))) return 1;
  return c.includes(q) ? 2 : null;
}

function best<T>(items: readonly T[], text: (item: T) => string, query: string, limit: number, size: (item: T) => number = () => 0): T[] {
  const ranked: { item: T; rank: number; text: string; size: number }[] = [];
  for (const item of items) {
    const rank = matchRank(text(item), query);
    if (rank !== null) ranked.push({ item, rank, text: text(item), size: size(item) });
  }
  // among equal fits: the bigger place (more callers live there), then the shorter name, which is the closer
  // one to what was typed («ул. Ленина» before «просп. Ленина»)
  const byLength = query.trim() !== '';
  ranked.sort((a, b) => a.rank - b.rank || a.size - b.size || (byLength ? a.text.length - b.text.length : 0) || a.text.localeCompare(b.text, 'ru'));
  return ranked.slice(0, limit).map((r) => r.item);
}

/** Settlement kinds by their address abbreviation, biggest first: a town before a village of the same spelling. */
const KIND_ORDER = ['г.', 'рп', 'пос.', 'ст-ца', 'с.', 'д.'];

function settlementSize(s: DirectorySettlement): number {
  const i = KIND_ORDER.indexOf(s.label.slice(0, s.label.indexOf(' ')));
  return i < 0 ? KIND_ORDER.length : i;
}

/** Settlements fitting what was typed, best first; matched by name («берез») and by label («с. бер»). */
export function completeSettlements(query: string, limit = 8, settlements: readonly DirectorySettlement[] = REGION_SETTLEMENTS): DirectorySettlement[] {
  const byName = best(settlements, (s) => s.name, query, limit, settlementSize);
  if (byName.length > 0) return byName;
  return best(settlements, (s) => s.label, query, limit, settlementSize);
}

/** The settlement an address field names exactly (by name or label), for text typed without picking from the list. */
export function findSettlement(text: string, settlements: readonly DirectorySettlement[] = REGION_SETTLEMENTS): DirectorySettlement | null {
  const t = fold(text);
  if (t === '') return null;
  return settlements.find((s) => fold(s.name) === t || fold(s.label) === t) ?? null;
}

/** Streets of a settlement fitting what was typed («лен» → «ул. Ленина», «просп. Ленина»), best first. */
export function completeStreets(settlement: DirectorySettlement | null, query: string, limit = 8): string[] {
  if (!settlement) return [];
  return best(settlement.streets, (s) => s, query, limit);
}

/** «с. Берёзовка, ул. Ленина, д. 5, кв. 3»: a bare house number gets «д.», anything else is kept as typed. */
export function composeAddress(settlement: string, street: string, house: string): string {
  const h = house.trim();
  const houseText = /^\d/.test(h) ? `д. ${h}` : h;
  return [settlement.trim(), street.trim(), houseText].filter((part) => part !== '').join(', ');
}
