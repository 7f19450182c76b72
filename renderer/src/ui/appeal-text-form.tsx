// Subject and working summary: edited against the version the person saw (appeal.update with expectedVersion), so a concurrent edit becomes a visible conflict.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/index.js';
import { Kbd } from './badges.js';
import { consoleStore } from './store-access.js';
import { useAction } from './use-action.js';

interface Editing {
  subject: string;
  summary: string;
  /** The appeal as it was when editing started: the precondition and the base for "what did I change". */
  seen: Pick<Appeal, 'subject' | 'summary' | 'version'>;
}

export function AppealTextForm({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [editing, setEditing] = useState<Editing | null>(null);

  if (!editing) {
    return (
      <div className="text-view" data-testid="appeal-text">
        <div className="text-view-row">
          <span className="text-label">{t('appeal.subject')}</span>
          <p className="text-subject" data-testid="appeal-subject">{appeal.subject || <span className="muted">{t('common.notSet')}</span>}</p>
        </div>
        <div className="text-view-row">
          <span className="text-label">{t('appeal.summary')}</span>
          <p className="text-summary" data-testid="appeal-summary">{appeal.summary || <span className="muted">{t('common.notSet')}</span>}</p>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="ghost-button"
            onClick={() => setEditing({ subject: appeal.subject, summary: appeal.summary, seen: { subject: appeal.subject, summary: appeal.summary, version: appeal.version } })}
            data-testid="edit-text"
          >
            {t('appeal.editText')}
          </button>
          <span className="muted small" data-testid="appeal-version" data-version={appeal.version}>{t('appeal.version', { version: appeal.version })}</span>
        </div>
      </div>
    );
  }

  const patch: { subject?: string; summary?: string } = {};
  if (editing.subject !== editing.seen.subject) patch.subject = editing.subject;
  if (editing.summary !== editing.seen.summary) patch.summary = editing.summary;
  const changed = Object.keys(patch).length > 0;

  const save = async () => {
    if (!changed) return setEditing(null);
    const ok = await run(() => consoleStore.getState().mutate('appeal.update', { appealId: appeal.id, expectedVersion: editing.seen.version, patch }));
    if (ok) setEditing(null);
  };

  return (
    <form
      className="text-edit"
      data-testid="text-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        } else if (e.key === 'Escape') {
          e.stopPropagation(); // Esc leaves the edit, not the appeal
          setEditing(null);
        }
      }}
    >
      <label className="field">
        <span>{t('appeal.subject')}</span>
        <input value={editing.subject} maxLength={500} onChange={(e) => setEditing({ ...editing, subject: e.target.value })} autoFocus data-testid="edit-subject" />
      </label>
      <label className="field">
        <span>{t('appeal.summary')}</span>
        <textarea value={editing.summary} rows={5} maxLength={20_000} onChange={(e) => setEditing({ ...editing, summary: e.target.value })} data-testid="edit-summary" />
      </label>
      {appeal.version !== editing.seen.version && (
        <p className="form-warning" role="status" data-testid="edited-elsewhere">
          {t('appeal.editedElsewhere', { seen: editing.seen.version, now: appeal.version })}
        </p>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy} data-testid="save-text">
          {t('common.save')} <Kbd>Ctrl+Enter</Kbd>
        </button>
        <button type="button" className="ghost-button" onClick={() => setEditing(null)}>
          {t('common.cancel')} <Kbd>Esc</Kbd>
        </button>
        <span className="muted small">{t('appeal.version', { version: editing.seen.version })}</span>
      </div>
    </form>
  );
}
