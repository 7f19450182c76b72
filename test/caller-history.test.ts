// GET /api/caller-history: the caller's appeals the server holds, in the user's scope, newest first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerHistoryResponse, Session } from '../shared/index.js';
import {
  buildFixture,
  FIXTURE_PASSWORD,
  fixtureAppeal,
  http,
  login,
  optionalTestDatabase,
  ORG_A,
  ORG_B,
  seedFixture,
  startServerProcess,
  USERS,
  type ServerProcess,
  type TestDatabase,
} from './support/index.js';

const CALLER = '+79161112233';
const OTHER = '+79169998877';

let server: ServerProcess;
let database: TestDatabase | null;
let dataDir: string;
let operatorA: Session;
let supervisor: Session;

beforeAll(async () => {
  database = await optionalTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-caller-history-'));
  const data = buildFixture({ appealsPerOrganisation: 1 });
  const citizen = (phone: string) => ({ name: 'Петров Пётр', phone, email: null, handle: null });
  const day = (d: number) => new Date(Date.UTC(2025, 2, d, 9)).toISOString();
  data.appeals.push(
    fixtureAppeal('ch-a-old', ORG_A, { citizen: citizen(CALLER), receivedAt: day(1), subject: 'Яма' }),
    fixtureAppeal('ch-a-new', ORG_A, { citizen: citizen(CALLER), receivedAt: day(5), subject: 'Свет' }),
    fixtureAppeal('ch-b', ORG_B, { citizen: citizen(CALLER), receivedAt: day(3) }),
    fixtureAppeal('ch-a-other', ORG_A, { citizen: citizen(OTHER), receivedAt: day(4) }),
    // the number inside another field must not count as the caller's
    fixtureAppeal('ch-a-name', ORG_A, { citizen: { name: CALLER, phone: null, email: null, handle: null }, receivedAt: day(6) }),
  );
  await seedFixture({ dataDir, databaseUrl: database?.url ?? null }, data);
  server = await startServerProcess({ dataDir, databaseUrl: database?.url ?? null });
  operatorA = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
  supervisor = await login(server.url, USERS.supervisor.login, FIXTURE_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

const history = (phone: string, token?: string) =>
  http<CallerHistoryResponse & { error?: { code: string } }>(server.url, 'GET', `/api/caller-history?phone=${encodeURIComponent(phone)}`, { token });

describe('GET /api/caller-history', () => {
  it("finds the caller's appeals of the own organisation, newest first, whatever way the number is typed", async () => {
    const answer = await history('8 (916) 111-22-33', operatorA.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.body.appeals.map((a) => a.id)).toEqual(['ch-a-new', 'ch-a-old']);
    expect(answer.body.appeals[0]).toEqual({
      id: 'ch-a-new',
      number: 'ТСТ-ch-a-new',
      status: 'new',
      subject: 'Свет',
      receivedAt: new Date(Date.UTC(2025, 2, 5, 9)).toISOString(),
      organisationId: ORG_A,
    });
  });

  it("leaves out another organisation's appeals, which a supervisor sees across the region", async () => {
    const own = await history(CALLER, operatorA.accessToken);
    expect(own.body.appeals.some((a) => a.organisationId === ORG_B)).toBe(false);
    const region = await history(CALLER, supervisor.accessToken);
    expect(region.body.appeals.map((a) => a.id)).toEqual(['ch-a-new', 'ch-b', 'ch-a-old']);
  });

  it('answers an unknown caller with no appeals', async () => {
    const answer = await history('+79160000000', operatorA.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.body.appeals).toEqual([]);
  });

  it('refuses without a token', async () => {
    const answer = await history(CALLER);
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('UNAUTHENTICATED');
  });

  it('answers a bad or missing phone with BAD_MESSAGE', async () => {
    for (const path of ['/api/caller-history?phone=12345', '/api/caller-history?phone=%2B7abc', '/api/caller-history']) {
      const answer = await http<{ error: { code: string } }>(server.url, 'GET', path, { token: operatorA.accessToken });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('BAD_MESSAGE');
    }
  });
});
