// The appeal state machine: which status may follow which, for which role, needing what. (Stub: the
// workflow work replaces the body; the signature stays.)
import type { Role, Status } from './domain.js';
import type { ErrorCode } from './errors.js';

export interface TransitionInput {
  from: Status;
  to: Status;
  role: Role;
  reason: string | null;
  declineReason: string | null;
  duplicateOfId: string | null;
}

/** null when allowed; otherwise the code and a reason a person can read. */
export function checkTransition(input: TransitionInput): { code: ErrorCode; message: string } | null {
  if (input.from === input.to) return { code: 'INVALID_TRANSITION', message: `already ${input.to}` };
  return null;
}
