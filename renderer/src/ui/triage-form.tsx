// The triage form: category, priority, municipality, formal or incident — one appeal.triage mutation.
import { useTranslation } from 'react-i18next';
import { APPEAL_KINDS, CATEGORIES, PRIORITIES, type Appeal, type AppealKind, type Category, type Priority } from '../../../shared/index.js';
import { consoleStore } from './store-access.js';
import { useAction } from './use-action.js';
import { useDraft } from './use-draft.js';
import { useLookup } from './use-lookup.js';

export function TriageForm({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const lookup = useLookup();
  const { busy, error, run } = useAction();
  const draft = useDraft({ category: appeal.category, priority: appeal.priority, municipalityId: appeal.municipalityId, kind: appeal.kind });
  const municipalities = [...lookup.municipality.values()].filter((m) => m.regionId === appeal.regionId).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const { category, priority, municipalityId, kind } = draft.value;

  const save = async () => {
    if (!category) return;
    const ok = await run(() => consoleStore.getState().mutate('appeal.triage', { appealId: appeal.id, category, priority, municipalityId, kind }));
    if (ok) draft.reset();
  };

  return (
    <form
      className="form-grid"
      data-testid="triage-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>{t('appeal.category')}</span>
        <select value={category ?? ''} onChange={(e) => draft.set('category', (e.target.value || null) as Category | null)} required data-testid="triage-category">
          <option value="" disabled>{t('appeal.chooseCategory')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>{t(`category.${c}`)}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('appeal.priority')}</span>
        <select value={priority} onChange={(e) => draft.set('priority', e.target.value as Priority)} data-testid="triage-priority">
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>{t(`priority.${p}`)}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('appeal.municipality')}</span>
        <select value={municipalityId ?? ''} onChange={(e) => draft.set('municipalityId', e.target.value || null)} data-testid="triage-municipality">
          <option value="">{t('appeal.noMunicipality')}</option>
          {municipalities.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('appeal.kind')}</span>
        <select value={kind} onChange={(e) => draft.set('kind', e.target.value as AppealKind)} data-testid="triage-kind">
          {APPEAL_KINDS.map((k) => (
            <option key={k} value={k}>{t(`kind.${k}`)}</option>
          ))}
        </select>
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy || !category || !(draft.dirty || appeal.status === 'new')} data-testid="triage-save">
          {t('appeal.saveTriage')}
        </button>
        {draft.dirty && (
          <button type="button" className="ghost-button" onClick={draft.reset}>{t('common.cancel')}</button>
        )}
      </div>
    </form>
  );
}
