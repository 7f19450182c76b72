// The shell's main process: wires the small modules together (protocol, session lockdown, IPC handlers, window, menu, tray).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, protocol, screen, session, shell } from 'electron';
import { fail, ok } from '../shared/errors.js';
import { IPC_ARGS, IPC_CHANNELS, isAllowedExternalUrl } from '../shared/ipc.js';
import { consoleUrl, isAppUrl } from './app-origin.js';
import { APP_SCHEME_PRIVILEGES, contentSecurityPolicy, serveRenderer } from './app-protocol.js';
import { iconPng } from './icon-image.js';
import { createIpcRegistry } from './ipc-registry.js';
import { menuTemplate } from './menu.js';
import { createNotifier } from './notifications.js';
import { createOutboxMirror } from './outbox-mirror.js';
import { loadSettings } from './settings.js';
import { claimSingleInstance, focusWindow } from './single-instance.js';
import { createTray, type UnsentTray } from './tray.js';
import { createConsoleWindow, lockDownContents, lockDownSession } from './window-factory.js';
import { DEFAULT_SIZE, loadWindowState, windowStateFile } from './window-state.js';
import { trackWindowState } from './window-state-tracker.js';

// must happen before `ready`, so at the top of the entry module
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Windows shows toasts only for an app with an AppUserModelID (the installer's appId, see build/electron-builder.yml);
// the method exists only on Windows
if (process.platform === 'win32') app.setAppUserModelId('ru.otklik.console');
// tests and a second profile on one PC get their own folder (and with it their own single-instance lock)
if (process.env.OTKLIK_USER_DATA) app.setPath('userData', path.resolve(process.env.OTKLIK_USER_DATA));

let mainWindow: BrowserWindow | null = null;
let tray: UnsentTray | null = null;

if (claimSingleInstance(app, () => mainWindow)) {
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Отклик не запустился', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const settings = await loadSettings(process.env, userData);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // main.js lives at <app>/dist/electron/ both in the repo and in app.asar; app.getAppPath() would be
  // dist/electron itself when Electron is started with the script's path (as the e2e test does)
  const rendererDist = path.resolve(here, '..', '..', 'renderer', 'dist');
  const isExternalAllowed = (url: string) => isAllowedExternalUrl(url, [settings.serverUrl]);
  const openExternal = (url: string) => {
    shell.openExternal(url).catch((error: unknown) => console.error('openExternal failed', url, error));
  };
  const policy = { isTrustedUrl: isAppUrl, isExternalAllowed, openExternal };

  serveRenderer(protocol, rendererDist, contentSecurityPolicy(settings.serverUrl));
  lockDownSession(session.defaultSession, isAppUrl);
  // every web contents, not just ours: devtools or a future window get the same navigation rules
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, policy));

  const icon = nativeImage.createFromBuffer(iconPng(64));
  const mirror = createOutboxMirror(userData);
  const notifier = createNotifier(() => focusWindow(mainWindow));
  tray = createTray(nativeImage.createFromBuffer(iconPng(32)), { open: () => focusWindow(mainWindow), quit: () => app.quit() });

  const registry = createIpcRegistry(ipcMain, { isTrustedUrl: isAppUrl });
  registry.handle(IPC_CHANNELS.notify, IPC_ARGS[IPC_CHANNELS.notify], (args) => {
    notifier.show(args);
    return ok(undefined);
  });
  registry.handle(IPC_CHANNELS.appVersion, IPC_ARGS[IPC_CHANNELS.appVersion], () => ok(app.getVersion()));
  registry.handle(IPC_CHANNELS.openExternal, IPC_ARGS[IPC_CHANNELS.openExternal], async (url) => {
    if (!isExternalAllowed(url)) return fail('FORBIDDEN', `not an allowed link: ${url}`); // not allowlisted
    await shell.openExternal(url);
    return ok(undefined);
  });
  registry.handle(IPC_CHANNELS.outboxMirrorWrite, IPC_ARGS[IPC_CHANNELS.outboxMirrorWrite], async (json) => {
    try {
      await mirror.write(json);
    } catch (error) {
      if (error instanceof SyntaxError) return fail('VALIDATION_FAILED', 'outbox mirror must be JSON'); // not JSON
      throw error;
    }
    return ok(undefined);
  });
  registry.handle(IPC_CHANNELS.outboxMirrorRead, IPC_ARGS[IPC_CHANNELS.outboxMirrorRead], async () => ok(await mirror.read()));
  registry.handle(IPC_CHANNELS.unsentCount, IPC_ARGS[IPC_CHANNELS.unsentCount], (count) => {
    tray?.setUnsentCount(count);
    return ok(undefined);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isMac: process.platform === 'darwin',
        withDevTools: !app.isPackaged,
        onAbout: () => {
          void dialog.showMessageBox({ type: 'info', title: 'О программе', message: `Отклик ${app.getVersion()}`, detail: `Сервер: ${settings.serverUrl}` });
        },
      }),
    ),
  );

  const stateFile = windowStateFile(userData);
  const saved = await loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  mainWindow = createConsoleWindow({
    ...policy,
    preloadPath: path.join(here, 'preload.cjs'),
    bounds: saved === null ? { ...DEFAULT_SIZE } : { x: saved.x, y: saved.y, width: saved.width, height: saved.height },
    icon,
  });
  if (saved?.maximized) mainWindow.maximize();
  trackWindowState(mainWindow, stateFile);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const window = mainWindow;
  try {
    await window.loadURL(consoleUrl(settings.serverUrl));
  } catch (error) {
    // e.g. ERR_ABORTED when the console replaces its own URL while loading; the window is still usable
    console.error('console load did not complete', error);
  } finally {
    // ready-to-show never fires for a page that failed to paint; a visible window beats an invisible process
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  }
}
