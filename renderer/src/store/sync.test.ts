import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countAppeals, holdsAppeal, packContent, readHistory } from '../data/appeal-store.js';
import type { OtklikDb } from '../data/db.js';
import { FakeSyncServer, setPackedByDefault } from '../data/testing/fake-sync-server.js';
import { makeAppeal, makeSession, OPERATOR } from '../data/testing/fixtures.js';
import { eventually, makeConsole, stopConsoles, type HarnessOptions } from './testing/console-harness.js';

afterEach(stopConsoles);

async function onlineConsole(server: FakeSyncServer, options: HarnessOptions & { db?: OtklikDb } = {}) {
  const c = makeConsole(options.db, { socketFactory: server.factory, ...options });
  if ((await c.db.getMeta('session')) === undefined) await c.db.setMeta('session', makeSession());
  await c.store.getState().init();
  return c;
}

const settled = (c: { store: { getState(): { sync: { connection: string; pendingCount: number } } } }) => async () => {
  expect(c.store.getState().sync.connection).toBe('online');
  expect(c.store.getState().sync.pendingCount).toBe(0);
};

// every case runs against a server that answers the first sync in packs, and against one that answers plain JSON pages
describe.each([
  ['packed snapshot pages', true],
  ['JSON snapshot pages (an older server)', false],
])('%s', (_mode, packed) => {
  beforeEach(() => {
    setPackedByDefault(packed);
  });
  afterEach(() => {
    setPackedByDefault(false);
  });

  describe('initial sync', () => {
    it('loads a fresh console in snapshot pages, own queue first, and then pulls from the snapshot cursor', async () => {
      const server = new FakeSyncServer();
      server.seed([
        ...Array.from({ length: 4 }, (_, i) => makeAppeal({ id: `m${i}`, assigneeId: OPERATOR.id })),
        ...Array.from({ length: 5 }, (_, i) => makeAppeal({ id: `r${i}` })),
      ]);
      const c = await onlineConsole(server, { syncTuning: { snapshotLimit: 3, ackTimeoutMs: 50 } });
      const progress: Array<{ done: number; total: number }> = [];
      c.store.subscribe((s) => {
        if (s.sync.progress?.label === 'initial') progress.push({ done: s.sync.progress.done, total: s.sync.progress.total });
      });
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(9));
      const phases = server.requests.filter((r) => r.event === 'sync:snapshot').map((r) => (r.payload as { phase: string }).phase);
      expect(phases).toEqual(['mine', 'mine', 'rest', 'rest']);
      expect(await countAppeals(c.db)).toBe(9);
      // one record per snapshot page that had appeals (own queue 3 + 1, the rest 3 + 2), no row per appeal
      expect(await c.db.appeals.count()).toBe(0);
      expect((await c.db.appealPacks.toArray()).map((p) => packContent(p).appeals.length)).toEqual([3, 1, 3, 2]);
      expect(await c.db.getMeta('snapshot')).toBeUndefined();
      expect(progress.at(0)).toEqual({ done: 3, total: 9 });
      await eventually(() => expect(c.store.getState().queueIds).toHaveLength(9));
      // the next start reads the queue in one value even if the console is closed right away (not after the usual 5 s)
      await eventually(async () => expect((await c.db.getMeta('queueSnapshot'))?.writeSeq).toBe(await c.db.getMeta('appealsWriteSeq')), 1_000);
      expect((await c.db.getMeta('queueSnapshot'))?.count).toBe(9);
      server.change(makeAppeal({ id: 'r0', subject: 'Изменено в другой консоли' }));
      await eventually(() => expect(c.store.getState().getAppeal('r0')?.subject).toBe('Изменено в другой консоли'));
    });

    it('asks a server from before packs for gzip pages once it refuses them, and loads everything', async () => {
      const server = new FakeSyncServer();
      server.refusesPacks = true;
      server.seed(Array.from({ length: 5 }, (_, i) => makeAppeal({ id: `r${i}` })));
      const c = await onlineConsole(server, { syncTuning: { snapshotLimit: 2, ackTimeoutMs: 50 } });
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(server.cursor));
      const encodings = server.requests.filter((r) => r.event === 'sync:snapshot').map((r) => (r.payload as { encoding: string }).encoding);
      expect(encodings[0]).toBe('packs');
      expect(encodings.slice(1).every((e) => e === 'gzip')).toBe(true);
      expect(await countAppeals(c.db)).toBe(5);
      await eventually(() => expect(c.store.getState().queueIds).toHaveLength(5));
    });

    it('resumes an interrupted snapshot after the last committed page', async () => {
      const server = new FakeSyncServer();
      server.seed(Array.from({ length: 7 }, (_, i) => makeAppeal({ id: `r${i}` })));
      server.failSnapshotPage = 2;
      const c = await onlineConsole(server, { syncTuning: { snapshotLimit: 3, ackTimeoutMs: 50 } });
      await eventually(async () => expect(c.store.getState().sync.lastError).toBe('page failed'));
      // pages 0 ('mine', empty) and 1 (3 appeals) committed, with the progress pointing past them
      expect(await countAppeals(c.db)).toBe(3);
      expect(await c.db.getMeta('snapshot')).toMatchObject({ phase: 'rest', after: 'r2', done: 3 });
      expect(await c.db.getMeta('cursor')).toBeUndefined();
      await c.store.getState().syncNow();
      expect(await countAppeals(c.db)).toBe(7);
      const afters = server.requests.filter((r) => r.event === 'sync:snapshot').map((r) => (r.payload as { after: string | null }).after);
      expect(afters.slice(-2)).toEqual(['r2', 'r5']);
    });

    it('brings the history of appeals outside the own queue when one is opened online, and only then', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'm1', assigneeId: OPERATOR.id }), makeAppeal({ id: 'r1' })]);
      const note = (appealId: string, id: string) => ({ id, appealId, authorId: 'u2', authorName: 'Коллега', text: `Заметка ${id}`, createdAt: '2026-11-23T10:00:00.000Z' });
      server.log.push({ seq: 3, type: 'comment', comment: note('m1', 'k1') }, { seq: 4, type: 'comment', comment: note('r1', 'k2') });
      const c = await onlineConsole(server);
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(4));
      // the first sync carried the own queue's comments, not the rest's
      expect((await readHistory(c.db, 'm1')).comments.map((k) => k.id)).toEqual(['k1']);
      expect((await readHistory(c.db, 'r1')).comments).toEqual([]);
      await c.store.getState().openAppeal('r1');
      await eventually(() => expect(c.store.getState().detail).toMatchObject({ historyComplete: true, comments: [{ id: 'k2' }] }));
      expect((await c.db.comments.where('appealId').equals('r1').toArray()).map((k) => k.id)).toEqual(['k2']);
      // once per appeal and session
      await c.store.getState().openAppeal(null);
      await c.store.getState().openAppeal('r1');
      await eventually(() => expect(c.store.getState().detail?.historyComplete).toBe(true));
      expect(server.requests.filter((r) => r.event === 'sync:history')).toHaveLength(1);
    });

    it('says the early history is missing while offline, and fetches it when the link comes back with the appeal open', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'r1' })]);
      const c = await onlineConsole(server);
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(1));
      c.store.runtime.stopSync();
      await c.store.getState().openAppeal('r1');
      await eventually(() => expect(c.store.getState().detail).toMatchObject({ historyComplete: false }));
      expect(server.requests.filter((r) => r.event === 'sync:history')).toHaveLength(0);
      c.store.runtime.startSync();
      await eventually(() => expect(c.store.getState().detail?.historyComplete).toBe(true));
      expect(server.requests.filter((r) => r.event === 'sync:history')).toHaveLength(1);
    });
  });

  describe('pushing the outbox', () => {
    it('pushes offline work in order once online, exactly once, and drops it when the pull brings it back', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1', status: 'new' })]);
      const first = await onlineConsole(server);
      await eventually(async () => expect(await first.db.getMeta('cursor')).toBe(1));
      stopConsoles();

      // offline: three changes
      const offline = makeConsole(first.db);
      await offline.store.getState().init();
      await offline.store.getState().mutate('appeal.triage', { appealId: 'a1', category: 'roads', priority: 'standard', municipalityId: null, kind: 'incident' });
      await offline.store.getState().mutate('appeal.transition', { appealId: 'a1', from: 'new', to: 'triaged' });
      await offline.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Передано в ДЭУ' });
      expect(offline.store.getState().sync.pendingCount).toBe(3);
      stopConsoles();

      server.loseAcks = 1; // the first push is processed but its acknowledgement is lost
      const online = await onlineConsole(server, { db: first.db });
      await eventually(settled(online));
      await eventually(async () => expect(await online.db.outbox.count()).toBe(0));
      expect(server.applied.map((m) => m.mutationId)).toEqual([1, 2, 3]);
      expect(online.store.getState().getAppeal('a1')).toMatchObject({ category: 'roads', status: 'triaged', version: 3 });
      expect(await online.db.comments.count()).toBe(1);
    });

    it('renumbers pending mutations after a gap the server cannot fill, so they are not stuck', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1' })]);
      const c = makeConsole();
      await c.db.setMeta('session', makeSession());
      await c.db.setMeta('nextMutationId', 7); // mutations 1–6 were lost with a wiped outbox
      await c.store.getState().init();
      await c.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Заметка' });
      stopConsoles();
      const online = await onlineConsole(server, { db: c.db });
      await eventually(settled(online));
      expect(server.applied).toEqual([{ clientId: await c.db.getMeta('clientId'), mutationId: 1, name: 'appeal.comment' }]);
      expect(await c.db.getMeta('nextMutationId')).toBe(2);
    });
  });

  describe('the open appeal', () => {
    it('shows a colleague comment pulled while it is open', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1' })]);
      const c = await onlineConsole(server);
      await eventually(settled(c));
      await c.store.getState().openAppeal('a1');
      server.log.push({ seq: server.log.length + 1, type: 'comment', comment: { id: 'k9', appealId: 'a1', authorId: 'u2', authorName: 'Коллега', text: 'Бригада выехала', createdAt: '2026-11-23T10:00:00.000Z' } });
      server.poke();
      await eventually(() => expect(c.store.getState().detail?.comments.map((k) => k.text)).toEqual(['Бригада выехала']));
    });
  });

  describe('conflicts and attention', () => {
    async function conflict() {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1', summary: 'Исходный текст', version: 1 })]);
      const c = await onlineConsole(server);
      await eventually(settled(c));
      // another console's edit lands while this one edits offline
      server.appeals.set('a1', { ...server.appeals.get('a1')!, summary: 'Их текст', version: 2 });
      await c.store.getState().mutate('appeal.update', { appealId: 'a1', expectedVersion: 1, patch: { summary: 'Мой текст' } });
      await eventually(() => expect(c.store.getState().attention).toHaveLength(1));
      return { server, c };
    }

    it('shows a rejected edit in "needs attention" with my version over theirs, and nothing is lost', async () => {
      const { c } = await conflict();
      const [item] = c.store.getState().attention;
      expect(item).toMatchObject({ code: 'VERSION_CONFLICT', appealId: 'a1' });
      expect(item!.theirs?.summary).toBe('Их текст');
      expect(item!.mine?.summary).toBe('Мой текст');
      expect(c.store.getState().sync.pendingCount).toBe(0);
    });

    it('redo re-issues the edit on top of their version and it is applied', async () => {
      const { server, c } = await conflict();
      await c.store.getState().redo(c.store.getState().attention[0]!.mutationId);
      expect(c.store.getState().attention).toEqual([]);
      await eventually(() => expect(server.appeals.get('a1')?.summary).toBe('Мой текст'));
      await eventually(() => expect(c.store.getState().getAppeal('a1')?.summary).toBe('Мой текст'));
    });

    it('discard drops the rejected edit and keeps their version', async () => {
      const { server, c } = await conflict();
      await c.store.getState().discard(c.store.getState().attention[0]!.mutationId);
      expect(c.store.getState().attention).toEqual([]);
      expect(await c.db.attention.count()).toBe(0);
      expect(server.appeals.get('a1')?.summary).toBe('Их текст');
    });
  });

  describe('evictions, resets and refusals', () => {
    it('drops an evicted appeal from the queue once its own mutation for it is sent, which is applied once', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1' }), makeAppeal({ id: 'a2' })]);
      const c = await onlineConsole(server);
      await eventually(settled(c));
      server.loseAcks = 1;
      await c.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Перед передачей' });
      await eventually(() => expect(server.applied).toHaveLength(1));
      // a1 came with the rest of the scope: it is inside a snapshot pack, and must leave that too
      expect((await c.db.appealPacks.toArray()).flatMap((p) => packContent(p).appeals.map((a) => a.id))).toContain('a1');
      // redirected elsewhere while this console still waits for the acknowledgement of its comment
      server.evict('a1');
      await eventually(async () => expect(await holdsAppeal(c.db, 'a1')).toBe(false));
      expect((await c.db.appealPacks.toArray()).flatMap((p) => packContent(p).appeals.map((a) => a.id))).toEqual(['a2']);
      await eventually(() => expect(c.store.getState().queueIds).toEqual(['a2']));
      expect(c.store.getState().getAppeal('a1')).toBeUndefined();
      expect(await c.db.outbox.count()).toBe(0);
      expect(server.applied).toHaveLength(1);
    });

    it('re-bootstraps confirmed data on CURSOR_RESET and keeps the outbox', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1' })]);
      const c = makeConsole();
      await c.db.setMeta('session', makeSession());
      await c.db.setMeta('cursor', 999); // ahead of the server (restored from a backup)
      await c.db.appeals.put(makeAppeal({ id: 'stale' }));
      await c.store.getState().init();
      await c.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Не потерять' });
      stopConsoles();
      server.loseAcks = 0;
      server.refusals = [];
      const online = await onlineConsole(server, { db: c.db });
      await eventually(settled(online));
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(server.cursor));
      expect(await holdsAppeal(c.db, 'stale')).toBe(false);
      expect(await holdsAppeal(c.db, 'a1')).toBe(true);
      expect(server.applied.map((m) => m.name)).toEqual(['appeal.comment']);
    });

    it('says "update required" when the server refuses the protocol, keeping the outbox', async () => {
      const server = new FakeSyncServer();
      server.refusals = [{ code: 'PROTOCOL_TOO_OLD', message: 'Обновите консоль' }];
      const c = makeConsole(undefined, { socketFactory: server.factory });
      await c.db.setMeta('session', makeSession());
      await c.store.getState().init();
      await c.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Ждёт обновления' });
      await eventually(() => expect(c.store.getState().sync.connection).toBe('update_required'));
      expect(await c.db.outbox.count()).toBe(1);
    });

    it('refreshes an expired access token and reconnects with the new one', async () => {
      const server = new FakeSyncServer();
      server.refusals = [{ code: 'TOKEN_EXPIRED', message: 'expired' }];
      const c = await onlineConsole(server);
      await eventually(settled(c));
      expect(server.handshakes.map((h) => h.token)).toEqual(['access-1', 'access-2']);
      expect((await c.db.getMeta('session'))?.accessToken).toBe('access-2');
    });

    it('signs out and wipes local data when the user is disabled', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'a1' })]);
      const c = await onlineConsole(server);
      await eventually(settled(c));
      await eventually(async () => expect(await countAppeals(c.db)).toBe(1));
      for (const s of server.sockets) s.receive('session:revoked', { code: 'USER_DISABLED', message: 'Пользователь отключён' });
      await eventually(() => expect(c.store.getState().sync.connection).toBe('signed_out'));
      expect(c.store.getState().sync.lastError).toBe('Пользователь отключён');
      expect(await countAppeals(c.db)).toBe(0);
      expect(await c.db.getMeta('session')).toBeUndefined();
    });

    it('signs out but keeps local work when the refresh token is refused', async () => {
      const server = new FakeSyncServer();
      server.refusals = [{ code: 'TOKEN_EXPIRED', message: 'expired' }];
      const c = makeConsole(undefined, {
        socketFactory: server.factory,
        refreshAnswers: [{ status: 401, body: { error: { code: 'REFRESH_INVALID', message: 'Войдите снова' } } }],
      });
      await c.db.setMeta('session', makeSession());
      await c.store.getState().init();
      await c.store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Останется' });
      await eventually(() => expect(c.store.getState().sync.connection).toBe('signed_out'));
      expect(await c.db.outbox.count()).toBe(1);
    });
  });

  describe('desktop notifications', () => {
    it('notifies about an appeal newly assigned to me in a pull, not about ones from the initial sync', async () => {
      const server = new FakeSyncServer();
      server.seed([makeAppeal({ id: 'old', assigneeId: OPERATOR.id }), makeAppeal({ id: 'a2' })]);
      const c = await onlineConsole(server);
      await eventually(async () => expect(await c.db.getMeta('cursor')).toBe(2));
      expect(c.calls.notify).toEqual([]);
      server.change({ ...server.appeals.get('a2')!, assigneeId: OPERATOR.id, version: 2 });
      await eventually(() => expect(c.calls.notify).toHaveLength(1));
      expect(c.calls.notify[0]!.title).toContain(server.appeals.get('a2')!.number);
    });

    it('reminds once per appeal an hour before its deadline', async () => {
      const now = Date.parse('2026-11-23T12:00:00.000Z');
      const c = makeConsole();
      await c.db.setMeta('session', makeSession());
      const soon = makeAppeal({ id: 'soon', assigneeId: OPERATOR.id, resolutionDueAt: '2026-11-23T12:40:00.000Z' });
      const later = makeAppeal({ id: 'later', assigneeId: OPERATOR.id, resolutionDueAt: '2026-11-23T15:00:00.000Z' });
      const colleagues = makeAppeal({ id: 'theirs', assigneeId: 'u-other', resolutionDueAt: '2026-11-23T12:30:00.000Z' });
      const { commitSnapshotPage } = await import('../data/sync-writes.js');
      await commitSnapshotPage(c.db, { cursor: 1, phase: 'rest', appeals: [soon, later, colleagues], comments: [], events: [], after: null, hasMore: false, total: 3 }, 3);
      await c.store.getState().init();
      expect(await c.store.runtime.checkDeadlines(now)).toBe(1);
      expect(await c.store.runtime.checkDeadlines(now + 60_000)).toBe(0);
      expect(c.calls.notify.map((n) => n.tag)).toEqual(['deadline:soon']);
    });
  });
});
