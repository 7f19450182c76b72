// The list of keyboard shortcuts (opened with "?"); the same keys are hinted next to the controls they drive.
import { useTranslation } from 'react-i18next';
import { Kbd } from './badges.js';
import { Modal } from './modal.js';
import { INTAKE_KEY } from './intake/intake-host.js';

export const SHORTCUTS = [
  { keys: ['/'], what: 'search' },
  { keys: ['J', '↓'], what: 'next' },
  { keys: ['K', '↑'], what: 'prev' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['Esc'], what: 'close' },
  { keys: ['Alt+N'], what: 'newAppeal' },
  { keys: [INTAKE_KEY], what: 'intake' },
  { keys: ['Alt+A'], what: 'attention' },
  { keys: ['Ctrl+Enter'], what: 'saveComment' },
  { keys: ['?'], what: 'help' },
] as const;

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose} size="small" testId="shortcuts-dialog">
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="shortcut">
            <dt>
              {s.keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dt>
            <dd>{t(`shortcuts.${s.what}`)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
