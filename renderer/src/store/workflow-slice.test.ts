// The store's workflow part: alerts notify supervisors once, views of personal data are logged through the outbox, answers show unsent saves, the reference brings templates.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse, Reference, WorkflowReference } from '../../../shared/index.js';
import { OtklikDb } from '../data/db.js';
import { commitPullPage } from '../data/sync-writes.js';
import { makeSession, OPERATOR, uniqueDbName } from '../data/testing/fixtures.js';
import { AT, makeAlert, makeAnswer } from '../data/workflow/testing.js';
import { answersTable } from '../data/workflow/workflow-db.js';
import { eventually, makeConsole, stopConsoles } from './testing/console-harness.js';

afterEach(stopConsoles);

async function signedIn(role: 'operator' | 'supervisor', fill?: (db: OtklikDb) => Promise<void>) {
  const db = new OtklikDb(uniqueDbName());
  await db.setMeta('session', makeSession({ ...OPERATOR, role }));
  await fill?.(db);
  const harness = makeConsole(db);
  await harness.store.getState().init();
  return harness;
}

const alertPage = (seq: number): PullResponse => ({ changes: [{ seq, type: 'alert', alert: makeAlert() }], cursor: seq, hasMore: false, lastMutationId: 0 });

describe('supervisor alerts in the store', () => {
  it('list a new alert and show a supervisor one desktop notification for it', async () => {
    const { store, calls, db } = await signedIn('supervisor');
    await commitPullPage(db, alertPage(1));
    await eventually(() => expect(store.getState().alerts.map((a) => a.id)).toEqual(['al-1']));
    await eventually(() => expect(calls.notify).toHaveLength(1));
    expect(calls.notify[0]?.tag).toBe('alert:al-1');
    await commitPullPage(db, alertPage(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.notify).toHaveLength(1);
  });

  it('are listed but not notified on an operator’s console', async () => {
    const { store, calls, db } = await signedIn('operator');
    await commitPullPage(db, alertPage(1));
    await eventually(() => expect(store.getState().alerts).toHaveLength(1));
    expect(calls.notify).toEqual([]);
  });

  it('count as read once marked', async () => {
    const { store, db } = await signedIn('supervisor');
    await commitPullPage(db, alertPage(1));
    await eventually(() => expect(store.getState().alerts).toHaveLength(1));
    await store.getState().markAlertsRead();
    expect(store.getState().alerts[0]?.readAt).not.toBeNull();
  });
});

describe('personal data views', () => {
  it('log one audit.view per appeal through the outbox, however often it is opened within minutes', async () => {
    const { store, db } = await signedIn('operator');
    store.getState().logView('a-1');
    store.getState().logView('a-1');
    store.getState().logView('a-2');
    await eventually(async () => expect((await db.outbox.toArray()).map((r) => [r.name, (r.args as { appealId: string }).appealId])).toEqual([['audit.view', 'a-1'], ['audit.view', 'a-2']]));
    // a view is no change of the appeal: it does not mark it unsent
    expect(store.getState().pendingAppealIds.size).toBe(0);
  });
});

describe('answers of the open appeal', () => {
  it('show an unsent save over the confirmed answer', async () => {
    const { store } = await signedIn('operator', (db) => answersTable(db).put(makeAnswer()).then(() => undefined));
    await store.getState().openAppeal('a-1');
    await eventually(() => expect(store.getState().openAnswers.map((a) => a.text)).toEqual(['Трубу заменим до пятницы.']));
    await store.getState().mutateWorkflow('answer.save', { appealId: 'a-1', answerId: 'ans-1', text: 'Трубу заменили.', reportsWork: false, expectedVersion: 1 });
    await eventually(() => expect(store.getState().openAnswers[0]).toMatchObject({ text: 'Трубу заменили.', version: 2 }));
  });
});

describe('workflow reference', () => {
  it('comes with the reference data the console keeps', async () => {
    const workflow: WorkflowReference = {
      templates: [{ id: 't-1', regionId: 'reg-1', organisationId: null, category: null, title: 'Общий', body: 'Здравствуйте!', reportsWork: false, updatedAt: AT }],
      routingRules: [],
      categorySettings: [],
      regionSettings: { regionId: 'reg-1', calendarRegionCode: null, incidentResolutionWorkingDays: 10, hashtag: '#тест' },
    };
    const reference = { region: { id: 'reg-1', name: 'Регион', timezone: 'Europe/Moscow', hashtag: '#тест' }, municipalities: [], organisations: [], users: [], workflow } as Reference;
    const { store } = await signedIn('operator', (db) => db.setMeta('reference', reference));
    await eventually(() => expect(store.getState().workflow?.templates.map((t) => t.id)).toEqual(['t-1']));
  });
});
