// Mutation names read as Russian labels, with a generic one for settings and the raw name for anything unknown.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { MUTATION_NAMES } from '../../../shared/index.js';
import { resources } from '../i18n/index.js';
import { mutationLabel } from './mutation-label.js';

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: 'ru', interpolation: { escapeValue: false } });
  t = i18n.t;
});

describe('mutation labels', () => {
  it('name the console mutations in Russian', () => {
    expect(mutationLabel(t, 'appeal.triage')).toBe('Разбор');
    expect(mutationLabel(t, 'appeal.transition')).toBe('Смена статуса');
    expect(mutationLabel(t, 'audit.view')).toBe('Просмотр персональных данных');
  });

  it('give every mutation the console can send a label other than its code', () => {
    for (const name of MUTATION_NAMES) expect(mutationLabel(t, name)).not.toBe(name);
  });

  it('call any admin change a settings change and leave an unknown name as it is', () => {
    expect(mutationLabel(t, 'admin.user.save')).toBe('Изменение настроек');
    expect(mutationLabel(t, 'robot.dance')).toBe('robot.dance');
  });
});
