// answer.save (drafts with a version check), and what sending, reviewing and returning an answer do to it during appeal.transition.
import {
  checkAnswerProof,
  composePublishedText,
  findPlaceholders,
  type Answer,
  type Appeal,
  type Organisation,
  type RegionSettings,
  type Role,
  type Status,
  type User,
} from '../../shared/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { answerFromRow, answerToRow } from '../store/workflow-rows.js';
import { appendEvent, loadAppeal, newEvent, requireRole, type Changes } from './appeal-writes.js';
import { MutationRejected, type MutationHandlers } from './types.js';

const WRITERS: readonly Role[] = ['operator', 'supervisor', 'admin'];
const APPROVERS: readonly Role[] = ['supervisor', 'admin'];

/** Statuses in which an answer may be written: from the start of the work until it is sent. */
const WRITABLE: readonly Status[] = ['assigned', 'in_progress', 'answer_draft', 'answer_review', 'reopened'];

/** The answer not yet sent, if any: one per appeal (answer.save refuses a second). */
export async function currentAnswer(db: Kysely<Database>, appealId: string): Promise<Answer | null> {
  const row = await db
    .selectFrom('answers')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('status', '!=', 'sent')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? answerFromRow(row) : null;
}

function conflict(message: string, appeal: Appeal, answerId: string, answer: Answer | null): MutationRejected {
  return new MutationRejected('VERSION_CONFLICT', message, appeal, { answerId, answer });
}

async function writeAnswer(db: Kysely<Database>, answer: Answer, isNew: boolean): Promise<void> {
  if (isNew) await db.insertInto('answers').values(answerToRow(answer)).execute();
  else await db.updateTable('answers').set(answerToRow(answer)).where('id', '=', answer.id).execute();
}

export const answerHandlers: MutationHandlers<'answer.save'> = {
  async 'answer.save'(ctx, args) {
    requireRole(ctx, WRITERS, 'write answers');
    const loaded = await loadAppeal(ctx, args.appealId);
    const { appeal } = loaded;
    if (!WRITABLE.includes(appeal.status)) {
      throw new MutationRejected('STATUS_CONFLICT', `the appeal is ${appeal.status}: answers are written from assigned until sent`, appeal);
    }
    // the approver looks at a fixed text; its author withdraws it (answer_review → answer_draft) to edit
    if (appeal.status === 'answer_review' && !APPROVERS.includes(ctx.user.role)) {
      throw new MutationRejected('FORBIDDEN', 'the answer is under review: withdraw it to edit');
    }
    const existingRow = await ctx.trx.selectFrom('answers').selectAll().where('id', '=', args.answerId).executeTakeFirst();
    const existing = existingRow ? answerFromRow(existingRow) : null;
    if (existing && existing.appealId !== appeal.id) throw new MutationRejected('ALREADY_EXISTS', `answer ${args.answerId} belongs to another appeal`);
    if (existing?.status === 'sent') {
      throw new MutationRejected('VALIDATION_FAILED', 'this answer has been sent and stays as it was: write a new one');
    }
    if (existing === null) {
      // two people starting an answer at once: the second sees the first instead of replacing it
      const other = await currentAnswer(ctx.trx, appeal.id);
      if (other) throw conflict('a colleague has already started the answer', appeal, other.id, other);
      if (args.expectedVersion !== 0) throw conflict(`answer ${args.answerId} does not exist`, appeal, args.answerId, null);
    } else if (existing.version !== args.expectedVersion) {
      throw conflict(
        `the answer changed since you saw it (version ${args.expectedVersion}, now ${existing.version})`,
        appeal,
        existing.id,
        existing,
      );
    }
    if (args.templateId !== null) {
      const template = await ctx.trx.selectFrom('answer_templates').select('region_id').where('id', '=', args.templateId).executeTakeFirst();
      if (!template || template.region_id !== appeal.regionId) throw new MutationRejected('VALIDATION_FAILED', `no template ${args.templateId}`);
    }
    const answer: Answer = {
      id: args.answerId,
      appealId: appeal.id,
      text: args.text,
      publishedText: null,
      reportsWork: args.reportsWork,
      status: existing?.status ?? (appeal.status === 'answer_review' ? 'review' : 'draft'),
      version: (existing?.version ?? 0) + 1,
      templateId: args.templateId,
      authorId: existing?.authorId ?? ctx.user.id,
      authorName: existing?.authorName ?? ctx.user.displayName,
      approvedById: null,
      sentAt: null,
      createdAt: existing?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    };
    if (existing && existing.text === answer.text && existing.reportsWork === answer.reportsWork && existing.templateId === answer.templateId) {
      return null;
    }
    await writeAnswer(ctx.trx, answer, existing === null);
    const changes: Changes = { 'answer.text': [existing?.text ?? null, answer.text] };
    if (existing?.reportsWork !== answer.reportsWork) changes['answer.reportsWork'] = [existing?.reportsWork ?? null, answer.reportsWork];
    if (existing?.templateId !== answer.templateId) changes['answer.templateId'] = [existing?.templateId ?? null, answer.templateId];
    const event = newEvent(ctx, appeal.id, 'answer.save', changes, null);
    return appendEvent(ctx, loaded, event, undefined, [{ entity: 'answer', id: answer.id }]);
  },
};

export interface AnswerMove {
  answer: Answer;
  /** Before → after of the answer's fields, for the transition's history line. */
  changes: Changes;
}

interface MoveContext {
  db: Kysely<Database>;
  user: User;
  now: string;
  appeal: Appeal;
  from: Status;
  to: Status;
  organisation: Organisation;
  region: RegionSettings;
}

/**
 * What a transition does to the current answer, after checking what it needs:
 * - to answer_review: the answer exists and goes to review;
 * - answer_review → answer_draft: back to draft (returned or withdrawn);
 * - to answered: the answer is sent — no placeholder left, proof when it reports work, the text
 *   published with the signature label and hashtag, approvedById when the organisation reviews.
 * null when the transition does not concern the answer.
 */
export async function moveAnswer(m: MoveContext, answer: Answer | null): Promise<AnswerMove | null> {
  if (m.to !== 'answered' && m.to !== 'answer_review' && !(m.from === 'answer_review' && m.to === 'answer_draft')) return null;
  if (m.to === 'answer_draft') {
    if (!answer) return null;
    return changed(answer, { ...answer, status: 'draft', updatedAt: m.now });
  }
  if (!answer || answer.text.trim() === '') {
    throw new MutationRejected('VALIDATION_FAILED', 'there is no answer to send: write it first (answer.save)', m.appeal);
  }
  const left = findPlaceholders(answer.text);
  if (left.length > 0) {
    throw new MutationRejected('VALIDATION_FAILED', `the answer still has placeholders: ${left.map((p) => `{{${p}}}`).join(', ')}`, m.appeal);
  }
  if (m.to === 'answer_review') return changed(answer, { ...answer, status: 'review', updatedAt: m.now });
  if (answer.reportsWork) {
    const rows = await m.db.selectFrom('attachments').select(['kind', 'uploaded_at']).where('appeal_id', '=', m.appeal.id).execute();
    const refusal = checkAnswerProof(rows.map((r) => ({ kind: r.kind as 'before' | 'after' | 'document', uploadedAt: r.uploaded_at })));
    if (refusal) throw new MutationRejected(refusal.code, refusal.message, m.appeal);
  }
  return changed(answer, {
    ...answer,
    status: 'sent',
    publishedText: composePublishedText(answer.text, m.organisation.signature, m.region.hashtag),
    // under review the approver is whoever sends it: from review, or an approver's own answer
    approvedById: m.organisation.answerReview ? m.user.id : null,
    sentAt: m.now,
    updatedAt: m.now,
  });
}

function changed(before: Answer, after: Answer): AnswerMove {
  const changes: Changes = {};
  for (const field of ['status', 'publishedText', 'approvedById', 'sentAt'] as const) {
    if (before[field] !== after[field]) changes[`answer.${field}`] = [before[field], after[field]];
  }
  return { answer: { ...after, version: before.version + 1 }, changes };
}

/** Stores the answer a transition moved (the caller records the transition's history line). */
export async function storeMovedAnswer(db: Kysely<Database>, move: AnswerMove): Promise<void> {
  await writeAnswer(db, move.answer, false);
}
