// Composes a demo appeal's text, subject and summary from a catalogue problem, a place and the channel's writing style.
import type { Channel } from '../../shared/index.js';
import { abbreviateStreet, SETTLEMENT_ABBREVIATION, streetColloquial, type SettlementInfo } from './directory.js';
import type { Rng } from './generate-rng.js';
import type { Gender } from './texts-people.js';
import { RUDE_TAILS, SPAM_TEXTS, type Problem, type Timing } from './texts.js';

/** Where an appeal's problem is: a settlement, and usually a street and a house in it. */
export interface Place {
  settlement: SettlementInfo;
  street: string | null;
  house: string | null;
  flat: number | null;
  /** Formatted once and kept: a home is written on every appeal its resident sends. */
  address?: string;
  /** The address without the flat. */
  building?: string;
}

export interface Author {
  gender: Gender;
  /** «Иванова Мария Петровна» */
  fullName: string;
  /** «Иванова М. П.» */
  shortName: string;
  phone: string;
}

export interface ComposedText {
  originalText: string;
  subject: string;
  summary: string;
}

const DURATIONS: Record<Timing, string[]> = {
  none: [''],
  now: ['прямо сейчас', 'только что', 'минут десять назад', 'вот сейчас', ''],
  recent: ['с утра', 'со вчерашнего вечера', 'сегодня ночью', 'второй день', 'со вчерашнего дня', 'вчера', ''],
  days: ['уже третий день', 'вторую неделю', 'с понедельника', 'уже неделю', 'пятый день', 'несколько дней', 'с начала месяца', ''],
  long: ['уже полгода', 'который год', 'с прошлой осени', 'больше года', 'уже несколько месяцев', 'давно', 'с весны', ''],
};

const SOCIAL_GREETINGS = [
  'Здравствуйте!', 'Добрый день.', 'Админ,', 'Администрация,', 'Уважаемая администрация!', 'Люди добрые,',
  'Вопрос к администрации:', 'Здравствуйте, обращаюсь к вам.', 'Добрый вечер!', 'Глава, ответьте!',
];

const EMOTIONS = [
  'Сколько можно?!', 'Сколько можно это терпеть?', 'Надоело уже!', 'Никому ничего не надо.',
  'Жаловались уже не раз — тишина.', 'Куда смотрит администрация?', 'Помогите, пожалуйста!', 'Очень просим помочь.',
  'Неужели так сложно?', 'Это вообще нормально?', 'Ждём ответа.', 'Пусть увидят, репост.', 'Люди, кто ещё с этим столкнулся?',
  'Обращались в УК — бесполезно.', 'Писали в прошлом месяце, ничего не изменилось.', 'Спасибо заранее.',
];

const SOCIAL_REQUESTS = [
  'Просим {ask}!', 'Прошу {ask}.', 'Нужно срочно {ask}.', 'Можно как-то {ask}?', 'Очень просим {ask}.',
  'Пожалуйста, помогите {ask}.', 'Когда планируете {ask}?',
];

const PHONE_OPENERS: Record<Gender, string[]> = {
  m: ['Заявитель сообщает, что', 'Со слов заявителя,', 'Звонок на горячую линию:', 'Обратился по телефону:', 'Житель сообщает:', 'Позвонил житель, сообщает:'],
  f: ['Заявитель сообщает, что', 'Со слов заявителя,', 'Звонок на горячую линию:', 'Обратилась по телефону:', 'Жительница сообщает:', 'Позвонила жительница, сообщает:'],
};

const PRIOR: Record<Gender, string[]> = {
  m: ['Неоднократные обращения в управляющую компанию результата не дали.', 'Ранее я уже обращался по этому вопросу, но ответа не получил.', 'Устные обращения результата не дали.'],
  f: ['Неоднократные обращения в управляющую компанию результата не дали.', 'Ранее я уже обращалась по этому вопросу, но ответа не получила.', 'Устные обращения результата не дали.'],
};

const STOP_NAMES = [
  'Школа', 'Больница', 'Центр', 'Рынок', 'Почта', 'Автовокзал', 'Администрация', 'Завод', 'Дом культуры',
  'Поликлиника', 'Стадион', 'Сельсовет', 'Магазин', 'Поворот', 'Элеватор', 'Детский сад', 'Кольцо', 'Новостройки',
];

const KINDERGARTEN_NAMES = ['Солнышко', 'Ромашка', 'Теремок', 'Колокольчик', 'Сказка', 'Радуга', 'Берёзка', 'Золотой ключик', 'Светлячок', 'Алёнушка'];

export function capitalise(text: string): string {
  const c = text.charCodeAt(0);
  // а–я and a–z are 32 code points after their capitals; ё is the exception
  if ((c >= 0x430 && c <= 0x44f) || (c >= 0x61 && c <= 0x7a)) return String.fromCharCode(c - 32) + text.slice(1);
  if (c === 0x451) return `Ё${text.slice(1)}`;
  return text;
}

function lowerFirst(text: string): string {
  const c = text.charCodeAt(0);
  if ((c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a)) return String.fromCharCode(c + 32) + text.slice(1);
  return text;
}

/** Joins non-empty parts with spaces, capitalises and ends with a stop unless it already has one. */
function sentence(...parts: string[]): string {
  let text = '';
  for (const p of parts) if (p.length > 0) text = text.length > 0 ? `${text} ${p}` : p;
  text = capitalise(text);
  const last = text.charAt(text.length - 1);
  return last === '.' || last === '!' || last === '?' || last === '…' ? text : `${text}.`;
}

/** «с. Берёзовка, ул. Садовая, д. 7, кв. 3» */
export function formatAddress(place: Place): string {
  if (place.address === undefined) {
    const building = shortAddress(place);
    place.address = place.flat === null ? building : `${building}, кв. ${place.flat}`;
  }
  return place.address;
}

/** The address without the flat: what goes into a subject line. */
export function shortAddress(place: Place): string {
  if (place.building === undefined) {
    const s = place.settlement;
    let out = `${SETTLEMENT_ABBREVIATION[s.kind]} ${s.name}`;
    if (place.street) out += `, ${abbreviateStreet(place.street)}`;
    if (place.street && place.house) out += `, д. ${place.house}`;
    place.building = out;
  }
  return place.building;
}

/** Fills {placeholders} that name facilities, routes and numbers around the place. */
function fill(text: string, rng: Rng, place: Place): string {
  if (!text.includes('{')) return text;
  const urban = place.settlement.urban || place.settlement.kind === 'рабочий посёлок';
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'school': return urban ? `школа № ${rng.int(1, 24)}` : 'школа';
      case 'school_gen': return urban ? `школы № ${rng.int(1, 24)}` : 'школы';
      case 'school_loc': return urban ? `в школе № ${rng.int(1, 24)}` : 'в школе';
      case 'kg': return `детский сад «${rng.pick(KINDERGARTEN_NAMES)}»`;
      case 'kg_loc': return `в детском саду «${rng.pick(KINDERGARTEN_NAMES)}»`;
      case 'clinic_gen': return urban ? `поликлиники № ${rng.int(1, 6)}` : 'ЦРБ';
      case 'clinic_loc': return urban ? `в поликлинике № ${rng.int(1, 6)}` : 'в ЦРБ';
      case 'stop': return `остановке «${rng.pick(STOP_NAMES)}»`;
      case 'route': return urban ? String(rng.int(1, 45)) : String(rng.int(101, 189));
      case 'ent': return String(rng.int(1, 6));
      case 'temp': return String(rng.int(12, 17));
      case 'days_n': return String(rng.int(1, 28));
      case 'phone': return `8-9${rng.int(10, 99)}-${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;
      default: return key;
    }
  });
}

/** How a citizen names the place in a post or a message. */
function colloquialPlace(rng: Rng, place: Place, kind: Problem['place']): string {
  const s = place.settlement;
  const mentionSettlement = s.urban ? rng.chance(0.08) : rng.chance(0.7);
  const village = mentionSettlement ? (rng.chance(0.4) ? `у нас ${s.locative}` : s.locative) : '';
  if (!place.street || kind === 'settlement') return village || `у нас ${s.locative}`;
  const street = streetColloquial(place.street);
  const house = place.house ?? '';
  let where: string;
  switch (kind) {
    case 'flat':
    case 'house':
      where = rng.pick([`${street} ${house}`, `в доме ${house} ${street}`, `${street}, дом ${house}`, `у нас ${street} ${house}`]);
      if (place.flat !== null && rng.chance(0.3)) where += `, подъезд ${rng.int(1, 6)}`;
      break;
    case 'yard':
      where = rng.pick([`во дворе дома ${house} ${street}`, `у нас во дворе ${street} ${house}`, `во дворе ${street} ${house}`]);
      break;
    case 'stop':
      where = `на остановке «${rng.pick(STOP_NAMES)}» ${street}`;
      break;
    case 'school':
    case 'kindergarten':
    case 'clinic':
      where = street;
      break;
    default:
      where = rng.pick([`${street} возле дома ${house}`, `${street} у дома ${house}`, street, `${street} в районе дома ${house}`]);
  }
  return village ? `${village}, ${where}` : where;
}

const LOWER_TYPOS: Array<[RegExp, string]> = [
  [/пожалуйста/g, 'пожалуйсто'], [/сейчас/g, 'щас'], [/вообще/g, 'ваще'], [/что-то/g, 'чтото'],
  [/ничего/g, 'ничё'], [/извините/g, 'извените'], [/ться/g, 'тся'], [/уже /g, 'уж '],
];

/** Social-network writing: dropped capitals, ё as е, missing commas, swapped letters, slang. */
function roughen(rng: Rng, text: string): string {
  let out = text;
  const ops = rng.int(1, 3);
  for (let i = 0; i < ops; i++) {
    switch (rng.int(0, 6)) {
      case 0: out = out.toLowerCase(); break;
      case 1: out = out.replace(/ё/g, 'е'); break;
      case 2: out = out.replace(/,/g, ''); break;
      case 3: {
        const [pattern, replacement] = rng.pick(LOWER_TYPOS);
        out = out.replace(pattern, replacement);
        break;
      }
      case 4: {
        // swap two neighbouring letters somewhere in the middle
        const at = rng.int(5, Math.max(6, out.length - 6));
        const a = out.charAt(at);
        const b = out.charAt(at + 1);
        if (/[а-яё]/.test(a) && /[а-яё]/.test(b)) out = out.slice(0, at) + b + a + out.slice(at + 2);
        break;
      }
      case 5: out = out.replace(/!/g, '!!!').replace(/\?/g, '??'); break;
      default: out = out.replace(/\.$/, '');
    }
  }
  return out;
}

export interface ComposeInput {
  problem: Problem;
  channel: Channel;
  place: Place;
  author: Author;
  /** «администрации» or «министерства»: whom a formal letter addresses. */
  addressee: 'administration' | 'ministry';
  rude: boolean;
}

export function composeAppeal(rng: Rng, input: ComposeInput): ComposedText {
  const { problem, channel, place, author } = input;
  const say = fill(rng.pick(problem.says), rng, place);
  const duration = rng.pick(DURATIONS[problem.timing]);
  const ask = rng.pick(problem.ask);
  const detailCount = rng.chance(0.6) ? 1 : rng.chance(0.4) ? 2 : 0;
  const details: string[] = [];
  for (let i = 0; i < detailCount; i++) {
    const d = fill(rng.pick(problem.details), rng, place);
    if (!details.includes(d)) details.push(d);
  }
  const address = formatAddress(place);
  let originalText: string;

  switch (channel) {
    case 'vk':
    case 'ok':
    case 'telegram':
    case 'max':
      originalText = socialText(rng, input, say, duration, ask, details);
      break;
    case 'phone':
      originalText = phoneText(rng, author, say, duration, ask, details, address);
      break;
    case 'personal':
      originalText = personalText(rng, author, say, duration, ask, details, address);
      break;
    default:
      originalText = formalText(rng, input, say, duration, ask, details, address);
  }

  const subject = `${problem.subject}: ${shortAddress(place)}`;
  const summary = details.length > 0
    ? `${sentence(say, duration)} ${sentence(details[0] as string)} ${sentence('Просит', ask)}`
    : `${sentence(say, duration)} ${sentence('Просит', ask)}`;
  return { originalText, subject, summary };
}

function socialText(rng: Rng, input: ComposeInput, say: string, duration: string, ask: string, details: string[]): string {
  const { problem, place } = input;
  const where = colloquialPlace(rng, place, problem.place);
  const parts: string[] = [];
  if (problem.priority === 'emergency') parts.push(rng.pick(['СРОЧНО!', 'Помогите!', 'Срочно!!!', '']));
  else if (rng.chance(0.35)) parts.push(rng.pick(SOCIAL_GREETINGS));
  const opening = parts.length > 0 ? (parts[parts.length - 1] as string) : '';
  let first: string;
  switch (rng.int(0, 2)) {
    case 0: first = sentence(where, say, duration); break;
    case 1: first = sentence(say, duration, where); break;
    default: first = `${sentence(duration, say)} ${sentence('Адрес:', shortAddress(place))}`;
  }
  // after «Админ,» or «Вопрос к администрации:» the sentence goes on in lower case
  parts.push(opening.endsWith(',') || opening.endsWith(':') ? lowerFirst(first) : first);
  for (const d of details) parts.push(sentence(d));
  if (rng.chance(0.55)) parts.push(rng.pick(EMOTIONS));
  if (rng.chance(0.5)) parts.push(rng.pick(SOCIAL_REQUESTS).replace('{ask}', ask));
  if (input.rude) parts.push(rng.pick(RUDE_TAILS));
  const text = parts.filter((p) => p.length > 0).join(rng.chance(0.2) ? '\n' : ' ');
  return rng.chance(0.4) ? roughen(rng, text) : text;
}

function phoneText(rng: Rng, author: Author, say: string, duration: string, ask: string, details: string[], address: string): string {
  const parts = [sentence(rng.pick(PHONE_OPENERS[author.gender]), say, duration), `Адрес: ${address}.`];
  for (const d of details) parts.push(sentence(d));
  parts.push(sentence('Просит', ask));
  if (rng.chance(0.25)) parts.push(author.gender === 'm' ? 'Ранее обращался, вопрос не решён.' : 'Ранее обращалась, вопрос не решён.');
  if (rng.chance(0.3)) parts.push(rng.pick(['Ответ просит дать по телефону.', 'Просит перезвонить.', 'Ответ — по телефону.']));
  return parts.join(' ');
}

function personalText(rng: Rng, author: Author, say: string, duration: string, ask: string, details: string[], address: string): string {
  const told = author.gender === 'm' ? 'сообщил' : 'сообщила';
  const opener = rng.pick(['На личном приёме', 'Личный приём главы:', 'На приёме граждан']);
  const parts = [`${opener} ${author.fullName} ${told}, что ${say}${duration ? ` ${duration}` : ''} (${address}).`];
  for (const d of details) parts.push(sentence(d));
  parts.push(sentence('Просит', ask));
  parts.push(rng.pick(['Ответ — письменно по адресу проживания.', 'Ответ просит направить почтой.', '']));
  return parts.filter((p) => p.length > 0).join(' ');
}

function formalText(rng: Rng, input: ComposeInput, say: string, duration: string, ask: string, details: string[], address: string): string {
  const { author, problem, channel } = input;
  const greeting = input.addressee === 'ministry'
    ? rng.pick(['Уважаемые сотрудники министерства!', 'Здравствуйте!', 'Уважаемый министр!'])
    : rng.pick(['Уважаемый глава администрации!', 'Уважаемые сотрудники администрации!', 'Здравствуйте!', 'Добрый день!']);
  const living = author.gender === 'm' ? 'проживающий' : 'проживающая';
  const intro = rng.pick([
    `Я, ${author.fullName}, ${living} по адресу: ${address}, обращаюсь к Вам по вопросу: ${problem.subject.toLowerCase()}.`,
    'Обращаюсь к Вам по поводу следующей проблемы.',
    `Пишу Вам от имени жителей (${shortAddress(input.place)}).`,
    '',
  ]);
  const body = [sentence(rng.pick(['по адресу', 'на территории', 'у дома']), `${address}`, say, duration)];
  for (const d of details) body.push(sentence(d));
  if (rng.chance(0.4)) body.push(rng.pick(PRIOR[author.gender]));
  if (rng.chance(0.25)) body.push('В соответствии с Федеральным законом № 59-ФЗ прошу дать письменный ответ.');
  body.push(ask.includes('сообщить') ? sentence('Прошу', ask) : sentence('Прошу', ask, 'и сообщить о принятых мерах'));
  if (channel === 'email' && rng.chance(0.4)) body.push('Фотографии прилагаю.');
  const closing = rng.chance(0.6) ? `С уважением, ${author.shortName}${rng.chance(0.4) ? `, тел. ${author.phone}` : ''}` : '';
  const separator = channel === 'web_form' ? ' ' : '\n\n';
  return [channel === 'web_form' && rng.chance(0.5) ? '' : greeting, intro, body.join(' '), closing]
    .filter((p) => p.length > 0)
    .join(separator);
}

/** A spam message with its subject and summary. */
export function composeSpam(rng: Rng, place: Place): ComposedText {
  const text = fill(rng.pick(SPAM_TEXTS), rng, place);
  return { originalText: text, subject: 'Реклама, спам', summary: 'Рекламное сообщение, не обращение.' };
}
