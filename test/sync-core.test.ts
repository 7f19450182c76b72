// Core sync behaviour against a real server process on SQLite: push, pull, pokes, exactly-once delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createAppealArgs,
  FIXTURE_PASSWORD,
  login,
  MutationSequence,
  randomId,
  seedFixture,
  startServerProcess,
  unwrap,
  USERS,
  type ServerProcess,
} from './support/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let server: ServerProcess;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-core-'));
  await seedFixture({ dataDir });
  server = await startServerProcess({ dataDir });
});

afterAll(async () => {
  await server?.stop();
});

describe('push and pull', () => {
  it('applies a pushed create, returns it on pull and pokes a second console within a second', async () => {
    const sessionA = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const sessionA2 = await login(server.url, USERS.operatorA2.login, FIXTURE_PASSWORD);
    const pusher = await connectClient(server.url, sessionA);
    const watcher = await connectClient(server.url, sessionA2);
    try {
      const start = watcher.hello.cursor;
      const seq = new MutationSequence(pusher.clientId);
      const args = createAppealArgs();
      const poked = watcher.waitForPoke(start + 1, 1_000);
      const pushed = unwrap(await pusher.push([seq.next('appeal.create', args)]));
      expect(pushed.results).toEqual([{ mutationId: 1, status: 'applied', seq: expect.any(Number) }]);
      expect(pushed.lastMutationId).toBe(1);

      const startedAt = Date.now();
      await poked;
      const pulled = await watcher.pullAll(start);
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      const appeal = pulled.changes.find((c) => c.type === 'appeal' && c.appeal.id === args.id);
      expect(appeal).toMatchObject({ appeal: { id: args.id, status: 'new', organisationId: USERS.operatorA.organisationId, version: 1 } });
      expect(pulled.changes.some((c) => c.type === 'event' && c.event.appealId === args.id && c.event.deviceId === pusher.clientId)).toBe(true);
    } finally {
      await pusher.close();
      await watcher.close();
    }
  });
});
