// The shell's settings: which sync server the console talks to (env OTKLIK_SERVER_URL, else settings.json in user data).
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists } from './atomic-file.js';

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

const ServerUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'server URL must be http(s) without credentials');

const Settings = z.object({ serverUrl: ServerUrl.optional() });

export interface ShellSettings {
  /** The sync server's base URL, without a trailing slash (a path prefix behind a proxy is kept). */
  serverUrl: string;
  /** Where the value came from, for the log line at start. */
  source: 'env' | 'file' | 'default';
}

export async function loadSettings(env: Record<string, string | undefined>, userDataDir: string): Promise<ShellSettings> {
  const fromEnv = env.OTKLIK_SERVER_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    // a wrong env value is the installer's or admin's mistake: fail loudly rather than silently use another server
    return { serverUrl: normalise(ServerUrl.parse(fromEnv)), source: 'env' };
  }
  const text = await readFileIfExists(path.join(userDataDir, SETTINGS_FILE));
  if (text !== null) {
    const settings = Settings.parse(JSON.parse(text));
    if (settings.serverUrl !== undefined) return { serverUrl: normalise(settings.serverUrl), source: 'file' };
  }
  return { serverUrl: DEFAULT_SERVER_URL, source: 'default' };
}

function normalise(url: string): string {
  return new URL(url).href.replace(/\/+$/, '');
}
