// Tests the main process's wiring against a fake `electron` module: window settings, IPC channels, navigation and permission lockdown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc.js';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipc: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; contents: { listeners: Map<string, Listener[]>; openHandler?: Listener }; loaded: string[] }[],
    appListeners: new Map<string, Listener>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    tooltips: [] as string[],
    opened: [] as string[],
  };
  class FakeContents {
    listeners = new Map<string, Listener[]>();
    openHandler?: Listener;
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow {
    webContents = new FakeContents();
    record: (typeof state.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, contents: this.webContents, loaded: [] };
      state.windows.push(this.record);
    }
    once() {}
    on() {}
    maximize() {}
    isDestroyed() {
      return false;
    }
    isVisible() {
      return true;
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
    static getAllWindows() {
      return [];
    }
  }
  class Tray {
    setContextMenu() {}
    on() {}
    setTitle() {}
    setToolTip(text: string) {
      state.tooltips.push(text);
    }
  }
  class Notification {
    static isSupported() {
      return true;
    }
    on() {}
    show() {}
    close() {}
  }
  const electron = {
    app: {
      setAppUserModelId() {},
      setPath() {},
      getPath: () => state.userData,
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getAppPath: () => path.join(state.userData, 'app'),
      getVersion: () => '0.1.0',
      isPackaged: false,
      quit() {},
      exit() {},
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, listener: Listener) => state.ipc.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
        setDevicePermissionHandler() {},
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu() {} },
    Tray,
    Notification,
    BrowserWindow,
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ buffer }) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    dialog: { showErrorBox() {}, showMessageBox: async () => ({}) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;
state.userData = mkdtempSync(path.join(tmpdir(), 'otklik-main-'));
process.env.OTKLIK_SERVER_URL = 'http://127.0.0.1:9';
await import('./main.js');
await vi.waitFor(() => expect(state.windows[0]?.loaded.length).toBe(1));
const window = state.windows[0]!;

afterAll(() => rmSync(state.userData, { recursive: true, force: true }));

const fromConsole = { senderFrame: { url: 'app://console/app/index.html', parent: null } };
const fromElsewhere = { senderFrame: { url: 'https://example.com/', parent: null } };
const invoke = (channel: string, event: unknown, ...args: unknown[]) => state.ipc.get(channel)!(event, ...args);

describe('main process wiring', () => {
  it('registers app:// as a standard, secure scheme and loads the console from it with ?server=', () => {
    expect(state.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(window.loaded).toEqual(['app://console/app/index.html?server=http%3A%2F%2F127.0.0.1%3A9']);
  });

  it('creates the window with the fixed safe webPreferences and the CommonJS preload', () => {
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(preferences.preload).toMatch(/preload\.cjs$/);
  });

  it('registers a handler for every contract channel, each checking the sender', async () => {
    expect([...state.ipc.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(await invoke(IPC_CHANNELS.appVersion, fromConsole)).toEqual({ ok: true, value: '0.1.0' });
    expect(await invoke(IPC_CHANNELS.appVersion, fromElsewhere)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('shows the unsent count in the tray tooltip', async () => {
    expect(await invoke(IPC_CHANNELS.unsentCount, fromConsole, 3)).toEqual({ ok: true, value: undefined });
    expect(state.tooltips.at(-1)).toBe('Отклик — не отправлено: 3');
  });

  it('mirrors the outbox to the user-data folder and reads it back; non-JSON is VALIDATION_FAILED', async () => {
    expect(await invoke(IPC_CHANNELS.outboxMirrorRead, fromConsole)).toEqual({ ok: true, value: null });
    expect(await invoke(IPC_CHANNELS.outboxMirrorWrite, fromConsole, '[{"mutationId":1}]')).toEqual({ ok: true, value: undefined });
    expect(await invoke(IPC_CHANNELS.outboxMirrorRead, fromConsole)).toEqual({ ok: true, value: '[{"mutationId":1}]' });
    expect(await invoke(IPC_CHANNELS.outboxMirrorWrite, fromConsole, '[{')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('opens allowlisted links in the system browser and refuses others', async () => {
    expect(await invoke(IPC_CHANNELS.openExternal, fromConsole, 'https://vk.com/wall-1_2')).toEqual({ ok: true, value: undefined });
    expect(await invoke(IPC_CHANNELS.openExternal, fromConsole, 'https://example.com/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(state.opened).toEqual(['https://vk.com/wall-1_2']);
  });

  it('blocks navigation away from the console, sending allowlisted links to the system browser', () => {
    const attempt = (url: string) => {
      const event = { preventDefault: vi.fn() };
      for (const navigate of window.contents.listeners.get('will-navigate')!) navigate(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    state.opened.length = 0;
    expect(attempt('app://console/app/index.html#/appeals/1')).toBe(false);
    expect(attempt('https://example.com/')).toBe(true);
    expect(attempt('https://t.me/city')).toBe(true);
    expect(state.opened).toEqual(['https://t.me/city']);
    expect(window.contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('grants notifications and the camera to the console only', () => {
    const request = (permission: string, url: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      state.permissionRequest!(null, permission, (answer: boolean) => (granted = answer), { requestingUrl: url, ...(mediaTypes ? { mediaTypes } : {}) });
      return granted;
    };
    expect(request('notifications', 'app://console/app/index.html')).toBe(true);
    expect(request('notifications', 'https://example.com/')).toBe(false);
    expect(request('geolocation', 'app://console/app/index.html')).toBe(false);
    expect(request('media', 'app://console/app/index.html', ['video'])).toBe(true);
    expect(request('media', 'app://console/app/index.html', ['audio', 'video'])).toBe(false);
    expect(state.permissionCheck!(null, 'notifications', 'app://console')).toBe(true);
    expect(state.permissionCheck!(null, 'clipboard-read', 'app://console')).toBe(false);
  });

  it('serves app:// with the strict CSP naming the configured server', async () => {
    const response = await state.protocolHandlers.get('app')!(new Request('app://console/app/index.html'));
    expect(response.headers.get('Content-Security-Policy')).toContain("connect-src 'self' http://127.0.0.1:9 ws://127.0.0.1:9");
  });
});

describe('app-wide lockdown', () => {
  it('locks down every new web contents once, so an allowed link opens once', () => {
    // the real app emits web-contents-created for the factory's own window as well
    state.appListeners.get('web-contents-created')!({}, window.contents);
    expect(window.contents.listeners.get('will-navigate')).toHaveLength(1);
    const other = new (fake.electron.BrowserWindow)({}).webContents;
    state.appListeners.get('web-contents-created')!({}, other);
    expect(other.listeners.get('will-navigate')).toHaveLength(1);
    expect(other.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});
