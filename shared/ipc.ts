// The IPC contract between the desktop shell's main process and the console: channels, argument schemas, result types, the bridge's keys.
import { z } from 'zod';
import type { Result } from './errors.js';

/** Channel names, namespaced so that a stray Electron or library channel can never collide with ours. */
export const IPC_CHANNELS = {
  notify: 'otklik:notify',
  appVersion: 'otklik:app-version',
  openExternal: 'otklik:open-external',
  outboxMirrorWrite: 'otklik:outbox-mirror-write',
  outboxMirrorRead: 'otklik:outbox-mirror-read',
  unsentCount: 'otklik:unsent-count',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export const isIpcChannel = (channel: string): channel is IpcChannel => (Object.values(IPC_CHANNELS) as string[]).includes(channel);

/** A generous cap: the outbox holds intents, never photo bytes, so tens of MB means something is wrong. */
export const MAX_OUTBOX_MIRROR_CHARS = 32 * 1024 * 1024;
/** Browsers and Windows both refuse URLs far shorter than this; longer ones are abuse. */
export const MAX_URL_CHARS = 2048;

// `@__PURE__` lets the preload bundle drop zod: it uses the channel names, never the schemas
export const NotifyArgs = /* @__PURE__ */ z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  /** Same tag replaces the previous notification instead of stacking another one. */
  tag: z.string().min(1).max(100).optional(),
}).strict();
export type NotifyArgs = z.infer<typeof NotifyArgs>;

/**
 * Every call carries at most one argument; channels without one take `undefined`. Keys are literal
 * (checked against IPC_CHANNELS by `satisfies`) so that bundlers can drop the whole table where it is unused.
 */
export const IPC_ARGS = {
  'otklik:notify': NotifyArgs,
  'otklik:app-version': /* @__PURE__ */ z.undefined(),
  'otklik:open-external': /* @__PURE__ */ z.string().min(1).max(MAX_URL_CHARS),
  'otklik:outbox-mirror-write': /* @__PURE__ */ z.string().max(MAX_OUTBOX_MIRROR_CHARS),
  'otklik:outbox-mirror-read': /* @__PURE__ */ z.undefined(),
  'otklik:unsent-count': /* @__PURE__ */ z.number().int().min(0).max(10_000_000),
} as const satisfies Record<IpcChannel, z.ZodType>;

export type IpcArgs<C extends IpcChannel> = z.infer<(typeof IPC_ARGS)[C]>;

/** What each handler answers inside its `Result` (`Result<T>` is what crosses the boundary). */
export interface IpcResults {
  'otklik:notify': void;
  'otklik:app-version': string;
  'otklik:open-external': void;
  'otklik:outbox-mirror-write': void;
  'otklik:outbox-mirror-read': string | null;
  'otklik:unsent-count': void;
}
export type IpcResult<C extends IpcChannel> = Result<IpcResults[C]>;

/** The object the preload exposes as `window.otklik`; the renderer's bridge adds `kind`. */
export interface OtklikDesktopApi {
  notify(args: NotifyArgs): Promise<void>;
  appVersion(): Promise<string>;
  openExternal(url: string): Promise<Result<void>>;
  mirrorOutbox(json: string): Promise<void>;
  readOutboxMirror(): Promise<string | null>;
  setUnsentCount(n: number): void;
}

/** Exactly the keys of `window.otklik`; the Electron test compares the live object against this list. */
export const BRIDGE_KEYS = [
  'notify',
  'appVersion',
  'openExternal',
  'mirrorOutbox',
  'readOutboxMirror',
  'setUnsentCount',
] as const satisfies readonly (keyof OtklikDesktopApi)[];

/** The global name the preload exposes the API under. */
export const BRIDGE_GLOBAL = 'otklik';

/**
 * Hosts an operator may open from the console: the platforms appeals arrive from, and Gosuslugi.
 * A listed host also admits its subdomains (m.vk.com, pos.gosuslugi.ru).
 */
export const EXTERNAL_HOSTS = ['vk.com', 'ok.ru', 't.me', 'max.ru', 'gosuslugi.ru', 'pos.gosuslugi.ru'] as const;

/**
 * Whether `url` may leave the console for the system browser. Allowlisted hosts only over https;
 * `extraOrigins` (the configured sync server) match by exact origin, so http is fine for a LAN server.
 */
export function isAllowedExternalUrl(url: string, extraOrigins: readonly string[] = []): boolean {
  if (url.length > MAX_URL_CHARS) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // credentials in a link are a phishing trick ("https://vk.com@evil.example")
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    for (const origin of extraOrigins) {
      if (originOf(origin) === parsed.origin) return true;
    }
  }
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return EXTERNAL_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
