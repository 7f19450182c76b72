// Authentication at the boundaries: login, refresh rotation, handshake refusals, and disabling a user cutting everything at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Reference, type Session } from '../shared/index.js';
import {
  connectClient,
  FIXTURE_PASSWORD,
  http,
  login,
  MutationSequence,
  createAppealArgs,
  optionalTestDatabase,
  randomId,
  RequestRefused,
  seedFixture,
  startServerProcess,
  USERS,
  ORG_A,
  type ServerProcess,
  type TestDatabase,
} from './support/index.js';

let server: ServerProcess;
let database: TestDatabase | null;
let dataDir: string;

beforeAll(async () => {
  database = await optionalTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-auth-'));
  await seedFixture({ dataDir, databaseUrl: database?.url ?? null });
  server = await startServerProcess({ dataDir, databaseUrl: database?.url ?? null });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestRefused);
  return error as RequestRefused;
};

describe('login and tokens', () => {
  it('refuses a wrong password and an unknown login with the same code', async () => {
    expect((await refusal(login(server.url, USERS.operatorA.login, 'wrong'))).code).toBe('INVALID_CREDENTIALS');
    expect((await refusal(login(server.url, 'nobody', FIXTURE_PASSWORD))).code).toBe('INVALID_CREDENTIALS');
  });

  it('answers a malformed login body with BAD_MESSAGE and status 400', async () => {
    const answer = await http(server.url, 'POST', '/auth/login', { rawBody: '{"login": 5' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'BAD_MESSAGE', message: expect.any(String) } });
    const wrongShape = await http(server.url, 'POST', '/auth/login', { body: { login: 'op-a' } });
    expect(wrongShape).toEqual({ status: 400, body: { error: { code: 'BAD_MESSAGE', message: expect.any(String) } } });
  });

  it('rotates the refresh token: the new one works, the used one is refused', async () => {
    const deviceId = randomId('dev');
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD, deviceId);
    const refreshed = await http<Session>(server.url, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken, deviceId } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect(refreshed.body.user.id).toBe(USERS.operatorA.id);

    const reused = await http(server.url, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken, deviceId } });
    expect(reused).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_INVALID' } } });
    const otherDevice = await http(server.url, 'POST', '/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken, deviceId: 'another-device' } });
    expect(otherDevice).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_INVALID' } } });
  });

  it('refuses a refresh token after logout', async () => {
    const deviceId = randomId('dev');
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD, deviceId);
    expect((await http(server.url, 'POST', '/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(200);
    const after = await http(server.url, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken, deviceId } });
    expect(after).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_INVALID' } } });
  });

  it('gives an operator the reference data of their region with the users of their organisation only', async () => {
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const answer = await http<Reference>(server.url, 'GET', '/api/reference', { token: session.accessToken });
    expect(answer.status).toBe(200);
    expect(answer.body.organisations.length).toBe(3);
    expect(answer.body.users.length).toBeGreaterThan(0);
    expect(answer.body.users.every((u) => u.organisationId === ORG_A)).toBe(true);
    const anonymous = await http(server.url, 'GET', '/api/reference');
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('answers GET /health', async () => {
    const answer = await http<{ ok: boolean; protocolVersion: number }>(server.url, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, protocolVersion: PROTOCOL_VERSION });
  });
});

describe('socket handshake', () => {
  it('refuses a connection without a token, with a forged token, and from a console that is too old or too new', async () => {
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const clientId = randomId('cl');
    expect((await refusal(connectClient(server.url, session, clientId, { auth: { clientId } }))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(connectClient(server.url, `${session.accessToken}x`, clientId))).code).toBe('UNAUTHENTICATED');
    const old = await refusal(connectClient(server.url, session, clientId, { protocolVersion: 0 }));
    expect(old.code).toBe('PROTOCOL_TOO_OLD');
    expect(old.message).toMatch(/update the console/);
    expect((await refusal(connectClient(server.url, session, clientId, { protocolVersion: PROTOCOL_VERSION + 1 }))).code).toBe('PROTOCOL_TOO_NEW');
    expect((await refusal(connectClient(server.url, session, clientId, { auth: { token: session.accessToken, clientId: 'bad id!' } }))).code).toBe('BAD_MESSAGE');
  });

  it('refuses an expired access token with TOKEN_EXPIRED', async () => {
    const shortLived = await startServerProcess({
      dataDir,
      databaseUrl: database?.url ?? null,
      env: { OTKLIK_ACCESS_TTL_SECONDS: '1' },
    });
    try {
      const session = await login(shortLived.url, USERS.operatorA.login, FIXTURE_PASSWORD);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await refusal(connectClient(shortLived.url, session))).code).toBe('TOKEN_EXPIRED');
      const answer = await http(shortLived.url, 'GET', '/api/reference', { token: session.accessToken });
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_EXPIRED' } } });
    } finally {
      await shortLived.kill('SIGTERM');
    }
  });

  it('lets only an admin disable users', async () => {
    const operator = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const answer = await http(server.url, 'POST', '/api/admin/users/disable', {
      token: operator.accessToken,
      body: { userId: USERS.operatorA2.id, disabled: true },
    });
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('cuts a disabled user at once: live socket revoked and closed, token, refresh and login refused', async () => {
    const deviceId = randomId('dev');
    const victim = await login(server.url, USERS.hotlineA.login, FIXTURE_PASSWORD, deviceId);
    const admin = await login(server.url, USERS.admin.login, FIXTURE_PASSWORD);
    const live = await connectClient(server.url, victim);
    const pushed = await live.push([new MutationSequence(live.clientId).next('appeal.create', createAppealArgs())]);
    expect(pushed.ok).toBe(true);

    const disconnected = live.waitForDisconnect(2_000);
    const answer = await http(server.url, 'POST', '/api/admin/users/disable', {
      token: admin.accessToken,
      body: { userId: USERS.hotlineA.id, disabled: true },
    });
    expect(answer).toMatchObject({ status: 200, body: { user: { id: USERS.hotlineA.id, disabled: true } } });
    expect(await disconnected).toBe('io server disconnect');
    expect(live.revoked).toEqual({ code: 'USER_DISABLED', message: expect.any(String) });

    expect((await refusal(connectClient(server.url, victim))).code).toBe('USER_DISABLED');
    expect(await http(server.url, 'GET', '/api/reference', { token: victim.accessToken })).toMatchObject({
      status: 403,
      body: { error: { code: 'USER_DISABLED' } },
    });
    expect(await http(server.url, 'POST', '/auth/refresh', { body: { refreshToken: victim.refreshToken, deviceId } })).toMatchObject({
      status: 401,
      body: { error: { code: 'REFRESH_INVALID' } },
    });
    expect((await refusal(login(server.url, USERS.hotlineA.login, FIXTURE_PASSWORD))).code).toBe('USER_DISABLED');

    const enabled = await http(server.url, 'POST', '/api/admin/users/disable', {
      token: admin.accessToken,
      body: { userId: USERS.hotlineA.id, disabled: false },
    });
    expect(enabled.status).toBe(200);
    const back = await connectClient(server.url, await login(server.url, USERS.hotlineA.login, FIXTURE_PASSWORD));
    expect(back.hello.user.disabled).toBe(false);
    await back.close();
  });
});
