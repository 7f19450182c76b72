// Priority hints from an appeal's text: words about fire, gas, floods, accidents, collapse raise `emergency`; hazards to life and health raise `fast_track`; with the exact character ranges to highlight.

export type HintPriority = 'emergency' | 'fast_track';

export interface HintMatch {
  /** Range in the original text, [start, end). */
  start: number;
  end: number;
  /** The text as written, for a tooltip or a log. */
  word: string;
  raises: HintPriority;
}

export interface PriorityHints {
  priority: HintPriority | null;
  matches: HintMatch[];
}

interface Rule {
  re: RegExp;
  raises: HintPriority;
  /** Words around the match (±40 characters) that mean something harmless: «не горят фонари», «дым из трубы завода». */
  unless?: RegExp;
  /** Needed somewhere in the text for the match to count: children raise a hint only when something threatens them. */
  requires?: RegExp;
  /** Only with words of cold / winter or in the heating season. */
  winter?: boolean;
}

// Word boundaries for Cyrillic: \b only knows ASCII letters.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const rule = (source: string, raises: HintPriority, extra: Omit<Rule, 're' | 'raises'> = {}): Rule => ({
  re: new RegExp(`${B}(?:${source})`, 'gu'),
  raises,
  ...extra,
});

const DANGER = /опасн|угрож|травм|упал|упад|покусал|напада|кидают|лазя|лазит|тонк\p{L}* лед|провал|шприц|люк|провод|сосульк|обруш|горит|пожар|газ|без забора|арматур|торч|сломан|поломан|собак/u;

const RULES: Rule[] = [
  // Fire and smoke. «пожарный гидрант», «пожарная часть» are equipment, not a fire.
  rule('пожар(?!н)\\p{L}*|возгоран\\p{L}*|загорел\\p{L}*|полыха\\p{L}*|пламя|огонь|огн[еяю]м?' + E, 'emergency', { unless: /вечн\p{L}* огон|бенгальск/u }),
  rule('гор(?:ит|ят|ел|ела|ело|ели)' + E, 'emergency', { unless: /не гор|(?:гор(?:ит|ят|ел\p{L}*)) (?:свет|фонар|ламп|светофор|подсветк|красн|желт|зелен|сроки|путевк)|(?:свет|фонар|ламп|светофор)\p{L}*(?: \p{L}+){0,3} (?:не )?гор/u }),
  rule('задымл\\p{L}*|дым(?!оход)\\p{L}*|гар(?:ь|ью|и)' + E + '|пахн\\p{L}* гарью', 'emergency', {
    unless: /завод|котельн|труб\p{L}* (?:завод|котельн)|из труб|фабрик|карьер|мангал|шашлык|сжига|жгут|жжет|стерн|листв|печ(?:к|н)/u,
  }),
  rule('взрыв\\p{L}*|взорв\\p{L}*', 'emergency'),
  // Gas: the smell or a leak, not a gas bill or gasification.
  rule('(?:запах\\p{L}*|пахн\\p{L}*|воня\\p{L}*|утечк\\p{L}*|несет|несёт)(?:\\s+\\p{L}+)?\\s+газ(?:ом|а)?' + E + '|газ(?:ом)?\\s+(?:пахн|воня|несет|несёт)\\p{L}*', 'emergency'),
  // Water where it must not be.
  rule('затоп\\p{L}*|подтоп\\p{L}*|наводнен\\p{L}*|паводок|паводк\\p{L}*|прорвал\\p{L}*|прорыв\\p{L}*|хлещ\\p{L}*|тонет|утонул\\p{L}*', 'emergency'),
  // Road accidents. «аварийный» is about the state of a building or tree (below).
  rule('дтп' + E + '|авари(?!йн)\\p{L}*|столкновен\\p{L}*|перевернул\\p{L}*|сбил[аи]?' + E + '|пострадавш\\p{L}*', 'emergency'),
  rule('обрушил\\p{L}*|обрушен\\p{L}*|обвал\\p{L}*|рухнул\\p{L}*|рушится', 'emergency'),

  // Threats to life and health: fast track.
  rule('открыт\\p{L}* люк\\p{L}*|люк\\p{L}* (?:открыт\\p{L}*|без крышки)|без крышки люк\\p{L}*', 'fast_track'),
  rule('оголен\\p{L}* провод\\p{L}*|оборван\\p{L}* провод\\p{L}*|провод\\p{L}* (?:на земле|висят|оборван\\p{L}*|оголен\\p{L}*)|искрит', 'fast_track'),
  rule('сосульк\\p{L}*|налед\\p{L}*|гололед\\p{L}*|глыб\\p{L}* льда|лед с крыш\\p{L}*|тонк\\p{L}* льд\\p{L}*', 'fast_track'),
  rule('(?:стая|стаей|стаи|свора)(?:\\s+\\p{L}+)?\\s+собак\\p{L}*|покусал\\p{L}*|укусил\\p{L}*|собак\\p{L}* (?:напада\\p{L}*|кидают\\p{L}*|бросают\\p{L}*)', 'fast_track'),
  rule('(?:детск\\p{L}* )?(?:площадк\\p{L}*|качел\\p{L}*|горк\\p{L}*) (?:\\p{L}+ )?(?:сломан\\p{L}*|поломан\\p{L}*|разломан\\p{L}*|разбит\\p{L}*|шата\\p{L}*|оторван\\p{L}*)|торчит арматур\\p{L}*|торчат болт\\p{L}*', 'fast_track'),
  rule('аварийн\\p{L}* (?:дом\\p{L}*|здани\\p{L}*|балкон\\p{L}*|дерев\\p{L}*|тополь|тополя)|трещин\\p{L}* (?:по|в|на) стен\\p{L}*|может обрушиться|грозит обрушением|шприц\\p{L}*', 'fast_track'),
  rule('нет отоплени\\p{L}*|не топят|отоплени\\p{L}* (?:не )?(?:дали|включили|отключили)|батаре\\p{L}* (?:холодн\\p{L}*|ледян\\p{L}*|не греют)|холодн\\p{L}* батаре\\p{L}*', 'fast_track', { winter: true }),
  rule('дет(?:и|ей|ям|ьми|ях)|ребен\\p{L}*|ребят\\p{L}*|школьник\\p{L}*|малыш\\p{L}*', 'fast_track', { requires: DANGER }),
];

const WINTER_WORDS = /зим|мороз|минус|холодн|мерзн|замерза|градус/u;
/** October to April, when a cold radiator is a health risk rather than a nuisance. */
const HEATING_MONTHS = new Set([1, 2, 3, 4, 10, 11, 12]);

// Same length as the input, so ranges found in it are ranges of the original (String#toLowerCase may grow a string).
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower === 'ё' ? 'е' : lower.length === ch.length ? lower : ch;
  }
  return out;
}

export interface PriorityHintOptions {
  /** Month (1–12) the appeal came in, so «нет отопления» counts in the heating season without the word «зима». */
  month?: number;
}

/**
 * Which priority the text suggests and which words say so. A hint, not a decision: the operator
 * confirms. Negated words («не горит», «нет запаха газа» is rare enough to ignore) and known
 * harmless contexts are skipped rather than guessed at.
 */
export function priorityHints(text: string, options: PriorityHintOptions = {}): PriorityHints {
  const folded = fold(text);
  const winter = WINTER_WORDS.test(folded) || (options.month !== undefined && HEATING_MONTHS.has(options.month));
  const found: HintMatch[] = [];
  for (const r of RULES) {
    if (r.winter && !winter) continue;
    if (r.requires && !r.requires.test(folded)) continue;
    for (const m of folded.matchAll(r.re)) {
      const start = m.index;
      const end = start + m[0].length;
      const before = folded.slice(Math.max(0, start - 40), start);
      const window = folded.slice(Math.max(0, start - 40), Math.min(folded.length, end + 40));
      if (/(?:^|[^\p{L}])(?:не|нет|без)\s+$/u.test(before) && !/^(?:нет|не|без)/u.test(m[0])) continue;
      if (r.unless?.test(window)) continue;
      found.push({ start, end, word: text.slice(start, end), raises: r.raises });
    }
  }
  // Overlaps (e.g. «детская площадка сломана» and «дети»): keep the earlier, then the longer.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const matches: HintMatch[] = [];
  for (const m of found) {
    const last = matches[matches.length - 1];
    if (last && m.start < last.end) {
      if (m.raises === 'emergency' && last.raises === 'fast_track') last.raises = 'emergency';
      continue;
    }
    matches.push({ ...m });
  }
  const priority = matches.some((m) => m.raises === 'emergency') ? 'emergency' : matches.length > 0 ? 'fast_track' : null;
  return { priority, matches };
}
