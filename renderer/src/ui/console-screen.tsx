// The signed-in console: header with sync state, filters, the queue, the open appeal beside it, and the dialogs.
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppealPanel } from './appeal-panel.js';
import { AttentionDialog } from './attention-dialog.js';
import { Kbd } from './badges.js';
import { FilterSidebar } from './filter-sidebar.js';
import { LogoutDialog } from './logout-dialog.js';
import { NewAppealDialog } from './new-appeal-dialog.js';
import { QueueList, type QueueListHandle } from './queue-list.js';
import { QueueToolbar } from './queue-toolbar.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { ConnectionBanner, StatusBar, SyncProgress } from './status-bar.js';
import { consoleStore, useConsole } from './store-access.js';
import { useShortcuts } from './use-shortcuts.js';
import { useConsoleView } from './workflow/console-view.js';

// administration is an admin's occasional screen: it loads apart from the first screen's bundle
const AdminScreen = lazy(() => import('./workflow/admin-screen.js').then((m) => ({ default: m.AdminScreen })));

type Dialog = 'new' | 'attention' | 'shortcuts' | 'logout' | null;

/** The few keys worth seeing all day; "?" lists the rest. */
const LEGEND = [
  { keys: ['J', 'K'], what: 'move' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['/'], what: 'search' },
  { keys: ['Esc'], what: 'close' },
  { keys: ['Alt+N'], what: 'newAppeal' },
  { keys: ['?'], what: 'help' },
] as const;

function ShortcutLegend() {
  const { t } = useTranslation();
  return (
    <footer className="shortcut-legend" data-testid="shortcut-legend">
      {LEGEND.map((item) => (
        <span key={item.what}>
          {item.keys.map((k) => (
            <Kbd key={k}>{k}</Kbd>
          ))}{' '}
          {t(`legend.${item.what}`)}
        </span>
      ))}
    </footer>
  );
}

export function ConsoleScreen() {
  const { t } = useTranslation();
  const openId = useConsole((s) => s.openAppealId);
  const view = useConsoleView();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<QueueListHandle>(null);

  // which appeal finished loading: an open appeal without detail after that is gone (evicted), not loading
  const [settledId, setSettledId] = useState<string | null>(null);
  const open = useCallback((id: string | null) => {
    void consoleStore.getState().openAppeal(id).then(() => setSettledId(id));
  }, []);
  const activate = useCallback(
    (id: string) => {
      setSelectedId(id);
      open(id);
    },
    [open],
  );
  const closeDialog = useCallback(() => setDialog(null), []);

  useShortcuts({
    focusSearch: () => searchRef.current?.focus(),
    move(delta) {
      const { queueIds, openAppealId } = consoleStore.getState();
      if (queueIds.length === 0) return;
      const current = selectedRef.current ? queueIds.indexOf(selectedRef.current) : -1;
      const next = queueIds[Math.min(queueIds.length - 1, Math.max(0, current + delta))]!;
      setSelectedId(next);
      listRef.current?.scrollToId(next);
      // with an appeal open, moving through the queue reads appeal after appeal
      if (openAppealId !== null) open(next);
    },
    openSelected: () => selectedRef.current && open(selectedRef.current),
    close: () => {
      if (consoleStore.getState().openAppealId === null) return;
      open(null);
      listRef.current?.focus();
    },
    newAppeal: () => setDialog('new'),
    attention: () => setDialog('attention'),
    help: () => setDialog('shortcuts'),
  });

  return (
    <div className="console">
      <a
        href="#queue"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          listRef.current?.focus();
        }}
      >
        {t('app.skipToQueue')}
      </a>
      <StatusBar onNewAppeal={() => setDialog('new')} onAttention={() => setDialog('attention')} onShortcuts={() => setDialog('shortcuts')} onLogout={() => setDialog('logout')} />
      <ConnectionBanner />
      <SyncProgress />
      {view === 'admin' && (
        <Suspense fallback={null}>
          <AdminScreen />
        </Suspense>
      )}
      <div className={`workspace${openId ? ' has-panel' : ''}`} hidden={view === 'admin'}>
        <FilterSidebar />
        <main className="queue-pane" id="queue">
          <QueueToolbar searchRef={searchRef} />
          <QueueList selectedId={selectedId} onSelect={setSelectedId} onActivate={activate} handle={listRef} />
          <ShortcutLegend />
        </main>
        {openId && (
          <AppealPanel
            settled={settledId === openId}
            onClose={() => {
              open(null);
              listRef.current?.focus();
            }}
          />
        )}
      </div>
      {dialog === 'new' && (
        <NewAppealDialog
          onClose={closeDialog}
          onCreated={(id) => {
            setDialog(null);
            activate(id);
          }}
        />
      )}
      {dialog === 'attention' && (
        <AttentionDialog
          onClose={closeDialog}
          onOpenAppeal={(id) => {
            setDialog(null);
            activate(id);
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {dialog === 'logout' && <LogoutDialog onClose={closeDialog} />}
    </div>
  );
}
