// The demo region's fixed address directory: region, municipalities, settlements and their streets (also used offline for hotline address completion).
import type { Municipality, Region } from '../../shared/index.js';
import type { Settlement } from './types.js';

export const REGION: Region = {
  id: 'zarechye',
  name: 'Заречная область',
  timezone: 'Asia/Yekaterinburg',
  hashtag: '#ЗаречьеОтвечает',
};

/** Asia/Yekaterinburg has no daylight saving: UTC+5 all year. */
export const REGION_UTC_OFFSET_MS = 5 * 3_600_000;

export const MUNICIPALITY_IDS = {
  city: 'mun-zarechensk',
  kamenogorsk: 'mun-kamenogorsk',
  berezovsky: 'mun-berezovsky',
  ozerny: 'mun-ozerny',
} as const;

export const MUNICIPALITIES: Municipality[] = [
  { id: MUNICIPALITY_IDS.city, regionId: REGION.id, name: 'Городской округ город Зареченск', kind: 'urban_okrug', rural: false },
  { id: MUNICIPALITY_IDS.kamenogorsk, regionId: REGION.id, name: 'Каменногорский муниципальный округ', kind: 'municipal_okrug', rural: false },
  { id: MUNICIPALITY_IDS.berezovsky, regionId: REGION.id, name: 'Берёзовский муниципальный район', kind: 'municipal_district', rural: true },
  { id: MUNICIPALITY_IDS.ozerny, regionId: REGION.id, name: 'Озёрный муниципальный район', kind: 'municipal_district', rural: true },
];

/** How a settlement is written in an address, e.g. «с. Берёзовка». */
export const SETTLEMENT_ABBREVIATION: Record<Settlement['kind'], string> = {
  'город': 'г.',
  'посёлок': 'пос.',
  'село': 'с.',
  'деревня': 'д.',
  'станица': 'ст-ца',
  'рабочий посёлок': 'рп',
};

/** Settlement data beyond the shared Settlement type: how to say "in it" and how many people write from it. */
export interface SettlementInfo extends Settlement {
  /** Locative with preposition, e.g. «в Берёзовке». */
  locative: string;
  /** Relative share of appeals coming from here. */
  weight: number;
  /** Numbered schools/clinics exist only in towns; villages have one school and a ФАП. */
  urban: boolean;
}

type Row = [name: string, kind: Settlement['kind'], locative: string, weight: number, streetCount: number];

const SETTLEMENT_ROWS: Record<string, Row[]> = {
  [MUNICIPALITY_IDS.city]: [
    ['Зареченск', 'город', 'в Зареченске', 100, 90],
    ['Заречный', 'рабочий посёлок', 'в Заречном', 6, 18],
    ['Сосновый Бор', 'посёлок', 'в Сосновом Бору', 4, 12],
    ['Ключи', 'деревня', 'в Ключах', 1.5, 7],
    ['Горки', 'село', 'в Горках', 2, 9],
    ['Новоалексеевка', 'деревня', 'в Новоалексеевке', 1, 6],
  ],
  [MUNICIPALITY_IDS.kamenogorsk]: [
    ['Каменногорск', 'город', 'в Каменногорске', 40, 45],
    ['Рудный', 'рабочий посёлок', 'в Рудном', 8, 20],
    ['Известковый', 'посёлок', 'в Известковом', 3, 10],
    ['Каменка', 'село', 'в Каменке', 3, 11],
    ['Покровское', 'село', 'в Покровском', 3, 12],
    ['Осиновка', 'деревня', 'в Осиновке', 1, 6],
    ['Малая Каменка', 'деревня', 'в Малой Каменке', 0.8, 5],
    ['Никольское', 'село', 'в Никольском', 2, 9],
    ['Кузнецово', 'деревня', 'в Кузнецово', 0.8, 5],
    ['Лесозаводский', 'посёлок', 'в Лесозаводском', 2, 10],
    ['Шиханы', 'деревня', 'в Шиханах', 0.6, 4],
  ],
  [MUNICIPALITY_IDS.berezovsky]: [
    ['Берёзовка', 'село', 'в Берёзовке', 12, 24],
    ['Троицкое', 'село', 'в Троицком', 4, 12],
    ['Михайловка', 'село', 'в Михайловке', 3, 10],
    ['Берёзовый Лог', 'деревня', 'в Берёзовом Логу', 1, 6],
    ['Ивановка', 'деревня', 'в Ивановке', 1.2, 7],
    ['Петровка', 'деревня', 'в Петровке', 1, 6],
    ['Знаменское', 'село', 'в Знаменском', 2.5, 9],
    ['Сухой Лог', 'деревня', 'в Сухом Логу', 0.7, 5],
    ['Луговой', 'посёлок', 'в Луговом', 1.5, 8],
    ['Крутиха', 'деревня', 'в Крутихе', 0.6, 4],
    ['Вознесенское', 'село', 'в Вознесенском', 2, 9],
    ['Ольховка', 'деревня', 'в Ольховке', 0.8, 5],
    ['Подгорная', 'деревня', 'в Подгорной', 0.5, 4],
  ],
  [MUNICIPALITY_IDS.ozerny]: [
    ['Озёрный', 'рабочий посёлок', 'в Озёрном', 12, 26],
    ['Светлое', 'село', 'в Светлом', 3, 10],
    ['Рыбное', 'село', 'в Рыбном', 2.5, 9],
    ['Камышовка', 'деревня', 'в Камышовке', 1, 6],
    ['Заозёрье', 'деревня', 'в Заозёрье', 1, 5],
    ['Белоярское', 'село', 'в Белоярском', 2.5, 10],
    ['Карасье', 'деревня', 'в Карасье', 0.7, 4],
    ['Октябрьский', 'посёлок', 'в Октябрьском', 2, 9],
    ['Новосёловка', 'деревня', 'в Новосёловке', 0.8, 5],
    ['Нижнеозёрная', 'станица', 'в станице Нижнеозёрной', 3, 12],
    ['Утятское', 'село', 'в Утятском', 1.5, 7],
  ],
};

/** Street names every Russian settlement seems to have; villages take theirs from the front of this list. */
const COMMON_STREETS = [
  'улица Ленина', 'улица Центральная', 'улица Молодёжная', 'улица Садовая', 'улица Школьная', 'улица Советская',
  'улица Мира', 'улица Лесная', 'улица Набережная', 'улица Заречная', 'улица Полевая', 'улица Новая',
  'улица Луговая', 'улица Зелёная', 'улица Колхозная', 'улица Октябрьская', 'переулок Школьный', 'улица Береговая',
  'улица Нагорная', 'улица Первомайская', 'улица Гагарина', 'улица Пушкина', 'улица Степная', 'переулок Садовый',
  'улица Солнечная', 'улица Рабочая', 'улица Кирова', 'улица Комсомольская', 'переулок Лесной', 'улица Трудовая',
  'улица Полевая Вторая', 'улица Механизаторов', 'улица Совхозная', 'улица Кооперативная', 'переулок Клубный',
  'улица Южная', 'улица Северная', 'улица Восточная', 'улица Западная', 'улица Победы', 'улица Чапаева',
];

/** Additional names that only towns and bigger settlements have. */
const TOWN_STREETS = [
  'проспект Ленина', 'проспект Мира', 'проспект Победы', 'проспект Металлургов', 'бульвар Молодёжный', 'бульвар Юности',
  'улица Строителей', 'улица Космонавтов', 'улица 8 Марта', 'улица Труда', 'улица Юбилейная', 'улица Калинина',
  'улица Свердлова', 'улица Фрунзе', 'улица Дзержинского', 'улица Маяковского', 'улица Титова', 'улица Королёва',
  'улица Энергетиков', 'улица Заводская', 'улица Железнодорожная', 'улица Вокзальная', 'улица Партизанская',
  'улица Матросова', 'улица Некрасова', 'улица Островского', 'улица Суворова', 'улица Кутузова', 'улица Мичурина',
  'улица Толстого', 'улица Тургенева', 'улица Гоголя', 'улица Крупской', 'улица Ломоносова', 'улица Циолковского',
  'улица Чехова', 'улица Горького', 'улица Лермонтова', 'улица Есенина', 'улица Жукова', 'улица Куйбышева',
  'улица Орджоникидзе', 'улица Пролетарская', 'улица Красноармейская', 'улица Уральская', 'улица Сибирская',
  'улица Шахтёрская', 'улица Фабричная', 'улица Почтовая', 'улица Больничная', 'улица Клубная', 'улица Дорожная',
  'улица Сосновая', 'улица Кедровая', 'улица Рябиновая', 'улица Вишнёвая', 'улица Липовая', 'улица Тополиная',
  'улица Берёзовая', 'улица Озёрная', 'улица Речная', 'улица Родниковая', 'улица Песчаная', 'улица Каменная',
  'улица Спортивная', 'улица Индустриальная', 'улица Коммунальная', 'улица 50 лет Октября', 'улица 40 лет Победы',
  'улица Героев Труда', 'улица Академика Павлова', 'улица Маршала Конева', 'улица Ватутина', 'улица Чкалова',
  'переулок Почтовый', 'переулок Банный', 'переулок Тихий', 'переулок Зелёный', 'переулок Кривой', 'переулок Глухой',
  'проезд Заводской', 'проезд Складской', 'площадь Советская', 'площадь Революции', 'микрорайон Северный',
  'микрорайон Солнечный', 'микрорайон Южный', 'Каменногорский тракт', 'шоссе Промышленное', 'улица Мельничная',
  'улица Элеваторная', 'улица Тельмана', 'улица Щорса', 'улица Котовского', 'улица Лазо', 'улица Пархоменко',
];

/** Fixed shuffle so the directory is the same whatever seed the appeals use. */
function fixedShuffle<T>(items: readonly T[], salt: number): T[] {
  const out = items.slice();
  let state = 0x9e3779b9 ^ salt;
  for (let i = out.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5;
    const j = (state >>> 0) % (i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** Latin transliteration for ids and e-mail addresses (ГОСТ-like, lowercase). */
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const t = TRANSLIT[ch];
    if (t !== undefined) out += t;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (out.length > 0 && !out.endsWith('-')) out += '-';
  }
  return out.replace(/-+$/, '');
}

function buildSettlements(): SettlementInfo[] {
  const settlements: SettlementInfo[] = [];
  let salt = 1;
  for (const [municipalityId, rows] of Object.entries(SETTLEMENT_ROWS)) {
    for (const [name, kind, locative, weight, streetCount] of rows) {
      const urban = kind === 'город';
      const big = urban || kind === 'рабочий посёлок';
      const streets = big
        ? [...COMMON_STREETS.slice(0, 12), ...fixedShuffle([...COMMON_STREETS.slice(12), ...TOWN_STREETS], salt)]
        : [...COMMON_STREETS.slice(0, 4), ...fixedShuffle(COMMON_STREETS.slice(4, 30), salt)];
      settlements.push({
        id: `st-${transliterate(name)}`,
        municipalityId,
        name,
        kind,
        streets: streets.slice(0, streetCount).sort((a, b) => a.localeCompare(b, 'ru')),
        locative,
        weight,
        urban,
      });
      salt++;
    }
  }
  return settlements;
}

export const SETTLEMENTS: readonly SettlementInfo[] = buildSettlements();

/** The directory as the shared Settlement shape (no generator-only fields). */
export function directorySettlements(): Settlement[] {
  return SETTLEMENTS.map(({ id, municipalityId, name, kind, streets }) => ({ id, municipalityId, name, kind, streets: streets.slice() }));
}

const STREET_ABBREVIATION: Record<string, string> = {
  улица: 'ул.', переулок: 'пер.', проспект: 'просп.', бульвар: 'б-р', проезд: 'пр-д', площадь: 'пл.', микрорайон: 'мкр.', шоссе: 'ш.',
};

const abbreviated = new Map<string, string>();

/** «улица Садовая» → «ул. Садовая»; names without a known type word stay as they are («Каменногорский тракт»). */
export function abbreviateStreet(street: string): string {
  let out = abbreviated.get(street);
  if (out === undefined) {
    out = abbreviateUncached(street);
    abbreviated.set(street, out);
  }
  return out;
}

function abbreviateUncached(street: string): string {
  const space = street.indexOf(' ');
  const type = street.slice(0, space);
  const abbr = STREET_ABBREVIATION[type];
  return abbr ? `${abbr} ${street.slice(space + 1)}` : street;
}

function adjectiveLocative(word: string): string {
  if (word.endsWith('ая')) return `${word.slice(0, -2)}ой`;
  if (word.endsWith('яя')) return `${word.slice(0, -2)}ей`;
  if (word.endsWith('ый') || word.endsWith('ой') || word.endsWith('ое')) return `${word.slice(0, -2)}ом`;
  if (word.endsWith('ий')) return `${word.slice(0, -2)}ем`;
  return word;
}

const colloquial = new Map<string, string>();

/** How people say "on that street" in speech: «на Садовой», «на Ленина», «на Школьном». */
export function streetColloquial(street: string): string {
  let out = colloquial.get(street);
  if (out === undefined) {
    out = colloquialUncached(street);
    colloquial.set(street, out);
  }
  return out;
}

function colloquialUncached(street: string): string {
  const space = street.indexOf(' ');
  const type = street.slice(0, space);
  const name = street.slice(space + 1);
  if (!(type in STREET_ABBREVIATION)) return `на ${adjectiveLocative(type)} ${name === 'тракт' ? 'тракте' : name}`;
  if (type === 'микрорайон') return `в ${adjectiveLocative(name)}`;
  const first = name.split(' ')[0] ?? name;
  // Adjective names decline («Садовая» → «Садовой»); names in the genitive («Ленина», «8 Марта») do not.
  return `на ${/(ая|яя|ый|ий|ой|ое)$/.test(first) ? name.split(' ').map(adjectiveLocative).join(' ') : name}`;
}
