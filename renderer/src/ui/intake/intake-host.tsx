// Mounts the hotline intake over the console and opens it with F2 from anywhere (Alt+N is the console's short «new appeal» form).
import { useEffect, useRef, useState } from 'react';
import { Kbd } from '../badges.js';
import { useConsole } from '../store-access.js';
import { IntakePanel, warmIntake } from './intake-panel.js';
import { useIntakeT } from './intake-t.js';
import { forgetLocalAppeals, loadLocalAppeals } from './local-appeals.js';
import './intake.css';

export const INTAKE_KEY = 'F2';

export function IntakeHost() {
  const t = useIntakeT();
  const [open, setOpen] = useState(false);
  const openRef = useRef(open);
  openRef.current = open;
  const userId = useConsole((s) => s.user?.id ?? null);
  const role = useConsole((s) => s.user?.role ?? null);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      // once open, F2 belongs to the intake (it returns to the phone field for the next call)
      if (e.key !== INTAKE_KEY || openRef.current || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      setOpen(true);
    };
    // capture: F2 opens the intake even while another field or window of the console has the focus
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  useEffect(() => {
    if (userId === null) return;
    // read local appeals and prepare the classifier while the operator is idle, so the first call gets both at once
    const idle = window.setTimeout(() => {
      warmIntake();
      void loadLocalAppeals();
    }, 1000);
    return () => {
      window.clearTimeout(idle);
      forgetLocalAppeals();
    };
  }, [userId]);

  if (userId === null) return null;
  return (
    <>
      {role === 'hotline' && !open && (
        <button type="button" className="intake-launcher primary-button" onClick={() => setOpen(true)} data-testid="intake-open">
          {t('open')} <Kbd>{INTAKE_KEY}</Kbd>
        </button>
      )}
      {open && <IntakePanel onClose={() => setOpen(false)} />}
    </>
  );
}
