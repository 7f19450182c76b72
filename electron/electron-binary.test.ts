// Tests for locating the Electron binary: the override folder, the package's dist folder, and a clear reason when absent.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'otklik-electron-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('electron binary', () => {
  it('says why when there is none', () => {
    const found = findElectronBinary(root, {}, 'linux');
    expect(found).toEqual({ found: false, reason: expect.stringContaining('node_modules/electron/dist') });
  });

  it('finds the executable in node_modules/electron/dist per platform', async () => {
    await mkdir(path.join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
    await writeFile(path.join(root, 'node_modules', 'electron', 'dist', 'electron.exe'), '');
    expect(findElectronBinary(root, {}, 'win32')).toEqual({ found: true, path: path.join(root, 'node_modules', 'electron', 'dist', 'electron.exe') });
    expect(findElectronBinary(root, {}, 'linux').found).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dist = path.join(root, 'custom');
    await mkdir(dist);
    await writeFile(path.join(dist, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toEqual({ found: true, path: path.join(dist, 'electron') });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'none') }, 'linux')).toEqual({ found: false, reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH') });
  });
});
