// Handlers of the appeal.* mutations: permission and scope checks, preconditions, routing, deadlines, auto-assignment, the write and its history.
import {
  checkExtension,
  extendDeadline,
  kindForChannel,
  type Appeal,
  type MutationName,
  type Role,
} from '../../shared/index.js';
import { checkTransition } from '../../shared/lifecycle.js';
import { PreparedQuery } from '../store/prepared.js';
import { appealToRow, appendHistory } from '../store/rows.js';
import { operatorOnDuty } from '../workflow/assignment.js';
import { deadlinesFor, loadOrganisation, loadRegionOrganisation, loadRegionSettings, routedOrganisation } from '../workflow/settings.js';
import { appendEvent, loadAppeal, newEvent, saveSteps, type Loaded, type Step } from './appeal-writes.js';
import { currentAnswer, moveAnswer, storeMovedAnswer } from './answer.js';
import { MutationRejected, type MutationContext, type MutationEffect, type MutationHandlers } from './types.js';

type AppealMutation = Extract<MutationName, `appeal.${string}`>;

const sameIdOrNumber = new PreparedQuery(2, (db, id: string, number: string) =>
  db.selectFrom('appeals').select('id').where((eb) => eb.or([eb('id', '=', id), eb('number', '=', number)])),
);
/** A comment id is the client's: a second insert of it is a no-op the handler answers with ALREADY_EXISTS. */
const commentInsert = new PreparedQuery(
  6,
  (db, id: string, appealId: string, authorId: string, authorName: string, text: string, createdAt: string) =>
    db
      .insertInto('comments')
      .values({ id, appeal_id: appealId, author_id: authorId, author_name: authorName, text, created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing()),
);

/** v1 permissions by role; organisation roles act within their organisation, region roles within the region. */
const ALLOWED: Record<Role, readonly AppealMutation[]> = {
  operator: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment', 'appeal.extend'],
  hotline: ['appeal.create', 'appeal.comment', 'appeal.update'],
  field: ['appeal.comment', 'appeal.transition'],
  supervisor: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment', 'appeal.extend'],
  admin: ['appeal.create', 'appeal.update', 'appeal.triage', 'appeal.assign', 'appeal.transition', 'appeal.comment', 'appeal.extend'],
};

function requireRole(ctx: MutationContext, name: AppealMutation): void {
  if (!ALLOWED[ctx.user.role].includes(name)) {
    throw new MutationRejected('FORBIDDEN', `role ${ctx.user.role} may not ${name}`);
  }
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

/** The appeal with its deadlines counted again (after anything they depend on changed). */
async function withDeadlines(ctx: MutationContext, appeal: Appeal): Promise<Appeal> {
  return { ...appeal, ...(await deadlinesFor(ctx.trx, appeal)) };
}

/** Moving to another organisation: nobody there holds it yet, and its clock is the new organisation's. */
async function moveTo(ctx: MutationContext, appeal: Appeal, organisationId: string): Promise<Appeal> {
  return withDeadlines(ctx, { ...appeal, organisationId, assigneeId: null });
}

/**
 * Routing on triage (issue 4 §3): while an appeal is still `new` or `triaged` — nobody has started on it —
 * and the region's rule for its category and municipality names another organisation, it is redirected
 * there, as an operator's redirect would do (status `redirected`, the receiving organisation takes it up).
 * Later statuses are people's decisions: a rule must not pull an appeal away from its executor, nor send
 * back one that another organisation has redirected on purpose.
 */
async function routeStep(ctx: MutationContext, appeal: Appeal): Promise<Step | null> {
  if (appeal.status !== 'new' && appeal.status !== 'triaged') return null;
  const target = await routedOrganisation(ctx.trx, appeal);
  if (target === null || target === appeal.organisationId) return null;
  await loadRegionOrganisation(ctx.trx, target, appeal.regionId);
  const next = await moveTo(ctx, { ...appeal, status: 'redirected' }, target);
  return { action: 'appeal.route', next, reason: 'правило маршрутизации', actor: 'system' };
}

/**
 * Automatic assignment (issue 4 §3). domain.md: `triaged` means category, priority and municipality are
 * set, and `assigned` means an executor organisation and optionally a person. So the moment an appeal
 * becomes `triaged` in its organisation and nobody holds it, the operator on duty with the fewest open
 * appeals gets it and it moves on to `assigned` — a separate system line in the history. With nobody on
 * duty it stays `triaged` for a supervisor or colleague to assign by hand (appeal.assign).
 */
async function autoAssignStep(ctx: MutationContext, appeal: Appeal): Promise<Step | null> {
  if (appeal.status !== 'triaged' || appeal.assigneeId !== null) return null;
  const operator = await operatorOnDuty(ctx.trx, appeal.organisationId);
  if (!operator) return null;
  return {
    action: 'appeal.auto-assign',
    next: { ...appeal, assigneeId: operator.id, status: 'assigned' },
    reason: `дежурный оператор с наименьшей очередью (${operator.openAppeals} в работе)`,
    actor: 'system',
  };
}

/** A step list without the nulls. */
function steps(...list: Array<Step | null>): Step[] {
  return list.filter((s): s is Step => s !== null);
}

/** Adds (or removes) a duplicate on its original: a link, not an edit, so the original's version stays. */
async function linkDuplicate(ctx: MutationContext, originalId: string, duplicate: Appeal, link: boolean): Promise<MutationEffect | null> {
  const row = await ctx.trx.selectFrom('appeals').select(['doc', 'history']).where('id', '=', originalId).executeTakeFirst();
  if (!row) return null;
  const loaded: Loaded = { appeal: JSON.parse(row.doc) as Appeal, history: row.history };
  const before = loaded.appeal.duplicateIds ?? [];
  const after = link ? [...new Set([...before, duplicate.id])] : before.filter((id) => id !== duplicate.id);
  const doc: Appeal = { ...loaded.appeal, duplicateIds: after, updatedAt: ctx.now };
  const event = newEvent(ctx, originalId, link ? 'appeal.merge' : 'appeal.unmerge', { duplicateIds: [before, after] }, `дубликат ${duplicate.number}`);
  return appendEvent(ctx, loaded, event, doc);
}

export const appealHandlers: MutationHandlers<AppealMutation> = {
  async 'appeal.create'(ctx, args) {
    requireRole(ctx, 'appeal.create');
    const existing = await sameIdOrNumber.first(ctx.trx, args.id, args.number);
    if (existing) throw new MutationRejected('ALREADY_EXISTS', `an appeal with id ${args.id} or number ${args.number} exists`);
    await requireMunicipality(ctx, args.municipalityId, ctx.user.regionId);
    const draft: Appeal = {
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
      // the creator's organisation unless a routing rule names the executor (region users included)
      organisationId: ctx.user.organisationId,
      assigneeId: null,
      declineReason: null,
      duplicateOfId: null,
      consent: args.consent,
      receivedAt: args.receivedAt,
      firstReactionDueAt: null,
      resolutionDueAt: null,
      firstReactionAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      version: 1,
    };
    const routed = await routedOrganisation(ctx.trx, draft);
    if (routed !== null) await loadRegionOrganisation(ctx.trx, routed, draft.regionId);
    const appeal = await withDeadlines(ctx, { ...draft, organisationId: routed ?? draft.organisationId });
    const changes: Record<string, [unknown, unknown]> = { status: [null, 'new'] };
    if (routed !== null && routed !== ctx.user.organisationId) changes.organisationId = [ctx.user.organisationId, routed];
    const event = newEvent(ctx, appeal.id, 'appeal.create', changes, routed !== null ? 'правило маршрутизации' : null);
    await ctx.trx
      .insertInto('appeals')
      .values({ ...appealToRow(appeal), history: appendHistory('[]', event) })
      .execute();
    ctx.events.push(event);
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
    return saveSteps(ctx, loaded, [{ action: 'appeal.update', next: { ...appeal, ...args.patch } }]);
  },

  async 'appeal.triage'(ctx, args) {
    requireRole(ctx, 'appeal.triage');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    await requireMunicipality(ctx, args.municipalityId, appeal.regionId);
    // Triage sets fields (and the deadlines they give); the status moves through appeal.transition, except a routing redirect.
    const triaged = await withDeadlines(ctx, {
      ...appeal,
      category: args.category,
      priority: args.priority,
      municipalityId: args.municipalityId,
      kind: args.kind,
    });
    return saveSteps(ctx, loaded, steps({ action: 'appeal.triage', next: triaged }, await routeStep(ctx, triaged)));
  },

  async 'appeal.assign'(ctx, args) {
    requireRole(ctx, 'appeal.assign');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    await loadRegionOrganisation(ctx.trx, args.organisationId, appeal.regionId);
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
    // Manual (re)assignment; an operator assigning elsewhere redirects the appeal: allowed, and it leaves their scope.
    const moved = args.organisationId === appeal.organisationId ? appeal : await moveTo(ctx, appeal, args.organisationId);
    return saveSteps(ctx, loaded, [{ action: 'appeal.assign', next: { ...moved, assigneeId: args.assigneeId } }]);
  },

  async 'appeal.transition'(ctx, args) {
    requireRole(ctx, 'appeal.transition');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    if (appeal.status !== args.from) {
      throw new MutationRejected('STATUS_CONFLICT', `the appeal is ${appeal.status}, not ${args.from}`, appeal);
    }
    const organisation = await loadOrganisation(ctx.trx, appeal.organisationId);
    const answer = await currentAnswer(ctx.trx, appeal.id);
    const refusal = checkTransition({
      from: appeal.status,
      to: args.to,
      role: ctx.user.role,
      reason: args.reason,
      declineReason: args.declineReason,
      duplicateOfId: args.duplicateOfId,
      reviewRequired: organisation.answerReview,
      hasAnswer: answer !== null && answer.text.trim() !== '',
    });
    if (refusal) throw new MutationRejected(refusal.code, refusal.message, appeal);

    let next: Appeal = { ...appeal, status: args.to };
    const also: MutationEffect[] = [];
    if (args.to === 'declined') {
      next.declineReason = args.declineReason;
      next.duplicateOfId = args.declineReason === 'duplicate' ? args.duplicateOfId : null;
      if (next.duplicateOfId !== null) {
        const original =
          next.duplicateOfId === appeal.id
            ? null
            : await loadAppeal(ctx, next.duplicateOfId).catch((error: unknown) => {
                if (error instanceof MutationRejected) return null;
                throw error;
              });
        if (!original) throw new MutationRejected('VALIDATION_FAILED', `no appeal ${next.duplicateOfId} in your scope to merge into`, appeal);
        const linked = await linkDuplicate(ctx, original.appeal.id, appeal, true);
        if (linked) also.push(linked);
      }
    }
    if (appeal.status === 'declined' && args.to === 'reopened') {
      // a wrong decline undone: it is no longer anyone's duplicate
      if (appeal.duplicateOfId !== null) {
        const unlinked = await linkDuplicate(ctx, appeal.duplicateOfId, appeal, false);
        if (unlinked) also.push(unlinked);
      }
      next = { ...next, declineReason: null, duplicateOfId: null };
    }
    if (args.to === 'redirected') {
      const target = args.organisationId ?? (await routedOrganisation(ctx.trx, appeal));
      if (target === null) throw new MutationRejected('VALIDATION_FAILED', 'no routing rule applies: choose the organisation to redirect to', appeal);
      if (target === appeal.organisationId) throw new MutationRejected('VALIDATION_FAILED', 'the appeal is already with this organisation', appeal);
      await loadRegionOrganisation(ctx.trx, target, appeal.regionId);
      next = await moveTo(ctx, next, target);
    }
    const move = await moveAnswer(
      { db: ctx.trx, user: ctx.user, now: ctx.now, appeal, from: appeal.status, to: args.to, organisation, region: await loadRegionSettings(ctx.trx, appeal.regionId) },
      answer,
    );
    if (move) await storeMovedAnswer(ctx.trx, move);
    // the first reply that is not an automatic acknowledgement (domain.md, SLA)
    if (args.to === 'answered' && appeal.firstReactionAt === null) next.firstReactionAt = ctx.now;
    return saveSteps(
      ctx,
      loaded,
      steps({ action: 'appeal.transition', next, reason: args.reason, extraChanges: move?.changes }, await autoAssignStep(ctx, next)),
      { entities: move ? [{ entity: 'answer', id: move.answer.id }] : [], also },
    );
  },

  async 'appeal.extend'(ctx, args) {
    requireRole(ctx, 'appeal.extend');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    const [organisation, settings] = await Promise.all([loadOrganisation(ctx.trx, appeal.organisationId), loadRegionSettings(ctx.trx, appeal.regionId)]);
    const input = {
      receivedAt: appeal.receivedAt,
      priority: appeal.priority,
      kind: appeal.kind,
      category: appeal.category,
      timezone: organisation.timezone,
      regionCode: settings.calendarRegionCode,
      extended: Boolean(appeal.extendedAt),
    };
    const refusal = checkExtension(input, args.reason);
    if (refusal) throw new MutationRejected(refusal.code, refusal.message, appeal);
    const deadlines = extendDeadline(input, args.reason);
    return saveSteps(ctx, loaded, [
      {
        action: 'appeal.extend',
        next: {
          ...appeal,
          resolutionDueAt: deadlines.resolutionDueAt,
          calendarFallbackYears: deadlines.calendarFallbackYears,
          extendedAt: ctx.now,
          extensionReason: args.reason,
        },
        reason: args.reason,
      },
    ]);
  },

  async 'appeal.comment'(ctx, args) {
    requireRole(ctx, 'appeal.comment');
    const loaded = await loadAppeal(ctx, args.appealId);
    const inserted = await commentInsert.execute(ctx.trx, args.commentId, loaded.appeal.id, ctx.user.id, ctx.user.displayName, args.text, ctx.now);
    if (inserted.numAffectedRows === 0n) throw new MutationRejected('ALREADY_EXISTS', `comment ${args.commentId} exists`);
    // An internal note does not bump the appeal's version: it must not turn a colleague's text edit into a conflict.
    return appendEvent(ctx, loaded, newEvent(ctx, loaded.appeal.id, 'appeal.comment', {}, null), undefined, [
      { entity: 'comment', id: args.commentId },
    ]);
  },
};
