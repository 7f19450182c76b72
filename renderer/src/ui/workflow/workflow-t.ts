// The workflow screens' translation function: keys of workflow-ru.ts under `workflow.`, type-checked here because the shared i18next typing knows only ru.ts.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { workflowRu } from '../../i18n/workflow-ru.js';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type WorkflowKey = Leaves<typeof workflowRu>;

export type WorkflowT = (key: WorkflowKey, values?: Record<string, string | number>) => string;

export function useWorkflowT(): WorkflowT {
  const { t } = useTranslation();
  return useCallback((key, values) => (t as unknown as (k: string, v?: object) => string)(`workflow.${key}`, values), [t]);
}
