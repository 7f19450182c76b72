// Routing (category × municipality → executor organisation) and the choice of the operator on duty: pure rules the server applies and the console can preview.
import type { Category } from './domain.js';
import type { RoutingRule } from './workflow.js';

export type RoutingRuleKey = Pick<RoutingRule, 'id' | 'category' | 'municipalityId' | 'organisationId'>;

export interface RoutingInput {
  category: Category | null;
  municipalityId: string | null;
}

/**
 * The executor organisation for an appeal, or null when no rule applies (an appeal without a category
 * is never routed: the operator has not said what it is about yet). A rule for the appeal's own
 * municipality beats a rule for any municipality (municipalityId null); two rules for the same key
 * should not exist (the admin mutation refuses them), and if they do the smaller id wins so that every
 * server and console picks the same one.
 */
export function routeAppeal(rules: readonly RoutingRuleKey[], input: RoutingInput): string | null {
  if (input.category === null) return null;
  let best: RoutingRuleKey | null = null;
  for (const rule of rules) {
    if (rule.category !== input.category) continue;
    if (rule.municipalityId !== null && rule.municipalityId !== input.municipalityId) continue;
    if (best === null || specificity(rule) > specificity(best) || (specificity(rule) === specificity(best) && rule.id < best.id)) {
      best = rule;
    }
  }
  return best?.organisationId ?? null;
}

function specificity(rule: RoutingRuleKey): number {
  return rule.municipalityId === null ? 0 : 1;
}

/** True when two rules answer the same question (same category and municipality): only one may exist. */
export function sameRoutingKey(a: Pick<RoutingRule, 'category' | 'municipalityId'>, b: Pick<RoutingRule, 'category' | 'municipalityId'>): boolean {
  return a.category === b.category && a.municipalityId === b.municipalityId;
}

export interface DutyCandidate {
  id: string;
  login: string;
  /** Appeals assigned to them that still wait for work (OPEN_STATUSES). */
  openAppeals: number;
}

/**
 * The operator on duty who gets the next appeal: the one with the fewest open appeals, ties broken by
 * login so that the choice is the same on every run (and explainable to the people it affects).
 */
export function pickOnDuty(candidates: readonly DutyCandidate[]): DutyCandidate | null {
  let best: DutyCandidate | null = null;
  for (const c of candidates) {
    if (best === null || c.openAppeals < best.openAppeals || (c.openAppeals === best.openAppeals && c.login < best.login)) best = c;
  }
  return best;
}
