// How a mutation changes an appeal: load in scope, diff against what it was, one history line per step, one version bump, the change-log effect.
import { randomUUID } from 'node:crypto';
import type { Appeal, AppealEvent, Role } from '../../shared/index.js';
import { appealFromRow, appealToRow, appendHistory } from '../store/rows.js';
import { PreparedQuery } from '../store/prepared.js';
import type { ChangeEntity } from '../store/schema.js';
import { inScope } from '../sync/scope.js';
import { MutationRejected, type MutationContext, type MutationEffect } from './types.js';

export interface Loaded {
  appeal: Appeal;
  history: string;
}

export function requireRole(ctx: MutationContext, roles: readonly Role[], what: string): void {
  if (!roles.includes(ctx.user.role)) throw new MutationRejected('FORBIDDEN', `role ${ctx.user.role} may not ${what}`);
}

const appealQuery = new PreparedQuery(1, (db, appealId: string) => db.selectFrom('appeals').select(['doc', 'history']).where('id', '=', appealId));
const historyUpdate = new PreparedQuery(2, (db, appealId: string, history: string) =>
  db.updateTable('appeals').set({ history }).where('id', '=', appealId),
);

export async function loadAppeal(ctx: MutationContext, appealId: string): Promise<Loaded> {
  const row = await appealQuery.first(ctx.trx, appealId);
  if (!row) throw new MutationRejected('NOT_FOUND', `no appeal ${appealId}`);
  const appeal = appealFromRow(row);
  if (!inScope(ctx.user, appeal)) throw new MutationRejected('OUT_OF_SCOPE', `appeal ${appealId} is outside your scope`);
  return { appeal, history: row.history };
}

/** Fields whose every change is recorded with its previous value (issue 4 §5). */
const TRACKED_FIELDS = [
  'subject', 'summary', 'address', 'citizen', 'municipalityId', 'category', 'priority', 'kind', 'status',
  'organisationId', 'assigneeId', 'declineReason', 'duplicateOfId', 'firstReactionAt', 'firstReactionDueAt',
  'resolutionDueAt', 'calendarFallbackYears', 'extendedAt', 'extensionReason', 'duplicateIds',
] as const satisfies readonly (keyof Appeal)[];

export type Changes = Record<string, [unknown, unknown]>;

export function diff(before: Appeal, after: Appeal): Changes {
  const changes: Changes = {};
  for (const field of TRACKED_FIELDS) {
    // absent optional fields and null mean the same: no entry for a field that only became explicit
    const [b, a] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[field] = [b, a];
  }
  return changes;
}

/** Who a history line is by: the caller, or the server acting on a rule (routing, duty roster, deadlines). */
export type Actor = 'caller' | 'system';

export function newEvent(
  ctx: Pick<MutationContext, 'user' | 'clientId' | 'now'>,
  appealId: string,
  action: string,
  changes: Changes,
  reason: string | null,
  actor: Actor = 'caller',
): AppealEvent {
  const system = actor === 'system';
  return {
    id: randomUUID(),
    appealId,
    action,
    actorId: system ? null : ctx.user.id,
    actorName: system ? 'Система' : ctx.user.displayName,
    deviceId: system ? null : ctx.clientId,
    changes,
    reason,
    at: ctx.now,
  };
}

/** One step of a mutation: the appeal after it, and how its history line reads. */
export interface Step {
  action: string;
  next: Appeal;
  reason?: string | null;
  actor?: Actor;
  /** Changes besides the appeal's own fields (e.g. the answer sent with it). */
  extraChanges?: Changes;
}

export interface SaveExtras {
  /** Rows of other tables the mutation wrote for this appeal (an answer). */
  entities?: Array<{ entity: ChangeEntity; id: string }>;
  /** Effects on other appeals (the original a duplicate was merged into). */
  also?: MutationEffect[];
}

/**
 * Writes the last step's appeal over the loaded one with one version bump and one history line per step
 * that changed something (each step diffed against the one before, so automatic follow-ups such as
 * auto-assignment read as their own lines). null when no step changed anything.
 */
export async function saveSteps(ctx: MutationContext, loaded: Loaded, steps: Step[], extras: SaveExtras = {}): Promise<MutationEffect | null> {
  const before = loaded.appeal;
  let previous = before;
  const events: AppealEvent[] = [];
  for (const step of steps) {
    const changes = { ...diff(previous, step.next), ...step.extraChanges };
    if (Object.keys(changes).length > 0) events.push(newEvent(ctx, before.id, step.action, changes, step.reason ?? null, step.actor));
    previous = step.next;
  }
  if (events.length === 0) return null;
  const after: Appeal = { ...previous, version: before.version + 1, updatedAt: ctx.now };
  let history = loaded.history;
  for (const event of events) {
    ctx.events.push(event);
    history = appendHistory(history, event);
  }
  const { id: _id, ...row } = appealToRow(after);
  await ctx.trx.updateTable('appeals').set({ ...row, history }).where('id', '=', before.id).execute();
  return {
    appealId: before.id,
    organisationId: after.organisationId,
    previousOrganisationId: after.organisationId !== before.organisationId ? before.organisationId : null,
    regionId: after.regionId,
    entities: [
      { entity: 'appeal', id: before.id },
      ...events.map((e) => ({ entity: 'event' as const, id: e.id })),
      ...(extras.entities ?? []),
    ],
    ...(extras.also && extras.also.length > 0 ? { also: extras.also } : {}),
  };
}

/**
 * Appends a history line without bumping the version: notes, proof, answer drafts and links are not
 * edits of the appeal's text, and must not turn a colleague's concurrent edit into a conflict.
 * `doc` replaces the appeal document when the line changes a field outside the version (duplicateIds).
 */
export async function appendEvent(
  ctx: MutationContext,
  loaded: Loaded,
  event: AppealEvent,
  doc?: Appeal,
  entities: Array<{ entity: ChangeEntity; id: string }> = [],
): Promise<MutationEffect> {
  ctx.events.push(event);
  const history = appendHistory(loaded.history, event);
  if (doc) {
    const { id: _id, ...row } = appealToRow(doc);
    await ctx.trx.updateTable('appeals').set({ ...row, history }).where('id', '=', doc.id).execute();
  } else {
    await historyUpdate.execute(ctx.trx, loaded.appeal.id, history);
  }
  const appeal = doc ?? loaded.appeal;
  return {
    appealId: appeal.id,
    organisationId: appeal.organisationId,
    previousOrganisationId: null,
    regionId: appeal.regionId,
    entities: [...(doc ? [{ entity: 'appeal' as const, id: appeal.id }] : []), ...entities, { entity: 'event', id: event.id }],
  };
}
