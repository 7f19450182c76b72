// Tests for the IPC contract: channel names, argument schemas and the external-link allowlist.
import { describe, expect, it } from 'vitest';
import { BRIDGE_KEYS, IPC_ARGS, IPC_CHANNELS, isAllowedExternalUrl, isIpcChannel } from './ipc.js';

describe('IPC contract', () => {
  it('names every channel in the otklik namespace and gives each an argument schema', () => {
    for (const channel of Object.values(IPC_CHANNELS)) {
      expect(channel).toMatch(/^otklik:[a-z]+(-[a-z]+)*$/);
      expect(IPC_ARGS[channel]).toBeDefined();
      expect(isIpcChannel(channel)).toBe(true);
    }
    expect(isIpcChannel('otklik:eval')).toBe(false);
  });

  it('declares six bridge keys, each once', () => {
    expect(new Set(BRIDGE_KEYS).size).toBe(BRIDGE_KEYS.length);
    expect([...BRIDGE_KEYS].sort()).toEqual(['appVersion', 'mirrorOutbox', 'notify', 'openExternal', 'readOutboxMirror', 'setUnsentCount']);
  });

  it('refuses notifications with unknown fields or an empty title', () => {
    const schema = IPC_ARGS[IPC_CHANNELS.notify];
    expect(schema.safeParse({ title: 'Новое обращение', body: 'Яма на дороге' }).success).toBe(true);
    expect(schema.safeParse({ title: '', body: 'x' }).success).toBe(false);
    expect(schema.safeParse({ title: 'x', body: 'y', icon: 'file:///etc/passwd' }).success).toBe(false);
  });

  it('accepts only whole, non-negative unsent counts', () => {
    const schema = IPC_ARGS[IPC_CHANNELS.unsentCount];
    expect(schema.safeParse(3).success).toBe(true);
    expect(schema.safeParse(-1).success).toBe(false);
    expect(schema.safeParse(1.5).success).toBe(false);
    expect(schema.safeParse('3').success).toBe(false);
  });
});

describe('external link allowlist', () => {
  it('allows the appeal platforms and Gosuslugi over https, subdomains included', () => {
    for (const url of ['https://vk.com/wall-1_2', 'https://m.vk.com/x', 'https://ok.ru/group/1', 'https://t.me/city', 'https://max.ru/x', 'https://www.gosuslugi.ru/', 'https://pos.gosuslugi.ru/form']) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses other hosts, look-alikes, plain http, other schemes and embedded credentials', () => {
    for (const url of ['https://example.com', 'https://evilvk.com', 'https://vk.com.evil.example/', 'http://vk.com/', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'https://vk.com@evil.example/', 'not a url', `https://vk.com/${'a'.repeat(3000)}`]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('allows the configured server by exact origin, http included', () => {
    expect(isAllowedExternalUrl('http://10.0.0.5:8080/app/', ['http://10.0.0.5:8080'])).toBe(true);
    expect(isAllowedExternalUrl('http://10.0.0.5:8081/', ['http://10.0.0.5:8080'])).toBe(false);
    expect(isAllowedExternalUrl('http://10.0.0.5:8080/', ['not a url'])).toBe(false);
  });
});
