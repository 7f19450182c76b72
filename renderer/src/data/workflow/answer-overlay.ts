// Answers with this console's unsent saves applied on top, and which of them is the one being written now.
import { AnswerSaveArgs, type Answer } from '../../../../shared/workflow.js';
import type { Status } from '../../../../shared/domain.js';
import type { OtklikDb } from '../db.js';
import { answersTable } from './workflow-db.js';

export interface PendingLike {
  name: string;
  args: unknown;
  createdAt: string;
}

export interface Author {
  id: string;
  displayName: string;
}

/**
 * The appeal's answers as they will be once the outbox is sent: each unsent `answer.save` updates its
 * answer (or starts one) and bumps the version the way the server will, so a second save offline states
 * the version the server will have after the first.
 */
export function answersWithPending(confirmed: readonly Answer[], pending: readonly PendingLike[], author: Author | null): Answer[] {
  const byId = new Map(confirmed.map((a) => [a.id, a]));
  for (const m of pending) {
    if (m.name !== 'answer.save') continue;
    const parsed = AnswerSaveArgs.safeParse(m.args);
    if (!parsed.success) continue;
    const a = parsed.data;
    const before = byId.get(a.answerId);
    byId.set(a.answerId, {
      id: a.answerId,
      appealId: a.appealId,
      text: a.text,
      publishedText: before?.publishedText ?? null,
      reportsWork: a.reportsWork,
      status: before?.status === 'review' ? 'review' : 'draft',
      version: Math.max(before?.version ?? 0, a.expectedVersion) + 1,
      templateId: a.templateId,
      authorId: before?.authorId ?? author?.id ?? '',
      authorName: before?.authorName ?? author?.displayName ?? '',
      approvedById: before?.approvedById ?? null,
      sentAt: before?.sentAt ?? null,
      createdAt: before?.createdAt ?? m.createdAt,
      updatedAt: m.createdAt,
    });
  }
  return [...byId.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
}

/** The answer being written or reviewed now: the newest one not yet sent; null when every answer went out. */
export function currentAnswer(answers: readonly Answer[]): Answer | null {
  for (let i = answers.length - 1; i >= 0; i--) if (answers[i]!.status !== 'sent') return answers[i]!;
  return null;
}

/** Sent answers, newest first, for the appeal's history. */
export function sentAnswers(answers: readonly Answer[]): Answer[] {
  return answers.filter((a) => a.status === 'sent').sort((x, y) => (y.sentAt ?? '').localeCompare(x.sentAt ?? ''));
}

/** Statuses in which the composer is open for writing (before the answer goes to review or out). */
export const COMPOSING_STATUSES: readonly Status[] = ['in_progress', 'answer_draft', 'reopened'];

/**
 * "Redo" of a refused answer save: the same text on top of the answer the server now has (a colleague saved
 * in between), so it is not refused again for the version it states. The person has seen both in "needs attention".
 */
export async function rebaseAnswerSave(db: OtklikDb, args: unknown): Promise<unknown> {
  const parsed = AnswerSaveArgs.safeParse(args);
  if (!parsed.success) return args;
  const confirmed = await answersTable(db).get(parsed.data.answerId);
  return { ...parsed.data, expectedVersion: confirmed?.version ?? 0 };
}
