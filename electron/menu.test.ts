// Tests for the application menu: Russian labels everywhere, developer tools only in unpackaged builds.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.label === undefined ? [] : [item.label]), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]);
}

describe('menu', () => {
  it('labels every item in Russian', () => {
    const all = labels(menuTemplate({ isMac: false, withDevTools: true, onAbout: () => undefined }));
    expect(all).toContain('Файл');
    expect(all).toContain('Копировать');
    for (const label of all) expect(label, label).toMatch(/[А-Яа-яЁё]/);
  });

  it('offers developer tools only when asked to', () => {
    const toggles = (withDevTools: boolean) => JSON.stringify(menuTemplate({ isMac: false, withDevTools, onAbout: () => undefined })).includes('toggleDevTools');
    expect(toggles(true)).toBe(true);
    expect(toggles(false)).toBe(false);
  });
});
