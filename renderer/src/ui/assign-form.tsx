// The assignment form: executor organisation and, optionally, a person in it — one appeal.assign mutation.
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/index.js';
import { consoleStore } from './store-access.js';
import { useAction } from './use-action.js';
import { useDraft } from './use-draft.js';
import { useLookup } from './use-lookup.js';

export function AssignForm({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const lookup = useLookup();
  const { busy, error, run } = useAction();
  const draft = useDraft({ organisationId: appeal.organisationId, assigneeId: appeal.assigneeId });
  const { organisationId, assigneeId } = draft.value;
  const organisations = [...lookup.organisation.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const people = [...lookup.user.values()].filter((u) => u.organisationId === organisationId && !u.disabled).sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru'));

  const save = async () => {
    const ok = await run(() => consoleStore.getState().mutate('appeal.assign', { appealId: appeal.id, organisationId, assigneeId }));
    if (ok) draft.reset();
  };

  return (
    <form
      className="form-grid"
      data-testid="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field field-wide">
        <span>{t('appeal.organisation')}</span>
        <select
          value={organisationId}
          onChange={(e) => {
            draft.set('organisationId', e.target.value);
            // a person belongs to one organisation: changing it clears the person
            draft.set('assigneeId', null);
          }}
          data-testid="assign-organisation"
        >
          {!lookup.organisation.has(organisationId) && <option value={organisationId}>{organisationId}</option>}
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </label>
      <label className="field field-wide">
        <span>{t('appeal.assignee')}</span>
        <select value={assigneeId ?? ''} onChange={(e) => draft.set('assigneeId', e.target.value || null)} data-testid="assign-assignee">
          <option value="">{t('appeal.unassigned')}</option>
          {assigneeId && !people.some((p) => p.id === assigneeId) && <option value={assigneeId}>{lookup.user.get(assigneeId)?.displayName ?? assigneeId}</option>}
          {people.map((u) => (
            <option key={u.id} value={u.id}>{u.displayName} · {t(`role.${u.role}`)}</option>
          ))}
        </select>
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || !draft.dirty} data-testid="assign-save">
          {t('appeal.saveAssignment')}
        </button>
        {draft.dirty && (
          <button type="button" className="ghost-button" onClick={draft.reset}>{t('common.cancel')}</button>
        )}
      </div>
    </form>
  );
}
