// Tests for the IPC registry: every refusal answers a Result error code, and a good call reaches its handler.
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../shared/errors.js';
import { IPC_ARGS, IPC_CHANNELS } from '../shared/ipc.js';
import { isAppUrl } from './app-origin.js';
import { createIpcRegistry, type IpcSenderEvent, type IpcTransport } from './ipc-registry.js';

const mainFrame = (url = 'app://console/app/index.html?server=x'): IpcSenderEvent => ({ senderFrame: { url, parent: null } });

function registryWithNotify() {
  const registered = new Map<string, Parameters<IpcTransport['handle']>[1]>();
  const transport: IpcTransport = { handle: (channel, listener) => registered.set(channel, listener) };
  const logError = vi.fn();
  const registry = createIpcRegistry(transport, { isTrustedUrl: isAppUrl, logError });
  const shown: unknown[] = [];
  registry.handle(IPC_CHANNELS.notify, IPC_ARGS[IPC_CHANNELS.notify], (args) => {
    shown.push(args);
    return ok(undefined);
  });
  return { registry, registered, shown, logError };
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('IPC registry', () => {
  it('runs a well-formed call from the console main frame', async () => {
    const { registry, shown } = registryWithNotify();
    const result = await registry.dispatch(IPC_CHANNELS.notify, mainFrame(), [{ title: 'Новое обращение', body: 'Назначено вам' }]);
    expect(result).toEqual({ ok: true, value: undefined });
    expect(shown).toEqual([{ title: 'Новое обращение', body: 'Назначено вам' }]);
  });

  it('registers each channel on the transport, and the transport listener answers with the same Result', async () => {
    const { registered } = registryWithNotify();
    expect([...registered.keys()]).toEqual([IPC_CHANNELS.notify]);
    const listener = registered.get(IPC_CHANNELS.notify)!;
    expect(await listener(mainFrame(), { title: 't', body: 'b' })).toEqual({ ok: true, value: undefined });
  });

  it('answers NOT_FOUND for a channel outside the contract or without a handler', async () => {
    const { registry } = registryWithNotify();
    expect(codeOf(await registry.dispatch('otklik:eval', mainFrame(), []))).toBe('NOT_FOUND');
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.appVersion, mainFrame(), []))).toBe('NOT_FOUND');
  });

  it('refuses registering a channel outside the contract or twice', () => {
    const { registry } = registryWithNotify();
    expect(() => registry.handle('otklik:eval' as never, IPC_ARGS[IPC_CHANNELS.notify] as never, (() => ok(undefined)) as never)).toThrow(/not in shared/);
    expect(() => registry.handle(IPC_CHANNELS.notify, IPC_ARGS[IPC_CHANNELS.notify], () => ok(undefined))).toThrow(/twice/);
  });

  it('refuses a call from a sub-frame with FORBIDDEN', async () => {
    const { registry, shown } = registryWithNotify();
    const event: IpcSenderEvent = { senderFrame: { url: 'app://console/app/index.html', parent: {} } };
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, event, [{ title: 't', body: 'b' }]))).toBe('FORBIDDEN');
    expect(shown).toEqual([]);
  });

  it('refuses a call from another origin with FORBIDDEN, look-alikes included', async () => {
    const { registry, shown } = registryWithNotify();
    for (const url of ['https://example.com/', 'app://evil/app/index.html', 'file:///C:/app/index.html', 'app://console.evil/x', 'devtools://devtools/bundled/x.html']) {
      expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, mainFrame(url), [{ title: 't', body: 'b' }])), url).toBe('FORBIDDEN');
    }
    expect(shown).toEqual([]);
  });

  it('refuses a call whose frame is gone with FORBIDDEN', async () => {
    const { registry } = registryWithNotify();
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, { senderFrame: null }, [{ title: 't', body: 'b' }]))).toBe('FORBIDDEN');
  });

  it('refuses malformed or extra arguments with BAD_MESSAGE', async () => {
    const { registry, shown } = registryWithNotify();
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, mainFrame(), [{ title: 42 }]))).toBe('BAD_MESSAGE');
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, mainFrame(), []))).toBe('BAD_MESSAGE');
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.notify, mainFrame(), [{ title: 't', body: 'b' }, 'extra']))).toBe('BAD_MESSAGE');
    expect(shown).toEqual([]);
  });

  it('turns a crashing handler into INTERNAL, logs it, and never throws', async () => {
    const registry = createIpcRegistry(null, { isTrustedUrl: isAppUrl, logError: vi.fn() });
    const logError = vi.fn();
    const loud = createIpcRegistry(null, { isTrustedUrl: isAppUrl, logError });
    loud.handle(IPC_CHANNELS.appVersion, IPC_ARGS[IPC_CHANNELS.appVersion], () => {
      throw new Error('disk on fire');
    });
    const result = await loud.dispatch(IPC_CHANNELS.appVersion, mainFrame(), []);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(logError).toHaveBeenCalledOnce();
    expect(codeOf(await registry.dispatch(IPC_CHANNELS.appVersion, mainFrame(), []))).toBe('NOT_FOUND');
  });
});
