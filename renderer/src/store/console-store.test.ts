import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { OtklikDb } from '../data/db.js';
import { NetworkError } from '../data/auth-api.js';
import { makeAppeal, makeSession, OPERATOR, uniqueDbName } from '../data/testing/fixtures.js';
import { eventually, makeConsole, stopConsoles, type HarnessOptions } from './testing/console-harness.js';

afterEach(stopConsoles);

const makeStore = (db: OtklikDb, extra: HarnessOptions = {}) => makeConsole(db, extra);

async function seed(db: OtklikDb, appeals = [makeAppeal()]) {
  await db.appeals.bulkPut(appeals);
  await db.setMeta('cursor', 10);
}

describe('console store', () => {
  it('starts signed out with no session and no server', async () => {
    const { store } = makeStore(new OtklikDb(uniqueDbName()));
    await store.getState().init();
    const s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.user).toBeNull();
    expect(s.sync.connection).toBe('signed_out');
    expect(s.serverUrl).toBe('http://sync.test');
  });

  it('takes the server the shell passed in ?server= and keeps it after a restart without it', async () => {
    const db = new OtklikDb(uniqueDbName());
    const { store } = makeStore(db, { location: { protocol: 'file:', origin: 'null' }, serverFromQuery: 'http://10.0.0.5:8080/' });
    await store.getState().init();
    expect(store.getState().serverUrl).toBe('http://10.0.0.5:8080');
    expect(await db.getMeta('serverUrl')).toBe('http://10.0.0.5:8080');
    const again = makeStore(db, { location: { protocol: 'file:', origin: 'null' } }).store;
    await again.getState().init();
    expect(again.getState().serverUrl).toBe('http://10.0.0.5:8080');
  });

  it('logs in with the console clientId as deviceId and refuses a wrong password with its code', async () => {
    const db = new OtklikDb(uniqueDbName());
    const { store, net } = makeStore(db);
    await store.getState().init();
    const bad = await store.getState().login('operator', 'wrong');
    expect(bad).toEqual({ ok: false, code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' });
    const good = await store.getState().login('operator', 'secret');
    expect(good).toEqual({ ok: true });
    expect(store.getState().user?.id).toBe(OPERATOR.id);
    expect((net.seen[1]!.body as { deviceId: string }).deviceId).toBe(await db.getMeta('clientId'));
  });

  it('opens after a restart with the last session and local data, offline', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [makeAppeal({ id: 'a1' })]);
    await db.setMeta('session', makeSession());
    const { store } = makeStore(db);
    await store.getState().init();
    const s = store.getState();
    expect(s.user?.id).toBe(OPERATOR.id);
    expect(s.sync.connection).not.toBe('signed_out');
    expect(s.queueIds).toEqual(['a1']);
    expect(s.getAppeal('a1')?.subject).toBe('Прорыв трубы');
  });

  it('shows a mutation at once and counts it as unsent, and it survives a restart', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [makeAppeal({ id: 'a1', status: 'new' })]);
    await db.setMeta('session', makeSession());
    const { store, calls } = makeStore(db);
    await store.getState().init();
    const { mutationId } = await store.getState().mutate('appeal.triage', {
      appealId: 'a1', category: 'roads', priority: 'fast_track', municipalityId: 'mun-1', kind: 'incident',
    });
    expect(mutationId).toBe(1);
    expect(store.getState().getAppeal('a1')?.category).toBe('roads');
    expect(store.getState().sync.pendingCount).toBe(1);
    expect([...store.getState().pendingAppealIds]).toEqual(['a1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.unsent.at(-1)).toBe(1);
    expect(JSON.parse(calls.mirrored.at(-1)!).outbox).toHaveLength(1);

    const again = makeStore(db).store;
    await again.getState().init();
    expect(again.getState().getAppeal('a1')?.category).toBe('roads');
    expect(again.getState().sync.pendingCount).toBe(1);
  });

  it('creates an appeal locally that appears in the queue before the server has seen it', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.setMeta('session', makeSession());
    const { store } = makeStore(db);
    await store.getState().init();
    await store.getState().mutate('appeal.create', {
      id: 'new-1', number: 'ЗРЧ-9-0001', channel: 'phone', citizen: { name: 'Анна', phone: '+79990000000', email: null, handle: null },
      originalText: 'Нет отопления в доме', receivedAt: '2026-11-23T10:00:00.000Z',
    });
    await Promise.resolve();
    expect(store.getState().queueIds).toContain('new-1');
    expect(store.getState().getAppeal('new-1')).toMatchObject({ status: 'new', organisationId: OPERATOR.organisationId, kind: 'incident' });
  });

  it('filters the queue and counts each facet with the other filters applied', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [
      makeAppeal({ id: 'r1', category: 'roads', channel: 'vk' }),
      makeAppeal({ id: 'r2', category: 'roads', channel: 'phone' }),
      makeAppeal({ id: 'h1', category: 'housing', channel: 'vk' }),
    ]);
    const { store } = makeStore(db);
    await store.getState().init();
    store.getState().setFilters({ category: ['roads'], channel: ['vk'] });
    const s = store.getState();
    expect(s.queueIds).toEqual(['r1']);
    expect(s.counts.category).toEqual({ roads: 1, housing: 1 });
    expect(s.counts.channel).toEqual({ vk: 1, phone: 1 });
  });

  it('wipes local data on logout but keeps the clientId and its numbering', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [makeAppeal({ id: 'a1' })]);
    await db.setMeta('session', makeSession());
    const { store } = makeStore(db);
    await store.getState().init();
    await store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Проверено' });
    const clientId = await db.getMeta('clientId');
    await store.getState().logout();
    expect(store.getState().user).toBeNull();
    expect(store.getState().sync.connection).toBe('signed_out');
    expect(store.getState().queueIds).toEqual([]);
    expect(await db.appeals.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.getMeta('session')).toBeUndefined();
    expect(await db.getMeta('clientId')).toBe(clientId);
    expect(await db.getMeta('nextMutationId')).toBe(2);
  });

  it('shows the opened appeal with its unsent comment', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [makeAppeal({ id: 'a1' })]);
    await db.comments.put({ id: 'c0', appealId: 'a1', authorId: 'u2', authorName: 'Коллега', text: 'Передано', createdAt: '2026-11-21T10:00:00.000Z' });
    await db.setMeta('session', makeSession());
    const { store } = makeStore(db);
    await store.getState().init();
    await store.getState().openAppeal('a1');
    const { mutationId } = await store.getState().mutate('appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Выехала бригада' });
    await new Promise((r) => setTimeout(r, 10));
    const detail = store.getState().detail!;
    expect(detail.comments.map((c) => c.text)).toEqual(['Передано', 'Выехала бригада']);
    expect(detail.pendingMutationIds).toEqual([mutationId]);
  });

  it('searches Russian word forms once the background index is built', async () => {
    const db = new OtklikDb(uniqueDbName());
    await seed(db, [
      makeAppeal({ id: 'pipes', originalText: 'Во дворе прорвало трубы', subject: '' }),
      makeAppeal({ id: 'road', originalText: 'Ямы на дороге', subject: '' }),
    ]);
    const { store } = makeStore(db);
    await store.getState().init();
    expect(store.getState().ready).toBe(true);
    await eventually(() => expect(store.getState().searchReady).toBe(true));
    store.getState().setFilters({ text: 'трубу' });
    expect(store.getState().queueIds).toEqual(['pipes']);
    store.getState().setFilters({ text: 'яма' });
    expect(store.getState().queueIds).toEqual(['road']);
  });

  it('starts once however many times init is called', async () => {
    const db = new OtklikDb(uniqueDbName());
    await db.setMeta('session', makeSession());
    const { store } = makeStore(db);
    await Promise.all([store.getState().init(), store.getState().init()]);
    expect(await db.meta.where('key').equals('clientId').count()).toBe(1);
    expect(store.getState().ready).toBe(true);
  });

  it('keeps a server chosen on the login screen across restarts', async () => {
    const db = new OtklikDb(uniqueDbName());
    const { store } = makeStore(db);
    await store.getState().init();
    await store.getState().setServerUrl(' http://10.1.1.1:9000/ ');
    expect(store.getState().serverUrl).toBe('http://10.1.1.1:9000');
    const again = makeStore(db).store;
    await again.getState().init();
    expect(again.getState().serverUrl).toBe('http://10.1.1.1:9000');
  });

  it('rejects login with a NetworkError when no server answers, so the UI can say the address is wrong', async () => {
    const { store } = makeStore(new OtklikDb(uniqueDbName()), { fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await store.getState().init();
    await expect(store.getState().login('operator', 'secret')).rejects.toBeInstanceOf(NetworkError);
    expect(store.getState().user).toBeNull();
  });
});
