// Status action buttons from the shared state machine: allowed ones act, disabled ones say why; decline, redirect and reopen ask for what they need first.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECLINE_REASONS, type Appeal, type DeclineReason, type Role, type Status } from '../../../shared/index.js';
import { allowedTransitions, TRANSITIONS, type AvailableTransition } from '../../../shared/lifecycle.js';
import { consoleStore, useConsole } from './store-access.js';
import { useAction } from './use-action.js';
import { useLookup } from './use-lookup.js';
import { isAnswerMove } from './workflow/answer-send.js';
import { Why } from './workflow/why.js';
import { useWorkflowT } from './workflow/workflow-t.js';

/** Roles that may make from → to under any review setting, to tell a refused person who can. */
function rolesFor(from: Status, to: Status): Role[] {
  return [...new Set(TRANSITIONS.filter((r) => r.from === from && r.to === to).flatMap((r) => r.roles))];
}

/** Finds an appeal by the number people read out, or by id, among local appeals. */
function findAppealId(numberOrId: string): string | null {
  const needle = numberOrId.trim();
  if (needle === '') return null;
  const state = consoleStore.getState();
  if (state.getAppeal(needle)) return needle;
  const upper = needle.toLocaleUpperCase('ru');
  return state.queueIds.find((id) => state.getAppeal(id)?.number.toLocaleUpperCase('ru') === upper) ?? null;
}

function TransitionForm({ appeal, option, onDone }: { appeal: Appeal; option: AvailableTransition; onDone: () => void }) {
  const { t } = useTranslation();
  const tw = useWorkflowT();
  const { organisation: organisations } = useLookup();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const isRedirect = option.to === 'redirected';
  const [target, setTarget] = useState('');
  const [declineReason, setDeclineReason] = useState<DeclineReason>('spam');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const needsReason = option.requires.includes('reason');
  const needsDecline = option.requires.includes('declineReason');

  const duplicateId = needsDecline && declineReason === 'duplicate' ? findAppealId(duplicateOf) : null;
  const duplicateMatch = duplicateId === null ? undefined : consoleStore.getState().getAppeal(duplicateId);
  // what still blocks the confirm button, said beside it
  const missing = isRedirect && target === '' ? 'actions.needTarget' : needsReason && reason.trim() === '' ? 'actions.needReason' : null;

  const submit = async () => {
    setLocalError(null);
    let duplicateOfId: string | null = null;
    if (needsDecline && declineReason === 'duplicate') {
      duplicateOfId = findAppealId(duplicateOf);
      if (!duplicateOfId) return setLocalError(t('appeal.duplicateNotFound'));
    }
    const ok = await run(() =>
      consoleStore.getState().mutate('appeal.transition', {
        appealId: appeal.id,
        from: appeal.status,
        to: option.to,
        reason: reason.trim() === '' ? null : reason.trim(),
        declineReason: needsDecline ? declineReason : null,
        duplicateOfId,
        organisationId: isRedirect ? target : null,
      }),
    );
    if (ok) onDone();
  };

  return (
    <form
      className="transition-form"
      data-testid="transition-form"
      data-to={option.to}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      {needsDecline && (
        <label className="field">
          <span>{t('appeal.declineReason')}</span>
          <select value={declineReason} onChange={(e) => setDeclineReason(e.target.value as DeclineReason)} data-testid="decline-reason">
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>{t(`declineReason.${r}`)}</option>
            ))}
          </select>
        </label>
      )}
      {needsDecline && declineReason === 'duplicate' && (
        <label className="field">
          <span>{t('appeal.duplicateOf')}</span>
          <input value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} required data-testid="duplicate-of" />
          {duplicateOf.trim() !== '' && (
            <em className="field-note" data-testid="duplicate-match">
              {duplicateMatch ? tw('actions.duplicateFound', { number: duplicateMatch.number, subject: duplicateMatch.subject }) : t('appeal.duplicateNotFound')}
            </em>
          )}
        </label>
      )}
      {isRedirect && (
        <label className="field">
          <span>{tw('actions.redirectTo')}</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)} required data-testid="redirect-organisation">
            <option value="">{tw('actions.chooseOrganisation')}</option>
            {[...organisations.values()]
              .filter((o) => o.id !== appeal.organisationId)
              .map((o) => (
                <option key={o.id} value={o.id}>{o.name}</option>
              ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>
          {t('appeal.transitionReason')}
          {!needsReason && <em className="field-note"> · {t('common.optional')}</em>}
        </span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required={needsReason} autoFocus data-testid="transition-reason" />
      </label>
      {(localError || error) && <p className="form-error" role="alert">{localError ?? error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || missing !== null} data-testid="transition-confirm">
          {t('appeal.confirmTransition')}: {t(`status.${option.to}`)}
        </button>
        {missing && <Why testId="transition-why">{tw(missing)}</Why>}
        <button type="button" className="ghost-button" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

export function StatusActions({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const tw = useWorkflowT();
  const role = useConsole((s) => s.user?.role ?? 'operator');
  const { organisation } = useLookup();
  const reviewRequired = organisation.get(appeal.organisationId)?.answerReview;
  const options = useMemo(
    () => allowedTransitions(appeal.status, role, reviewRequired === undefined ? {} : { reviewRequired }),
    [appeal.status, role, reviewRequired],
  );
  const [asking, setAsking] = useState<Status | null>(null);
  const { busy, error, run } = useAction();

  const act = (option: AvailableTransition) => {
    if (option.requires.includes('reason') || option.requires.includes('declineReason')) return setAsking(option.to);
    void run(() => consoleStore.getState().mutate('appeal.transition', { appealId: appeal.id, from: appeal.status, to: option.to }));
  };

  const refusal = (option: AvailableTransition) =>
    `${t('errors.FORBIDDEN')} ${t('appeal.onlyFor', { roles: rolesFor(appeal.status, option.to).map((r) => t(`role.${r}`)).join(', ') })}`;

  const askingOption = options.find((o) => o.to === asking);
  // answers leave through the composer, which checks the text, placeholders and photo proof first
  const shown = options.filter((o) => !isAnswerMove(appeal.status, o.to));
  return (
    <div className="status-actions" data-testid="status-actions">
      {shown.length === 0 && <p className="muted">{shown.length < options.length ? tw('actions.answerInComposer') : t('appeal.noActions')}</p>}
      <div className="action-buttons" role="group" aria-label={t('appeal.actions')}>
        {shown.map((option) => {
          const why = option.allowed ? undefined : refusal(option);
          return (
            <span key={option.to} className="action-wrap">
              <button
                type="button"
                className={`action-button${option.to === 'declined' || option.to === 'redirected' ? ' is-secondary' : ''}`}
                // refused actions stay focusable so that a keyboard user can read why
                disabled={busy}
                aria-disabled={!option.allowed}
                aria-describedby={why ? `why-${option.to}` : undefined}
                title={why}
                onClick={() => option.allowed && act(option)}
                data-testid={`action-${option.to}`}
                data-allowed={option.allowed}
              >
                {t(`transitionTo.${option.to}`)}
              </button>
              {why && (
                <span id={`why-${option.to}`} className="action-why" role="tooltip" data-testid={`action-why-${option.to}`}>
                  {why}
                </span>
              )}
            </span>
          );
        })}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {askingOption && <TransitionForm key={askingOption.to} appeal={appeal} option={askingOption} onDone={() => setAsking(null)} />}
    </div>
  );
}
