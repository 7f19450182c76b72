// Possible duplicates of an appeal being logged: same address, or same settlement and category, within days; ranked with text similarity.
import type { Category } from '../domain.js';
import type { Appeal } from '../entities.js';
import { contentStems, foldText } from '../classifier/text.js';

export interface DuplicateCandidate {
  text: string;
  address: string;
  municipalityId: string | null;
  /** Settlement name from the address directory, e.g. «Берёзовка»; appeals carry it only inside their address. */
  settlement?: string | null;
  category: Category | null;
  /** ISO instant. */
  receivedAt: string;
}

export type DuplicateReason = 'same_address' | 'same_settlement' | 'same_category';

export interface PossibleDuplicate {
  appeal: Appeal;
  /** 0…1, higher is more likely the same problem. */
  score: number;
  reasons: DuplicateReason[];
  /** Jaccard similarity of the stemmed words, 0…1. */
  textSimilarity: number;
}

export interface DuplicateOptions {
  days?: number;
  limit?: number;
}

// Spelled-out and abbreviated forms of the same address part; flats are dropped because a leaking
// roof or a cold riser is one problem for the whole house.
const ADDRESS_WORDS: [RegExp, string][] = [
  [/(?<![\p{L}])(?:улица|ул)(?![\p{L}])/gu, 'ул'],
  [/(?<![\p{L}])(?:дом|д)(?![\p{L}])/gu, 'д'],
  [/(?<![\p{L}])(?:проспект|пр-т|просп)(?![\p{L}])/gu, 'пр'],
  [/(?<![\p{L}])(?:переулок|пер)(?![\p{L}])/gu, 'пер'],
  [/(?<![\p{L}])(?:корпус|корп|к)\s*(\d+)/gu, 'к$1'],
  [/(?<![\p{L}])(?:квартира|кв)\.?\s*\d+\p{L}?/gu, ''],
  [/(?<![\p{L}])(?:село|с|деревня|дер|посёлок|поселок|пос|п|город|г|рп|пгт)(?![\p{L}])/gu, ''],
];

/** Address reduced to what identifies a building: «ул. Ленина, д. 5, кв. 12» = «Ленина 5». */
export function normaliseAddress(address: string): string {
  let a = foldText(address);
  for (const [re, to] of ADDRESS_WORDS) a = a.replace(re, to);
  return a
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w !== '' && w !== 'ул' && w !== 'д')
    .join(' ');
}

function mentionsSettlement(address: string, settlement: string): boolean {
  const target = normaliseAddress(settlement);
  if (target === '') return false;
  return ` ${normaliseAddress(address)} `.includes(` ${target} `);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

const DAY_MS = 86_400_000;

/**
 * Appeals that may describe the same problem as the one being logged, best first. Eligible: within
 * `days` of it (either side: a console may hold older and newer ones), not declined, same
 * municipality when both are known, and either the same address or the same settlement and
 * category. The same address with another category still counts when the texts agree, because
 * the category of an appeal being logged is only a suggestion.
 */
export function findPossibleDuplicates(
  candidate: DuplicateCandidate,
  appeals: readonly Appeal[],
  { days = 14, limit = 10 }: DuplicateOptions = {},
): PossibleDuplicate[] {
  const at = Date.parse(candidate.receivedAt);
  const address = normaliseAddress(candidate.address);
  const stems = new Set(contentStems(candidate.text));
  const out: PossibleDuplicate[] = [];
  for (const appeal of appeals) {
    const ageDays = Math.abs(Date.parse(appeal.receivedAt) - at) / DAY_MS;
    if (!(ageDays <= days) || appeal.status === 'declined') continue;
    if (candidate.municipalityId && appeal.municipalityId && candidate.municipalityId !== appeal.municipalityId) continue;
    const sameAddress = address !== '' && normaliseAddress(appeal.address) === address;
    const sameSettlement = !!candidate.settlement && mentionsSettlement(appeal.address, candidate.settlement);
    const sameCategory = candidate.category !== null && appeal.category === candidate.category;
    const textSimilarity = jaccard(stems, new Set(contentStems(appeal.originalText)));
    const eligible = (sameCategory && (sameAddress || sameSettlement)) || (sameAddress && textSimilarity >= 0.2);
    if (!eligible) continue;
    const reasons: DuplicateReason[] = [];
    if (sameAddress) reasons.push('same_address');
    else if (sameSettlement) reasons.push('same_settlement');
    if (sameCategory) reasons.push('same_category');
    // Place dominates, wording refines, and an appeal from yesterday beats one from two weeks ago.
    const place = sameAddress ? 0.45 : 0.2;
    const score = place + (sameCategory ? 0.15 : 0) + 0.3 * textSimilarity + 0.1 * (1 - ageDays / Math.max(days, 1));
    out.push({ appeal, score: Math.min(1, score), reasons, textSimilarity });
  }
  return out
    .sort((a, b) => b.score - a.score || b.appeal.receivedAt.localeCompare(a.appeal.receivedAt))
    .slice(0, limit);
}
