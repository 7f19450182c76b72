// How an answer leaves the composer for each role and review setting, and which moves the status actions leave to it.
import { describe, expect, it } from 'vitest';
import { isAnswerMove, reviewOptions, sendOptions } from './answer-send.js';

describe('sending an answer', () => {
  it('sends an operator’s answer for approval where the organisation reviews answers', () => {
    expect(sendOptions('answer_draft', 'operator', true)).toEqual([
      { to: 'answer_review', steps: [{ from: 'answer_draft', to: 'answer_review' }], allowed: true, why: null },
    ]);
  });

  it('sends straight out where nobody reviews, marking the work done first from "in progress"', () => {
    expect(sendOptions('in_progress', 'operator', false)).toEqual([
      { to: 'answered', steps: [{ from: 'in_progress', to: 'answer_draft' }, { from: 'answer_draft', to: 'answered' }], allowed: true, why: null },
    ]);
  });

  it('lets a supervisor send their own answer out or for review', () => {
    expect(sendOptions('answer_draft', 'supervisor', true).map((o) => o.to)).toEqual(['answer_review', 'answered']);
  });

  it('offers a field worker nothing allowed, saying why', () => {
    const options = sendOptions('answer_draft', 'field', true);
    expect(options.every((o) => !o.allowed && o.why === 'answer.needReview')).toBe(true);
  });

  it('offers nothing where no answer is being written', () => {
    expect(sendOptions('new', 'operator', false)).toEqual([]);
  });
});

describe('reviewing an answer', () => {
  it('lets supervisors approve and operators only withdraw', () => {
    expect(reviewOptions('supervisor', true)).toEqual({ canApprove: true, canReturn: true });
    expect(reviewOptions('operator', true)).toEqual({ canApprove: false, canReturn: true });
  });

  it('leaves sending, approving and returning to the composer', () => {
    expect(isAnswerMove('answer_draft', 'answered')).toBe(true);
    expect(isAnswerMove('answer_review', 'answer_draft')).toBe(true);
    expect(isAnswerMove('answer_draft', 'in_progress')).toBe(false);
    expect(isAnswerMove('in_progress', 'declined')).toBe(false);
  });
});
