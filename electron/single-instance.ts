// One console per user: a second start focuses the running window instead of opening a second outbox on the same profile.
import type { App, BrowserWindow } from 'electron';

/** False when another instance holds the lock; this one then quits. */
export function claimSingleInstance(app: App, currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
