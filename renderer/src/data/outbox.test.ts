import { afterEach, describe, expect, it, vi } from 'vitest';
import { Id } from '../../../shared/entities.js';
import { newId, uuidFromRandomValues } from './outbox.js';

describe('newId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('works without crypto.randomUUID (plain http on a LAN address is not a secure context)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    expect(typeof globalThis.crypto.randomUUID).toBe('undefined');
    const ids = Array.from({ length: 200 }, () => newId());
    for (const id of ids) {
      expect(Id.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the fallback and randomUUID both give ids that Id accepts', () => {
    expect(Id.safeParse(uuidFromRandomValues()).success).toBe(true);
    expect(Id.safeParse(newId()).success).toBe(true);
  });
});
