// Tests for the preload: it exposes exactly the declared keys, and each is a thin call over its shared/ipc.ts channel.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, BRIDGE_KEYS, IPC_CHANNELS } from '../shared/ipc.js';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

const { desktopApi } = await import('./preload.js');

beforeEach(() => invoke.mockReset());

describe('preload', () => {
  it('exposes exactly the declared keys under window.otklik and nothing else', () => {
    expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(exposed.get(BRIDGE_GLOBAL)!).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(exposed.get(BRIDGE_GLOBAL)).not.toHaveProperty('invoke');
  });

  it('calls each channel with at most one argument and unwraps the Result', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: '0.1.0' });
    expect(await desktopApi.appVersion()).toBe('0.1.0');
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.appVersion);
    invoke.mockResolvedValueOnce({ ok: true, value: null });
    expect(await desktopApi.readOutboxMirror()).toBeNull();
    invoke.mockResolvedValueOnce({ ok: true, value: undefined });
    desktopApi.setUnsentCount(3);
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.unsentCount, 3);
  });

  it('turns a failed mirror write into a rejection carrying the code', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'outbox mirror must be JSON' } });
    await expect(desktopApi.mirrorOutbox('[')).rejects.toThrow('VALIDATION_FAILED');
  });

  it('hands openExternal refusals to the console as values', async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: 'not an allowed link' } };
    invoke.mockResolvedValueOnce(refusal);
    expect(await desktopApi.openExternal('https://example.com')).toEqual(refusal);
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.openExternal, 'https://example.com');
  });
});
