// The photos' own translation function: keys of photos-ru.ts under `photos.`, type-checked here because the shared i18next typing knows only ru.ts.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { photosRu } from '../../i18n/photos-ru.js';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type PhotosKey = Leaves<typeof photosRu>;
export type PhotosT = (key: PhotosKey, values?: Record<string, string | number>) => string;

export function usePhotosT(): PhotosT {
  const { t } = useTranslation();
  return useCallback((key, values) => (t as unknown as (k: string, v?: object) => string)(`photos.${key}`, values), [t]);
}
