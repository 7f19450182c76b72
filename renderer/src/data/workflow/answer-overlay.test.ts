// Unsent answer saves show as the answer they will become, with the version the server will give them; a redo states the server's version.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OtklikDb } from '../db.js';
import { uniqueDbName } from '../testing/fixtures.js';
import { answersWithPending, currentAnswer, rebaseAnswerSave, sentAnswers } from './answer-overlay.js';
import { answersTable } from './workflow-db.js';
import { makeAnswer } from './testing.js';

const save = (over: Record<string, unknown> = {}) => ({
  name: 'answer.save',
  createdAt: '2026-11-23T11:00:00.000Z',
  args: { appealId: 'a-1', answerId: 'ans-1', text: 'Новый текст', reportsWork: true, templateId: null, expectedVersion: 1, ...over },
});

describe('answers with unsent saves', () => {
  it('applies a save over the confirmed answer and bumps its version', () => {
    const [answer] = answersWithPending([makeAnswer()], [save()], null);
    expect(answer).toMatchObject({ text: 'Новый текст', reportsWork: true, version: 2, authorName: 'Оператор' });
  });

  it('starts a new answer from a first save, authored by the person saving', () => {
    const [answer] = answersWithPending([], [save({ answerId: 'ans-new', expectedVersion: 0 })], { id: 'u-2', displayName: 'Петрова' });
    expect(answer).toMatchObject({ id: 'ans-new', version: 1, status: 'draft', authorId: 'u-2', authorName: 'Петрова' });
  });

  it('counts two offline saves as two versions', () => {
    const answers = answersWithPending([makeAnswer()], [save(), save({ text: 'Ещё правка', expectedVersion: 2 })], null);
    expect(answers[0]).toMatchObject({ text: 'Ещё правка', version: 3 });
  });

  it('ignores other mutations and malformed saves', () => {
    expect(answersWithPending([makeAnswer()], [{ name: 'appeal.comment', args: {}, createdAt: '' }, save({ text: 42 })], null)).toEqual([makeAnswer()]);
  });

  it('tells the answer being written apart from the sent ones', () => {
    const sent = makeAnswer({ id: 'old', status: 'sent', sentAt: '2026-11-20T10:00:00.000Z', createdAt: '2026-11-19T10:00:00.000Z' });
    const draft = makeAnswer({ id: 'new' });
    expect(currentAnswer([sent, draft])?.id).toBe('new');
    expect(currentAnswer([sent])).toBeNull();
    expect(sentAnswers([sent, draft]).map((a) => a.id)).toEqual(['old']);
  });
});

describe('redo of a refused answer save', () => {
  it('states the version of the answer the server has now', async () => {
    const db = new OtklikDb(uniqueDbName());
    await answersTable(db).put(makeAnswer({ version: 4 }));
    expect(await rebaseAnswerSave(db, save().args)).toMatchObject({ text: 'Новый текст', expectedVersion: 4 });
    expect(await rebaseAnswerSave(db, save({ answerId: 'unknown' }).args)).toMatchObject({ expectedVersion: 0 });
  });
});
