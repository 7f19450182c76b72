// Remembers the console window's size, position and maximised state in the user-data folder between runs.
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from './atomic-file.js';

export const WINDOW_STATE_FILE = 'window-state.json';

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

export const windowStateFile = (userDataDir: string): string => path.join(userDataDir, WINDOW_STATE_FILE);

/**
 * The saved state, or null when there is none, it is unreadable, or it would put the window off every
 * current display (a monitor unplugged since the last run must not hide the console).
 */
export async function loadWindowState(file: string, workAreas: readonly Rect[]): Promise<WindowState | null> {
  let text: string | null;
  try {
    text = await readFileIfExists(file);
  } catch {
    return null; // unreadable state is not worth refusing to start over
  }
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const state = WindowState.safeParse(parsed);
  if (!state.success) return null;
  return workAreas.some((area) => overlapsEnough(state.data, area)) ? state.data : null;
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(WindowState.parse(state)));
}

/** At least a 100×50 corner of the window (enough to grab the title bar) lies on the area. */
function overlapsEnough(window: Rect, area: Rect): boolean {
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const height = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
  return width >= 100 && height >= 50;
}
