// Handlers of the appeal.* mutations: permission and scope checks, preconditions, the write and its history line.
import { randomUUID } from 'node:crypto';
import { kindForChannel, type Appeal, type AppealEvent, type MutationName, type Role } from '../../shared/index.js';
import { checkTransition } from '../../shared/lifecycle.js';
import { appealFromRow, appealToRow, appendHistory, eventToRow } from '../store/rows.js';
import { inScope } from '../sync/scope.js';
import { MutationRejected, type MutationContext, type MutationEffect, type MutationHandlers } from './types.js';

type AppealMutation = Exclude<Extract<MutationName, `appeal.${string}`>, 'appeal.extend'>;

/** v1 permissions by role; organisation roles act within their organisation, region roles within the region. */
const ALLOWED: Record<Role, readonly AppealMutation[]> = {
  operator: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment'],
  hotline: ['appeal.create', 'appeal.comment', 'appeal.update'],
  field: ['appeal.comment', 'appeal.transition'],
  supervisor: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment'],
  admin: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment'],
};

function requireRole(ctx: MutationContext, name: AppealMutation): void {
  if (!ALLOWED[ctx.user.role].includes(name)) {
    throw new MutationRejected('FORBIDDEN', `role ${ctx.user.role} may not ${name}`);
  }
}

interface Loaded {
  appeal: Appeal;
  history: string;
}

async function loadAppeal(ctx: MutationContext, appealId: string): Promise<Loaded> {
  const row = await ctx.trx.selectFrom('appeals').select(['doc', 'history']).where('id', '=', appealId).executeTakeFirst();
  if (!row) throw new MutationRejected('NOT_FOUND', `no appeal ${appealId}`);
  const appeal = appealFromRow(row);
  if (!inScope(ctx.user, appeal)) throw new MutationRejected('OUT_OF_SCOPE', `appeal ${appealId} is outside your scope`);
  return { appeal, history: row.history };
}

async function requireMunicipality(ctx: MutationContext, municipalityId: string | null, regionId: string): Promise<void> {
  if (municipalityId === null) return;
  const row = await ctx.trx
    .selectFrom('municipalities')
    .select('region_id')
    .where('id', '=', municipalityId)
    .executeTakeFirst();
  if (!row || row.region_id !== regionId) {
    throw new MutationRejected('VALIDATION_FAILED', `no municipality ${municipalityId} in this region`);
  }
}

const TRACKED_FIELDS = [
  'subject', 'summary', 'address', 'citizen', 'municipalityId', 'category', 'priority', 'kind', 'status',
  'organisationId', 'assigneeId', 'declineReason', 'duplicateOfId', 'firstReactionAt',
] as const satisfies readonly (keyof Appeal)[];

function diff(before: Appeal, after: Appeal): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of TRACKED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = [before[field], after[field]];
  }
  return changes;
}

function newEvent(
  ctx: MutationContext,
  appealId: string,
  action: AppealMutation,
  changes: Record<string, [unknown, unknown]>,
  reason: string | null,
): AppealEvent {
  return {
    id: randomUUID(),
    appealId,
    action,
    actorId: ctx.user.id,
    actorName: ctx.user.displayName,
    deviceId: ctx.clientId,
    changes,
    reason,
    at: ctx.now,
  };
}

/** Appends to the append-only history table; the caller also writes the event into the appeal's history column. */
async function insertEvent(ctx: MutationContext, event: AppealEvent): Promise<AppealEvent> {
  await ctx.trx.insertInto('appeal_events').values(eventToRow(event)).execute();
  return event;
}

/** Writes `next` over `before` with a bumped version and a history line; null when nothing differs. */
async function saveChange(
  ctx: MutationContext,
  action: AppealMutation,
  { appeal: before, history }: Loaded,
  next: Appeal,
  reason: string | null = null,
): Promise<MutationEffect | null> {
  const changes = diff(before, next);
  if (Object.keys(changes).length === 0) return null;
  const after: Appeal = { ...next, version: before.version + 1, updatedAt: ctx.now };
  const event = await insertEvent(ctx, newEvent(ctx, before.id, action, changes, reason));
  const { id: _id, ...row } = appealToRow(after);
  await ctx.trx
    .updateTable('appeals')
    .set({ ...row, history: appendHistory(history, event) })
    .where('id', '=', before.id)
    .execute();
  return {
    appealId: before.id,
    organisationId: after.organisationId,
    previousOrganisationId: after.organisationId !== before.organisationId ? before.organisationId : null,
    regionId: after.regionId,
    entities: [
      { entity: 'appeal', id: before.id },
      { entity: 'event', id: event.id },
    ],
  };
}

export const appealHandlers: MutationHandlers<AppealMutation> = {
  async 'appeal.create'(ctx, args) {
    requireRole(ctx, 'appeal.create');
    const existing = await ctx.trx
      .selectFrom('appeals')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', args.id), eb('number', '=', args.number)]))
      .executeTakeFirst();
    if (existing) throw new MutationRejected('ALREADY_EXISTS', `an appeal with id ${args.id} or number ${args.number} exists`);
    await requireMunicipality(ctx, args.municipalityId, ctx.user.regionId);
    // Region users create in their own organisation too until the console lets them pick one.
    const appeal: Appeal = {
      id: args.id,
      number: args.number,
      channel: args.channel,
      externalRef: args.externalRef,
      citizen: args.citizen,
      originalText: args.originalText,
      subject: args.subject,
      summary: '',
      address: args.address,
      regionId: ctx.user.regionId,
      municipalityId: args.municipalityId,
      category: args.category,
      priority: args.priority,
      kind: args.kind ?? kindForChannel(args.channel),
      status: 'new',
      organisationId: ctx.user.organisationId,
      assigneeId: null,
      declineReason: null,
      duplicateOfId: null,
      consent: args.consent,
      receivedAt: args.receivedAt,
      // Deadlines come from the SLA rules (production calendar), which are not part of v1 sync.
      firstReactionDueAt: null,
      resolutionDueAt: null,
      firstReactionAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      version: 1,
    };
    const event = newEvent(ctx, appeal.id, 'appeal.create', { status: [null, 'new'] }, null);
    await ctx.trx
      .insertInto('appeals')
      .values({ ...appealToRow(appeal), history: appendHistory('[]', event) })
      .execute();
    await insertEvent(ctx, event);
    return {
      appealId: appeal.id,
      organisationId: appeal.organisationId,
      previousOrganisationId: null,
      regionId: appeal.regionId,
      entities: [
        { entity: 'appeal', id: appeal.id },
        { entity: 'event', id: event.id },
      ],
    };
  },

  async 'appeal.update'(ctx, args) {
    requireRole(ctx, 'appeal.update');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    if (appeal.version !== args.expectedVersion) {
      throw new MutationRejected(
        'VERSION_CONFLICT',
        `the appeal changed since you saw it (version ${args.expectedVersion}, now ${appeal.version})`,
        appeal,
      );
    }
    return saveChange(ctx, 'appeal.update', loaded, { ...appeal, ...args.patch });
  },

  async 'appeal.triage'(ctx, args) {
    requireRole(ctx, 'appeal.triage');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    await requireMunicipality(ctx, args.municipalityId, appeal.regionId);
    // Triage sets fields only; the status moves through appeal.transition, where the lifecycle rules live.
    return saveChange(ctx, 'appeal.triage', loaded, {
      ...appeal,
      category: args.category,
      priority: args.priority,
      municipalityId: args.municipalityId,
      kind: args.kind,
    });
  },

  async 'appeal.assign'(ctx, args) {
    requireRole(ctx, 'appeal.assign');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    const organisation = await ctx.trx
      .selectFrom('organisations')
      .select(['id', 'region_id'])
      .where('id', '=', args.organisationId)
      .executeTakeFirst();
    if (!organisation || organisation.region_id !== appeal.regionId) {
      throw new MutationRejected('VALIDATION_FAILED', `no organisation ${args.organisationId} in this region`);
    }
    if (args.assigneeId !== null) {
      const assignee = await ctx.trx
        .selectFrom('users')
        .select(['organisation_id', 'disabled'])
        .where('id', '=', args.assigneeId)
        .executeTakeFirst();
      if (!assignee || assignee.organisation_id !== args.organisationId || assignee.disabled) {
        throw new MutationRejected('VALIDATION_FAILED', `${args.assigneeId} is not an active user of ${args.organisationId}`);
      }
    }
    // An operator assigning elsewhere redirects the appeal: allowed, and it leaves their scope.
    return saveChange(ctx, 'appeal.assign', loaded, {
      ...appeal,
      organisationId: args.organisationId,
      assigneeId: args.assigneeId,
    });
  },

  async 'appeal.transition'(ctx, args) {
    requireRole(ctx, 'appeal.transition');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    if (appeal.status !== args.from) {
      throw new MutationRejected('STATUS_CONFLICT', `the appeal is ${appeal.status}, not ${args.from}`, appeal);
    }
    const refusal = checkTransition({
      from: appeal.status,
      to: args.to,
      role: ctx.user.role,
      reason: args.reason,
      declineReason: args.declineReason,
      duplicateOfId: args.duplicateOfId,
    });
    if (refusal) throw new MutationRejected(refusal.code, refusal.message, appeal);
    if (args.duplicateOfId !== null) {
      const original = await ctx.trx.selectFrom('appeals').select('id').where('id', '=', args.duplicateOfId).executeTakeFirst();
      if (!original || args.duplicateOfId === appeal.id) {
        throw new MutationRejected('VALIDATION_FAILED', `no appeal ${args.duplicateOfId} to merge into`);
      }
    }
    const next: Appeal = { ...appeal, status: args.to };
    if (args.to === 'declined') {
      next.declineReason = args.declineReason;
      next.duplicateOfId = args.duplicateOfId;
    }
    if (args.to === 'answered' && appeal.firstReactionAt === null) next.firstReactionAt = ctx.now;
    return saveChange(ctx, 'appeal.transition', loaded, next, args.reason);
  },

  async 'appeal.comment'(ctx, args) {
    requireRole(ctx, 'appeal.comment');
    const { appeal, history } = await loadAppeal(ctx, args.appealId);
    const existing = await ctx.trx.selectFrom('comments').select('id').where('id', '=', args.commentId).executeTakeFirst();
    if (existing) throw new MutationRejected('ALREADY_EXISTS', `comment ${args.commentId} exists`);
    await ctx.trx
      .insertInto('comments')
      .values({
        id: args.commentId,
        appeal_id: appeal.id,
        author_id: ctx.user.id,
        author_name: ctx.user.displayName,
        text: args.text,
        created_at: ctx.now,
      })
      .execute();
    // An internal note does not bump the appeal's version: it must not turn a colleague's text edit into a conflict.
    const event = await insertEvent(ctx, newEvent(ctx, appeal.id, 'appeal.comment', {}, null));
    await ctx.trx.updateTable('appeals').set({ history: appendHistory(history, event) }).where('id', '=', appeal.id).execute();
    return {
      appealId: appeal.id,
      organisationId: appeal.organisationId,
      previousOrganisationId: null,
      regionId: appeal.regionId,
      entities: [
        { entity: 'comment', id: args.commentId },
        { entity: 'event', id: event.id },
      ],
    };
  },
};

