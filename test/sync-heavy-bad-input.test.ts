// Bad input against a real server process: each malformed, oversized, wrong-version or unknown message gets its error code, and the connection, the server and the store survive it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENTS,
  MAX_MESSAGE_BYTES,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Change,
  type ErrorCode,
  type MutationResult,
  type Result,
  type Session,
} from '../shared/index.js';
import { connectClient, createAppealArgs, http, login, RequestRefused, type SyncClient } from './support/client.js';
import { ORG_A, USERS } from './support/fixtures.js';
import { commentArgs, FIXTURE_PASSWORD, MutationSequence, pushOk, randomId, startSeededServer, type SeededServer } from './support/heavy-helpers.js';

let env: SeededServer;
let session: Session;
let client: SyncClient;
let seq: MutationSequence;
const DEVICE = randomId('dev');

beforeAll(async () => {
  env = await startSeededServer();
  session = await login(env.server.url, USERS.operatorA.login, FIXTURE_PASSWORD, DEVICE);
  client = await connectClient(env.server.url, session, randomId('cl'), { ackTimeoutMs: 3_000 });
  seq = new MutationSequence(client.clientId);
});

afterAll(async () => {
  await client?.close();
  await env?.stop();
});

const APPEAL = `${ORG_A}-ap-1`;
const now = () => new Date().toISOString();

interface StoreView {
  changes: Change[];
  cursor: number;
  lastMutationId: number;
}

/** What the console can see of the store: every change from 0, the head and its own counter. */
async function view(of: SyncClient = client): Promise<StoreView> {
  const all = await of.pullAll(0, MAX_PULL_LIMIT);
  return { changes: all.changes, cursor: all.cursor, lastMutationId: all.lastMutationId };
}

/** A normal push right after: the connection still works and the next mutationId is still the expected one. */
async function normalPushWorks(of: SyncClient = client, sequence: MutationSequence = seq): Promise<void> {
  const answer = await pushOk(of, [sequence.next('appeal.comment', commentArgs(APPEAL, 'Проверка связи после плохого сообщения'))]);
  expect(answer.results).toEqual([{ mutationId: sequence.peek - 1, status: 'applied', seq: expect.any(Number) }]);
}

/** Sends one bad message, expects exactly the error code, the store unchanged, and a working connection afterwards. */
async function refusedWhole(event: string, payload: unknown, code: ErrorCode): Promise<void> {
  const before = await view();
  const answer = (await client.emitRaw(event, payload)) as Result<unknown>;
  expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 120)}`).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  expect(client.socket.connected).toBe(true);
  expect(await view()).toEqual(before);
  await normalPushWorks();
}

/** An envelope for this client with the next mutationId, with any name and args. */
const envelope = (name: string, args: unknown, mutationId = seq.peek) => ({ clientId: client.clientId, mutationId, name, args, createdAt: now() });

describe('socket messages', () => {
  it('answers payloads that are not objects, or lack fields, with BAD_MESSAGE and changes nothing', async () => {
    for (const event of [EVENTS.push, EVENTS.pull, EVENTS.snapshot]) {
      for (const payload of [42, 'push', null, true, [1, 2, 3], Buffer.from('binary')]) {
        // A Buffer is an object to zod, and every snapshot field has a default: it reads as a first-page request (harmless).
        if (event === EVENTS.snapshot && Buffer.isBuffer(payload)) continue;
        await refusedWhole(event, payload, 'BAD_MESSAGE');
      }
    }
    await refusedWhole(EVENTS.push, {}, 'BAD_MESSAGE');
    await refusedWhole(EVENTS.pull, {}, 'BAD_MESSAGE');
    await refusedWhole(EVENTS.push, { mutations: [] }, 'BAD_MESSAGE');
    const { createdAt: _createdAt, ...noCreatedAt } = envelope('appeal.comment', commentArgs(APPEAL, 'x'));
    await refusedWhole(EVENTS.push, { mutations: [noCreatedAt] }, 'BAD_MESSAGE');
    const { clientId: _clientId, ...noClientId } = envelope('appeal.comment', commentArgs(APPEAL, 'x'));
    await refusedWhole(EVENTS.push, { mutations: [noClientId] }, 'BAD_MESSAGE');
    let nested: unknown = 'deep';
    for (let i = 0; i < 2_000; i++) nested = [nested];
    await refusedWhole(EVENTS.push, { mutations: nested }, 'BAD_MESSAGE');
  });

  it('answers wrong types, strings where numbers go and out-of-range numbers with BAD_MESSAGE and changes nothing', async () => {
    await refusedWhole(EVENTS.push, { mutations: 'all of them' }, 'BAD_MESSAGE');
    await refusedWhole(EVENTS.push, { mutations: [envelope('appeal.comment', commentArgs(APPEAL, 'x'), '1' as unknown as number)] }, 'BAD_MESSAGE');
    for (const mutationId of [-1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      await refusedWhole(EVENTS.push, { mutations: [envelope('appeal.comment', commentArgs(APPEAL, 'x'), mutationId)] }, 'BAD_MESSAGE');
    }
    await refusedWhole(EVENTS.push, { mutations: [{ ...envelope('appeal.comment', commentArgs(APPEAL, 'x')), createdAt: 'yesterday' }] }, 'BAD_MESSAGE');
    await refusedWhole(EVENTS.push, { mutations: [{ ...envelope('appeal.comment', commentArgs(APPEAL, 'x')), clientId: 'not an id!' }] }, 'BAD_MESSAGE');
    for (const pull of [{ cursor: '0' }, { cursor: -1 }, { cursor: 1.5 }, { cursor: 0, limit: 0 }, { cursor: 0, limit: MAX_PULL_LIMIT + 1 }, { cursor: 0, limit: '10' }]) {
      await refusedWhole(EVENTS.pull, pull, 'BAD_MESSAGE');
    }
    for (const snapshot of [{ phase: 'all' }, { after: 'not an id!' }, { limit: -5 }, { cursor: 'now' }]) {
      await refusedWhole(EVENTS.snapshot, snapshot, 'BAD_MESSAGE');
    }
  });

  it(`refuses more than ${MAX_PUSH_MUTATIONS} mutations in one push and a name over 64 characters as a whole`, async () => {
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => envelope('appeal.comment', commentArgs(APPEAL, 'x'), seq.peek + i));
    await refusedWhole(EVENTS.push, { mutations: tooMany }, 'BAD_MESSAGE');
    await refusedWhole(EVENTS.push, { mutations: [envelope('appeal.'.padEnd(65, 'x'), {})] }, 'BAD_MESSAGE');
  });

  it(`answers a message over MAX_MESSAGE_BYTES (${MAX_MESSAGE_BYTES}) with MESSAGE_TOO_LARGE and keeps the connection`, async () => {
    const text = 'Я'.repeat(10_000); // 20 kB of UTF-8 each, within LongText
    const mutations = Array.from({ length: 60 }, (_, i) => envelope('appeal.comment', commentArgs(APPEAL, text), seq.peek + i));
    expect(Buffer.byteLength(JSON.stringify({ mutations }))).toBeGreaterThan(MAX_MESSAGE_BYTES);
    await refusedWhole(EVENTS.push, { mutations }, 'MESSAGE_TOO_LARGE');
    await refusedWhole(EVENTS.pull, { cursor: 0, padding: 'x'.repeat(MAX_MESSAGE_BYTES) }, 'MESSAGE_TOO_LARGE');
  });

  it('drops only the connection of a message beyond the transport limit: the server survives and the console reconnects', async () => {
    const clientId = randomId('cl');
    const victim = await connectClient(env.server.url, session, clientId, { ackTimeoutMs: 3_000 });
    const before = await view(victim);
    const closed = victim.waitForDisconnect(10_000);
    await expect(victim.emitRaw(EVENTS.push, { mutations: 'x'.repeat(MAX_MESSAGE_BYTES * 6) })).rejects.toThrow();
    await closed;
    const again = await connectClient(env.server.url, session, clientId);
    try {
      expect(await view(again)).toEqual(before);
      await normalPushWorks(again, new MutationSequence(clientId));
    } finally {
      await again.close();
    }
    await normalPushWorks();
  });

  it('rejects unknown mutation names one by one with UNKNOWN_MUTATION, recorded, without touching the data', async () => {
    const before = await view();
    const names = ['appeal.delete', 'APPEAL.CREATE', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''];
    const mutations = names.map((name, i) => envelope(name, { appealId: APPEAL }, seq.peek + i));
    const answer = await pushOk(client, mutations);
    expect(answer.results).toEqual(
      mutations.map((m) => ({ mutationId: m.mutationId, status: 'rejected', code: 'UNKNOWN_MUTATION', message: expect.any(String), current: null })),
    );
    for (let i = 0; i < names.length; i++) seq.next('appeal.comment', commentArgs(APPEAL, 'skipped'));
    const after = await view();
    expect(after.changes).toEqual(before.changes);
    expect(after.cursor).toBe(before.cursor);
    expect(after.lastMutationId).toBe(before.lastMutationId + names.length);
    // A retry gets the recorded answer.
    expect((await pushOk(client, mutations)).results).toEqual(answer.results);
    await normalPushWorks();
  });

  it('rejects a known mutation with wrong or missing args with BAD_MESSAGE, recorded, without touching the data', async () => {
    const before = await view();
    const create = createAppealArgs();
    const cases: unknown[] = [
      { ...create, priority: 5 },
      { ...create, receivedAt: 1_700_000_000 },
      { ...create, citizen: 'Иванов' },
      { ...create, originalText: '' },
      { ...create, id: 'bad id!' },
      { appealId: APPEAL },
      null,
      'args',
    ];
    const mutations = cases.map((args, i) => envelope(i < 5 ? 'appeal.create' : 'appeal.comment', args, seq.peek + i));
    const answer = await pushOk(client, mutations);
    expect(answer.results.map((r: MutationResult) => (r.status === 'rejected' ? r.code : r.status))).toEqual(cases.map(() => 'BAD_MESSAGE'));
    for (let i = 0; i < cases.length; i++) seq.next('appeal.comment', commentArgs(APPEAL, 'skipped'));
    const after = await view();
    expect(after.changes).toEqual(before.changes);
    expect(after.lastMutationId).toBe(before.lastMutationId + cases.length);
    await normalPushWorks();
  });

  it('rejects mutations carrying another clientId with BAD_MESSAGE and records nothing for them', async () => {
    const before = await view();
    const foreign = { ...envelope('appeal.comment', commentArgs(APPEAL, 'чужой клиент')), clientId: randomId('cl') };
    const answer = await pushOk(client, [foreign]);
    expect(answer).toEqual({
      results: [{ mutationId: foreign.mutationId, status: 'rejected', code: 'BAD_MESSAGE', message: expect.any(String), current: null }],
      lastMutationId: before.lastMutationId,
    });
    expect(await view()).toEqual(before);
    await normalPushWorks();
  });

  it('ignores a push without an ack callback: nothing is applied and the mutationId stays free', async () => {
    const before = await view();
    const comment = commentArgs(APPEAL, 'без подтверждения');
    const unacknowledged = envelope('appeal.comment', comment);
    client.socket.emit(EVENTS.push, { mutations: [unacknowledged] });
    // Wait for a round trip that was sent after it, so the server has read the ack-less push by now.
    await view();
    expect(await view()).toEqual(before);
    const answer = await pushOk(client, [unacknowledged]);
    expect(answer.results).toEqual([{ mutationId: unacknowledged.mutationId, status: 'applied', seq: expect.any(Number) }]);
    seq.next('appeal.comment', comment);
    const comments = (await view()).changes.filter((c) => c.type === 'comment' && c.comment.id === comment.commentId);
    expect(comments).toHaveLength(1);
  });

  it('answers events it does not know with BAD_MESSAGE and keeps the connection', async () => {
    for (const event of ['sync:delete', 'garbage', 'sync:poke', 'session:revoked', 'connect', '']) {
      if (event === 'connect') continue; // reserved by socket.io: the client refuses to emit it
      await refusedWhole(event, { cursor: 0 }, 'BAD_MESSAGE');
    }
  });
});

describe('socket handshakes', () => {
  const refused = async (auth: unknown): Promise<string> => {
    const error = await connectClient(env.server.url, session, randomId('cl'), { auth }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestRefused);
    return (error as RequestRefused).code;
  };

  it('refuses wrong versions and malformed handshakes with their codes, and the server keeps serving', async () => {
    const base = { token: session.accessToken, clientId: randomId('cl'), protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };
    expect(await refused({ ...base, protocolVersion: 0 })).toBe('PROTOCOL_TOO_OLD');
    expect(await refused({ ...base, protocolVersion: 999 })).toBe('PROTOCOL_TOO_NEW');
    expect(await refused({ ...base, schemaVersion: 999 })).toBe('PROTOCOL_TOO_NEW');
    expect(await refused({ ...base, protocolVersion: '1' })).toBe('BAD_MESSAGE');
    expect(await refused({ ...base, schemaVersion: 0 })).toBe('BAD_MESSAGE');
    expect(await refused({ ...base, clientId: undefined })).toBe('BAD_MESSAGE');
    expect(await refused({ ...base, clientId: 'x'.repeat(65) })).toBe('BAD_MESSAGE');
    expect(await refused({ ...base, token: 42 })).toBe('UNAUTHENTICATED');
    expect(await refused({ ...base, token: 'not.a.jwt' })).toBe('UNAUTHENTICATED');
    expect(await refused({})).toBe('UNAUTHENTICATED');
    const before = await view();
    await normalPushWorks();
    expect((await view()).cursor).toBeGreaterThan(before.cursor);
  });
});

describe('HTTP', () => {
  const post = (path: string, options: Parameters<typeof http>[3]) => http<{ error?: { code: string } }>(env.server.url, 'POST', path, options);

  it('answers bad login and refresh bodies with their codes and statuses', async () => {
    const deviceId = randomId('dev');
    const cases: Array<[string, Parameters<typeof http>[3], number, ErrorCode]> = [
      ['/auth/login', { rawBody: '{"login": "op-a", ' }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { rawBody: 'null' }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: [] }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: {} }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: { login: USERS.operatorA.login, deviceId } }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: { login: 42, password: FIXTURE_PASSWORD, deviceId } }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: { login: USERS.operatorA.login, password: FIXTURE_PASSWORD, deviceId: 'bad id!' } }, 400, 'BAD_MESSAGE'],
      ['/auth/login', { body: { login: USERS.operatorA.login, password: 'неверный', deviceId } }, 401, 'INVALID_CREDENTIALS'],
      ['/auth/login', { body: { login: 'никто', password: FIXTURE_PASSWORD, deviceId } }, 401, 'INVALID_CREDENTIALS'],
      ['/auth/login', { body: { login: USERS.operatorA.login, password: 'x'.repeat(MAX_MESSAGE_BYTES + 10), deviceId } }, 413, 'MESSAGE_TOO_LARGE'],
      ['/auth/refresh', { body: { refreshToken: 'garbage-token', deviceId } }, 401, 'REFRESH_INVALID'],
      ['/auth/refresh', { body: { refreshToken: 'x'.repeat(513), deviceId } }, 400, 'BAD_MESSAGE'],
      ['/auth/refresh', { body: { refreshToken: session.refreshToken } }, 400, 'BAD_MESSAGE'],
      ['/auth/refresh', { rawBody: '{refreshToken}' }, 400, 'BAD_MESSAGE'],
    ];
    for (const [path, options, status, code] of cases) {
      const answer = await post(path, options);
      expect({ path, sent: JSON.stringify(options).slice(0, 80), status: answer.status, code: answer.body?.error?.code }).toEqual({
        path, sent: JSON.stringify(options).slice(0, 80), status, code,
      });
    }
    // A body that is not JSON at all.
    const plain = await fetch(`${env.server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'login=op-a' });
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('BAD_MESSAGE');
    // The server still logs people in, and the refresh token of the session is still good.
    await login(env.server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const refreshed = await post('/auth/refresh', { body: { refreshToken: session.refreshToken, deviceId: DEVICE } });
    expect(refreshed.status).toBe(200);
    expect((await http(env.server.url, 'GET', '/health')).status).toBe(200);
  });
});
