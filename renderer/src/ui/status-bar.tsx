// The always-visible header: connection state, unsent count, last sync, progress of long work, "needs attention", and the user's actions.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';
import { Kbd } from './badges.js';
import { formatInstant } from './format-date.js';
import { consoleStore, useConsole } from './store-access.js';
import { formatAgo } from './time-left.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';
import { useNow } from './use-now.js';
import { WorkflowHeader } from './workflow/workflow-header.js';

interface StatusBarProps {
  onNewAppeal: () => void;
  onAttention: () => void;
  onShortcuts: () => void;
  onLogout: () => void;
}

function ConnectionIndicator() {
  const { t } = useTranslation();
  const connection = useConsole((s) => s.sync.connection);
  const lastError = useConsole((s) => s.sync.lastError);
  const hint =
    connection === 'offline' ? t('connection.offlineHint') : connection === 'update_required' ? t('connection.updateHint') : connection === 'online' ? t('connection.onlineHint') : '';
  return (
    <span
      className={`connection connection-${connection}`}
      data-testid="connection-state"
      data-state={connection}
      role="status"
      title={[hint, lastError ? t('sync.lastError', { message: lastError }) : ''].filter(Boolean).join('\n')}
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${connection}`)}
    </span>
  );
}

function PendingCount() {
  const { t } = useTranslation();
  const pending = useConsole((s) => s.sync.pendingCount);
  return (
    <span className={`pending${pending > 0 ? ' has-pending' : ''}`} data-testid="pending-count" data-count={pending} aria-live="polite">
      {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allSent')}
    </span>
  );
}

function LastSync() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const lastSyncAt = useConsole((s) => s.sync.lastSyncAt);
  const now = useNow(15_000);
  if (!lastSyncAt) return <span className="last-sync" data-testid="last-sync">{t('sync.never')}</span>;
  const at = Date.parse(lastSyncAt);
  return (
    <span className="last-sync" data-testid="last-sync" data-at={lastSyncAt} title={formatInstant(at, lang, timeZone)}>
      {t('sync.lastSync', { when: formatAgo(t, at, Math.max(now, at)) })}
    </span>
  );
}

/** A console the server no longer accepts must say so in words, not only with a red dot. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const updateRequired = useConsole((s) => s.sync.connection === 'update_required');
  if (!updateRequired) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="update-required-banner">
      {t('connection.updateHint')}
    </div>
  );
}

export function SyncProgress() {
  const { t } = useTranslation();
  const progress = useConsole((s) => s.sync.progress);
  if (!progress) return null;
  const total = Math.max(progress.total, progress.done, 1);
  return (
    <div className="sync-progress" data-testid="sync-progress" role="status">
      <span className="sync-progress-text">{t(`sync.progress_${progress.label}`, { done: progress.done, total: progress.total })}</span>
      <progress max={total} value={progress.done} aria-label={t(`sync.progress_${progress.label}`, { done: progress.done, total: progress.total })} />
    </div>
  );
}

function AttentionButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  const count = useConsole((s) => s.attention.length);
  return (
    <button
      type="button"
      className={`attention-button${count > 0 ? ' has-items' : ''}`}
      onClick={onClick}
      data-testid="attention-count"
      data-count={count}
      aria-keyshortcuts="Alt+A"
      title={`${t('attention.button')} (Alt+A)`}
    >
      {t('attention.button')}
      <span className="attention-number">{count}</span>
    </button>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <select
      className="language-switch"
      value={lang}
      onChange={(e) => setLanguage(e.target.value as Language)}
      aria-label={t('language.label')}
      title={t('language.label')}
      data-testid="language-switch"
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} aria-label={t(`language.${l}`)}>
          {l.toUpperCase()}
        </option>
      ))}
    </select>
  );
}

export function StatusBar({ onNewAppeal, onAttention, onShortcuts, onLogout }: StatusBarProps) {
  const { t } = useTranslation();
  const user = useConsole((s) => s.user);
  const connection = useConsole((s) => s.sync.connection);
  const { organisation } = useLookup();
  const orgName = user ? organisation.get(user.organisationId)?.name : undefined;
  return (
    <header className="status-bar" data-testid="status-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">О</span>
        <span className="brand-name">{t('app.name')}</span>
        {orgName && <span className="brand-org" title={orgName}>{orgName}</span>}
      </div>
      <div className="sync-state">
        <ConnectionIndicator />
        <PendingCount />
        <AttentionButton onClick={onAttention} />
        <WorkflowHeader />
        <LastSync />
        <button
          type="button"
          className="icon-button sync-now"
          onClick={() => void consoleStore.getState().syncNow()}
          disabled={connection === 'update_required' || connection === 'signed_out'}
          aria-label={t('sync.syncNow')}
          title={t('sync.syncNow')}
          data-testid="sync-now"
        >
          ⟳
        </button>
      </div>
      <div className="header-actions">
        <button type="button" className="primary-button" onClick={onNewAppeal} data-testid="new-appeal-button" aria-keyshortcuts="Alt+N">
          {t('newAppeal.button')} <Kbd>Alt+N</Kbd>
        </button>
        <LanguageSwitch />
        <button
          type="button"
          className="icon-button shortcuts-button"
          onClick={onShortcuts}
          aria-keyshortcuts="?"
          aria-label={t('shortcuts.title')}
          title={`${t('shortcuts.title')} (?)`}
          data-testid="shortcuts-button"
        >
          ?
        </button>
        {user && (
          <span className="user-name" data-testid="user-name" title={t('user.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}>
            {user.displayName}
          </span>
        )}
        <button
          type="button"
          className="ghost-button"
          onClick={onLogout}
          title={user ? t('user.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) }) : undefined}
          data-testid="logout-button"
        >
          {t('logout.button')}
        </button>
      </div>
    </header>
  );
}
