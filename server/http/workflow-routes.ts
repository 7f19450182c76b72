// Workflow over HTTP: the reference data consoles hold (templates, routing rules, SLA settings) and the personal-data access log.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError, Id, type User, type WorkflowReference } from '../../shared/index.js';
import type { SessionService } from '../auth/sessions.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { categorySettingFromRow, routingRuleFromRow, templateFromRow } from '../store/workflow-rows.js';
import { hasRegionScope, inScope } from '../sync/scope.js';
import { loadRegionSettings } from '../workflow/settings.js';
import { bearerUser } from './routes.js';

/** Templates the caller may use (the region's and their organisation's; all of them for region roles) and the region's rules and settings. */
export async function workflowReference(db: Kysely<Database>, user: User): Promise<WorkflowReference> {
  let templates = db.selectFrom('answer_templates').selectAll().where('region_id', '=', user.regionId);
  if (!hasRegionScope(user)) {
    templates = templates.where((eb) => eb.or([eb('organisation_id', 'is', null), eb('organisation_id', '=', user.organisationId)]));
  }
  const [templateRows, ruleRows, categoryRows, regionSettings] = await Promise.all([
    templates.orderBy('title').execute(),
    db.selectFrom('routing_rules').selectAll().where('region_id', '=', user.regionId).orderBy('category').orderBy('id').execute(),
    db.selectFrom('category_settings').selectAll().where('region_id', '=', user.regionId).orderBy('category').execute(),
    loadRegionSettings(db, user.regionId),
  ]);
  return {
    templates: templateRows.map(templateFromRow),
    routingRules: ruleRows.map(routingRuleFromRow),
    categorySettings: categoryRows.map(categorySettingFromRow),
    regionSettings,
  };
}

export const AuditViewsQuery = z.object({ appealId: Id });

/** One line of the access log as GET /api/audit/views answers it. */
export interface AuditViewEntry {
  appealId: string;
  userId: string;
  userName: string;
  deviceId: string;
  viewedAt: string;
  loggedAt: string;
}

/** One administration change as GET /api/audit/admin-changes answers it: rows as stored, before and after. */
export interface AdminChangeEntry {
  action: string;
  entityId: string;
  actorId: string;
  actorName: string;
  deviceId: string;
  before: unknown;
  after: unknown;
  at: string;
}

const AdminChangesQuery = z.object({ limit: z.coerce.number().int().positive().max(1000).default(200) });

export function registerWorkflowRoutes(app: FastifyInstance, deps: { store: Store; sessions: SessionService }): void {
  app.get('/api/audit/admin-changes', async (request): Promise<{ changes: AdminChangeEntry[] }> => {
    const user = await bearerUser(request, deps.sessions);
    if (user.role !== 'admin') throw new DomainError('FORBIDDEN', 'only admins read the administration log');
    const query = AdminChangesQuery.safeParse(request.query);
    if (!query.success) throw new DomainError('BAD_MESSAGE', 'limit must be 1–1000');
    const rows = await deps.store.db
      .selectFrom('admin_changes')
      .selectAll()
      .where('region_id', '=', user.regionId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(query.data.limit)
      .execute();
    return {
      changes: rows.map((r) => ({
        action: r.action,
        entityId: r.entity_id,
        actorId: r.actor_id,
        actorName: r.actor_name,
        deviceId: r.device_id,
        before: r.before === null ? null : (JSON.parse(r.before) as unknown),
        after: r.after === null ? null : (JSON.parse(r.after) as unknown),
        at: r.at,
      })),
    };
  });

  app.get('/api/audit/views', async (request): Promise<{ views: AuditViewEntry[] }> => {
    const user = await bearerUser(request, deps.sessions);
    // reading who looked at a citizen's data is itself sensitive: admins and supervisors of the region only
    if (!hasRegionScope(user)) throw new DomainError('FORBIDDEN', 'only admins and supervisors read the access log');
    const query = AuditViewsQuery.safeParse(request.query);
    if (!query.success) throw new DomainError('BAD_MESSAGE', 'appealId is required');
    const appeal = await deps.store.db
      .selectFrom('appeals')
      .select(['organisation_id', 'region_id'])
      .where('id', '=', query.data.appealId)
      .executeTakeFirst();
    if (!appeal) throw new DomainError('NOT_FOUND', `no appeal ${query.data.appealId}`);
    if (!inScope(user, { organisationId: appeal.organisation_id, regionId: appeal.region_id })) {
      throw new DomainError('OUT_OF_SCOPE', 'the appeal belongs to another region');
    }
    const rows = await deps.store.db
      .selectFrom('audit_views')
      .selectAll()
      .where('appeal_id', '=', query.data.appealId)
      .orderBy('logged_at')
      .execute();
    return {
      views: rows.map((r) => ({
        appealId: r.appeal_id,
        userId: r.user_id,
        userName: r.user_name,
        deviceId: r.device_id,
        viewedAt: r.viewed_at,
        loggedAt: r.logged_at,
      })),
    };
  });
}
