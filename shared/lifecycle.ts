// The appeal state machine: which status may follow which, for which role, needing what (issue 4 §1).
import { DECLINE_REASONS, OPEN_STATUSES, STATUSES, type Role, type Status } from './domain.js';
import type { ErrorCode } from './errors.js';

/**
 * What a transition needs besides the role:
 * - `reason`: a non-blank free-text reason (recorded in the history, shown to the next person);
 * - `declineReason`: one of DECLINE_REASONS, and `duplicateOfId` when it is `duplicate`;
 * - `answer`: the answer text exists (checked only when the caller says whether it does).
 */
export type Requirement = 'reason' | 'declineReason' | 'answer';

/**
 * Some transitions exist only under one setting of the organisation's answer review
 * (Organisation.answerReview): `required` — only when answers go through a supervisor,
 * `not_required` — only when they do not. Absent — under both.
 */
export type ReviewCondition = 'required' | 'not_required';

export interface TransitionRule {
  readonly from: Status;
  readonly to: Status;
  readonly roles: readonly Role[];
  readonly requires: readonly Requirement[];
  readonly review?: ReviewCondition;
  /** Why the rule is there, for people reading the table. */
  readonly note: string;
}

const WORKERS: readonly Role[] = ['operator', 'supervisor', 'admin'];
const HANDS_ON: readonly Role[] = ['operator', 'field', 'supervisor', 'admin'];
const APPROVERS: readonly Role[] = ['supervisor', 'admin'];
const AT_INTAKE: readonly Role[] = ['operator', 'hotline', 'supervisor', 'admin'];

/*
 * The whole table, one row per (from, to[, review]). Roles in short: o operator, h hotline, f field,
 * s supervisor, a admin.
 *
 * | from          | to            | roles     | requires                | why                                              |
 * |---------------|---------------|-----------|-------------------------|--------------------------------------------------|
 * | new           | triaged       | o h s a   |                         | hotline triages while the caller is on the line  |
 * | new           | declined      | o h s a   | declineReason           | hotline spots rude/spam/duplicate calls at once  |
 * | new           | redirected    | o s a     | reason                  | routing is an operator's call, not the hotline's |
 * | triaged       | assigned      | o s a     |                         |                                                  |
 * | triaged       | declined      | o s a     | declineReason           |                                                  |
 * | triaged       | redirected    | o s a     | reason                  |                                                  |
 * | assigned      | in_progress   | o f s a   |                         | the field crew starts the work it was given      |
 * | assigned      | declined      | o s a     | declineReason           | a duplicate is often found after assignment      |
 * | assigned      | redirected    | o s a     | reason                  | the executor says it is not theirs               |
 * | in_progress   | answer_draft  | o f s a   |                         | field marks the work done; the operator writes   |
 * | in_progress   | declined      | o s a     | declineReason           |                                                  |
 * | in_progress   | redirected    | o s a     | reason                  |                                                  |
 * | answer_draft  | answer_review | o s a     |             [review]    | only where the organisation reviews answers      |
 * | answer_draft  | answered      | o s a     | answer      [no review] | straight out where nobody reviews                |
 * | answer_draft  | answered      | s a       | answer      [review]    | an approver's own answer needs no second look    |
 * | answer_draft  | in_progress   | o f s a   |                         | more work turned out to be needed                |
 * | answer_draft  | declined      | o s a     | declineReason           | a duplicate found while writing the answer       |
 * | answer_review | answered      | s a       | answer                  | approval: only supervisors and admins            |
 * | answer_review | answer_draft  | o s a     | reason                  | returned by the approver, or withdrawn by its    |
 * |               |               |           |                         | author; the reason tells the writer what to fix  |
 * | answered      | closed        | o s a     |                         | resolved; the citizen may confirm                |
 * | answered      | reopened      | o s a     | reason                  | the citizen says the problem is back             |
 * | closed        | reopened      | o s a     | reason                  | same, after closing                              |
 * | declined      | reopened      | s a       | reason                  | undo a wrong decline (a spam flag on a real      |
 * |               |               |           |                         | appeal); approvers only, as it overrides one     |
 * | reopened      | in_progress   | o f s a   |                         | back to the same executor                        |
 * | reopened      | assigned      | o s a     |                         | back to (re)assignment                           |
 * | reopened      | declined      | o s a     | declineReason           | the "new" problem is a duplicate                 |
 * | reopened      | redirected    | o s a     | reason                  | the problem now belongs to someone else          |
 * | redirected    | triaged       | o s a     |                         | the receiving organisation takes it up           |
 * | redirected    | assigned      | o s a     |                         | … already triaged by the sender                  |
 *
 * Everything else is INVALID_TRANSITION, including a status to itself. Hotline acts only on `new`;
 * field only moves work it holds (assigned/reopened → in_progress → answer_draft and back). Changing
 * the assignee is not a status change, so it is not in this table.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  rule('new', 'triaged', AT_INTAKE, [], 'hotline triages while the caller is on the line'),
  rule('new', 'declined', AT_INTAKE, ['declineReason'], 'hotline spots rude, spam and duplicate calls'),
  rule('new', 'redirected', WORKERS, ['reason'], 'routing to another organisation'),
  rule('triaged', 'assigned', WORKERS, [], 'executor chosen'),
  rule('triaged', 'declined', WORKERS, ['declineReason'], 'declined after triage'),
  rule('triaged', 'redirected', WORKERS, ['reason'], 'routing to another organisation'),
  rule('assigned', 'in_progress', HANDS_ON, [], 'work starts'),
  rule('assigned', 'declined', WORKERS, ['declineReason'], 'a duplicate is often found after assignment'),
  rule('assigned', 'redirected', WORKERS, ['reason'], 'the executor says it is not theirs'),
  rule('in_progress', 'answer_draft', HANDS_ON, [], 'work done; the answer is being written'),
  rule('in_progress', 'declined', WORKERS, ['declineReason'], 'declined during work'),
  rule('in_progress', 'redirected', WORKERS, ['reason'], 'routing to another organisation'),
  rule('answer_draft', 'answer_review', WORKERS, [], 'sent for approval', 'required'),
  rule('answer_draft', 'answered', WORKERS, ['answer'], 'sent without review', 'not_required'),
  rule('answer_draft', 'answered', APPROVERS, ['answer'], "an approver's own answer", 'required'),
  rule('answer_draft', 'in_progress', HANDS_ON, [], 'more work needed'),
  rule('answer_draft', 'declined', WORKERS, ['declineReason'], 'a duplicate found while answering'),
  rule('answer_review', 'answered', APPROVERS, ['answer'], 'approved'),
  rule('answer_review', 'answer_draft', WORKERS, ['reason'], 'returned by the approver or withdrawn'),
  rule('answered', 'closed', WORKERS, [], 'resolved'),
  rule('answered', 'reopened', WORKERS, ['reason'], 'the problem is back'),
  rule('closed', 'reopened', WORKERS, ['reason'], 'the problem is back'),
  rule('declined', 'reopened', APPROVERS, ['reason'], 'a wrong decline undone'),
  rule('reopened', 'in_progress', HANDS_ON, [], 'back to the executor'),
  rule('reopened', 'assigned', WORKERS, [], 'back to assignment'),
  rule('reopened', 'declined', WORKERS, ['declineReason'], 'the reopened problem is a duplicate'),
  rule('reopened', 'redirected', WORKERS, ['reason'], 'routing to another organisation'),
  rule('redirected', 'triaged', WORKERS, [], 'the receiving organisation takes it up'),
  rule('redirected', 'assigned', WORKERS, [], 'the receiving organisation assigns it'),
];

function rule(
  from: Status,
  to: Status,
  roles: readonly Role[],
  requires: readonly Requirement[],
  note: string,
  review?: ReviewCondition,
): TransitionRule {
  return review ? { from, to, roles, requires, review, note } : { from, to, roles, requires, note };
}

export interface TransitionInput {
  from: Status;
  to: Status;
  role: Role;
  reason: string | null;
  declineReason: string | null;
  duplicateOfId: string | null;
  /**
   * Organisation.answerReview. Absent means "reviewed": an unknown setting must not let an answer
   * skip its approval.
   */
  reviewRequired?: boolean;
  /** Whether an answer text exists; absent means the caller checks it elsewhere. */
  hasAnswer?: boolean;
}

export interface TransitionRefusal {
  code: ErrorCode;
  message: string;
}

export interface TransitionOptions {
  /** Organisation.answerReview; absent means true (see TransitionInput.reviewRequired). */
  reviewRequired?: boolean;
}

function reviewApplies(r: TransitionRule, reviewRequired: boolean): boolean {
  if (r.review === undefined) return true;
  return r.review === 'required' ? reviewRequired : !reviewRequired;
}

/** The rule for from → to under the organisation's review setting, or a refusal saying why none is. */
function findRule(from: Status, to: Status, reviewRequired: boolean): TransitionRule | TransitionRefusal {
  if (from === to) return { code: 'INVALID_TRANSITION', message: `already ${to}` };
  const pair = TRANSITIONS.filter((r) => r.from === from && r.to === to);
  if (pair.length === 0) return { code: 'INVALID_TRANSITION', message: `${from} cannot become ${to}` };
  const applicable = pair.find((r) => reviewApplies(r, reviewRequired));
  if (!applicable) {
    return {
      code: 'INVALID_TRANSITION',
      message: reviewRequired
        ? `${from} → ${to} is not used where answers are reviewed`
        : `${from} → ${to} is not used where answers are not reviewed`,
    };
  }
  return applicable;
}

function roleRefusal(r: TransitionRule, role: Role, reviewRequired: boolean): TransitionRefusal | null {
  if (r.roles.includes(role)) return null;
  // Say what would let it through, so a disabled button explains itself.
  const skipsReview = r.from === 'answer_draft' && r.to === 'answered' && reviewRequired;
  return {
    code: 'FORBIDDEN',
    message: skipsReview
      ? 'the answer needs approval: send it for review'
      : `${role} may not move ${r.from} → ${r.to}; allowed: ${r.roles.join(', ')}`,
  };
}

function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === '';
}

function requirementRefusal(r: TransitionRule, input: TransitionInput): TransitionRefusal | null {
  for (const need of r.requires) {
    if (need === 'reason' && isBlank(input.reason)) {
      return { code: 'VALIDATION_FAILED', message: `a reason is required for ${r.to}` };
    }
    if (need === 'declineReason') {
      const dr = input.declineReason;
      if (dr === null || !(DECLINE_REASONS as readonly string[]).includes(dr)) {
        return { code: 'VALIDATION_FAILED', message: `declineReason must be one of ${DECLINE_REASONS.join(', ')}` };
      }
      if (dr === 'duplicate' && isBlank(input.duplicateOfId)) {
        return { code: 'VALIDATION_FAILED', message: 'a duplicate needs the appeal it duplicates (duplicateOfId)' };
      }
    }
    if (need === 'answer' && input.hasAnswer === false) {
      return { code: 'VALIDATION_FAILED', message: 'there is no answer to send' };
    }
  }
  return null;
}

/**
 * null when allowed; otherwise the code and a reason a person can read. Checked in the order a person
 * would fix things: is the move possible at all (INVALID_TRANSITION), may this role make it
 * (FORBIDDEN), is everything it needs given (VALIDATION_FAILED).
 */
export function checkTransition(input: TransitionInput): TransitionRefusal | null {
  const reviewRequired = input.reviewRequired ?? true;
  const found = findRule(input.from, input.to, reviewRequired);
  if ('code' in found) return found;
  return roleRefusal(found, input.role, reviewRequired) ?? requirementRefusal(found, input);
}

export interface AvailableTransition {
  to: Status;
  allowed: boolean;
  /** FORBIDDEN when the role may not; null when allowed. */
  code: ErrorCode | null;
  /** Why not, for a disabled action; null when allowed. */
  reasonIfNot: string | null;
  /** What the action must ask for before it is sent. */
  requires: readonly Requirement[];
}

/**
 * Every status `from` can move to under the organisation's review setting, each marked allowed or not
 * for this role. Targets that do not exist under that setting are left out, so a console does not
 * show a "send for review" button where nobody reviews. Requirements are not checked here: the
 * action asks for them.
 */
export function allowedTransitions(from: Status, role: Role, opts: TransitionOptions = {}): AvailableTransition[] {
  const reviewRequired = opts.reviewRequired ?? true;
  const result: AvailableTransition[] = [];
  for (const to of STATUSES) {
    const found = findRule(from, to, reviewRequired);
    if ('code' in found) continue;
    const refusal = roleRefusal(found, role, reviewRequired);
    result.push({
      to,
      allowed: refusal === null,
      code: refusal?.code ?? null,
      reasonIfNot: refusal?.message ?? null,
      requires: found.requires,
    });
  }
  return result;
}

/** What from → to needs besides the role, or null when the move does not exist under this setting. */
export function requirementsOf(from: Status, to: Status, opts: TransitionOptions = {}): readonly Requirement[] | null {
  const found = findRule(from, to, opts.reviewRequired ?? true);
  return 'code' in found ? null : found.requires;
}

/** Still waiting for work (domain.ts OPEN_STATUSES). */
export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/** No transition leaves it for anyone; none today, since closed and declined can be reopened. */
export function isTerminal(status: Status): boolean {
  return !TRANSITIONS.some((r) => r.from === status);
}

