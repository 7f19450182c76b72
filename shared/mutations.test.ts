import { describe, expect, it } from 'vitest';
import { Mutation, RawMutation } from './mutations.js';
import { kindForChannel } from './domain.js';

const base = { clientId: 'c1', mutationId: 1, createdAt: '2026-11-23T10:00:00.000Z' };

describe('mutation envelope', () => {
  it('accepts a comment and fills nothing it should not', () => {
    const m = Mutation.parse({ ...base, name: 'appeal.comment', args: { appealId: 'a1', commentId: 'k1', text: 'Проверено' } });
    expect(m.name).toBe('appeal.comment');
  });

  it('refuses an update whose patch changes nothing', () => {
    const r = Mutation.safeParse({ ...base, name: 'appeal.update', args: { appealId: 'a1', expectedVersion: 1, patch: {} } });
    expect(r.success).toBe(false);
  });

  it('refuses an unknown mutation name while the raw envelope still parses', () => {
    const raw = { ...base, name: 'appeal.delete', args: {} };
    expect(RawMutation.safeParse(raw).success).toBe(true);
    expect(Mutation.safeParse(raw).success).toBe(false);
  });

  it('marks social-network channels as incidents and identifying channels as formal', () => {
    expect(kindForChannel('vk')).toBe('incident');
    expect(kindForChannel('letter')).toBe('formal');
  });
});
