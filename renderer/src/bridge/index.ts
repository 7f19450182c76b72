// The console's one door to the desktop shell: the preload's `window.otklik` in Electron, a web implementation in a browser.
import { BRIDGE_GLOBAL, BRIDGE_KEYS, isAllowedExternalUrl, type OtklikDesktopApi } from '../../../shared/ipc.js';
import { fail, ok, type Result } from '../../../shared/errors.js';
import { version as packageVersion } from '../../../package.json';

export type { NotifyArgs } from '../../../shared/ipc.js';

export interface OtklikBridge extends OtklikDesktopApi {
  kind: 'electron' | 'web';
}

declare global {
  interface Window {
    otklik?: OtklikDesktopApi;
  }
}

/** The parts of `window` the web implementation uses; tests pass a fake. */
export interface WebHost {
  Notification?: {
    readonly permission: NotificationPermission;
    requestPermission(): Promise<NotificationPermission>;
    new (title: string, options?: NotificationOptions): unknown;
  };
  open(url: string, target: string, features: string): unknown;
  document: { title: string };
  location: { origin: string; search: string };
}

const UNSENT_PREFIX = /^\(\d+\)\s+/;

/** The sync server the shell told us about (`?server=`), else none: in a browser the console is served by the server itself. */
export function serverUrlFromLocation(location: { search: string }): string | null {
  const server = new URLSearchParams(location.search).get('server');
  return server === null || server === '' ? null : server;
}

export function createWebBridge(host: WebHost, version: string = appVersionFromBuild()): OtklikBridge {
  const server = serverUrlFromLocation(host.location);
  // the console's own origin is where the server serves it, so its links are as trusted as the server's
  const trustedOrigins = server === null ? [host.location.origin] : [host.location.origin, server];
  return {
    kind: 'web',
    async notify({ title, body, tag }) {
      const api = host.Notification;
      if (api === undefined) return;
      let permission = api.permission;
      // asking once is enough: after "denied" the browser would not show the prompt again anyway
      if (permission === 'default') permission = await api.requestPermission();
      if (permission !== 'granted') return;
      new api(title, tag === undefined ? { body } : { body, tag });
    },
    async appVersion() {
      return version;
    },
    async openExternal(url): Promise<Result<void>> {
      if (!isAllowedExternalUrl(url, trustedOrigins)) return fail('FORBIDDEN', `Ссылка не из разрешённого списка: ${url}`);
      // noopener: the opened page must not get a handle on the console's window
      host.open(url, '_blank', 'noopener');
      return ok(undefined);
    },
    async mirrorOutbox() {
      // a browser has no file to mirror to; IndexedDB is the only copy there
    },
    async readOutboxMirror() {
      return null;
    },
    setUnsentCount(n) {
      const base = host.document.title.replace(UNSENT_PREFIX, '');
      host.document.title = n > 0 ? `(${n}) ${base}` : base;
    },
  };
}

/** Wraps the preload's object; `undefined` when it is absent or incomplete (then the web bridge is used). */
export function electronBridgeFrom(candidate: unknown): OtklikBridge | undefined {
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const api = candidate as Record<string, unknown>;
  if (!BRIDGE_KEYS.every((key) => typeof api[key] === 'function')) return undefined;
  const desktop = candidate as OtklikDesktopApi;
  // explicit calls, not a spread: the preload's object is a contextBridge proxy and stays the single source
  return {
    kind: 'electron',
    notify: (args) => desktop.notify(args),
    appVersion: () => desktop.appVersion(),
    openExternal: (url) => desktop.openExternal(url),
    mirrorOutbox: (json) => desktop.mirrorOutbox(json),
    readOutboxMirror: () => desktop.readOutboxMirror(),
    setUnsentCount: (n) => desktop.setUnsentCount(n),
  };
}

let bridge: OtklikBridge | undefined;

/** The bridge for this page; the same object on every call. */
export function getBridge(): OtklikBridge {
  bridge ??= electronBridgeFrom((globalThis as { [BRIDGE_GLOBAL]?: unknown })[BRIDGE_GLOBAL]) ?? createWebBridge(globalThis as unknown as WebHost);
  return bridge;
}

function appVersionFromBuild(): string {
  // typed locally: node-side tests compile this file without Vite's client types
  const fromEnv = (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_APP_VERSION;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : packageVersion;
}
