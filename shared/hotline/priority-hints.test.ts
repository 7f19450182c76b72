// Priority hints on real sentences: what raises emergency or fast track, what must not, and which characters get highlighted.
import { describe, expect, it } from 'vitest';
import { priorityHints } from './priority-hints.js';

const words = (text: string): string[] => priorityHints(text).matches.map((m) => m.word);

describe('priorityHints', () => {
  it.each([
    'Горит сарай на Лесной, дым валит!',
    'в подъезде сильно пахнет газом',
    'прорвало трубу, затопило подвал',
    'ДТП на перекрёстке Мира и Ленина, есть пострадавшие',
    'задымление в подъезде, соседи не открывают',
    'обрушился балкон на третьем этаже',
    'пожар в лесу у деревни',
    'взорвался газовый баллон в гараже',
  ])('calls «%s» an emergency', (text) => {
    expect(priorityHints(text).priority).toBe('emergency');
  });

  it.each([
    'открытый люк у школы, дети ходят мимо',
    'с крыши свисают огромные сосульки',
    'из столба торчат оголённые провода',
    'стая собак бегает у остановки, кидаются на людей',
    'качели на детской площадке сломаны',
    'аварийный дом, трещина по стене',
    'нет отопления, на улице мороз минус двадцать',
    'на детской площадке валяются шприцы',
  ])('puts «%s» on the fast track', (text) => {
    expect(priorityHints(text).priority).toBe('fast_track');
  });

  it.each([
    'пожарный гидрант покрашен',
    'не горят фонари во дворе',
    'свет в подъезде горит круглосуточно',
    'котельная дымит чёрным дымом',
    'квитанция за газ пришла большая',
    'ребёнка не берут в детский сад',
    'просим покрасить лавочки',
    'нет отопления',
  ])('finds nothing urgent in «%s»', (text) => {
    expect(priorityHints(text)).toEqual({ priority: null, matches: [] });
  });

  it('counts missing heating in the heating season even without words about cold', () => {
    expect(priorityHints('нет отопления', { month: 11 }).priority).toBe('fast_track');
    expect(priorityHints('нет отопления', { month: 7 }).priority).toBeNull();
  });

  it('mentions children only when something threatens them', () => {
    expect(words('открытый люк, рядом играют дети')).toEqual(['открытый люк', 'дети']);
    expect(words('дети ходят в школу')).toEqual([]);
  });

  it('returns ranges that cut exactly the triggering words out of the original text', () => {
    const text = 'Срочно! ГОРИТ дом, Запах Газа по всей улице';
    const { matches } = priorityHints(text);
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['ГОРИТ', 'Запах Газа']);
    expect(matches.map((m) => m.word)).toEqual(['ГОРИТ', 'Запах Газа']);
    expect(matches.every((m) => m.raises === 'emergency')).toBe(true);
  });

  it('keeps ranges right after characters whose lower case is longer', () => {
    const text = 'İİ пожар';
    const [m] = priorityHints(text).matches;
    expect(text.slice(m.start, m.end)).toBe('пожар');
  });

  it('lets the strongest word decide when both kinds appear', () => {
    const hints = priorityHints('сосульки упали и пробили газовую трубу, пахнет газом');
    expect(hints.priority).toBe('emergency');
    expect(hints.matches.map((m) => m.raises)).toEqual(['fast_track', 'emergency']);
  });
});
