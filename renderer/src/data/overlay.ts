// The optimistic overlay: pure functions that apply a mutation to an appeal, shared by mutate() and the replay after a pull.
import { kindForChannel, MUTATION_ARGS, type Appeal, type Comment, type MutationArgs, type MutationName, type User } from '../../../shared/index.js';

/** What the overlay needs to know about a mutation: the outbox row and the attention item both fit. */
export interface MutationLike {
  name: MutationName;
  args: unknown;
  createdAt: string;
}

/** Who is making the change: an optimistic create needs the author's organisation and region. */
export interface OverlayContext {
  user: Pick<User, 'id' | 'displayName' | 'organisationId' | 'regionId'> | null;
}

/** Parses stored args with the mutation's schema, so defaults are filled as the server will fill them. */
export function parseArgs<N extends MutationName>(name: N, args: unknown): MutationArgs<N> {
  return MUTATION_ARGS[name].parse(args) as MutationArgs<N>;
}

/** The appeal a mutation is about, or null for none. */
export function appealIdOf(name: MutationName, args: unknown): string | null {
  const a = args as { appealId?: unknown; id?: unknown };
  if (name === 'appeal.create') return typeof a.id === 'string' ? a.id : null;
  // a logged view changes nothing on the appeal: it must not mark it "unsent" or hold back its eviction
  if (name === 'audit.view') return null;
  return typeof a.appealId === 'string' ? a.appealId : null;
}

// The server bumps `version` on every applied change that alters the row (and only then); the overlay does the
// same so that a second offline edit states the version the server will have after the first, not a stale one.
function changed(appeal: Appeal, patch: Partial<Appeal>, at: string): Appeal {
  const differs = (Object.keys(patch) as Array<keyof Appeal>).some((k) => JSON.stringify(appeal[k]) !== JSON.stringify(patch[k]));
  return differs ? { ...appeal, ...patch, version: appeal.version + 1, updatedAt: at } : appeal;
}

/**
 * The appeal as it looks after `mutation`; `undefined` when there is no appeal (yet). Never throws on a
 * mutation that does not fit (e.g. a transition from a status the appeal no longer has): the server will
 * reject it, and until then the user sees what they asked for.
 */
export function applyMutation(appeal: Appeal | undefined, mutation: MutationLike, ctx: OverlayContext): Appeal | undefined {
  const at = mutation.createdAt;
  switch (mutation.name) {
    case 'appeal.create': {
      if (appeal) return appeal; // a retried create of an appeal that already exists changes nothing
      const a = parseArgs('appeal.create', mutation.args);
      return {
        id: a.id,
        number: a.number,
        channel: a.channel,
        externalRef: a.externalRef,
        citizen: a.citizen,
        originalText: a.originalText,
        subject: a.subject,
        summary: '',
        address: a.address,
        regionId: ctx.user?.regionId ?? '',
        municipalityId: a.municipalityId,
        category: a.category,
        priority: a.priority,
        kind: a.kind ?? kindForChannel(a.channel),
        status: 'new',
        organisationId: ctx.user?.organisationId ?? '',
        assigneeId: null,
        declineReason: null,
        duplicateOfId: null,
        consent: a.consent,
        receivedAt: a.receivedAt,
        firstReactionDueAt: null,
        resolutionDueAt: null,
        firstReactionAt: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
    }
    case 'appeal.update': {
      if (!appeal) return appeal;
      const a = parseArgs('appeal.update', mutation.args);
      return changed(appeal, a.patch, at);
    }
    case 'appeal.triage': {
      if (!appeal) return appeal;
      const a = parseArgs('appeal.triage', mutation.args);
      // triage sets fields only; the status moves through appeal.transition (as on the server)
      return changed(appeal, { category: a.category, priority: a.priority, municipalityId: a.municipalityId, kind: a.kind }, at);
    }
    case 'appeal.assign': {
      if (!appeal) return appeal;
      const a = parseArgs('appeal.assign', mutation.args);
      return changed(appeal, { organisationId: a.organisationId, assigneeId: a.assigneeId }, at);
    }
    case 'appeal.transition': {
      if (!appeal) return appeal;
      const a = parseArgs('appeal.transition', mutation.args);
      const patch: Partial<Appeal> = { status: a.to };
      if (a.to === 'declined') Object.assign(patch, { declineReason: a.declineReason, duplicateOfId: a.duplicateOfId });
      if (a.to === 'redirected' && a.organisationId !== null) patch.organisationId = a.organisationId;
      if (a.to === 'answered' && appeal.firstReactionAt === null) patch.firstReactionAt = at;
      return changed(appeal, patch, at);
    }
    case 'appeal.comment':
      return appeal; // comments are rows of their own (pendingComment)
    case 'attachment.add':
      return appeal; // attachments are rows of their own (renderer/src/data/attachments)
    case 'appeal.extend': {
      if (!appeal || appeal.extendedAt) return appeal;
      const a = parseArgs('appeal.extend', mutation.args);
      // the new deadline needs the server's calendar; until it answers, the appeal shows the extension itself
      return changed(appeal, { extendedAt: at, extensionReason: a.reason }, at);
    }
    default:
      return appeal; // answers, views and administration change other rows (renderer/src/data/workflow)
  }
}

/** Replays mutations, in outbox order, over a confirmed appeal. */
export function replay(confirmed: Appeal | undefined, mutations: readonly MutationLike[], ctx: OverlayContext): Appeal | undefined {
  let appeal = confirmed;
  for (const m of mutations) appeal = applyMutation(appeal, m, ctx);
  return appeal;
}

/** The comment an unsent `appeal.comment` will become, for the appeal screen. */
export function pendingComment(mutation: MutationLike, ctx: OverlayContext): Comment | null {
  if (mutation.name !== 'appeal.comment') return null;
  const a = parseArgs('appeal.comment', mutation.args);
  return {
    id: a.commentId,
    appealId: a.appealId,
    authorId: ctx.user?.id ?? '',
    authorName: ctx.user?.displayName ?? '',
    text: a.text,
    createdAt: mutation.createdAt,
  };
}

/**
 * The same intent re-issued on top of the server's current appeal: new preconditions (expected version,
 * from-status) taken from `theirs`, everything else kept. Used by "redo" in the attention list.
 */
export function rebaseArgs(name: MutationName, args: unknown, theirs: Appeal | null): unknown {
  if (!theirs) return args;
  if (name === 'appeal.update') return { ...(args as object), expectedVersion: theirs.version };
  if (name === 'appeal.transition') return { ...(args as object), from: theirs.status };
  return args;
}
