// Address completion from the bundled directory: what the operator types and what the list offers.
import { describe, expect, it } from 'vitest';
import { completeSettlements, completeStreets, composeAddress, findSettlement, matchRank, REGION_SETTLEMENTS } from './address-directory.js';

describe('matchRank', () => {
  it('prefers the beginning of the name, then the beginning of a word, then anywhere', () => {
    expect(matchRank('ул. Ленина', 'ул. лен')).toBe(0);
    expect(matchRank('ул. Ленина', 'лен')).toBe(1);
    expect(matchRank('ул. Ленина', 'нин')).toBe(2);
    expect(matchRank('ул. Ленина', 'мир')).toBeNull();
  });

  it('ignores case and treats е and ё alike', () => {
    expect(matchRank('Берёзовка', 'БЕРЕЗ')).toBe(0);
  });
});

describe('completeSettlements', () => {
  it('offers the settlements whose name starts with what was typed first', () => {
    const names = completeSettlements('бер').map((s) => s.name);
    expect(names.slice(0, 2).sort()).toEqual(['Берёзовка', 'Берёзовый Лог']);
  });

  it('offers the town before a village spelled alike («зар» is Зареченск first)', () => {
    expect(completeSettlements('зар').map((s) => s.label).slice(0, 2)).toEqual(['г. Зареченск', 'рп Заречный']);
  });

  it('finds a settlement by a later word of its name', () => {
    expect(completeSettlements('лог').map((s) => s.name)).toEqual(expect.arrayContaining(['Берёзовый Лог', 'Сухой Лог']));
  });

  it('falls back to the label when the name does not fit («с. тро» is Троицкое)', () => {
    expect(completeSettlements('с. тро').map((s) => s.name)).toEqual(['Троицкое']);
  });

  it('returns nothing for text that names no settlement', () => {
    expect(completeSettlements('щщщ')).toEqual([]);
  });
});

describe('findSettlement', () => {
  it('recognises a settlement typed in full, by name or label', () => {
    expect(findSettlement('берёзовка')?.label).toBe('с. Берёзовка');
    expect(findSettlement('г. Зареченск')?.municipalityId).toBe('mun-zarechensk');
    expect(findSettlement('Берёз')).toBeNull();
  });
});

describe('completeStreets', () => {
  const berezovka = REGION_SETTLEMENTS.find((s) => s.name === 'Берёзовка')!;

  it('offers the streets of the chosen settlement only, a word beginning before a match inside a word', () => {
    expect(completeStreets(berezovka, 'лен')).toEqual(['ул. Ленина', 'ул. Зелёная']);
    expect(completeStreets(null, 'лен')).toEqual([]);
  });

  it('lists every street alphabetically when nothing is typed yet', () => {
    const streets = completeStreets(berezovka, '', 100);
    expect(streets).toHaveLength(berezovka.streets.length);
    expect(streets).toEqual([...streets].sort((a, b) => a.localeCompare(b, 'ru')));
  });

  it('puts the shorter of equally fitting streets first', () => {
    const zarechensk = REGION_SETTLEMENTS.find((s) => s.name === 'Зареченск')!;
    expect(completeStreets(zarechensk, 'лен').slice(0, 2)).toEqual(['ул. Ленина', 'просп. Ленина']);
  });
});

describe('composeAddress', () => {
  it('joins the parts and marks a bare house number', () => {
    expect(composeAddress('с. Берёзовка', 'ул. Ленина', '5, кв. 3')).toBe('с. Берёзовка, ул. Ленина, д. 5, кв. 3');
  });

  it('leaves out empty parts and keeps a described place as typed', () => {
    expect(composeAddress('с. Берёзовка', '', 'у магазина')).toBe('с. Берёзовка, у магазина');
    expect(composeAddress('', '', '')).toBe('');
  });
});
