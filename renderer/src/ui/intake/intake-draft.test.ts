// The intake draft becomes the appeal the caller is told about: normalised phone, composed address, suggested priority and kind unless the operator chose.
import { describe, expect, it } from 'vitest';
import { createArgs, draftIsBlank, draftProblem, duplicateCandidate, emptyDraft, firstReactionDue, phoneLooksWrong, resolvedKind, resolvedPriority, toggleLinked, type IntakeDraft } from './intake-draft.js';

const identity = { id: 'appeal-1', number: 'ЗРЧ-ABCDEFG-0001', receivedAt: '2026-11-23T10:00:00.000Z' };

function filled(over: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    ...emptyDraft(),
    phone: '8 (912) 345-67-89',
    name: ' Иванова Мария ',
    settlement: 'с. Берёзовка',
    street: 'ул. Ленина',
    house: '5',
    text: ' Не вывозят мусор третий день ',
    ...over,
  };
}

describe('createArgs', () => {
  it('normalises the phone, trims the text and composes the address with its municipality', () => {
    const args = createArgs(filled({ category: 'waste', consent: true }), null, identity);
    expect(args).toMatchObject({
      id: 'appeal-1',
      number: 'ЗРЧ-ABCDEFG-0001',
      channel: 'phone',
      citizen: { name: 'Иванова Мария', phone: '+79123456789', email: null, handle: null },
      originalText: 'Не вывозят мусор третий день',
      address: 'с. Берёзовка, ул. Ленина, д. 5',
      municipalityId: 'mun-berezovsky',
      category: 'waste',
      priority: 'standard',
      kind: 'incident',
      consent: true,
    });
  });

  it('keeps a phone that is not a Russian number as typed, and no municipality for a place outside the directory', () => {
    const args = createArgs(filled({ phone: '+375 29 123 45 67', settlement: 'хутор Неизвестный' }), null, identity);
    expect(args.citizen.phone).toBe('+375 29 123 45 67');
    expect(args.municipalityId).toBeNull();
  });

  it('takes the hinted priority unless the operator chose one', () => {
    expect(createArgs(filled(), 'emergency', identity).priority).toBe('emergency');
    expect(createArgs(filled({ priority: 'standard' }), 'emergency', identity).priority).toBe('standard');
  });
});

describe('resolved fields', () => {
  it('derives the kind from the channel: a call is an incident, a letter or a reception visit a formal appeal', () => {
    expect(resolvedKind(emptyDraft('phone'))).toBe('incident');
    expect(resolvedKind(emptyDraft('letter'))).toBe('formal');
    expect(resolvedKind({ ...emptyDraft('personal'), kind: 'incident' })).toBe('incident');
  });

  it('falls back to standard priority without a hint', () => {
    expect(resolvedPriority(emptyDraft(), null)).toBe('standard');
  });
});

describe('draft checks', () => {
  it('calls a draft blank until something is typed or chosen, whatever the channel', () => {
    expect(draftIsBlank(emptyDraft('letter'))).toBe(true);
    expect(draftIsBlank({ ...emptyDraft(), consent: true })).toBe(false);
    expect(draftIsBlank({ ...emptyDraft(), phone: '8' })).toBe(false);
  });

  it('requires the text only', () => {
    expect(draftProblem(emptyDraft())).toBe('text_required');
    expect(draftProblem({ ...emptyDraft(), text: '  ' })).toBe('text_required');
    expect(draftProblem({ ...emptyDraft(), text: 'яма' })).toBeNull();
  });

  it('warns about a phone that cannot be Russian but not about an empty one', () => {
    expect(phoneLooksWrong('12-34')).toBe(true);
    expect(phoneLooksWrong('')).toBe(false);
    expect(phoneLooksWrong('89123456789')).toBe(false);
  });
});

describe('toggleLinked', () => {
  const earlier = { id: 'a-1', number: 'ЗРЧ-ABCDEFG-0001' };
  const other = { id: 'a-2', number: 'ЗРЧ-ABCDEFG-0002' };

  it('links an offered duplicate with its number, and a second press unlinks only that one', () => {
    const both = toggleLinked(toggleLinked([], earlier), other);
    expect(both).toEqual([earlier, other]);
    expect(toggleLinked(both, earlier)).toEqual([other]);
  });

  it('keeps only the id and number of the appeal it was given, and makes the draft not blank', () => {
    const linked = toggleLinked([], { ...earlier, status: 'new', originalText: 'мусор' } as typeof earlier);
    expect(linked).toEqual([earlier]);
    expect(draftIsBlank({ ...emptyDraft(), linked })).toBe(false);
  });
});

describe('duplicateCandidate', () => {
  it('carries the settlement name and municipality for the duplicate search', () => {
    expect(duplicateCandidate(filled(), 'waste', identity.receivedAt)).toEqual({
      text: filled().text,
      address: 'с. Берёзовка, ул. Ленина, д. 5',
      municipalityId: 'mun-berezovsky',
      settlement: 'Берёзовка',
      category: 'waste',
      receivedAt: identity.receivedAt,
    });
  });
});

describe('firstReactionDue', () => {
  it('gives an emergency one hour and anything else eight', () => {
    const at = (priority: 'emergency' | 'standard') => firstReactionDue(createArgs(filled({ priority }), null, identity), 'Asia/Yekaterinburg');
    expect(at('emergency')).toBe('2026-11-23T11:00:00.000Z');
    expect(at('standard')).toBe('2026-11-23T18:00:00.000Z');
  });
});
