// The transition table checked whole: every status × role × target, against an expectation written here independently.
import { describe, expect, it } from 'vitest';
import { ROLES, STATUSES, type Role, type Status } from './domain.js';
import { allowedTransitions, checkTransition, isOpen, isTerminal, requirementsOf, type TransitionInput } from './lifecycle.js';

/*
 * The expectation, written from domain.md and the issue rather than copied from lifecycle.ts.
 * "from > to : roles | needs | when" — roles o operator, h hotline, f field, s supervisor, a admin;
 * needs: r reason, d declineReason (+ duplicateOfId for duplicate), w answer; when: review /
 * no-review / both.
 */
const EXPECTED = `
new           > triaged       : o h s a | -  | both
new           > declined      : o h s a | d  | both
new           > redirected    : o s a   | r  | both
triaged       > assigned      : o s a   | -  | both
triaged       > declined      : o s a   | d  | both
triaged       > redirected    : o s a   | r  | both
assigned      > in_progress   : o f s a | -  | both
assigned      > declined      : o s a   | d  | both
assigned      > redirected    : o s a   | r  | both
in_progress   > answer_draft  : o f s a | -  | both
in_progress   > declined      : o s a   | d  | both
in_progress   > redirected    : o s a   | r  | both
answer_draft  > answer_review : o s a   | -  | review
answer_draft  > answered      : o s a   | w  | no-review
answer_draft  > answered      : s a     | w  | review
answer_draft  > in_progress   : o f s a | -  | both
answer_draft  > declined      : o s a   | d  | both
answer_review > answered      : s a     | w  | both
answer_review > answer_draft  : o s a   | r  | both
answered      > closed        : o s a   | -  | both
answered      > reopened      : o s a   | r  | both
closed        > reopened      : o s a   | r  | both
declined      > reopened      : s a     | r  | both
reopened      > in_progress   : o f s a | -  | both
reopened      > assigned      : o s a   | -  | both
reopened      > declined      : o s a   | d  | both
reopened      > redirected    : o s a   | r  | both
redirected    > triaged       : o s a   | -  | both
redirected    > assigned      : o s a   | -  | both
`;

const ROLE_LETTER: Record<string, Role> = { o: 'operator', h: 'hotline', f: 'field', s: 'supervisor', a: 'admin' };

interface Expectation {
  roles: Role[];
  needs: string;
}

/** (from, to, review?) → expectation; absent means the move does not exist under that setting. */
function expectationsFor(reviewRequired: boolean): Map<string, Expectation> {
  const map = new Map<string, Expectation>();
  for (const line of EXPECTED.trim().split('\n')) {
    const [pair, rest] = line.split(':') as [string, string];
    const [from, to] = pair.split('>').map((s) => s.trim()) as [string, string];
    const [roles, needs, when] = rest.split('|').map((s) => s.trim()) as [string, string, string];
    if (when === 'review' && !reviewRequired) continue;
    if (when === 'no-review' && reviewRequired) continue;
    map.set(`${from}>${to}`, { roles: roles.split(/\s+/).map((l) => ROLE_LETTER[l]!), needs });
  }
  return map;
}

/** An input that satisfies every requirement, so only the table and the role decide. */
function complete(from: Status, to: Status, role: Role, reviewRequired: boolean): TransitionInput {
  return { from, to, role, reason: 'citizen called back', declineReason: 'spam', duplicateOfId: null, reviewRequired, hasAnswer: true };
}

const cases: { from: Status; to: Status; role: Role; review: boolean; code: string | null }[] = [];
for (const review of [true, false]) {
  const expected = expectationsFor(review);
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      for (const role of ROLES) {
        const e = expected.get(`${from}>${to}`);
        const code = e === undefined ? 'INVALID_TRANSITION' : e.roles.includes(role) ? null : 'FORBIDDEN';
        cases.push({ from, to, role, review, code });
      }
    }
  }
}

describe('the whole transition table', () => {
  it('covers every status × status × role under both review settings', () => {
    expect(cases).toHaveLength(STATUSES.length * STATUSES.length * ROLES.length * 2);
  });

  it.each(cases)(
    '$role moving $from → $to (review required: $review) gets $code',
    ({ from, to, role, review, code }) => {
      expect(checkTransition(complete(from, to, role, review))?.code ?? null).toBe(code);
    },
  );
});

describe('requirements of each allowed transition', () => {
  const allowed = cases.filter((c) => c.code === null);

  it.each(allowed)('$role moving $from → $to with nothing given is refused exactly when it needs something', ({ from, to, role, review }) => {
    const needs = expectationsFor(review).get(`${from}>${to}`)!.needs;
    const bare: TransitionInput = { from, to, role, reason: null, declineReason: null, duplicateOfId: null, reviewRequired: review, hasAnswer: false };
    expect(checkTransition(bare)?.code ?? null).toBe(needs === '-' ? null : 'VALIDATION_FAILED');
  });

  it('a blank reason counts as no reason for a redirect', () => {
    const input: TransitionInput = { from: 'assigned', to: 'redirected', role: 'operator', reason: '   ', declineReason: null, duplicateOfId: null };
    expect(checkTransition(input)?.code).toBe('VALIDATION_FAILED');
  });

  it('a decline with a reason outside the list is refused', () => {
    const input: TransitionInput = { from: 'new', to: 'declined', role: 'operator', reason: null, declineReason: 'boring', duplicateOfId: null };
    expect(checkTransition(input)?.code).toBe('VALIDATION_FAILED');
  });

  it('a decline as duplicate without the original appeal is refused', () => {
    const input: TransitionInput = { from: 'triaged', to: 'declined', role: 'operator', reason: null, declineReason: 'duplicate', duplicateOfId: null };
    expect(checkTransition(input)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('duplicateOfId') });
  });

  it('a decline as duplicate naming the original appeal is allowed', () => {
    const input: TransitionInput = { from: 'triaged', to: 'declined', role: 'operator', reason: null, declineReason: 'duplicate', duplicateOfId: 'a-17' };
    expect(checkTransition(input)).toBeNull();
  });

  it('a decline for rudeness needs no free-text reason', () => {
    const input: TransitionInput = { from: 'new', to: 'declined', role: 'hotline', reason: null, declineReason: 'rude', duplicateOfId: null };
    expect(checkTransition(input)).toBeNull();
  });

  it('sending an answer is not refused for want of text when the caller does not say', () => {
    const input: TransitionInput = { from: 'answer_review', to: 'answered', role: 'supervisor', reason: null, declineReason: null, duplicateOfId: null };
    expect(checkTransition(input)).toBeNull();
  });
});

describe('answer review setting', () => {
  const base = { reason: null, declineReason: null, duplicateOfId: null, hasAnswer: true } as const;

  it('an operator cannot skip review when the setting is unknown, because unknown means reviewed', () => {
    expect(checkTransition({ ...base, from: 'answer_draft', to: 'answered', role: 'operator' })?.code).toBe('FORBIDDEN');
  });

  it('the refusal to skip review tells the operator to send the answer for review', () => {
    const refusal = checkTransition({ ...base, from: 'answer_draft', to: 'answered', role: 'operator', reviewRequired: true });
    expect(refusal?.message).toMatch(/review/);
  });

  it('an operator sends the answer straight out where the organisation has no review', () => {
    expect(checkTransition({ ...base, from: 'answer_draft', to: 'answered', role: 'operator', reviewRequired: false })).toBeNull();
  });

  it('sending for review where nobody reviews is not a transition at all', () => {
    expect(checkTransition({ ...base, from: 'answer_draft', to: 'answer_review', role: 'operator', reviewRequired: false })?.code).toBe('INVALID_TRANSITION');
  });
});

describe('allowedTransitions', () => {
  for (const review of [true, false]) {
    const expected = expectationsFor(review);
    for (const from of STATUSES) {
      for (const role of ROLES) {
        it(`lists for ${role} at ${from} (review required: ${review}) exactly the moves the table has, marked allowed or not`, () => {
          const listed = allowedTransitions(from, role, { reviewRequired: review }).map((t) => [t.to, t.allowed] as const);
          const want = STATUSES.flatMap((to) => {
            const e = expected.get(`${from}>${to}`);
            return e ? [[to, e.roles.includes(role)] as const] : [];
          });
          expect(listed).toEqual(want);
        });
      }
    }
  }

  it('a disabled action carries the FORBIDDEN code and a reason', () => {
    const approve = allowedTransitions('answer_review', 'operator').find((t) => t.to === 'answered');
    expect(approve).toMatchObject({ allowed: false, code: 'FORBIDDEN', reasonIfNot: expect.any(String) });
  });

  it('an enabled action says what it must ask for', () => {
    const redirect = allowedTransitions('new', 'operator').find((t) => t.to === 'redirected');
    expect(redirect).toMatchObject({ allowed: true, code: null, reasonIfNot: null, requires: ['reason'] });
  });

  it('hotline sees only intake actions on a new appeal and nothing to do elsewhere', () => {
    for (const from of STATUSES) {
      const mine = allowedTransitions(from, 'hotline').filter((t) => t.allowed).map((t) => t.to);
      expect(mine).toEqual(from === 'new' ? ['triaged', 'declined'] : []);
    }
  });
});

describe('status helpers', () => {
  it('counts work-in-hand statuses as open (a redirected appeal waits in its new queue) and finished ones as not', () => {
    expect(STATUSES.filter(isOpen)).toEqual(['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'redirected', 'reopened']);
  });

  it('has no dead end: every status can be left by someone', () => {
    expect(STATUSES.filter(isTerminal)).toEqual([]);
  });

  it('tells what a redirect needs and that a skipped step does not exist', () => {
    expect(requirementsOf('triaged', 'redirected')).toEqual(['reason']);
    expect(requirementsOf('new', 'answered')).toBeNull();
  });
});
