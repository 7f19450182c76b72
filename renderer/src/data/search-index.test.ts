import { describe, expect, it } from 'vitest';
import { AppealSearch } from './search-index.js';
import { makeAppeal } from './testing/fixtures.js';

function indexOf(...appeals: ReturnType<typeof makeAppeal>[]) {
  const search = new AppealSearch();
  search.upsertMany(appeals);
  return search;
}

describe('Russian search', () => {
  const pipes = makeAppeal({ id: 'pipes', subject: '', originalText: 'Во дворе прорвало трубы', address: 'ул. Садовая, 3' });
  const road = makeAppeal({ id: 'road', subject: '', originalText: 'Огромные ямы на дороге у школы', address: 'пр. Победы, 10', citizen: { name: 'Мария Ёлкина', phone: '+79051112233', email: null, handle: null } });
  const search = indexOf(pipes, road);

  it('finds "прорвало трубы" by "трубу"', () => {
    expect(search.search('трубу')).toEqual(new Set(['pipes']));
  });

  it('finds "ямы на дороге" by "яма" and by "дорога"', () => {
    expect(search.search('яма')).toEqual(new Set(['road']));
    expect(search.search('дорога')).toEqual(new Set(['road']));
  });

  it('needs every word of the query', () => {
    expect(search.search('яма труба')).toEqual(new Set());
  });

  it('matches while the last word is still being typed', () => {
    expect(search.search('садо')).toEqual(new Set(['pipes']));
  });

  it('finds the caller by phone in the forms people type, and by name with ё or е', () => {
    expect(search.search('89051112233')).toEqual(new Set(['road']));
    expect(search.search('+7 905 111-22-33')).toEqual(new Set(['road']));
    expect(search.search('2233')).toEqual(new Set(['road']));
    expect(search.search('елкина')).toEqual(new Set(['road']));
  });

  it('finds an appeal by its number', () => {
    expect(search.search(road.number)).toEqual(new Set(['road']));
  });

  it('follows edits and removals', () => {
    const s = indexOf(makeAppeal({ id: 'x', originalText: 'Не вывозят мусор' }));
    expect(s.search('мусор')).toEqual(new Set(['x']));
    s.upsert(makeAppeal({ id: 'x', originalText: 'Сломана скамейка' }));
    expect(s.search('мусор')).toEqual(new Set());
    s.remove('x');
    expect(s.search('скамейка')).toEqual(new Set());
  });

  it('treats an empty query as no text filter', () => {
    expect(search.search('  ')).toBeNull();
  });

  it('keeps answering correctly after many re-indexed appeals are compacted away', () => {
    const s = new AppealSearch();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 6000; i++) s.upsert(makeAppeal({ id: `x${i}`, originalText: round === 2 && i % 2 === 0 ? 'Сломан фонарь' : 'Не вывозят мусор', subject: '' }));
    }
    expect(s.size).toBe(6000);
    expect(s.search('фонари')?.size).toBe(3000);
    expect(s.search('мусора')?.size).toBe(3000);
  });

  it('ignores function words, so "не горит фонарь" matches like "горит фонарь"', () => {
    const s = indexOf(makeAppeal({ id: 'f', originalText: 'Фонарь у подъезда не горит', subject: '' }), makeAppeal({ id: 'g', originalText: 'Не вывозят мусор', subject: '' }));
    expect(s.search('не горит фонарь')).toEqual(new Set(['f']));
    expect(s.search('не')).toBeNull();
  });
});
