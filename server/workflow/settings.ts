// What the workflow reads about an appeal's surroundings: its organisation, the region's SLA settings, routing rules, and the deadlines they give.
import type { Kysely } from 'kysely';
import {
  computeDeadlines,
  INCIDENT_DEFAULT_WORKING_DAYS,
  routeAppeal,
  type Appeal,
  type Category,
  type Organisation,
  type RegionSettings,
} from '../../shared/index.js';
import { MutationRejected } from '../mutations/types.js';
import { PreparedQuery } from '../store/prepared.js';
import { organisationFromRow } from '../store/rows.js';
import type { Database } from '../store/schema.js';
import { routingRuleFromRow } from '../store/workflow-rows.js';

// read for every new appeal (its deadlines) and most status changes
const organisationQuery = new PreparedQuery(1, (db, id: string) => db.selectFrom('organisations').selectAll().where('id', '=', id));
const hashtagQuery = new PreparedQuery(1, (db, regionId: string) => db.selectFrom('regions').select('hashtag').where('id', '=', regionId));
const regionSettingsQuery = new PreparedQuery(1, (db, regionId: string) =>
  db.selectFrom('region_settings').selectAll().where('region_id', '=', regionId),
);
const fastTrackQuery = new PreparedQuery(2, (db, regionId: string, category: Category) =>
  db.selectFrom('category_settings').select('fast_track_days').where('region_id', '=', regionId).where('category', '=', category),
);

export async function loadOrganisation(db: Kysely<Database>, organisationId: string): Promise<Organisation> {
  const row = await organisationQuery.first(db, organisationId);
  if (!row) throw new MutationRejected('VALIDATION_FAILED', `no organisation ${organisationId}`);
  return organisationFromRow(row);
}

/** An organisation of the region, or VALIDATION_FAILED (routing and redirects never leave the region). */
export async function loadRegionOrganisation(db: Kysely<Database>, organisationId: string, regionId: string): Promise<Organisation> {
  const organisation = await loadOrganisation(db, organisationId);
  if (organisation.regionId !== regionId) throw new MutationRejected('VALIDATION_FAILED', `no organisation ${organisationId} in this region`);
  return organisation;
}

/** The region's settings; a region nobody has configured gets the defaults of domain.md. */
export async function loadRegionSettings(db: Kysely<Database>, regionId: string): Promise<RegionSettings> {
  const [region, settings] = await Promise.all([hashtagQuery.first(db, regionId), regionSettingsQuery.first(db, regionId)]);
  return {
    regionId,
    calendarRegionCode: settings?.calendar_region_code ?? null,
    incidentResolutionWorkingDays: Number(settings?.incident_resolution_working_days ?? INCIDENT_DEFAULT_WORKING_DAYS),
    hashtag: region?.hashtag ?? '',
  };
}

async function fastTrackDays(db: Kysely<Database>, regionId: string, category: Category | null): Promise<number | null> {
  if (category === null) return null;
  const row = await fastTrackQuery.first(db, regionId, category);
  return row ? Number(row.fast_track_days) : null;
}

type DeadlineFields = Pick<Appeal, 'firstReactionDueAt' | 'resolutionDueAt' | 'calendarFallbackYears'>;

/**
 * Both deadlines of the appeal as it stands (priority, kind, category, extension), counted on the
 * production calendar of its region in its organisation's time zone (domain.md, "Priority classes").
 */
export async function deadlinesFor(db: Kysely<Database>, appeal: Appeal): Promise<DeadlineFields> {
  const [organisation, settings, categoryDays] = await Promise.all([
    loadOrganisation(db, appeal.organisationId),
    loadRegionSettings(db, appeal.regionId),
    fastTrackDays(db, appeal.regionId, appeal.category),
  ]);
  const deadlines = computeDeadlines({
    receivedAt: appeal.receivedAt,
    priority: appeal.priority,
    kind: appeal.kind,
    category: appeal.category,
    timezone: organisation.timezone,
    regionCode: settings.calendarRegionCode,
    categoryResolutionDays: categoryDays,
    incidentResolutionWorkingDays: settings.incidentResolutionWorkingDays,
    extended: Boolean(appeal.extendedAt),
  });
  return {
    firstReactionDueAt: deadlines.firstReactionDueAt,
    resolutionDueAt: deadlines.resolutionDueAt,
    calendarFallbackYears: deadlines.calendarFallbackYears,
  };
}

/** The executor the region's rules give for the appeal, or null. Reads only the rules that can apply: a region has one per category and municipality. */
export async function routedOrganisation(db: Kysely<Database>, appeal: Pick<Appeal, 'regionId' | 'category' | 'municipalityId'>): Promise<string | null> {
  const { category, municipalityId } = appeal;
  if (category === null) return null;
  const rows = await db
    .selectFrom('routing_rules')
    .selectAll()
    .where('region_id', '=', appeal.regionId)
    .where('category', '=', category)
    .where((eb) => (municipalityId === null ? eb('municipality_id', 'is', null) : eb.or([eb('municipality_id', 'is', null), eb('municipality_id', '=', municipalityId)])))
    .execute();
  return routeAppeal(rows.map(routingRuleFromRow), appeal);
}
