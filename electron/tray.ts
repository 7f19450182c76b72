// The tray icon: its tooltip says how many changes wait to be sent, its menu opens the console or quits.
import { Menu, Tray, type NativeImage } from 'electron';

export function unsentLabel(count: number): string {
  // "не отправлено: N" sidesteps Russian plural forms for counts
  return count === 0 ? 'Отклик — все изменения отправлены' : `Отклик — не отправлено: ${count}`;
}

export interface UnsentTray {
  setUnsentCount(count: number): void;
  destroy(): void;
}

export function createTray(icon: NativeImage, actions: { open(): void; quit(): void }): UnsentTray {
  const tray = new Tray(icon);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Открыть Отклик', click: actions.open },
      { type: 'separator' },
      { label: 'Выход', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  const set = (count: number) => {
    tray.setToolTip(unsentLabel(count));
    // macOS shows a title beside the icon; Windows has only the tooltip
    if (process.platform === 'darwin') tray.setTitle(count === 0 ? '' : String(count));
  };
  set(0);
  return { setUnsentCount: set, destroy: () => tray.destroy() };
}
