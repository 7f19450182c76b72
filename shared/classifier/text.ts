// Russian text to stems: the one tokeniser the classifier, priority hints and duplicate search share.
// A named import works in both worlds: Node's CJS lexer finds `exports.newStemmer`, Vite's esbuild interop does too.
import { newStemmer } from 'snowball-stemmers';

const russian = newStemmer('russian');

/** A word of the original text with where it sits, so callers can point back at it. */
export interface Word {
  /** Lower-case, ё folded to е. */
  word: string;
  start: number;
  end: number;
}

// Function words carry no topic; "не" stays because "не вывозят" and "вывозят" mean different things.
const STOP_WORDS = new Set(
  ('а и в во на по к ко с со у о об от до из за для при про под над без же ли бы то это этот эта эти этом ' +
    'так там тут вот уже еще ещё как что чтобы кто где когда мы вы он она они оно я мне меня нас нам вас вам ' +
    'их его ее её им ним них него нее её мой моя мои наш наша наши ваш ваша ваши свой свою своей весь вся все всё ' +
    'был была были было быть есть будет очень просто просим прошу пожалуйста здравствуйте добрый день вечер утро ' +
    'или но да нет ну ни же уж вообще этого этой этих тот та те того той тем').split(' '),
);

// Words every appeal uses whatever it is about: greetings, requests, complaint about complaining.
// Removing them keeps a short text's few topic words from drowning in politeness.
const BOILERPLATE = new Set(
  ('уважаемый уважаемая уважаемые администрация администрации администрацию глава главе жители жителей житель ' +
    'помогите примите меры разберитесь разобраться ответьте ответа решить вопрос сколько можно ждать обращались ' +
    'обращаюсь пишу имени скажите подскажите срочно надоело безобразие ужас кошмар').split(' '),
);

const WORD_RE = /[\p{L}\p{N}]+(?:-[\p{L}]+)*/gu;

/** Lower-cases and folds ё: the stemmer and the typists disagree about ё. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** Every word of `text` with its character range in the original string. */
export function words(text: string): Word[] {
  const folded = foldText(text);
  const out: Word[] = [];
  for (const m of folded.matchAll(WORD_RE)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const stemCache = new Map<string, string>();

/** Snowball stem of one folded word (memoised: a typing operator repeats words constantly). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\p{Script=Cyrillic}+$/u.test(word) ? russian.stem(word) : word;
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || BOILERPLATE.has(word);
}

/** Stems of the content words, in order; numbers are dropped (house numbers say nothing of the topic). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (isStopWord(w.word) || /^\d/.test(w.word) || w.word.length < 2) continue;
    out.push(stem(w.word));
  }
  return out;
}
