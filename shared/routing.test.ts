// Routing rules (a municipality's own rule beats the region-wide one) and the choice of the operator on duty.
import { describe, expect, it } from 'vitest';
import { pickOnDuty, routeAppeal, sameRoutingKey } from './routing.js';

const rules = [
  { id: 'r1', category: 'health' as const, municipalityId: null, organisationId: 'org-min-zdrav' },
  { id: 'r2', category: 'housing' as const, municipalityId: null, organisationId: 'org-min-zhkh' },
  { id: 'r3', category: 'housing' as const, municipalityId: 'mun-city', organisationId: 'org-utility' },
  { id: 'r4', category: 'roads' as const, municipalityId: 'mun-city', organisationId: 'org-city' },
];

describe('routeAppeal', () => {
  it('prefers the rule for the appeal’s municipality over the rule for any municipality', () => {
    expect(routeAppeal(rules, { category: 'housing', municipalityId: 'mun-city' })).toBe('org-utility');
    expect(routeAppeal(rules, { category: 'housing', municipalityId: 'mun-village' })).toBe('org-min-zhkh');
    expect(routeAppeal(rules, { category: 'housing', municipalityId: null })).toBe('org-min-zhkh');
  });

  it('does not apply another municipality’s rule', () => {
    expect(routeAppeal(rules, { category: 'roads', municipalityId: 'mun-village' })).toBeNull();
  });

  it('routes nothing without a category or without a rule', () => {
    expect(routeAppeal(rules, { category: null, municipalityId: 'mun-city' })).toBeNull();
    expect(routeAppeal(rules, { category: 'waste', municipalityId: 'mun-city' })).toBeNull();
  });

  it('picks the same rule whatever the order when two rules share a key', () => {
    const twins = [
      { id: 'b', category: 'waste' as const, municipalityId: null, organisationId: 'org-b' },
      { id: 'a', category: 'waste' as const, municipalityId: null, organisationId: 'org-a' },
    ];
    expect(routeAppeal(twins, { category: 'waste', municipalityId: null })).toBe('org-a');
    expect(routeAppeal([...twins].reverse(), { category: 'waste', municipalityId: null })).toBe('org-a');
  });

  it('treats rules with the same category and municipality as the same key', () => {
    expect(sameRoutingKey(rules[1]!, { category: 'housing', municipalityId: null })).toBe(true);
    expect(sameRoutingKey(rules[1]!, rules[2]!)).toBe(false);
  });
});

describe('pickOnDuty', () => {
  it('picks the operator with the fewest open appeals, ties by login', () => {
    expect(pickOnDuty([
      { id: 'u1', login: 'petrova', openAppeals: 3 },
      { id: 'u2', login: 'ivanova', openAppeals: 2 },
      { id: 'u3', login: 'abramov', openAppeals: 2 },
    ])?.id).toBe('u3');
  });

  it('picks nobody when nobody is on duty', () => {
    expect(pickOnDuty([])).toBeNull();
  });
});
