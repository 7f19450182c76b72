// Dates and times in the UI language's locale and the organisation's time zone; Intl formatters are cached (creating one is slow).
import { LOCALE_OF, type Language } from '../i18n/index.js';

type Style = 'dateTime' | 'date' | 'time';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, timeZone: string | undefined, style: Style): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}|${style}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(LOCALE_OF[lang], { ...OPTIONS[style], timeZone });
    } catch {
      // an unknown zone name in reference data: show local time rather than nothing
      f = new Intl.DateTimeFormat(LOCALE_OF[lang], OPTIONS[style]);
    }
    cache.set(key, f);
  }
  return f;
}

export function formatInstant(iso: string | number, lang: Language, timeZone: string | undefined, style: Style = 'dateTime'): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(ms)) return String(iso);
  return formatter(lang, timeZone, style).format(ms);
}

const numberCache = new Map<Language, Intl.NumberFormat>();

/** 12 000 with the locale's grouping. */
export function formatNumber(n: number, lang: Language): string {
  let f = numberCache.get(lang);
  if (!f) numberCache.set(lang, (f = new Intl.NumberFormat(LOCALE_OF[lang])));
  return f.format(n);
}
