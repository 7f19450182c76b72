// The demo region's routing rules, matching how its generator routes appeals (loaded with the generator, like it).
import { CATEGORIES, type RoutingRule } from '../../shared/index.js';
import { MUNICIPALITY_IDS } from './directory.js';
import { ADMINISTRATION_OF, ORG_IDS } from './generate-org.js';

/**
 * The demo region's routing, as its generator routes most appeals: each municipality's administration
 * for its problems, healthcare to the regional ministry, the city's housing to its utility company.
 */
export function demoRoutingRules(regionId: string): RoutingRule[] {
  const rules: RoutingRule[] = [{ id: 'route-health', regionId, category: 'health', municipalityId: null, organisationId: ORG_IDS.healthMinistry }];
  for (const [municipalityId, administration] of Object.entries(ADMINISTRATION_OF)) {
    for (const category of CATEGORIES.filter((c) => c !== 'health')) {
      const organisationId = category === 'housing' && municipalityId === MUNICIPALITY_IDS.city ? ORG_IDS.utility : administration;
      rules.push({ id: `route-${category}-${municipalityId}`, regionId, category, municipalityId, organisationId });
    }
  }
  return rules;
}

