// Phone normalisation, search-as-you-type digits and formatting.
import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone, phoneDigitsForSearch, phoneMatchesSearch } from './phone.js';

describe('normalisePhone', () => {
  it.each([
    '8 (912) 345-67-89',
    '89123456789',
    '+7 912 345 67 89',
    '9123456789',
    '7-912-345-67-89',
    '+7(912)345-67-89',
    ' 8 912 345 6789 ',
    '8.912.345.67.89',
  ])('turns «%s» into +79123456789', (input) => {
    expect(normalisePhone(input)).toBe('+79123456789');
  });

  it('accepts landline numbers with a city code', () => {
    expect(normalisePhone('8 (3852) 22-33-44')).toBe('+73852223344');
  });

  it.each([
    ['too short', '345-67-89'],
    ['too long', '8 912 345 67 890'],
    ['a foreign country code', '+375 29 123 45 67'],
    ['+8 as if it were a country code', '+8 912 345 67 89'],
    ['a national number that cannot exist', '8 112 345 67 89'],
    ['an extension typed in words', '8 912 345 67 89 доб 12'],
    ['nothing', ''],
  ])('refuses %s', (_why, input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});

describe('phone search as you type', () => {
  it('drops the trunk or country code from what is typed', () => {
    expect(phoneDigitsForSearch('8 (91')).toBe('91');
    expect(phoneDigitsForSearch('+7 912 3')).toBe('9123');
    expect(phoneDigitsForSearch('912')).toBe('912');
    expect(phoneDigitsForSearch('')).toBe('');
  });

  it('matches a stored number by its beginning however the operator starts typing', () => {
    expect(phoneMatchesSearch('+79123456789', '8 912 34')).toBe(true);
    expect(phoneMatchesSearch('+79123456789', '+7 (912)')).toBe(true);
    expect(phoneMatchesSearch('+79123456789', '913')).toBe(false);
  });

  it('matches the last digits a caller remembers from four digits on, not fewer', () => {
    expect(phoneMatchesSearch('+79123456789', '6789')).toBe(true);
    expect(phoneMatchesSearch('+79123456789', '789')).toBe(false);
    expect(phoneMatchesSearch('+79123456789', '')).toBe(false);
  });
});

describe('formatPhone', () => {
  it('groups a normalised number as it is read aloud', () => {
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89');
  });

  it('leaves anything that is not normalised unchanged', () => {
    expect(formatPhone('12-34')).toBe('12-34');
  });
});
