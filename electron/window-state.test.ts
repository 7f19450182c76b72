// Tests for window-state persistence: a saved state comes back, a broken or off-screen one is ignored.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState, windowStateFile } from './window-state.js';

const screens = [{ x: 0, y: 0, width: 1920, height: 1040 }];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'otklik-window-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state', () => {
  it('returns the saved bounds and maximised flag on the next start', async () => {
    const file = windowStateFile(dir);
    await saveWindowState(file, { x: 100, y: 50, width: 1400, height: 900, maximized: true });
    expect(await loadWindowState(file, screens)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });

  it('has no state before the first save', async () => {
    expect(await loadWindowState(windowStateFile(dir), screens)).toBeNull();
  });

  it('ignores a corrupt or ill-shaped file instead of failing to start', async () => {
    const file = windowStateFile(dir);
    await writeFile(file, '{"x": 1, "y":');
    expect(await loadWindowState(file, screens)).toBeNull();
    await writeFile(file, JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false }));
    expect(await loadWindowState(file, screens)).toBeNull();
  });

  it('ignores bounds on a monitor that is no longer attached', async () => {
    const file = windowStateFile(dir);
    await saveWindowState(file, { x: 2000, y: 100, width: 1200, height: 800, maximized: false });
    expect(await loadWindowState(file, screens)).toBeNull();
    expect(await loadWindowState(file, [...screens, { x: 1920, y: 0, width: 1920, height: 1040 }])).not.toBeNull();
  });
});
