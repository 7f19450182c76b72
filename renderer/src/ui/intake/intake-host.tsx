// Mounts the hotline intake over the console and opens it with F2 from anywhere (Alt+N is the console's short «new appeal» form).
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Kbd } from '../badges.js';
import { useConsole } from '../store-access.js';
import { useIntakeT } from './intake-t.js';
import { forgetLocalAppeals, loadLocalAppeals } from './local-appeals.js';
import './intake.css';

export const INTAKE_KEY = 'F2';

// The intake, its classifier model and the address directory load apart from the first screen's bundle
const loadPanel = () => import('./intake-panel.js');
const IntakePanel = lazy(() => loadPanel().then((m) => ({ default: m.IntakePanel })));

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
    // the hotline takes calls all day: its console reads local appeals and prepares the classifier while idle, so
    // the first call gets both at once. Others open the intake rarely, and reading every appeal at start (100 000
    // for a supervisor) would only compete with loading the queue; they read them when they open it.
    const idle =
      role === 'hotline'
        ? window.setTimeout(() => {
            void loadPanel().then((m) => m.warmIntake());
            void loadLocalAppeals();
          }, 1000)
        : undefined;
    return () => {
      window.clearTimeout(idle);
      // what was read of local appeals is the signed-in user's: it goes with them
      forgetLocalAppeals();
    };
  }, [userId, role]);

  if (userId === null) return null;
  return (
    <>
      {role === 'hotline' && !open && (
        <button type="button" className="intake-launcher primary-button" onClick={() => setOpen(true)} data-testid="intake-open">
          {t('open')} <Kbd>{INTAKE_KEY}</Kbd>
        </button>
      )}
      {open && (
        <Suspense fallback={null}>
          <IntakePanel onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
