// Saves a window's bounds to the window-state file while the user moves and resizes it, and once more on close.
import type { BrowserWindow } from 'electron';
import { saveWindowState, type WindowState } from './window-state.js';

const SAVE_DELAY_MS = 500;

export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  let last: WindowState | null = null;
  const snapshot = (): WindowState => {
    // the normal bounds, so that un-maximising next time returns to the size the user chose
    const bounds = window.getNormalBounds();
    return { ...bounds, maximized: window.isMaximized() };
  };
  const save = (state: WindowState) => {
    saveWindowState(file, state).catch((error: unknown) => console.error('window state not saved', error));
  };
  const schedule = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    last = snapshot();
    clearTimeout(timer);
    timer = setTimeout(() => last && save(last), SAVE_DELAY_MS);
  };
  window.on('resize', schedule);
  window.on('move', schedule);
  window.on('maximize', schedule);
  window.on('unmaximize', schedule);
  window.on('close', () => {
    clearTimeout(timer);
    if (!window.isMinimized()) last = snapshot();
    if (last) save(last);
  });
}
