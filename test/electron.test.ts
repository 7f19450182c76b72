// End-to-end test of the desktop shell with playwright-core's _electron: window, exposed bridge keys, navigation lockdown, no Node in the page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_KEYS } from '../shared/ipc.js';
import { buildElectron } from '../electron/build.js';
import { findElectronBinary } from '../electron/electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary(root);
if (!electron.found) console.log(`electron test skipped: ${electron.reason}`);

describe.skipIf(!electron.found)('desktop shell (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if (!electron.found) return;
    await buildElectron();
    userData = await mkdtemp(path.join(tmpdir(), 'otklik-electron-e2e-'));
    app = await _electron.launch({
      executablePath: electron.path,
      // containers run tests as root, where Chromium refuses its OS sandbox; the page's own isolation still holds
      args: [...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.join(root, 'dist', 'electron', 'main.js')],
      cwd: root,
      // a fresh profile, and a server address nothing listens on: the console must open without one
      env: { ...process.env, OTKLIK_USER_DATA: userData, OTKLIK_SERVER_URL: 'http://127.0.0.1:9' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('opens the console window from the app:// origin', async () => {
    expect(page.url()).toMatch(/^app:\/\/console\/app\/index\.html\?server=/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('exposes exactly the declared bridge keys', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { otklik: object }).otklik));
    expect(keys.sort()).toEqual([...BRIDGE_KEYS].sort());
  });

  it('answers over the bridge, refusing links outside the allowlist', async () => {
    const version = await page.evaluate(() => (window as unknown as { otklik: { appVersion(): Promise<string> } }).otklik.appVersion());
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const refused = await page.evaluate(() => (window as unknown as { otklik: { openExternal(url: string): Promise<unknown> } }).otklik.openExternal('https://example.com/'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives the page no Node: window.require and process are undefined', async () => {
    expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  });

  it('blocks navigation to an outside page and refuses new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
