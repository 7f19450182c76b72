import { describe, expect, it } from 'vitest';
import { applyMutation, rebaseArgs, replay } from './overlay.js';
import { makeAppeal, OPERATOR } from './testing/fixtures.js';

const ctx = { user: OPERATOR };
const at = '2026-11-23T12:00:00.000Z';

describe('optimistic overlay', () => {
  it('replays pending mutations over a newer confirmed state instead of the one they were made on', () => {
    const pending = [
      { name: 'appeal.triage' as const, args: { appealId: 'a1', category: 'roads', priority: 'fast_track', municipalityId: 'm1', kind: 'incident' }, createdAt: at },
      { name: 'appeal.transition' as const, args: { appealId: 'a1', from: 'new', to: 'triaged' }, createdAt: at },
    ];
    const newer = makeAppeal({ id: 'a1', address: 'ул. Мира, 1 (уточнено)', version: 4 });
    const shown = replay(newer, pending, ctx)!;
    expect(shown).toMatchObject({ address: 'ул. Мира, 1 (уточнено)', category: 'roads', priority: 'fast_track', status: 'triaged', version: 6 });
    expect(newer.status).toBe('new');
  });

  it('bumps the version only when a change alters the appeal, as the server does', () => {
    const appeal = makeAppeal({ category: 'roads', priority: 'standard', municipalityId: 'mun-1', kind: 'incident', version: 2 });
    const same = applyMutation(appeal, { name: 'appeal.triage', args: { appealId: appeal.id, category: 'roads', priority: 'standard', municipalityId: 'mun-1', kind: 'incident' }, createdAt: at }, ctx);
    expect(same).toBe(appeal);
    const edited = applyMutation(appeal, { name: 'appeal.update', args: { appealId: appeal.id, expectedVersion: 2, patch: { summary: 'Новый текст' } }, createdAt: at }, ctx);
    expect(edited).toMatchObject({ summary: 'Новый текст', version: 3, updatedAt: at });
  });

  it('creates an appeal in the author organisation with the kind its channel implies', () => {
    const created = applyMutation(undefined, {
      name: 'appeal.create',
      args: { id: 'n1', number: 'ЗРЧ-1', channel: 'letter', citizen: { name: null, phone: null, email: null, handle: null }, originalText: 'Письмо', receivedAt: at },
      createdAt: at,
    }, ctx);
    expect(created).toMatchObject({ id: 'n1', status: 'new', kind: 'formal', organisationId: OPERATOR.organisationId, regionId: OPERATOR.regionId });
  });

  it('records the decline reason only when declining, and the first reaction when answering', () => {
    const appeal = makeAppeal({ status: 'in_progress' });
    const answered = applyMutation(appeal, { name: 'appeal.transition', args: { appealId: appeal.id, from: 'in_progress', to: 'answered', declineReason: 'spam' }, createdAt: at }, ctx)!;
    expect(answered).toMatchObject({ status: 'answered', declineReason: null, firstReactionAt: at });
  });

  it('rebases a redo on the server version: expected version for edits, from-status for transitions', () => {
    const theirs = makeAppeal({ version: 7, status: 'assigned' });
    expect(rebaseArgs('appeal.update', { appealId: 'a', expectedVersion: 3, patch: { summary: 'x' } }, theirs)).toMatchObject({ expectedVersion: 7 });
    expect(rebaseArgs('appeal.transition', { appealId: 'a', from: 'new', to: 'in_progress' }, theirs)).toMatchObject({ from: 'assigned' });
  });
});
