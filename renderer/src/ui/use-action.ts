// Runs a store action from a form: busy flag while it runs, and the error as text a person can read instead of a silent failure.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/index.js';

/** A schema refusal before anything was written: which fields, for the person to fix. */
function invalidFields(error: unknown): string[] | null {
  if (!(error instanceof Error) || error.name !== 'ZodError') return null;
  const issues = (error as Error & { issues?: { path: PropertyKey[] }[] }).issues ?? [];
  return [...new Set(issues.map((i) => i.path.map(String).join('.')))];
}

function codeOf(error: unknown): ErrorCode | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : null;
}

export function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (e) {
        const code = codeOf(e);
        const fields = invalidFields(e);
        if (fields) setError(`${t('errors.VALIDATION_FAILED')} ${fields.join(', ')}`);
        else setError(code ? t(`errors.${code}`) : e instanceof Error && e.message ? e.message : t('errors.UNKNOWN'));
        console.error(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  return { busy, error, run, clearError: () => setError(null) };
}
