// The application menu, in Russian: Electron's role items would otherwise show English labels.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools only in an unpackaged build: an operator has no use for them. */
  withDevTools: boolean;
  onAbout(): void;
}

export function menuTemplate({ isMac, withDevTools, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'Перезагрузить' },
    { type: 'separator' },
    { role: 'resetZoom', label: 'Обычный масштаб' },
    { role: 'zoomIn', label: 'Увеличить' },
    { role: 'zoomOut', label: 'Уменьшить' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Во весь экран' },
  ];
  if (withDevTools) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: 'Инструменты разработчика' });
  return [
    ...(isMac ? [{ label: 'Отклик', submenu: [{ label: 'О программе', click: onAbout }, { type: 'separator' }, { role: 'quit', label: 'Выйти из Отклика' }] } satisfies MenuItemConstructorOptions] : []),
    { label: 'Файл', submenu: [isMac ? { role: 'close', label: 'Закрыть окно' } : { role: 'quit', label: 'Выход' }] },
    {
      label: 'Правка',
      submenu: [
        { role: 'undo', label: 'Отменить' },
        { role: 'redo', label: 'Повторить' },
        { type: 'separator' },
        { role: 'cut', label: 'Вырезать' },
        { role: 'copy', label: 'Копировать' },
        { role: 'paste', label: 'Вставить' },
        { role: 'selectAll', label: 'Выделить всё' },
      ],
    },
    { label: 'Вид', submenu: view },
    { label: 'Окно', submenu: [{ role: 'minimize', label: 'Свернуть' }, ...(isMac ? [] : [{ role: 'close', label: 'Закрыть' } satisfies MenuItemConstructorOptions])] },
    { label: 'Справка', submenu: [{ label: 'О программе', click: onAbout }] },
  ];
}
