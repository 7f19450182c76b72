// The current UI language as a typed value, re-rendering on a switch.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n/index.js';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'ru';
}
