// Logging out wipes local data: the dialog says so, and warns loudly when changes have not reached the server yet.
import { useTranslation } from 'react-i18next';
import { Modal } from './modal.js';
import { consoleStore, useConsole } from './store-access.js';
import { useAction } from './use-action.js';

export function LogoutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const pending = useConsole((s) => s.sync.pendingCount);
  const photos = useConsole((s) => s.sync.pendingUploads);
  const online = useConsole((s) => s.sync.connection === 'online');
  const { busy, run } = useAction();
  return (
    <Modal
      title={t('logout.title')}
      onClose={onClose}
      size="small"
      testId="logout-dialog"
      footer={
        <>
          {pending > 0 && online && (
            <button type="button" className="primary-button" disabled={busy} onClick={() => void run(() => consoleStore.getState().syncNow())} data-testid="logout-sync-first">
              {t('logout.syncFirst')}
            </button>
          )}
          <button type="button" className="ghost-button" onClick={onClose} autoFocus data-testid="logout-stay">
            {t('logout.stay')}
          </button>
          <button type="button" className="danger-button" disabled={busy} onClick={() => void run(() => consoleStore.getState().logout())} data-testid="logout-confirm">
            {pending > 0 || photos > 0 ? t('logout.confirmLoss') : t('logout.confirm')}
          </button>
        </>
      }
    >
      {pending > 0 && (
        <p className="form-warning" role="alert" data-testid="logout-unsent-warning" data-count={pending}>
          {t('logout.unsent', { count: pending })}
        </p>
      )}
      {photos > 0 && (
        <p className="form-warning" role="alert" data-testid="logout-unsent-photos-warning" data-count={photos}>
          {t('logout.unsentPhotos', { count: photos })}
        </p>
      )}
      <p>{t('logout.wipe')}</p>
    </Modal>
  );
}
