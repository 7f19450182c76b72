// The console's root: reads local data once at start (no server needed), then shows sign-in or the console.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleScreen } from './console-screen.js';
import { IntakeHost } from './intake/intake-host.js';
import { LoginScreen } from './login-screen.js';
import { consoleStore, useConsole } from './store-access.js';

let started = false;

/** Reads local data and connects; once per page, even under StrictMode's double effects (main.tsx calls it first). */
export function start(): void {
  if (started) return;
  started = true;
  void consoleStore.getState().init();
}

export function App() {
  const { t } = useTranslation();
  const ready = useConsole((s) => s.ready);
  const signedIn = useConsole((s) => s.user !== null);
  useEffect(start, []);
  if (!ready) {
    return (
      <div className="splash" role="status" data-testid="splash">
        <span className="brand-mark" aria-hidden="true">О</span>
        {t('app.loading')}
      </div>
    );
  }
  return signedIn ? (
    <>
      <ConsoleScreen />
      {/* the hotline intake, opened with F2 from anywhere in the console */}
      <IntakeHost />
    </>
  ) : (
    <LoginScreen />
  );
}
