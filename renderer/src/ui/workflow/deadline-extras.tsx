// Under the appeal's deadlines: the calendar fallback note, the extension already made, and the one 30-day extension of a formal appeal.
import { useState } from 'react';
import { checkExtension, isOpen, type Appeal } from '../../../../shared/index.js';
import { consoleStore, useConsole } from '../store-access.js';
import { useAction } from '../use-action.js';
import { Why } from './why.js';
import { useTranslation } from 'react-i18next';
import { useWorkflowT } from './workflow-t.js';

/** The shared extension rule, without the reason: whether an extension is possible at all. */
function extensionRefusal(appeal: Appeal): 'deadline.extendOnlyFormal' | 'deadline.extendOnce' | null {
  const input = { receivedAt: appeal.receivedAt, priority: appeal.priority, kind: appeal.kind, category: appeal.category, timezone: 'UTC', extended: Boolean(appeal.extendedAt) };
  const refusal = checkExtension(input, 'reason given in the form');
  if (refusal === null) return null;
  return appeal.extendedAt ? 'deadline.extendOnce' : 'deadline.extendOnlyFormal';
}

function ExtendForm({ appeal, onDone }: { appeal: Appeal; onDone: () => void }) {
  const t = useWorkflowT();
  const { t: tc } = useTranslation();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  return (
    <form
      className="transition-form"
      data-testid="extend-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (blank) return;
        void run(() => consoleStore.getState().mutateWorkflow('appeal.extend', { appealId: appeal.id, reason: reason.trim() })).then((ok) => ok && onDone());
      }}
    >
      <label className="field">
        <span>{t('deadline.extendReason')}</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} autoFocus data-testid="extend-reason" />
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" aria-disabled={blank} disabled={busy} data-testid="extend-confirm">
          {t('deadline.confirmExtend')}
        </button>
        {blank && <Why>{t('actions.needReason')}</Why>}
        <button type="button" className="ghost-button" onClick={onDone}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function DeadlineExtras({ appeal }: { appeal: Appeal }) {
  const t = useWorkflowT();
  const role = useConsole((s) => s.user?.role ?? 'operator');
  const [asking, setAsking] = useState(false);
  const fallback = appeal.calendarFallbackYears ?? [];
  const canAct = role === 'operator' || role === 'supervisor' || role === 'admin';
  const refusal = extensionRefusal(appeal);
  const offerExtension = canAct && appeal.kind === 'formal' && isOpen(appeal.status);
  return (
    <div className="deadline-extras">
      {fallback.length > 0 && (
        <p className="calendar-fallback" data-testid="calendar-fallback">
          {t('deadline.fallback', { years: fallback.join(', ') })}
        </p>
      )}
      {appeal.extendedAt && (
        <p className="deadline-extended" data-testid="deadline-extended">
          {t('deadline.extended')}
          {appeal.extensionReason && <span className="muted"> · {appeal.extensionReason}</span>}
        </p>
      )}
      {offerExtension && !asking && (
        <span className="action-wrap">
          <button type="button" className="ghost-button" aria-disabled={refusal !== null} onClick={() => refusal === null && setAsking(true)} title={refusal ? t(refusal) : undefined} data-testid="extend-button">
            {t('deadline.extend')}
          </button>
          {refusal && <Why testId="extend-why">{t(refusal)}</Why>}
        </span>
      )}
      {asking && <ExtendForm appeal={appeal} onDone={() => setAsking(false)} />}
    </div>
  );
}
