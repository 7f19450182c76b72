// Administration as mutations (admin role, own region): routing rules, templates, SLA settings, organisations, municipalities, users, duty.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CALENDAR_REGIONS } from '../../shared/calendar/index.js';
import {
  renderTemplate,
  sameRoutingKey,
  TEMPLATE_PLACEHOLDERS,
  type MutationName,
  type TemplateContext,
} from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import { municipalityToRow, organisationToRow } from '../store/rows.js';
import type { Database } from '../store/schema.js';
import { routingRuleFromRow, routingRuleToRow, templateToRow } from '../store/workflow-rows.js';
import { hasRegionScope, REGION_WIDE_ORG } from '../sync/scope.js';
import { loadRegionOrganisation, loadRegionSettings } from '../workflow/settings.js';
import { requireRole } from './appeal-writes.js';
import { MutationRejected, type MutationContext, type MutationEffect, type MutationHandlers } from './types.js';

type AdminMutation = Extract<MutationName, `admin.${string}` | 'user.set-on-duty'>;

function requireAdmin(ctx: MutationContext, regionId: string, what: string): void {
  requireRole(ctx, ['admin'], what);
  if (regionId !== ctx.user.regionId) throw new MutationRejected('OUT_OF_SCOPE', 'another region');
}

/**
 * Records the change in the append-only admin log (who, when, device, the row before and after) and returns a
 * region-wide 'reference' row: every console of the region refetches its reference data.
 */
async function referenceChanged(
  ctx: MutationContext,
  action: AdminMutation,
  entityId: string,
  before: object | null | undefined,
  after: object | null,
  extra: Partial<MutationEffect> = {},
): Promise<MutationEffect> {
  const id = randomUUID();
  await ctx.trx
    .insertInto('admin_changes')
    .values({
      id,
      region_id: ctx.user.regionId,
      action,
      entity_id: entityId,
      actor_id: ctx.user.id,
      actor_name: ctx.user.displayName,
      device_id: ctx.clientId,
      before: before ? JSON.stringify(withoutSecrets(before)) : null,
      after: after ? JSON.stringify(withoutSecrets(after)) : null,
      at: ctx.now,
    })
    .execute();
  return {
    appealId: '',
    organisationId: REGION_WIDE_ORG,
    previousOrganisationId: null,
    regionId: ctx.user.regionId,
    entities: [{ entity: 'reference', id }],
    regionWide: true,
    ...extra,
  };
}

/** A password hash never goes into a log, even hashed. */
function withoutSecrets(row: object): object {
  const { password_hash: _hash, ...rest } = row as { password_hash?: unknown };
  return rest;
}

async function requireMunicipalityOf(db: Kysely<Database>, municipalityId: string | null, regionId: string): Promise<void> {
  if (municipalityId === null) return;
  const row = await db.selectFrom('municipalities').select('region_id').where('id', '=', municipalityId).executeTakeFirst();
  if (!row || row.region_id !== regionId) throw new MutationRejected('VALIDATION_FAILED', `no municipality ${municipalityId} in this region`);
}

/** A row of this id that belongs to another region may not be overwritten from here. */
function requireSameRegion(existing: { region_id: string } | undefined, ctx: MutationContext, what: string): void {
  if (existing && existing.region_id !== ctx.user.regionId) throw new MutationRejected('OUT_OF_SCOPE', `${what} belongs to another region`);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every placeholder filled with a sample, so that only unknown names and broken braces are reported. */
const SAMPLE_CONTEXT: TemplateContext = Object.fromEntries(TEMPLATE_PLACEHOLDERS.map((p) => [p, p]));

export const adminHandlers: MutationHandlers<AdminMutation> = {
  async 'admin.routing.save'(ctx, { rule }) {
    requireAdmin(ctx, rule.regionId, 'edit routing rules');
    await requireMunicipalityOf(ctx.trx, rule.municipalityId, rule.regionId);
    await loadRegionOrganisation(ctx.trx, rule.organisationId, rule.regionId);
    const rules = (await ctx.trx.selectFrom('routing_rules').selectAll().where('region_id', '=', rule.regionId).execute()).map(routingRuleFromRow);
    const twin = rules.find((r) => r.id !== rule.id && sameRoutingKey(r, rule));
    if (twin) throw new MutationRejected('ALREADY_EXISTS', `rule ${twin.id} already routes ${rule.category} here`);
    const existing = await ctx.trx.selectFrom('routing_rules').selectAll().where('id', '=', rule.id).executeTakeFirst();
    requireSameRegion(existing, ctx, `rule ${rule.id}`);
    if (existing) await ctx.trx.updateTable('routing_rules').set(routingRuleToRow(rule)).where('id', '=', rule.id).execute();
    else await ctx.trx.insertInto('routing_rules').values(routingRuleToRow(rule)).execute();
    return referenceChanged(ctx, 'admin.routing.save', rule.id, existing, routingRuleToRow(rule));
  },

  async 'admin.routing.delete'(ctx, { ruleId }) {
    requireAdmin(ctx, ctx.user.regionId, 'edit routing rules');
    const existing = await ctx.trx.selectFrom('routing_rules').selectAll().where('id', '=', ruleId).executeTakeFirst();
    if (!existing) throw new MutationRejected('NOT_FOUND', `no rule ${ruleId}`);
    requireSameRegion(existing, ctx, `rule ${ruleId}`);
    await ctx.trx.deleteFrom('routing_rules').where('id', '=', ruleId).execute();
    return referenceChanged(ctx, 'admin.routing.delete', ruleId, existing, null);
  },

  async 'admin.template.save'(ctx, { template }) {
    requireAdmin(ctx, template.regionId, 'edit templates');
    if (template.organisationId !== null) await loadRegionOrganisation(ctx.trx, template.organisationId, template.regionId);
    const rendered = renderTemplate(template.body, SAMPLE_CONTEXT);
    if (!rendered.ok) throw new MutationRejected('VALIDATION_FAILED', rendered.error.message);
    const existing = await ctx.trx.selectFrom('answer_templates').selectAll().where('id', '=', template.id).executeTakeFirst();
    requireSameRegion(existing, ctx, `template ${template.id}`);
    const row = templateToRow({ ...template, updatedAt: ctx.now });
    if (existing) await ctx.trx.updateTable('answer_templates').set(row).where('id', '=', template.id).execute();
    else await ctx.trx.insertInto('answer_templates').values(row).execute();
    return referenceChanged(ctx, 'admin.template.save', template.id, existing, row);
  },

  async 'admin.template.delete'(ctx, { templateId }) {
    requireAdmin(ctx, ctx.user.regionId, 'edit templates');
    const existing = await ctx.trx.selectFrom('answer_templates').selectAll().where('id', '=', templateId).executeTakeFirst();
    if (!existing) throw new MutationRejected('NOT_FOUND', `no template ${templateId}`);
    requireSameRegion(existing, ctx, `template ${templateId}`);
    await ctx.trx.deleteFrom('answer_templates').where('id', '=', templateId).execute();
    return referenceChanged(ctx, 'admin.template.delete', templateId, existing, null);
  },

  async 'admin.category.save'(ctx, { setting }) {
    requireAdmin(ctx, setting.regionId, 'edit SLA settings');
    const before = await ctx.trx
      .selectFrom('category_settings')
      .selectAll()
      .where('region_id', '=', setting.regionId)
      .where('category', '=', setting.category)
      .executeTakeFirst();
    const row = { region_id: setting.regionId, category: setting.category, fast_track_days: setting.fastTrackDays };
    await ctx.trx
      .deleteFrom('category_settings')
      .where('region_id', '=', setting.regionId)
      .where('category', '=', setting.category)
      .execute();
    await ctx.trx
      .insertInto('category_settings')
      .values(row)
      .execute();
    return referenceChanged(ctx, 'admin.category.save', setting.category, before, row);
  },

  async 'admin.region.save'(ctx, { settings }) {
    requireAdmin(ctx, settings.regionId, 'edit region settings');
    if (settings.calendarRegionCode !== null && !CALENDAR_REGIONS.some((r) => r.code === settings.calendarRegionCode)) {
      throw new MutationRejected('VALIDATION_FAILED', `no production calendar for ${settings.calendarRegionCode}`);
    }
    const before = await loadRegionSettings(ctx.trx, settings.regionId);
    await ctx.trx.updateTable('regions').set({ hashtag: settings.hashtag }).where('id', '=', settings.regionId).execute();
    await ctx.trx.deleteFrom('region_settings').where('region_id', '=', settings.regionId).execute();
    await ctx.trx
      .insertInto('region_settings')
      .values({
        region_id: settings.regionId,
        calendar_region_code: settings.calendarRegionCode,
        incident_resolution_working_days: settings.incidentResolutionWorkingDays,
      })
      .execute();
    // deadlines already given stay as they are: a citizen was told them; new and re-triaged appeals get the new terms
    return referenceChanged(ctx, 'admin.region.save', settings.regionId, before, settings);
  },

  async 'admin.organisation.save'(ctx, { organisation }) {
    requireAdmin(ctx, organisation.regionId, 'edit organisations');
    await requireMunicipalityOf(ctx.trx, organisation.municipalityId, organisation.regionId);
    if (!isTimeZone(organisation.timezone)) throw new MutationRejected('VALIDATION_FAILED', `unknown time zone ${organisation.timezone}`);
    const existing = await ctx.trx.selectFrom('organisations').selectAll().where('id', '=', organisation.id).executeTakeFirst();
    requireSameRegion(existing, ctx, `organisation ${organisation.id}`);
    const row = organisationToRow(organisation);
    if (existing) await ctx.trx.updateTable('organisations').set(row).where('id', '=', organisation.id).execute();
    else await ctx.trx.insertInto('organisations').values(row).execute();
    return referenceChanged(ctx, 'admin.organisation.save', organisation.id, existing, row);
  },

  async 'admin.municipality.save'(ctx, { municipality }) {
    requireAdmin(ctx, municipality.regionId, 'edit municipalities');
    const existing = await ctx.trx.selectFrom('municipalities').selectAll().where('id', '=', municipality.id).executeTakeFirst();
    requireSameRegion(existing, ctx, `municipality ${municipality.id}`);
    const row = municipalityToRow(municipality);
    if (existing) await ctx.trx.updateTable('municipalities').set(row).where('id', '=', municipality.id).execute();
    else await ctx.trx.insertInto('municipalities').values(row).execute();
    return referenceChanged(ctx, 'admin.municipality.save', municipality.id, existing, row);
  },

  async 'admin.user.save'(ctx, { user, password }) {
    requireAdmin(ctx, ctx.user.regionId, 'edit users');
    const organisation = await loadRegionOrganisation(ctx.trx, user.organisationId, ctx.user.regionId);
    const existing = await ctx.trx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirst();
    requireSameRegion(existing, ctx, `user ${user.id}`);
    if (!existing && password === null) throw new MutationRejected('VALIDATION_FAILED', 'a new user needs a password');
    if (user.id === ctx.user.id && (user.disabled || user.role !== 'admin')) {
      throw new MutationRejected('FORBIDDEN', 'an admin cannot disable or demote themselves');
    }
    const sameLogin = await ctx.trx.selectFrom('users').select('id').where('login', '=', user.login).executeTakeFirst();
    if (sameLogin && sameLogin.id !== user.id) throw new MutationRejected('ALREADY_EXISTS', `login ${user.login} is taken`);
    const row = {
      id: user.id,
      login: user.login,
      display_name: user.displayName,
      role: user.role,
      organisation_id: user.organisationId,
      region_id: organisation.regionId,
      disabled: user.disabled ? 1 : 0,
      on_duty: user.onDuty ? 1 : 0,
      password_hash: password !== null ? await hashPassword(password) : existing!.password_hash,
    };
    if (existing) await ctx.trx.updateTable('users').set(row).where('id', '=', user.id).execute();
    else await ctx.trx.insertInto('users').values(row).execute();
    // disabling cuts every session, as POST /api/admin/users/disable does; so does a new password
    const cut = Boolean(existing) && (user.disabled || password !== null);
    if (cut) {
      await ctx.trx.updateTable('refresh_tokens').set({ revoked_at: ctx.now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    }
    return referenceChanged(ctx, 'admin.user.save', user.id, existing, row, user.disabled && existing ? { revokedUserIds: [user.id] } : {});
  },

  async 'user.set-on-duty'(ctx, { userId, onDuty }) {
    const target = await ctx.trx.selectFrom('users').select(['region_id', 'role', 'on_duty']).where('id', '=', userId).executeTakeFirst();
    if (!target) throw new MutationRejected('NOT_FOUND', `no user ${userId}`);
    // operators mark themselves; supervisors and admins mark anyone in their region
    const self = userId === ctx.user.id;
    if (!self && !hasRegionScope(ctx.user)) throw new MutationRejected('FORBIDDEN', 'only supervisors and admins set the duty of others');
    if (target.region_id !== ctx.user.regionId) throw new MutationRejected('OUT_OF_SCOPE', 'the user belongs to another region');
    if (target.role !== 'operator') throw new MutationRejected('VALIDATION_FAILED', 'only operators take appeals on duty');
    if (Boolean(target.on_duty) === onDuty) return null;
    await ctx.trx.updateTable('users').set({ on_duty: onDuty ? 1 : 0 }).where('id', '=', userId).execute();
    return referenceChanged(ctx, 'user.set-on-duty', userId, { on_duty: target.on_duty }, { on_duty: onDuty ? 1 : 0 });
  },
};
