// The console's sync client and store against the real server process: offline work, live changes, conflicts, eviction.
// IndexedDB comes from fake-indexeddb (Node has none): this checks the sync logic over the real socket.io
// protocol; the same flows in a real browser belong to the end-to-end tests.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtklikDb } from '../renderer/src/data/db.js';
import { socketIoFactory } from '../renderer/src/data/sync-client.js';
import { createConsoleStore } from '../renderer/src/store/create-store.js';
import type { ConsoleStore } from '../renderer/src/store/contract.js';
import { FIXTURE_PASSWORD, ORG_A, ORG_B, seedFixture, startServerProcess, USERS, type ServerProcess } from './support/index.js';

let server: ServerProcess;
let dataDir: string;
const consoles: Array<ReturnType<typeof createConsoleStore>> = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-console-sync-'));
  await seedFixture({ dataDir });
  server = await startServerProcess({ dataDir });
});

afterAll(async () => {
  for (const c of consoles) c.runtime.dispose();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const silentBridge = {
  notify: async () => undefined,
  mirrorOutbox: async () => undefined,
  readOutboxMirror: async () => null,
  setUnsentCount: () => undefined,
};

async function openConsole(login: string, db = new OtklikDb(`console-${login}-${Math.random()}`)) {
  const store = createConsoleStore({
    db,
    bridge: silentBridge,
    fetch: (url, init) => fetch(url, init),
    socketFactory: socketIoFactory,
    location: null,
    envServerUrl: server.url,
  });
  consoles.push(store);
  await store.getState().init();
  if (!store.getState().user) expect(await store.getState().login(login, FIXTURE_PASSWORD)).toEqual({ ok: true });
  return store;
}

async function eventually(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const synced = (store: { getState(): ConsoleStore }) => () => {
  const { sync } = store.getState();
  expect(sync.connection).toBe('online');
  expect(sync.pendingCount).toBe(0);
  expect(sync.progress).toBeNull();
};

describe('console sync against the real server', () => {
  it('loads its organisation, sends offline work exactly once, and another console sees it within a second', async () => {
    const a = await openConsole(USERS.operatorA.login);
    await eventually(() => expect(a.getState().totalLocal).toBe(3));
    expect(a.getState().queueIds.every((id) => id.startsWith(ORG_A))).toBe(true);
    const b = await openConsole(USERS.operatorA2.login);
    await eventually(() => expect(b.getState().totalLocal).toBe(3));

    a.runtime.stopSync(); // offline
    const target = `${ORG_A}-ap-1`;
    await a.getState().mutate('appeal.triage', { appealId: target, category: 'roads', priority: 'fast_track', municipalityId: null, kind: 'incident' });
    await a.getState().mutate('appeal.comment', { appealId: target, commentId: 'console-sync-c1', text: 'Передано в дорожную службу' });
    expect(a.getState().sync.pendingCount).toBe(2);
    expect(a.getState().getAppeal(target)?.category).toBe('roads');

    a.runtime.startSync(); // online again
    await eventually(synced(a));
    const started = Date.now();
    await eventually(() => expect(b.getState().getAppeal(target)?.category).toBe('roads'), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    await b.getState().openAppeal(target);
    await eventually(() => expect(b.getState().detail?.comments.map((c) => c.text)).toContain('Передано в дорожную службу'));
    expect(a.getState().getAppeal(target)?.version).toBe(2);
  });

  it('gets the history of an appeal outside its own queue from the server when the appeal is opened', async () => {
    const writer = await openConsole(USERS.operatorA2.login);
    const target = `${ORG_A}-ap-3`;
    await eventually(() => expect(writer.getState().getAppeal(target)).toBeDefined());
    await writer.getState().mutate('appeal.comment', { appealId: target, commentId: 'console-sync-h1', text: 'Заявитель уточнил адрес' });
    await eventually(synced(writer));

    const db = new OtklikDb(`console-history-${Math.random()}`);
    const reader = await openConsole(USERS.operatorA.login, db);
    await eventually(() => expect(reader.getState().totalLocal).toBe(3));
    await eventually(synced(reader));
    expect(reader.getState().getAppeal(target)?.assigneeId).not.toBe(reader.getState().user?.id);
    // an unassigned appeal is not in the own queue: the first sync did not bring its comments or history
    expect(await db.comments.where('appealId').equals(target).count()).toBe(0);
    expect(await db.events.where('appealId').equals(target).count()).toBe(0);

    await reader.getState().openAppeal(target);
    await eventually(() => expect(reader.getState().detail).toMatchObject({ historyComplete: true }));
    expect(reader.getState().detail?.comments.map((c) => c.text)).toContain('Заявитель уточнил адрес');
    expect(reader.getState().detail?.events.length).toBeGreaterThan(0);
    expect(await db.comments.where('appealId').equals(target).count()).toBeGreaterThan(0);
  });

  it('turns a concurrent edit into "needs attention" with both versions, and redo applies mine on theirs', async () => {
    const a = await openConsole(USERS.operatorA.login);
    const b = await openConsole(USERS.operatorA2.login);
    const target = `${ORG_A}-ap-2`;
    await eventually(() => expect(a.getState().getAppeal(target)).toBeDefined());
    await eventually(() => expect(b.getState().getAppeal(target)).toBeDefined());
    a.runtime.stopSync();
    b.runtime.stopSync();
    const version = a.getState().getAppeal(target)!.version;
    await a.getState().mutate('appeal.update', { appealId: target, expectedVersion: version, patch: { summary: 'Версия оператора A' } });
    await b.getState().mutate('appeal.update', { appealId: target, expectedVersion: version, patch: { summary: 'Версия оператора A2' } });
    a.runtime.startSync();
    await eventually(synced(a));
    b.runtime.startSync();
    await eventually(() => expect(b.getState().attention).toHaveLength(1));
    const [item] = b.getState().attention;
    expect(item).toMatchObject({ code: 'VERSION_CONFLICT', appealId: target });
    expect(item!.theirs?.summary).toBe('Версия оператора A');
    expect(item!.mine?.summary).toBe('Версия оператора A2');

    await b.getState().redo(item!.mutationId);
    await eventually(() => expect(a.getState().getAppeal(target)?.summary).toBe('Версия оператора A2'));
    expect(b.getState().attention).toEqual([]);
  });

  it('drops an appeal reassigned to another organisation from the first console', async () => {
    const a = await openConsole(USERS.operatorA.login);
    const b = await openConsole(USERS.operatorB.login);
    const target = `${ORG_A}-ap-3`;
    await eventually(() => expect(a.getState().queueIds).toContain(target));
    await a.getState().mutate('appeal.assign', { appealId: target, organisationId: ORG_B, assigneeId: null });
    await eventually(() => expect(a.getState().queueIds).not.toContain(target));
    expect(a.getState().getAppeal(target)).toBeUndefined();
    await eventually(() => expect(b.getState().getAppeal(target)?.organisationId).toBe(ORG_B));
  });
});
