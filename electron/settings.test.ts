// Tests for the shell's settings: env first, then settings.json, then the local default; bad values fail loudly.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, loadSettings, SETTINGS_FILE } from './settings.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'otklik-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shell settings', () => {
  it('takes the server from OTKLIK_SERVER_URL over the settings file', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ serverUrl: 'http://file:1' }));
    expect(await loadSettings({ OTKLIK_SERVER_URL: 'http://10.0.0.5:8080/' }, dir)).toEqual({ serverUrl: 'http://10.0.0.5:8080', source: 'env' });
  });

  it('falls back to settings.json, then to the local default', async () => {
    expect(await loadSettings({}, dir)).toEqual({ serverUrl: DEFAULT_SERVER_URL, source: 'default' });
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ serverUrl: 'https://otklik.example.ru/sync/' }));
    expect(await loadSettings({}, dir)).toEqual({ serverUrl: 'https://otklik.example.ru/sync', source: 'file' });
  });

  it('refuses a server URL that is not http(s)', async () => {
    await expect(loadSettings({ OTKLIK_SERVER_URL: 'file:///etc' }, dir)).rejects.toThrow();
    await expect(loadSettings({ OTKLIK_SERVER_URL: 'http://user:pw@host' }, dir)).rejects.toThrow();
  });
});
