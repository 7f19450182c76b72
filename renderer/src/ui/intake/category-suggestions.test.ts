// Category suggestions while typing: the committed model's top three for real wording, none for too little text.
import { describe, expect, it } from 'vitest';
import type { ClassifierModel } from '../../../../shared/classifier/classifier.js';
import committedModel from '../../../../shared/classifier/model.json';
import { categorySuggestions, suggestionIndexForKey } from './category-suggestions.js';

const model = committedModel as unknown as ClassifierModel;

describe('categorySuggestions', () => {
  it('puts the right category first for an ordinary complaint', () => {
    expect(categorySuggestions('третий день не вывозят мусор, контейнеры переполнены', model)[0]?.category).toBe('waste');
    expect(categorySuggestions('огромная яма на дороге у остановки', model)[0]?.category).toBe('roads');
  });

  it('offers three, best first', () => {
    const s = categorySuggestions('в квартире нет горячей воды и батареи холодные', model);
    expect(s).toHaveLength(3);
    expect(s[0]?.category).toBe('housing');
    expect(s.map((x) => x.score)).toEqual([...s.map((x) => x.score)].sort((a, b) => b - a));
  });

  it('suggests nothing from a greeting or a single word', () => {
    expect(categorySuggestions('здравствуйте', model)).toEqual([]);
    expect(categorySuggestions('', model)).toEqual([]);
  });
});

describe('suggestionIndexForKey', () => {
  it('reads the digit row and the numeric keypad, whatever the layout', () => {
    expect(suggestionIndexForKey('Digit1')).toBe(0);
    expect(suggestionIndexForKey('Numpad3')).toBe(2);
    expect(suggestionIndexForKey('KeyA')).toBeNull();
  });
});
