// Header buttons of the workflow: supervisor alerts with an unread badge and their list, and the way into administration for admins.
import { useState } from 'react';
import { REGION_ROLES } from '../../../../shared/index.js';
import { formatInstant } from '../format-date.js';
import { Modal } from '../modal.js';
import { consoleStore, useConsole } from '../store-access.js';
import { useLanguage } from '../use-language.js';
import { useLookup } from '../use-lookup.js';
import { setConsoleView, useConsoleView } from './console-view.js';
import { useWorkflowT } from './workflow-t.js';
import './workflow.css';

function AlertsDialog({ onClose }: { onClose: () => void }) {
  const t = useWorkflowT();
  const lang = useLanguage();
  const { timeZone, organisation } = useLookup();
  const alerts = useConsole((s) => s.alerts);
  const unread = alerts.some((a) => a.readAt === null);
  return (
    <Modal
      title={t('alerts.title')}
      onClose={onClose}
      testId="alerts-dialog"
      footer={
        unread && (
          <button type="button" className="ghost-button" onClick={() => void consoleStore.getState().markAlertsRead()} data-testid="alerts-mark-read">
            {t('alerts.markRead')}
          </button>
        )
      }
    >
      {alerts.length === 0 ? (
        <p className="muted">{t('alerts.empty')}</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <li key={a.id} className={`alert-item${a.readAt === null ? ' is-unread' : ''}`} data-testid="alert-item" data-appeal-id={a.appealId}>
              <div className="alert-main">
                <strong>{t('alerts.overdue', { number: a.appealNumber })}</strong>
                <span>{t(`alerts.deadline.${a.deadline}`)}</span>
                <span className="muted">
                  {organisation.get(a.organisationId)?.name ?? a.organisationId} · {t('alerts.dueAt', { when: formatInstant(a.dueAt, lang, timeZone) })}
                </span>
              </div>
              <button
                type="button"
                className="ghost-button"
                onClick={() => {
                  setConsoleView('queue');
                  void consoleStore.getState().openAppeal(a.appealId);
                  onClose();
                }}
              >
                {t('alerts.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

/** An operator marks themselves on or off duty for automatic assignment; shown as asked until the server confirms. */
function DutySwitch({ userId }: { userId: string }) {
  const t = useWorkflowT();
  const confirmed = useConsole((s) => s.reference?.users.find((u) => u.id === userId)?.onDuty ?? false);
  const [asked, setAsked] = useState<boolean | null>(null);
  const onDuty = asked ?? confirmed;
  return (
    <label className="checkbox-field duty-switch" title={t('duty.hint')}>
      <input
        type="checkbox"
        checked={onDuty}
        onChange={(e) => {
          const next = e.target.checked;
          setAsked(next);
          void consoleStore.getState().mutateWorkflow('user.set-on-duty', { userId, onDuty: next }).catch(() => setAsked(null));
        }}
        data-testid="duty-switch"
      />
      <span>{t('duty.label')}</span>
    </label>
  );
}

export function WorkflowHeader() {
  const t = useWorkflowT();
  const role = useConsole((s) => s.user?.role ?? null);
  const unread = useConsole((s) => s.alerts.reduce((n, a) => n + (a.readAt === null ? 1 : 0), 0));
  const view = useConsoleView();
  const [open, setOpen] = useState(false);
  const userId = useConsole((s) => s.user?.id ?? null);
  if (role === 'operator' && userId !== null) return <DutySwitch userId={userId} />;
  if (role === null || !REGION_ROLES.includes(role)) return null;
  return (
    <>
      <button
        type="button"
        className={`attention-button alerts-button${unread > 0 ? ' has-items' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="alerts-button"
        data-count={unread}
        title={t('alerts.title')}
      >
        {t('alerts.button')}
        <span className="attention-number">{unread}</span>
      </button>
      {role === 'admin' && (
        <button
          type="button"
          className={`ghost-button admin-button${view === 'admin' ? ' is-active' : ''}`}
          aria-pressed={view === 'admin'}
          onClick={() => setConsoleView(view === 'admin' ? 'queue' : 'admin')}
          data-testid="admin-button"
        >
          {view === 'admin' ? t('admin.back') : t('admin.button')}
        </button>
      )}
      {open && <AlertsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
