// Tests for the renderer bridge: the web implementation and the wrapping of the preload's object.
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS } from '../../../shared/ipc.js';
import { createWebBridge, electronBridgeFrom, serverUrlFromLocation, type WebHost } from './index.js';

function fakeHost(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; options?: NotificationOptions }[] = [];
  const requestPermission = vi.fn(async () => answer);
  class FakeNotification {
    static permission = permission;
    static requestPermission = requestPermission;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options });
    }
  }
  const open = vi.fn();
  const host: WebHost = {
    Notification: FakeNotification,
    open,
    document: { title: 'Отклик' },
    location: { origin: 'http://127.0.0.1:8080', search: '' },
  };
  return { host, shown, open, requestPermission };
}

describe('web bridge', () => {
  it('asks for notification permission on first use and shows the notification when granted', async () => {
    const { host, shown, requestPermission } = fakeHost('default', 'granted');
    await createWebBridge(host).notify({ title: 'Новое обращение', body: 'Назначено вам', tag: 'a1' });
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(shown).toEqual([{ title: 'Новое обращение', options: { body: 'Назначено вам', tag: 'a1' } }]);
  });

  it('shows nothing when notifications are denied', async () => {
    const { host, shown, requestPermission } = fakeHost('denied');
    await createWebBridge(host).notify({ title: 't', body: 'b' });
    expect(requestPermission).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
  });

  it('opens allowlisted links without an opener and refuses others with FORBIDDEN', async () => {
    const { host, open } = fakeHost('denied');
    const bridge = createWebBridge(host);
    expect(await bridge.openExternal('https://vk.com/wall-1_2')).toEqual({ ok: true, value: undefined });
    expect(open).toHaveBeenCalledWith('https://vk.com/wall-1_2', '_blank', 'noopener');
    const refused = await bridge.openExternal('https://example.com/');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect(open).toHaveBeenCalledOnce();
  });

  it('trusts the server named in ?server= and the page origin', async () => {
    const { host, open } = fakeHost('denied');
    host.location = { origin: 'app://console', search: '?server=http%3A%2F%2F10.0.0.5%3A8080' };
    const bridge = createWebBridge(host);
    expect((await bridge.openExternal('http://10.0.0.5:8080/app/')).ok).toBe(true);
    expect(open).toHaveBeenCalledOnce();
  });

  it('shows the unsent count as a title prefix and removes it at zero', () => {
    const { host } = fakeHost('denied');
    const bridge = createWebBridge(host);
    bridge.setUnsentCount(3);
    expect(host.document.title).toBe('(3) Отклик');
    bridge.setUnsentCount(12);
    expect(host.document.title).toBe('(12) Отклик');
    bridge.setUnsentCount(0);
    expect(host.document.title).toBe('Отклик');
  });

  it('has no outbox mirror and reports the given version', async () => {
    const bridge = createWebBridge(fakeHost('denied').host, '1.2.3');
    expect(bridge.kind).toBe('web');
    await bridge.mirrorOutbox('[]');
    expect(await bridge.readOutboxMirror()).toBeNull();
    expect(await bridge.appVersion()).toBe('1.2.3');
  });

  it('reads the server URL from the query string', () => {
    expect(serverUrlFromLocation({ search: '?server=http://x:1' })).toBe('http://x:1');
    expect(serverUrlFromLocation({ search: '' })).toBeNull();
  });
});

describe('electron bridge', () => {
  it('wraps a complete preload object and forwards calls to it', async () => {
    const api = Object.fromEntries(BRIDGE_KEYS.map((key) => [key, vi.fn(async () => 'v')]));
    const bridge = electronBridgeFrom(api);
    expect(bridge?.kind).toBe('electron');
    expect(await bridge?.appVersion()).toBe('v');
    bridge?.setUnsentCount(2);
    expect(api.setUnsentCount).toHaveBeenCalledWith(2);
  });

  it('ignores a missing or incomplete preload object', () => {
    expect(electronBridgeFrom(undefined)).toBeUndefined();
    expect(electronBridgeFrom({ notify: () => undefined })).toBeUndefined();
  });
});
