// The intake's own translation function: keys of intake-ru.ts under `intake.`, type-checked here because the shared i18next typing knows only ru.ts.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { intakeRu } from '../../i18n/intake-ru.js';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type IntakeKey = Leaves<typeof intakeRu>;

export type IntakeT = (key: IntakeKey, values?: Record<string, string | number>) => string;

export function useIntakeT(): IntakeT {
  const { t } = useTranslation();
  return useCallback((key, values) => (t as unknown as (k: string, v?: object) => string)(`intake.${key}`, values), [t]);
}
