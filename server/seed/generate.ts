// Deterministic demo data for Otklik: a fictional region with its directory, organisations, staff and realistic appeals with history.
import {
  CATEGORIES, DECLINE_REASONS, kindForChannel, PRIORITIES, SOCIAL_CHANNELS, STATUSES,
  type Appeal, type AppealEvent, type Category, type Channel, type Citizen, type Comment, type DeclineReason,
  type ExternalRef, type Organisation, type Priority, type Status,
} from '../../shared/index.js';
import { directorySettlements, MUNICIPALITIES, MUNICIPALITY_IDS, REGION, REGION_UTC_OFFSET_MS, SETTLEMENTS, type SettlementInfo } from './directory.js';
import { ADMINISTRATION_OF, DEMO_USERS, ORG_IDS, ORGANISATIONS } from './generate-org.js';
import { HistoryBuilder, iso, pad, SharedChanges, type Actor, type Changes } from './generate-history.js';
import { Rng, weighted, type WeightedTable } from './generate-rng.js';
import { composeAppeal, composeSpam, formatAddress, type Author, type ComposedText, type Place } from './texts-compose.js';
import { APPROVE_REASONS, CATEGORY_NOTES, CLOSE_REASONS, CLOSING_NOTES, DECLINE_REASON_TEXT, REOPEN_REASONS, WORK_NOTES } from './texts-notes.js';
import { EMAIL_DOMAINS, FEMALE_FIRST, latin, MALE_FIRST, NICKNAMES, PATRONYMICS, SURNAME_POOL, surnameFor, type Gender } from './texts-people.js';
import { FOREIGN_PROBLEMS, PROBLEMS, type Locality, type Problem, type Season } from './texts.js';
import type { DemoData, DemoUser, GenerateOptions } from './types.js';

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './generate-org.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPREAD = 60 * DAY;
/** The newest appeal is at least this old, so that its creation is not in the future. */
const FRESHEST = 5 * MINUTE;

// ---------------------------------------------------------------- proportions

const MUNICIPALITY_TABLE = weighted<string>([
  [MUNICIPALITY_IDS.city, 50],
  [MUNICIPALITY_IDS.kamenogorsk, 24],
  [MUNICIPALITY_IDS.berezovsky, 13],
  [MUNICIPALITY_IDS.ozerny, 13],
]);

/** Town people write on social networks; small districts call the hotline. */
const CHANNEL_TABLES: Record<string, WeightedTable<Channel>> = {
  urban: weighted<Channel>([
    ['vk', 24], ['ok', 5], ['telegram', 12], ['max', 6], ['phone', 24], ['email', 6], ['web_form', 13], ['personal', 6], ['letter', 4],
  ]),
  rural: weighted<Channel>([
    ['vk', 9], ['ok', 11], ['telegram', 3], ['max', 3], ['phone', 52], ['email', 2], ['web_form', 5], ['personal', 9], ['letter', 6],
  ]),
};

const CATEGORY_TABLE = weighted<Category>([
  ['housing', 24], ['roads', 16], ['improvement', 17], ['waste', 10], ['health', 8], ['education', 6],
  ['social', 6], ['ecology', 5], ['safety', 4], ['other', 4],
]);

/** Status mix by the appeal's age: fresh ones wait, old ones are mostly closed. */
const STATUS_FRESH = weighted<Status>([
  ['new', 40], ['triaged', 18], ['assigned', 18], ['in_progress', 12], ['answer_draft', 6], ['answer_review', 3],
  ['answered', 5], ['closed', 2], ['declined', 4], ['redirected', 1], ['reopened', 0.2],
]);
const STATUS_WEEK = weighted<Status>([
  ['new', 8], ['triaged', 8], ['assigned', 15], ['in_progress', 20], ['answer_draft', 8], ['answer_review', 4],
  ['answered', 14], ['closed', 13], ['declined', 6], ['redirected', 2], ['reopened', 1.5],
]);
const STATUS_OLD = weighted<Status>([
  ['new', 0.6], ['triaged', 1.2], ['assigned', 4], ['in_progress', 9], ['answer_draft', 3], ['answer_review', 1.5],
  ['answered', 17], ['closed', 50], ['declined', 8], ['redirected', 3], ['reopened', 2.5],
]);

const SOCIAL_DECLINES = weighted<DeclineReason>([['rude', 25], ['spam', 25], ['not_our_competence', 25], ['duplicate', 25]]);
const OTHER_DECLINES = weighted<DeclineReason>([['not_our_competence', 55], ['duplicate', 45]]);

/** Local hour of day → relative chance that an appeal arrives then. */
const HOUR_WEIGHTS = [0.08, 0.05, 0.04, 0.04, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 1, 1, 0.95, 0.95, 1, 1, 0.95, 0.9, 0.85, 0.85, 0.8, 0.65, 0.4, 0.2];

/** Resolution target for fast-track appeals, calendar days (the category sets the number). */
const FAST_TRACK_DAYS: Record<Category, number> = {
  housing: 3, roads: 6, improvement: 6, waste: 3, health: 3, education: 5, social: 8, ecology: 5, safety: 2, other: 8,
};

const WINTER_MONTHS = new Set([10, 11, 0, 1, 2, 3]);

function problemTable(problems: Problem[], season: Season, locality: Locality): WeightedTable<Problem> {
  // ЧП are rare: an emergency template comes up at a third of the rate of the others.
  return weighted(problems
    .filter((p) => (p.season === undefined || p.season === season) && (p.locality === undefined || p.locality === locality))
    .map((p) => [p, p.priority === 'emergency' ? 0.3 : 1] as const));
}

type ProblemTables = Record<Category, WeightedTable<Problem>>;

function problemTables(season: Season, locality: Locality): ProblemTables {
  return Object.fromEntries(CATEGORIES.map((c) => [c, problemTable(PROBLEMS[c], season, locality)])) as ProblemTables;
}

const PROBLEM_TABLES: Record<Season, Record<Locality, ProblemTables>> = {
  winter: { urban: problemTables('winter', 'urban'), rural: problemTables('winter', 'rural') },
  summer: { urban: problemTables('summer', 'urban'), rural: problemTables('summer', 'rural') },
};

/** What a storm brings: a night of wind or snow fills the queues with these. */
const STORM_SUBJECTS: Record<Season, string[]> = {
  winter: ['Перебои с электроснабжением', 'Не убран снег на дороге', 'Не убран снег во дворе', 'Аварийное дерево', 'Нет отопления'],
  summer: ['Перебои с электроснабжением', 'Аварийное дерево', 'Лужи во дворе, ливнёвка', 'Протекает крыша'],
};
const ALL_PROBLEMS = CATEGORIES.flatMap((c) => PROBLEMS[c]);
const STORM_PROBLEMS: Record<Season, Record<Locality, Problem[]>> = Object.fromEntries((['winter', 'summer'] as const).map((season) => [
  season,
  Object.fromEntries((['urban', 'rural'] as const).map((locality) => [
    locality,
    ALL_PROBLEMS.filter((p) => STORM_SUBJECTS[season].includes(p.subject) && (p.locality === undefined || p.locality === locality)),
  ])),
])) as Record<Season, Record<Locality, Problem[]>>;
/** Share of all appeals that arrive on the storm day. */
const STORM_SHARE = 0.04;
const STORM_LENGTH = 14 * HOUR;

const SETTLEMENT_TABLES: Record<string, WeightedTable<SettlementInfo>> = Object.fromEntries(
  MUNICIPALITIES.map((m) => [m.id, weighted(SETTLEMENTS.filter((s) => s.municipalityId === m.id).map((s) => [s, s.weight] as const))]),
);

// ---------------------------------------------------------------- staff lookups

const ORG_BY_ID = new Map(ORGANISATIONS.map((o) => [o.id, o]));

function staffOf(organisationId: string, role: DemoUser['role']): DemoUser[] {
  return DEMO_USERS.filter((u) => u.organisationId === organisationId && u.role === role);
}

const OPERATORS = new Map(ORGANISATIONS.map((o) => [o.id, staffOf(o.id, 'operator')]));
const FIELD = new Map(ORGANISATIONS.map((o) => [o.id, staffOf(o.id, 'field')]));
const SUPERVISOR = DEMO_USERS.find((u) => u.role === 'supervisor') as DemoUser;
const CITY_HOTLINE = staffOf(ORG_IDS.city, 'hotline')[0] as DemoUser;
const CENTRE_HOTLINE = staffOf(ORG_IDS.centre, 'hotline')[0] as DemoUser;

for (const o of ORGANISATIONS) {
  if ((OPERATORS.get(o.id) ?? []).length === 0) throw new Error(`organisation ${o.id} has no operator`);
}

const ACTORS = new Map<string, Actor>(DEMO_USERS.map((u) => [u.id, { id: u.id, name: u.displayName, device: null }]));
const person = (u: DemoUser): Actor => ACTORS.get(u.id) as Actor;
const USER_INDEX = new Map(DEMO_USERS.map((u, i) => [u.id, i]));
const ORG_INDEX = new Map(ORGANISATIONS.map((o, i) => [o.id, i]));
const MUNICIPALITY_INDEX = new Map(MUNICIPALITIES.map((m, i) => [m.id, i]));
const CATEGORY_INDEX = new Map(CATEGORIES.map((c, i) => [c, i]));
const PRIORITY_INDEX = new Map(PRIORITIES.map((p, i) => [p, i]));
const SYSTEM_ACTORS: Partial<Record<Channel, Actor>> = {
  vk: { id: null, name: 'Мониторинг соцсетей', device: 'server' },
  ok: { id: null, name: 'Мониторинг соцсетей', device: 'server' },
  telegram: { id: null, name: 'Мониторинг соцсетей', device: 'server' },
  max: { id: null, name: 'Мониторинг соцсетей', device: 'server' },
  email: { id: null, name: 'Приём электронной почты', device: 'server' },
  web_form: { id: null, name: 'Платформа обратной связи', device: 'server' },
};

/** Official pages each organisation keeps, for plausible links to posts and comments. */
const PAGES: Record<string, { vk: number; ok: number; tg: string; max: string }> = {
  [ORG_IDS.city]: { vk: 41287345, ok: 70000001482213, tg: 'zarechensk_adm', max: 'zarechensk_adm' },
  [ORG_IDS.kamenogorsk]: { vk: 176542981, ok: 70000002261957, tg: 'kamenogorsk_okrug', max: 'kamenogorsk' },
  [ORG_IDS.berezovsky]: { vk: 195830044, ok: 70000000916405, tg: 'berezovsky_rayon', max: 'berezovsky_mr' },
  [ORG_IDS.ozerny]: { vk: 203117652, ok: 70000003350871, tg: 'ozerny_mr', max: 'ozerny_rayon' },
  [ORG_IDS.housingMinistry]: { vk: 188234507, ok: 70000004120364, tg: 'minzhkh_zar', max: 'minzhkh_zar' },
  [ORG_IDS.healthMinistry]: { vk: 170449213, ok: 70000004377819, tg: 'minzdrav_zar', max: 'minzdrav_zar' },
  [ORG_IDS.utility]: { vk: 214906338, ok: 70000005018477, tg: 'zks_zarechensk', max: 'zks_zar' },
  [ORG_IDS.centre]: { vk: 196718420, ok: 70000002874490, tg: 'cur_zarechye', max: 'cur_zarechye' },
};

// ---------------------------------------------------------------- people

interface Person {
  gender: Gender;
  first: string;
  patronymic: string;
  surname: string;
  nickname: string | null;
  phone: string;
  email: string;
  socialNo: number;
  home: Place;
  /** The home without the flat, for problems with the whole house. */
  building: Place;
  author: Author;
}

function randomDigits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

function homeIn(rng: Rng, settlement: SettlementInfo): Place {
  const multiStorey = settlement.urban || (settlement.kind === 'рабочий посёлок' && rng.chance(0.5));
  const number = multiStorey ? Math.floor(rng.skewed(1, 140)) : Math.floor(rng.skewed(1, 70));
  const house = rng.chance(0.08) ? `${number}${rng.pick(['а', 'б', 'в'])}` : multiStorey && rng.chance(0.06) ? `${number} корп. ${rng.int(1, 3)}` : String(number);
  return {
    settlement,
    street: rng.pick(settlement.streets),
    house,
    flat: multiStorey ? rng.int(1, 180) : null,
  };
}

function newPerson(rng: Rng, municipalityId: string): Person {
  const gender: Gender = rng.chance(0.6) ? 'f' : 'm';
  const first = rng.pick(gender === 'm' ? MALE_FIRST : FEMALE_FIRST);
  const surname = surnameFor(rng.pick(SURNAME_POOL), gender);
  const settlement = rng.pickWeighted(SETTLEMENT_TABLES[municipalityId] as WeightedTable<SettlementInfo>);
  const year = rng.int(55, 99) % 100;
  let local: string;
  switch (rng.int(0, 4)) {
    case 0: local = `${latin(first)}.${latin(surname)}${year}`; break;
    case 1: local = `${latin(surname)}${rng.int(1, 999)}`; break;
    case 2: local = `${latin(first).charAt(0)}${latin(surname)}`; break;
    case 3: local = `${latin(first)}_${year}`; break;
    default: local = `${latin(surname)}.${latin(first).charAt(0)}`;
  }
  const patronymic = rng.pick(PATRONYMICS[gender]);
  const phone = settlement.urban || rng.chance(0.8) ? `+79${randomDigits(rng, 9)}` : `+73512${randomDigits(rng, 6)}`;
  const home = homeIn(rng, settlement);
  return {
    gender,
    first,
    patronymic,
    surname,
    nickname: rng.chance(0.15) ? rng.pick(NICKNAMES[gender]) : null,
    phone,
    email: `${local}@${rng.pick(EMAIL_DOMAINS)}`,
    socialNo: rng.int(1_000_000, 899_999_999),
    home,
    building: home.flat === null ? home : { ...home, flat: null },
    author: { gender, fullName: `${surname} ${first} ${patronymic}`, shortName: `${surname} ${first.charAt(0)}. ${patronymic.charAt(0)}.`, phone },
  };
}

function citizenFor(rng: Rng, p: Person, channel: Channel): Citizen {
  const full = p.author.fullName;
  const display = p.nickname ? `${p.nickname} ${p.surname}` : `${p.first} ${p.surname}`;
  switch (channel) {
    case 'vk': return { name: display, phone: null, email: null, handle: `https://vk.com/id${p.socialNo}` };
    case 'ok': return { name: display, phone: null, email: null, handle: `https://ok.ru/profile/5${String(p.socialNo).padStart(11, '0')}` };
    case 'telegram': return { name: rng.chance(0.3) ? p.nickname ?? p.first : display, phone: null, email: null, handle: `@${latin(p.nickname ?? p.first)}_${latin(p.surname)}` };
    case 'max': return { name: display, phone: rng.chance(0.3) ? p.phone : null, email: null, handle: `max:${p.socialNo}` };
    case 'phone': return { name: rng.chance(0.88) ? full : null, phone: p.phone, email: null, handle: null };
    case 'email': return { name: full, phone: rng.chance(0.5) ? p.phone : null, email: p.email, handle: null };
    case 'web_form': return { name: full, phone: rng.chance(0.8) ? p.phone : null, email: p.email, handle: null };
    case 'personal': return { name: full, phone: rng.chance(0.7) ? p.phone : null, email: null, handle: null };
    case 'letter': return { name: full, phone: rng.chance(0.4) ? p.phone : null, email: null, handle: null };
  }
}

// ---------------------------------------------------------------- routing

function route(rng: Rng, category: Category, municipalityId: string): string {
  const administration = ADMINISTRATION_OF[municipalityId] as string;
  switch (category) {
    case 'health': return rng.chance(0.85) ? ORG_IDS.healthMinistry : administration;
    case 'housing':
      if (municipalityId === MUNICIPALITY_IDS.city) {
        const r = rng.next();
        return r < 0.45 ? ORG_IDS.utility : r < 0.55 ? ORG_IDS.housingMinistry : administration;
      }
      return rng.chance(0.2) ? ORG_IDS.housingMinistry : administration;
    case 'other': return rng.chance(0.15) ? ORG_IDS.centre : administration;
    default: return administration;
  }
}

// ---------------------------------------------------------------- history

function externalRefFor(rng: Rng, channel: Channel, organisationId: string, index: number, receivedAt: number, citizen: Citizen): ExternalRef | null {
  const page = PAGES[organisationId] as (typeof PAGES)[string];
  const post = 1000 + Math.floor((receivedAt / (5 * HOUR)) % 100_000);
  const reply = 20_000 + index * 4 + rng.int(0, 3);
  switch (channel) {
    case 'vk':
      if (rng.chance(0.2)) return { id: `msg-${page.vk}-${reply}`, url: `https://vk.com/gim${page.vk}?sel=${(citizen.handle ?? '').replace(/\D/g, '')}` };
      return { id: `wall-${page.vk}_${post}_${reply}`, url: `https://vk.com/wall-${page.vk}_${post}?reply=${reply}` };
    case 'ok':
      return { id: `${page.ok}_${post}_${reply}`, url: `https://ok.ru/group/${page.ok}/topic/${150_000_000_000 + post}` };
    case 'telegram':
      return { id: `${page.tg}/${post}#${reply}`, url: `https://t.me/${page.tg}/${post}?comment=${reply}` };
    case 'max':
      return { id: `${page.max}:${post}:${reply}`, url: `https://max.ru/${page.max}/${post}` };
    case 'email':
      return { id: `<${reply.toString(36)}.${rng.int(100000, 999999)}@${(citizen.email ?? 'mail.ru').split('@')[1]}>`, url: null };
    case 'web_form':
      return rng.chance(0.6)
        ? { id: `ПОС-${3_100_000 + index * 3 + rng.int(0, 2)}`, url: null }
        : { id: `site-${index + 1}`, url: null };
    case 'letter':
      return { id: `вх. № ${index + 1}/${rng.int(1, 12)}`, url: null };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- the generator

interface Recent {
  id: string;
  number: string;
  problem: Problem;
  place: Place;
  composed: ComposedText;
  category: Category;
  priority: Priority;
  organisationId: string;
  receivedAt: number;
}

function yyMM(instant: number): string {
  const local = new Date(instant + REGION_UTC_OFFSET_MS);
  return `${pad(local.getUTCFullYear() % 100, 2)}${pad(local.getUTCMonth() + 1, 2)}`;
}

function ddMM(instant: number): string {
  const local = new Date(instant + REGION_UTC_OFFSET_MS);
  return `${pad(local.getUTCDate(), 2)}.${pad(local.getUTCMonth() + 1, 2)}`;
}

/** Arrival times over the 60 days before `now`, heavier in the daytime, with one storm day; oldest first. */
function arrivalTimes(rng: Rng, count: number, now: number, stormStart: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let t: number;
    if (rng.chance(STORM_SHARE)) {
      t = Math.min(now - FRESHEST, stormStart + Math.floor(rng.skewed(0, STORM_LENGTH)));
    } else {
      do {
        t = now - FRESHEST - Math.floor(rng.next() * (SPREAD - FRESHEST));
      } while (rng.next() > (HOUR_WEIGHTS[Math.floor(((t + REGION_UTC_OFFSET_MS) % DAY) / HOUR)] as number));
    }
    times[i] = t;
  }
  return times.sort();
}

function createLag(rng: Rng, channel: Channel): number {
  switch (channel) {
    case 'phone': return rng.int(20_000, 4 * MINUTE);
    case 'personal': return rng.int(MINUTE, 40 * MINUTE);
    case 'letter': return rng.int(5 * MINUTE, 3 * HOUR);
    case 'email': return rng.skewed(2 * MINUTE, 10 * HOUR);
    case 'web_form': return rng.int(5_000, 60_000);
    default: return rng.skewed(MINUTE, 3 * HOUR);
  }
}

export function generateDemo(opts: GenerateOptions): DemoData {
  if (!Number.isInteger(opts.appeals) || opts.appeals < 0) throw new Error(`appeals must be a non-negative integer, got ${opts.appeals}`);
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new Error('now must be a valid date');
  const rng = new Rng(opts.seed);

  const appeals: Appeal[] = [];
  const comments: Comment[] = [];
  const events: AppealEvent[] = [];
  const sequences = new Map<string, number>();
  const people: Record<string, Person[]> = Object.fromEntries(MUNICIPALITIES.map((m) => [m.id, []]));
  const recent: Record<string, Recent[]> = Object.fromEntries(MUNICIPALITIES.map((m) => [m.id, []]));
  let eventNo = 0;
  let commentNo = 0;
  const builder = new HistoryBuilder();
  const createShared = new SharedChanges();
  const triageShared = new SharedChanges();
  const assignShared = new SharedChanges();
  const declineShared = new SharedChanges();

  // The storm starts one evening 10 to 50 days ago (18:00 local time).
  const stormDay = Math.floor((now - rng.int(10, 50) * DAY + REGION_UTC_OFFSET_MS) / DAY);
  const stormStart = stormDay * DAY + 18 * HOUR - REGION_UTC_OFFSET_MS;
  const times = arrivalTimes(rng, opts.appeals, now, stormStart);
  let lastSpam: ComposedText | null = null;

  for (let index = 0; index < opts.appeals; index++) {
    const receivedAt = times[index] as number;
    const age = now - receivedAt;
    const id = `ap-${pad(index + 1, 6)}`;
    const municipalityId = rng.pickWeighted(MUNICIPALITY_TABLE);
    const municipality = MUNICIPALITIES[MUNICIPALITY_INDEX.get(municipalityId) as number] as (typeof MUNICIPALITIES)[number];
    const channel = rng.pickWeighted(CHANNEL_TABLES[municipality.rural ? 'rural' : 'urban'] as WeightedTable<Channel>);
    const social = SOCIAL_CHANNELS.includes(channel);
    let status = rng.pickWeighted(age < DAY ? STATUS_FRESH : age < 7 * DAY ? STATUS_WEEK : STATUS_OLD);
    let declineReason: DeclineReason | null = status === 'declined' ? rng.pickWeighted(social ? SOCIAL_DECLINES : OTHER_DECLINES) : null;

    // Who writes: sometimes the same person again, which the hotline's caller history shows.
    const pool = people[municipalityId] as Person[];
    const author = pool.length > 20 && rng.chance(0.12) ? rng.pick(pool) : newPerson(rng, municipalityId);
    if (pool.length < 5000) pool.push(author);
    else pool[rng.int(0, pool.length - 1)] = author;

    // What about, and where.
    const recentHere = recent[municipalityId] as Recent[];
    let duplicateOf: Recent | null = null;
    if (declineReason === 'duplicate') {
      const candidates = recentHere.filter((r) => receivedAt - r.receivedAt < 14 * DAY);
      duplicateOf = candidates.length > 0 ? rng.pick(candidates) : null;
      if (!duplicateOf) declineReason = 'not_our_competence';
    }
    const season: Season = WINTER_MONTHS.has(new Date(receivedAt + REGION_UTC_OFFSET_MS).getUTCMonth()) ? 'winter' : 'summer';
    const foreign = declineReason === 'not_our_competence' || status === 'redirected';
    const home = author.home.settlement;
    const locality: Locality = home.urban || home.kind === 'рабочий посёлок' ? 'urban' : 'rural';
    let problem: Problem;
    if (duplicateOf) problem = duplicateOf.problem;
    else if (foreign) problem = rng.pick(FOREIGN_PROBLEMS);
    else if (receivedAt >= stormStart && receivedAt < stormStart + STORM_LENGTH && rng.chance(0.7)) problem = rng.pick(STORM_PROBLEMS[season][locality]);
    else problem = rng.pickWeighted(PROBLEM_TABLES[season][locality][rng.pickWeighted(CATEGORY_TABLE)]);
    const category: Category = declineReason === 'spam' ? 'other' : problem.category;
    const priority: Priority = declineReason === 'spam' || declineReason === 'rude' ? 'standard' : problem.priority;

    let place: Place;
    if (duplicateOf) place = duplicateOf.place;
    else if (problem.place === 'flat' || problem.place === 'house') place = problem.place === 'house' && author.home.flat !== null ? author.building : author.home;
    else {
      // Mostly near home; a problem only towns or only villages have stays in the author's own settlement.
      const settlement = problem.locality !== undefined || rng.chance(0.8) ? home : rng.pickWeighted(SETTLEMENT_TABLES[municipalityId] as WeightedTable<SettlementInfo>);
      const street = problem.place === 'settlement' && rng.chance(0.5) ? null : rng.pick(settlement.streets);
      place = { settlement, street, house: street && problem.place !== 'stop' ? String(Math.floor(rng.skewed(1, 90))) : null, flat: null };
    }

    // Whose: routing by category and municipality; the regional centre holds social items not yet routed.
    let organisationId: string;
    if (duplicateOf) organisationId = duplicateOf.organisationId;
    else if (foreign || declineReason === 'spam' || declineReason === 'rude') organisationId = social && rng.chance(0.4) ? ORG_IDS.centre : ADMINISTRATION_OF[municipalityId] as string;
    else organisationId = route(rng, category, municipalityId);
    if (status === 'new' && social && rng.chance(0.4)) organisationId = ORG_IDS.centre;
    const startOrganisationId = social && organisationId !== ORG_IDS.centre && rng.chance(0.15) && (PATH_MASK[status] & STATUS_BIT.assigned) !== 0
      ? ORG_IDS.centre
      : organisationId;
    const org = ORG_BY_ID.get(organisationId) as Organisation;
    if (status === 'answer_review' && !org.answerReview) status = 'answer_draft';

    const citizen = citizenFor(rng, author, channel);
    // Spam comes in bursts of the same text from many accounts.
    if (declineReason === 'spam' && (lastSpam === null || rng.chance(0.4))) lastSpam = composeSpam(rng, place);
    const composed = declineReason === 'spam' && lastSpam !== null
      ? lastSpam
      : duplicateOf && rng.chance(0.5)
        ? duplicateOf.composed
        : composeAppeal(rng, {
          problem,
          channel,
          place,
          author: author.author,
          addressee: org.municipalityId === null && org.id !== ORG_IDS.centre ? 'ministry' : 'administration',
          rude: declineReason === 'rude',
        });

    const startOrg = ORG_BY_ID.get(startOrganisationId) as Organisation;
    const month = yyMM(receivedAt);
    const seqKey = `${startOrg.prefix}-${month}`;
    const seq = (sequences.get(seqKey) ?? 0) + 1;
    sequences.set(seqKey, seq);
    const number = `${seqKey}-${pad(seq, 4)}`;

    // History: the steps from creation to the current status, each by someone plausible.
    const operators = OPERATORS.get(organisationId) as DemoUser[];
    const operator = rng.pick(operators);
    const fieldStaff = FIELD.get(organisationId) as DemoUser[];
    const fieldWork = fieldStaff.length > 0 && (category === 'roads' || category === 'improvement' || category === 'housing' || category === 'waste') && rng.chance(0.45);
    const assignee = fieldWork ? rng.pick(fieldStaff) : operator;
    const triager = startOrganisationId === ORG_IDS.centre ? rng.pick(OPERATORS.get(ORG_IDS.centre) as DemoUser[]) : operator;
    const urgent = priority === 'emergency';
    const categorisedAtCreate = channel === 'phone' || channel === 'personal';
    const creator: Actor = SYSTEM_ACTORS[channel]
      ?? (channel === 'phone'
        ? person(municipalityId === MUNICIPALITY_IDS.city ? CITY_HOTLINE : CENTRE_HOTLINE)
        : person(rng.pick(OPERATORS.get(startOrganisationId) as DemoUser[])));

    const history = builder;
    history.reset();
    const orgIdx = ORG_INDEX.get(organisationId) as number;
    const startIdx = ORG_INDEX.get(startOrganisationId) as number;
    const muniIdx = MUNICIPALITY_INDEX.get(municipalityId) as number;
    const catIdx = CATEGORY_INDEX.get(category) as number;
    const prIdx = PRIORITY_INDEX.get(priority) as number;
    const createChanges = categorisedAtCreate
      ? createShared.get(1 + startIdx + 8 * (catIdx + 10 * (prIdx + 3 * muniIdx)), () => ({
        status: [null, 'new'], organisationId: [null, startOrganisationId], category: [null, category], priority: [null, priority], municipalityId: [null, municipalityId],
      }))
      : createShared.get(-1 - startIdx, () => ({ status: [null, 'new'], organisationId: [null, startOrganisationId] }));
    history.add('appeal.create', createLag(rng, channel), creator, createChanges);

    const earlyDecline = declineReason === 'spam' || declineReason === 'rude';
    const pathMask = PATH_MASK[status];
    const reaches = (s: Status): boolean => (pathMask & STATUS_BIT[s]) !== 0;

    if (status !== 'new' && !earlyDecline) {
      const triage = categorisedAtCreate
        ? triageShared.get(-1, () => ({ status: ['new', 'triaged'] }))
        : triageShared.get(catIdx + 10 * (prIdx + 3 * muniIdx), () => {
          const c: Changes = { status: ['new', 'triaged'], category: [null, category] };
          if (priority !== 'standard') c.priority = ['standard', priority];
          c.municipalityId = [null, municipalityId];
          return c;
        });
      history.add('appeal.triage', urgent ? rng.int(2 * MINUTE, 20 * MINUTE) : rng.skewed(10 * MINUTE, 10 * HOUR), person(triager), triage);
      history.status = 'triaged';
      history.add('appeal.update', rng.int(MINUTE, 15 * MINUTE), person(triager), { summary: ['', composed.summary] });
    }
    if (reaches('assigned')) {
      const assign = assignShared.get((USER_INDEX.get(assignee.id) as number) + 64 * (startIdx + 8 * orgIdx), () => {
        const c: Changes = { status: ['triaged', 'assigned'], assigneeId: [null, assignee.id] };
        if (startOrganisationId !== organisationId) c.organisationId = [startOrganisationId, organisationId];
        return c;
      });
      history.add('appeal.assign', urgent ? rng.int(MINUTE, 10 * MINUTE) : rng.skewed(5 * MINUTE, 6 * HOUR), person(triager), assign, null, true);
      history.status = 'assigned';
    }
    if (reaches('in_progress')) history.transition('in_progress', rng.skewed(20 * MINUTE, priority === 'standard' ? 3 * DAY : 12 * HOUR), person(assignee), null);
    if (reaches('answer_draft')) history.transition('answer_draft', rng.skewed(2 * HOUR, priority === 'standard' ? (org.answerReview ? 9 : 12) * DAY : 3 * DAY), person(operator), null);
    if (reaches('answer_review') && org.answerReview) history.transition('answer_review', rng.skewed(10 * MINUTE, DAY), person(operator), null);
    if (reaches('answered')) {
      if (org.answerReview) history.transition('answered', rng.skewed(20 * MINUTE, DAY), person(SUPERVISOR), rng.pick(APPROVE_REASONS));
      else history.transition('answered', rng.skewed(5 * MINUTE, 6 * HOUR), person(operator), null);
    }
    if (reaches('closed') && (status === 'closed' || rng.chance(0.4))) history.transition('closed', rng.skewed(HOUR, 5 * DAY), person(operator), rng.pick(CLOSE_REASONS));
    if (status === 'reopened') history.transition('reopened', rng.skewed(DAY, 7 * DAY), person(operator), rng.pick(REOPEN_REASONS));
    if (status === 'declined' && declineReason) {
      const extra: Changes = duplicateOf
        ? { declineReason: [null, declineReason], duplicateOfId: [null, duplicateOf.id] }
        : declineShared.get(DECLINE_REASONS.indexOf(declineReason), () => ({ declineReason: [null, declineReason] }));
      const reason = duplicateOf
        ? `Дубликат обращения ${duplicateOf.number}: проблема уже в работе`
        : declineReason === 'not_our_competence'
          ? `Не относится к компетенции: заявителю разъяснено обратиться в ${problem.foreignBody ?? 'уполномоченный орган'}`
          : rng.pick(DECLINE_REASON_TEXT[declineReason]);
      history.transition('declined', rng.skewed(10 * MINUTE, DAY), person(triager), reason, extra, !earlyDecline);
    }
    if (status === 'redirected') history.transition('redirected', rng.skewed(HOUR, 2 * DAY), person(operator), `Направлено по компетенции в ${problem.foreignBody ?? 'уполномоченный орган'}`, null, true);

    // Squeeze the history into the time that has passed, keeping its order.
    const firstReactionAt = history.schedule(receivedAt, age * 0.97);
    const createdAt = history.first;
    const lastAt = history.last;
    eventNo = history.emit(events, id, eventNo);

    // Internal notes while the appeal is worked.
    const worked = history.count > 3;
    const noteCount = worked ? (rng.chance(0.45) ? rng.int(1, 3) : 0) : rng.chance(0.08) ? 1 : 0;
    const notesFrom = history.times[Math.min(1, history.count - 1)] as number;
    const notesTo = OPEN_LIKE.has(status) ? Math.min(now, lastAt + 2 * DAY) : lastAt;
    const noteAuthors = [operator, assignee, ...(org.answerReview ? [SUPERVISOR] : [])];
    for (let n = 0; n < noteCount; n++) {
      const noteAt = Math.floor(notesFrom + (notesTo - notesFrom) * ((n + rng.next()) / noteCount));
      const closingPhase = !OPEN_LIKE.has(status) && n === noteCount - 1 && reaches('answered');
      const template = closingPhase ? rng.pick(CLOSING_NOTES) : rng.chance(0.5) ? rng.pick(CATEGORY_NOTES[category]) : rng.pick(WORK_NOTES);
      const noteAuthor = rng.pick(noteAuthors);
      comments.push({
        id: `cm-${pad(++commentNo, 7)}`,
        appealId: id,
        authorId: noteAuthor.id,
        authorName: noteAuthor.displayName,
        text: template.replace('{date}', ddMM(noteAt + rng.int(1, 6) * DAY)),
        createdAt: iso(noteAt),
      });
    }

    const kind = kindForChannel(channel);
    const fastTrackDays = FAST_TRACK_DAYS[category];
    const resolutionDue = priority === 'emergency' ? DAY
      : priority === 'fast_track' ? fastTrackDays * DAY
        : kind === 'formal' ? 30 * DAY : 14 * DAY;
    const triaged = status !== 'new' && !earlyDecline;
    const finalCategory = status === 'new' && !categorisedAtCreate ? null : category;

    appeals.push({
      id,
      number,
      channel,
      externalRef: externalRefFor(rng, channel, startOrganisationId, index, receivedAt, citizen),
      citizen,
      originalText: composed.originalText,
      subject: composed.subject,
      summary: triaged ? composed.summary : '',
      address: formatAddress(place),
      regionId: REGION.id,
      municipalityId: finalCategory === null ? null : municipalityId,
      category: finalCategory,
      priority: finalCategory === null && priority !== 'emergency' ? 'standard' : priority,
      kind,
      status,
      organisationId,
      assigneeId: reaches('assigned') ? assignee.id : null,
      declineReason,
      duplicateOfId: duplicateOf ? duplicateOf.id : null,
      consent: channel === 'web_form' || channel === 'personal' || (channel === 'phone' && rng.chance(0.9)),
      receivedAt: iso(receivedAt),
      firstReactionDueAt: iso(receivedAt + (priority === 'emergency' ? HOUR : 8 * HOUR)),
      resolutionDueAt: iso(receivedAt + resolutionDue),
      firstReactionAt: firstReactionAt === null ? null : iso(firstReactionAt),
      createdAt: iso(createdAt),
      updatedAt: iso(lastAt),
      version: history.count,
    });

    if (!declineReason && status !== 'redirected') {
      recentHere.push({ id, number, problem, place, composed, category, priority, organisationId, receivedAt });
      if (recentHere.length > 300) recentHere.splice(0, 100);
    }
  }

  return {
    region: { ...REGION },
    municipalities: MUNICIPALITIES.map((m) => ({ ...m })),
    settlements: directorySettlements(),
    organisations: ORGANISATIONS.map((o) => ({ ...o })),
    users: DEMO_USERS.map((u) => ({ ...u })),
    appeals,
    comments,
    events,
  };
}

/** Statuses whose history may still grow: notes can come after the last change. */
const OPEN_LIKE = new Set<Status>(['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'reopened']);

const STATUS_BIT = Object.fromEntries(STATUSES.map((s, i) => [s, 1 << i])) as Record<Status, number>;

/** The statuses an appeal has passed through on the way to each status (happy path, side exits last). */
const STATUS_PATH: Record<Status, readonly Status[]> = {
  new: ['new'],
  triaged: ['new', 'triaged'],
  assigned: ['new', 'triaged', 'assigned'],
  in_progress: ['new', 'triaged', 'assigned', 'in_progress'],
  answer_draft: ['new', 'triaged', 'assigned', 'in_progress', 'answer_draft'],
  answer_review: ['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review'],
  answered: ['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'answered'],
  closed: ['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'answered', 'closed'],
  reopened: ['new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'answered', 'closed', 'reopened'],
  declined: ['new', 'declined'],
  redirected: ['new', 'triaged', 'redirected'],
};

const PATH_MASK = Object.fromEntries(
  STATUSES.map((s) => [s, STATUS_PATH[s].reduce((mask, step) => mask | STATUS_BIT[step], 0)]),
) as Record<Status, number>;
