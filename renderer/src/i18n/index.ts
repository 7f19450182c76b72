// i18n set-up: i18next with Russian by default and English available; the chosen language is remembered on this computer.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ru } from './ru.js';
import { en } from './en.js';
import { intakeRu } from './intake-ru.js';
import { intakeEn } from './intake-en.js';
import { photosRu } from './photos-ru.js';
import { photosEn } from './photos-en.js';
import { workflowRu } from './workflow-ru.js';
import { workflowEn } from './workflow-en.js';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  ru: { translation: { ...ru, intake: intakeRu, workflow: workflowRu, photos: photosRu } },
  en: { translation: { ...en, intake: intakeEn, workflow: workflowEn, photos: photosEn } },
} as const;

const STORAGE_KEY = 'otklik.language';

/** BCP-47 locale used for numbers and dates in each UI language (Russian organisations: ru-RU). */
export const LOCALE_OF: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' };

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function rememberedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'ru';
  } catch {
    // storage refused (private mode, policy): the default is fine
    return 'ru';
  }
}

export function initI18n(): void {
  const lng = rememberedLanguage();
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'ru',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = lng;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'ru';
}

export function setLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched for this session
  }
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}
