// Types i18next's t() against the Russian resources, so a missing or misspelt key fails the typecheck.
import 'i18next';
import type { ru } from './ru.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
  }
}
