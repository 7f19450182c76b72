// Answers and alerts from pulls land in IndexedDB with the sync commit, listeners hear of them once durable, and version 4 opens older data.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../shared/index.js';
import { OtklikDb } from '../db.js';
import { commitPullPage, commitSnapshotPage, dropConfirmedData } from '../sync-writes.js';
import { makeAppeal, uniqueDbName, writeAtVersion } from '../testing/fixtures.js';
import { onWorkflowCommit, type WorkflowEffect } from './workflow-changes.js';
import { AT, makeAlert, makeAnswer } from './testing.js';
import { alertsTable, answersTable, MAX_LOCAL_ALERTS } from './workflow-db.js';

const page = (changes: PullResponse['changes'], cursor = 10): PullResponse => ({ changes, cursor, hasMore: false, lastMutationId: 0 });

describe('workflow changes in a pull', () => {
  it('stores answers and new alerts with the cursor, and tells listeners after the commit', async () => {
    const db = new OtklikDb(uniqueDbName());
    const heard: WorkflowEffect[] = [];
    onWorkflowCommit(db, (e) => heard.push(e));
    await commitPullPage(db, page([
      { seq: 1, type: 'appeal', appeal: makeAppeal({ id: 'a-1' }) },
      { seq: 2, type: 'answer', answer: makeAnswer() },
      { seq: 3, type: 'alert', alert: makeAlert() },
      { seq: 4, type: 'reference' },
    ]));
    expect(await answersTable(db).get('ans-1')).toMatchObject({ appealId: 'a-1', version: 1 });
    expect(await alertsTable(db).get('al-1')).toMatchObject({ appealNumber: 'ЗРЧ-0001', readAt: null });
    expect(await db.getMeta('cursor')).toBe(10);
    expect(heard).toEqual([{ answerAppealIds: ['a-1'], newAlerts: [makeAlert()], referenceChanged: true }]);
  });

  it('reports an alert as new only the first time it arrives, keeping whether it was read', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitPullPage(db, page([{ seq: 1, type: 'alert', alert: makeAlert() }]));
    await alertsTable(db).update('al-1', { readAt: AT });
    const heard: WorkflowEffect[] = [];
    onWorkflowCommit(db, (e) => heard.push(e));
    await commitPullPage(db, page([{ seq: 2, type: 'alert', alert: makeAlert() }], 11));
    expect(heard).toEqual([]);
    expect((await alertsTable(db).get('al-1'))?.readAt).toBe(AT);
  });

  it('keeps only the newest alerts when more arrive than the console holds', async () => {
    const db = new OtklikDb(uniqueDbName());
    const alerts = Array.from({ length: MAX_LOCAL_ALERTS + 3 }, (_, i) => makeAlert({ id: `al-${i}`, at: new Date(Date.parse(AT) + i * 1000).toISOString() }));
    await commitPullPage(db, page(alerts.map((alert, i) => ({ seq: i + 1, type: 'alert' as const, alert }))));
    expect(await alertsTable(db).count()).toBe(MAX_LOCAL_ALERTS);
    expect(await alertsTable(db).get('al-0')).toBeUndefined();
  });

  it('drops the answers of an evicted appeal and of a re-bootstrap', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitPullPage(db, page([{ seq: 1, type: 'appeal', appeal: makeAppeal({ id: 'a-1' }) }, { seq: 2, type: 'answer', answer: makeAnswer() }]));
    await commitPullPage(db, page([{ seq: 3, type: 'evict', appealId: 'a-1' }], 11));
    expect(await answersTable(db).count()).toBe(0);
    await commitPullPage(db, page([{ seq: 4, type: 'answer', answer: makeAnswer({ id: 'ans-2', appealId: 'a-2' }) }], 12));
    await dropConfirmedData(db);
    expect(await answersTable(db).count()).toBe(0);
  });

  it('takes the answers a snapshot page carries', async () => {
    const db = new OtklikDb(uniqueDbName());
    await commitSnapshotPage(db, { cursor: 5, phase: 'mine', appeals: [makeAppeal({ id: 'a-1' })], comments: [], events: [], answers: [makeAnswer({ status: 'sent' })], after: null, hasMore: false, total: 1 }, 1);
    expect((await answersTable(db).get('ans-1'))?.status).toBe('sent');
  });
});

describe('local database version 4 (answers and alerts)', () => {
  it('opens version 3 data with appeals, outbox and meta intact and empty answer and alert tables', async () => {
    const name = uniqueDbName();
    await writeAtVersion(name, 3, async (old) => {
      await old.table('appeals').put(makeAppeal({ id: 'v3-appeal' }));
      await old.table('outbox').add({ mutationId: 1, name: 'appeal.comment', args: { appealId: 'v3-appeal', commentId: 'c', text: 'т' }, status: 'pending', createdAt: AT, appealId: 'v3-appeal', seq: null });
      await old.table('meta').put({ key: 'cursor', value: 42 });
    });
    const db = new OtklikDb(name);
    await db.open();
    expect((await db.appeals.get('v3-appeal'))?.id).toBe('v3-appeal');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.getMeta('cursor')).toBe(42);
    expect(await answersTable(db).count()).toBe(0);
    expect(await alertsTable(db).count()).toBe(0);
  });
});
