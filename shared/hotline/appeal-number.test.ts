// Appeal numbers: format, parsing back from dictation, and uniqueness across many offline consoles.
import { describe, expect, it } from 'vitest';
import { consoleCodeFromClientId, consoleCodeFromNumber, makeAppealNumber, parseAppealNumber } from './appeal-number.js';

describe('makeAppealNumber', () => {
  it('joins prefix, console code and a zero-padded sequence', () => {
    expect(makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'c1', seq: 42, consoleNumber: 1 })).toBe('ЗРЧ-0001-0042');
    expect(makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'c1', seq: 123456, consoleNumber: 32 })).toBe('ЗРЧ-0010-123456');
  });

  it('derives a seven-character code from the clientId when the console has no number yet', () => {
    const n = makeAppealNumber({ prefix: 'БРН', clientId: 'console-abc', seq: 7 });
    expect(n).toMatch(/^БРН-[0-9A-HJKMNP-TV-Z]{7}-0007$/);
    expect(n).toBe(makeAppealNumber({ prefix: 'БРН', clientId: 'console-abc', seq: 7, consoleNumber: null }));
  });

  it('uses no letters that read like digits', () => {
    for (let i = 0; i < 500; i++) expect(consoleCodeFromClientId(`id-${i}`)).not.toMatch(/[ILOU]/);
  });

  it('refuses a prefix with a dash, a sequence below one and a console number out of range', () => {
    expect(() => makeAppealNumber({ prefix: 'A-B', clientId: 'c', seq: 1 })).toThrow(RangeError);
    expect(() => makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'c', seq: 0 })).toThrow(RangeError);
    expect(() => consoleCodeFromNumber(32 ** 4)).toThrow(RangeError);
  });

  it('stays within the 40 characters an appeal number may have', () => {
    expect(makeAppealNumber({ prefix: 'ABCDEFGH', clientId: 'c', seq: Number.MAX_SAFE_INTEGER }).length).toBeLessThanOrEqual(40);
  });
});

describe('uniqueness across consoles', () => {
  // Client ids as consoles make them: random-looking, distinct.
  const clientIds = Array.from({ length: 1000 }, (_, i) => `${(i * 2654435761 >>> 0).toString(36)}-${i.toString(16)}-console`);

  it('gives 1 000 consoles × 1 000 numbers a million distinct numbers from clientIds alone', () => {
    const seen = new Set<string>();
    for (const clientId of clientIds) {
      for (let seq = 1; seq <= 1000; seq++) seen.add(makeAppealNumber({ prefix: 'ЗРЧ', clientId, seq }));
    }
    expect(seen.size).toBe(1_000_000);
  });

  it('gives every server-assigned console number its own code', () => {
    const codes = new Set<string>();
    for (let consoleNumber = 1; consoleNumber < 32 ** 4; consoleNumber += 7) codes.add(consoleCodeFromNumber(consoleNumber));
    expect(codes.size).toBe(Math.ceil((32 ** 4 - 1) / 7));
  });

  it('never lets a derived code equal an assigned one', () => {
    expect(consoleCodeFromClientId('anything')).toHaveLength(7);
    expect(consoleCodeFromNumber(12345)).toHaveLength(4);
  });
});

describe('parseAppealNumber', () => {
  it('reads back what makeAppealNumber wrote', () => {
    const number = makeAppealNumber({ prefix: 'ЗРЧ', clientId: 'console-1', seq: 42 });
    const parts = parseAppealNumber(number);
    expect(parts).toEqual({ prefix: 'ЗРЧ', consoleCode: consoleCodeFromClientId('console-1'), seq: 42 });
  });

  it('accepts dictation typed loosely: lower case, spaces, Cyrillic look-alikes, o for zero', () => {
    expect(parseAppealNumber('зрч 7f3а 0042')).toEqual({ prefix: 'ЗРЧ', consoleCode: '7F3A', seq: 42 });
    expect(parseAppealNumber('ЗРЧ-o0K1-17')).toEqual({ prefix: 'ЗРЧ', consoleCode: '00K1', seq: 17 });
  });

  it.each(['', 'ЗРЧ-0001', 'ЗРЧ-00001-1', 'ЗРЧ-0001-abc', 'ЗРЧ-0001-0', 'ЗРЧ-00U1-5'])('rejects «%s»', (input) => {
    expect(parseAppealNumber(input)).toBeNull();
  });
});
