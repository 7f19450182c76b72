// Field names and values as people read them (status labels, organisation and person names, dates), for the history and the conflict view.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealKind, Category, Channel, Citizen, DeclineReason, Priority, Status } from '../../../shared/index.js';
import type { ru } from '../i18n/ru.js';
import { formatInstant } from './format-date.js';
import { consoleStore } from './store-access.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';

type FieldKey = keyof typeof ru.field;
const DATE_FIELDS = new Set(['firstReactionDueAt', 'resolutionDueAt', 'firstReactionAt', 'receivedAt', 'createdAt', 'updatedAt']);

function citizenText(c: Partial<Citizen>): string {
  return [c.name, c.phone, c.email, c.handle].filter((v) => v !== null && v !== undefined && v !== '').join(', ');
}

export function useFieldFormat(): { label: (field: string) => string; value: (field: string, value: unknown) => string } {
  const { t } = useTranslation();
  const lang = useLanguage();
  const lookup = useLookup();

  const label = useCallback((field: string) => t(`field.${field as FieldKey}`, { defaultValue: field }), [t]);

  const value = useCallback(
    (field: string, raw: unknown): string => {
      if (raw === null || raw === undefined || raw === '') return t('common.none');
      const s = String(raw);
      switch (field) {
        case 'status':
          return t(`status.${s as Status}`, { defaultValue: s });
        case 'category':
          return t(`category.${s as Category}`, { defaultValue: s });
        case 'priority':
          return t(`priority.${s as Priority}`, { defaultValue: s });
        case 'kind':
          return t(`kind.${s as AppealKind}`, { defaultValue: s });
        case 'channel':
          return t(`channel.${s as Channel}`, { defaultValue: s });
        case 'declineReason':
          return t(`declineReason.${s as DeclineReason}`, { defaultValue: s });
        case 'municipalityId':
          return lookup.municipality.get(s)?.name ?? s;
        case 'organisationId':
          return lookup.organisation.get(s)?.name ?? s;
        case 'assigneeId':
          return lookup.user.get(s)?.displayName ?? s;
        case 'duplicateOfId':
          return consoleStore.getState().getAppeal(s)?.number ?? s;
        case 'citizen':
          return typeof raw === 'object' ? citizenText(raw as Partial<Citizen>) || t('common.none') : s;
        default:
          if (DATE_FIELDS.has(field)) return formatInstant(s, lang, lookup.timeZone);
          return typeof raw === 'object' ? JSON.stringify(raw) : s;
      }
    },
    [t, lang, lookup],
  );

  return { label, value };
}
