// Which status moves sending an answer takes from where the appeal stands, and why a send button is disabled.
import { allowedTransitions, type AvailableTransition } from '../../../../shared/lifecycle.js';
import type { Role, Status } from '../../../../shared/domain.js';
import type { WorkflowKey } from './workflow-t.js';

/** Statuses the answer passes through on its way out: a send from "in progress" first marks the work done. */
const LEAD_IN: Partial<Record<Status, Status[]>> = {
  reopened: ['in_progress', 'answer_draft'],
  in_progress: ['answer_draft'],
  answer_draft: [],
};

export interface SendOption {
  /** answer_review (for approval) or answered (out to the citizen). */
  to: 'answer_review' | 'answered';
  /** Every transition to send, in order, starting from the appeal's status. */
  steps: Array<{ from: Status; to: Status }>;
  allowed: boolean;
  why: WorkflowKey | null;
}

/**
 * The ways an answer can leave the composer for this role: under review, operators send it for approval
 * and approvers may send their own straight out; without review, it goes straight out. Moves a role may not
 * make are kept, disabled, with the reason, so the person sees what would let it through.
 */
export function sendOptions(status: Status, role: Role, reviewRequired: boolean): SendOption[] {
  const lead = LEAD_IN[status];
  if (lead === undefined) return [];
  const path: Status[] = [status, ...lead];
  const steps = path.slice(1).map((to, i) => ({ from: path[i]!, to }));
  const options = allowedTransitions('answer_draft', role, { reviewRequired }).filter(
    (o): o is AvailableTransition & { to: SendOption['to'] } => o.to === 'answer_review' || o.to === 'answered',
  );
  const anyAllowed = options.some((o) => o.allowed);
  return options
    // a refused "send straight out" beside an allowed "send for approval" only adds noise
    .filter((o) => o.allowed || !anyAllowed)
    .map((o) => ({
      to: o.to,
      steps: [...steps, { from: 'answer_draft' as Status, to: o.to }],
      allowed: o.allowed,
      why: o.allowed ? null : reviewRequired ? 'answer.needReview' : 'answer.onlyApprover',
    }));
}

/** Under review: may this role approve (send out) and return it for changes? */
export function reviewOptions(role: Role, reviewRequired: boolean) {
  const options = allowedTransitions('answer_review', role, { reviewRequired });
  const approve = options.find((o) => o.to === 'answered');
  const back = options.find((o) => o.to === 'answer_draft');
  return { canApprove: approve?.allowed === true, canReturn: back?.allowed === true };
}

/** Moves the composer owns: the status actions leave them out, so an answer never goes out unchecked. */
export function isAnswerMove(from: Status, to: Status): boolean {
  return (from === 'answer_draft' && (to === 'answer_review' || to === 'answered')) || (from === 'answer_review' && (to === 'answered' || to === 'answer_draft'));
}
