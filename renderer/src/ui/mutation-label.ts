// A mutation's name as people read it ("Разбор", "Смена статуса"), for the history and the needs-attention list.
import type { TFunction } from 'i18next';
import type { ru } from '../i18n/ru.js';

type MutationKey = keyof typeof ru.mutation;

const LABELS: Readonly<Record<string, MutationKey>> = {
  'appeal.create': 'create',
  'appeal.update': 'update',
  'appeal.triage': 'triage',
  'appeal.assign': 'assign',
  'appeal.transition': 'transition',
  'appeal.comment': 'comment',
  'appeal.extend': 'extend',
  'answer.save': 'answer',
  'attachment.add': 'attachment',
  'audit.view': 'view',
  'user.set-on-duty': 'onDuty',
};

export function mutationLabel(t: TFunction, name: string): string {
  const key = LABELS[name];
  if (key) return t(`mutation.${key}`);
  if (name.startsWith('admin.')) return t('mutation.admin');
  return name || t('history.unknownAction');
}
