// Russian and English resources carry the same keys, and each plural key has the forms its language needs.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from './index.js';
import { ru } from './ru.js';
import { en } from './en.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? flatKeys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const baseKeys = (tree: object) => [...new Set(flatKeys(tree).map((k) => k.replace(PLURAL_SUFFIX, '')))].sort();

function pluralForms(tree: object): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of flatKeys(tree)) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) continue;
    const base = key.replace(PLURAL_SUFFIX, '');
    forms.set(base, [...(forms.get(base) ?? []), match[1]!].sort());
  }
  return forms;
}

describe('i18n resources', () => {
  it('have identical key sets in Russian and English (plural forms aside)', () => {
    expect(baseKeys(en)).toEqual(baseKeys(ru));
  });

  it('give every plural key in Russian the one, few, many and other forms', () => {
    const needed = [...new Intl.PluralRules('ru').resolvedOptions().pluralCategories].sort();
    for (const [key, forms] of pluralForms(ru)) expect({ key, forms }).toEqual({ key, forms: needed });
  });

  it('give every plural key in English the one and other forms', () => {
    const needed = [...new Intl.PluralRules('en').resolvedOptions().pluralCategories].sort();
    for (const [key, forms] of pluralForms(en)) expect({ key, forms }).toEqual({ key, forms: needed });
  });

  it('have no empty strings', () => {
    const empty = (tree: object) => flatKeys(tree).filter((k) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) === '');
    expect(empty(ru)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});

describe('i18n counts', () => {
  it('group thousands the Russian way and pick the plural form by the number', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'ru', interpolation: { escapeValue: false } });
    const space = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(space(i18n.t('sync.progress_initial', { done: 12000, total: 100000 }))).toBe('Первая синхронизация: 12 000 из 100 000');
    expect(space(i18n.t('queue.count', { count: 1 }))).toBe('1 обращение');
    expect(space(i18n.t('queue.count', { count: 1234 }))).toBe('1 234 обращения');
    expect(space(i18n.t('queue.count', { count: 100000 }))).toBe('100 000 обращений');
  });
});
