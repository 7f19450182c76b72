// The preload: exposes exactly the declared bridge keys as thin typed calls over the shared/ipc.ts channels, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../shared/errors.js';
import { BRIDGE_GLOBAL, IPC_CHANNELS, type IpcArgs, type IpcChannel, type IpcResult, type OtklikDesktopApi } from '../shared/ipc.js';

function call<C extends IpcChannel>(channel: C, ...arg: IpcArgs<C> extends undefined ? [] : [IpcArgs<C>]): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...arg) as Promise<IpcResult<C>>;
}

/** Inside the renderer a failure is an exception again; the code stays in the message because contextBridge keeps only that. */
function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(`${result.error.code}: ${result.error.message}`);
}

function warnIfFailed(what: string, result: Result<unknown>): void {
  if (!result.ok) console.warn(`otklik: ${what} failed: ${result.error.code}: ${result.error.message}`);
}

export const desktopApi: OtklikDesktopApi = {
  async notify(args) {
    // a toast that did not show must not break the action that caused it
    warnIfFailed('notify', await call(IPC_CHANNELS.notify, args));
  },
  async appVersion() {
    return unwrap(await call(IPC_CHANNELS.appVersion));
  },
  openExternal(url) {
    return call(IPC_CHANNELS.openExternal, url);
  },
  async mirrorOutbox(json) {
    unwrap(await call(IPC_CHANNELS.outboxMirrorWrite, json));
  },
  async readOutboxMirror() {
    return unwrap(await call(IPC_CHANNELS.outboxMirrorRead));
  },
  setUnsentCount(n) {
    void call(IPC_CHANNELS.unsentCount, n).then((result) => warnIfFailed('setUnsentCount', result));
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, desktopApi);
