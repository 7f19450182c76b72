// The one way the shell makes a window: fixed safe webPreferences, navigation and window-open lockdown, session permission lockdown.
import { BrowserWindow, type NativeImage, type Session, type WebContents, type WebPreferences } from 'electron';

/**
 * Fixed for every window; a caller can add a preload path, never loosen these. (`enableRemoteModule`
 * is gone from Electron since v14, so there is no remote to switch off.)
 */
export const SAFE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
} satisfies WebPreferences);

/** Permissions the console may get: desktop notifications, and the camera for photos of an appeal's site. */
const GRANTED_PERMISSIONS = new Set(['notifications', 'media']);

export interface NavigationPolicy {
  /** URLs of the console itself (the app:// origin). */
  isTrustedUrl(url: string): boolean;
  /** Allowlisted external links; these go to the system browser. */
  isExternalAllowed(url: string): boolean;
  openExternal(url: string): void;
}

export interface ConsoleWindowOptions extends NavigationPolicy {
  preloadPath: string;
  bounds: { x?: number; y?: number; width: number; height: number };
  icon?: NativeImage;
}

export function createConsoleWindow(options: ConsoleWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'Отклик',
    show: false, // shown on ready-to-show: no white flash before the console paints
    backgroundColor: '#ffffff',
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: { ...SAFE_WEB_PREFERENCES, preload: options.preloadPath },
  });
  lockDownContents(window.webContents, options);
  window.once('ready-to-show', () => window.show());
  return window;
}

const lockedDown = new WeakSet<WebContents>();

/**
 * Navigation lockdown for any web contents: the page may move only within the console; an allowlisted
 * link goes to the system browser; every other navigation, redirect, popup and webview is refused.
 */
export function lockDownContents(contents: WebContents, policy: NavigationPolicy): void {
  // the factory and app-wide 'web-contents-created' both call this; twice would open an allowed link twice
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  const leave = (url: string) => {
    if (policy.isExternalAllowed(url)) policy.openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    if (policy.isTrustedUrl(url)) return;
    event.preventDefault(); // foreign origin
    leave(url);
  });
  // sub-frames too: the CSP forbids frames, this holds even if a frame appears anyway
  contents.on('will-frame-navigate', (event) => {
    if (!policy.isTrustedUrl(event.url) && event.url !== 'about:blank') event.preventDefault(); // foreign origin
  });
  contents.on('will-redirect', (event, url) => {
    if (!policy.isTrustedUrl(url)) event.preventDefault(); // foreign origin
  });
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' }; // no second window, ever
  });
  contents.on('will-attach-webview', (event) => event.preventDefault()); // no webviews
}

/** Permission lockdown for the console's session: only the granted set, only for the console's own origin. */
export function lockDownSession(session: Session, isTrustedUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (!GRANTED_PERMISSIONS.has(permission) || !isTrustedUrl(details.requestingUrl)) return callback(false);
    if (permission === 'media') {
      // the camera for photos; never the microphone or the screen
      const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
      return callback(media.length > 0 && media.every((type) => type === 'video'));
    }
    callback(true);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => GRANTED_PERMISSIONS.has(permission) && isTrustedUrl(requestingOrigin));
  session.setDevicePermissionHandler(() => false); // no USB, HID or serial devices
}
