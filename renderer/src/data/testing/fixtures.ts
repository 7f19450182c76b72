// Builders shared by the data-layer and store unit tests: appeals, users, sessions, a recording bridge.
import type { Appeal, User } from '../../../../shared/index.js';
import { Dexie } from 'dexie';
import { SCHEMA_HISTORY, type StoredSession } from '../db.js';

let counter = 0;

export const OPERATOR: User = {
  id: 'u-op',
  login: 'operator',
  displayName: 'Оператор Иванова',
  role: 'operator',
  organisationId: 'org-1',
  regionId: 'reg-1',
  disabled: false,
};

export function makeAppeal(overrides: Partial<Appeal> = {}): Appeal {
  counter++;
  const id = overrides.id ?? `a-${counter}`;
  return {
    id,
    number: `ЗРЧ-${String(counter).padStart(4, '0')}`,
    channel: 'vk',
    externalRef: null,
    citizen: { name: 'Пётр Сидоров', phone: '+79991234567', email: null, handle: null },
    originalText: 'Во дворе прорвало трубы, течёт вода',
    subject: 'Прорыв трубы',
    summary: '',
    address: 'ул. Ленина, 5',
    regionId: 'reg-1',
    municipalityId: 'mun-1',
    category: 'housing',
    priority: 'standard',
    kind: 'incident',
    status: 'new',
    organisationId: 'org-1',
    assigneeId: null,
    declineReason: null,
    duplicateOfId: null,
    consent: false,
    receivedAt: '2026-11-20T10:00:00.000Z',
    firstReactionDueAt: null,
    resolutionDueAt: '2026-11-30T10:00:00.000Z',
    firstReactionAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function makeSession(user: User = OPERATOR): StoredSession {
  return { accessToken: 'access-1', accessExpiresAt: '2026-11-23T18:00:00.000Z', refreshToken: 'refresh-1', user };
}

/** A bridge that records what the console asked the shell to do. */
export function recordingBridge(mirror: string | null = null) {
  const calls = { notify: [] as Array<{ title: string; body: string; tag?: string }>, mirrored: [] as string[], unsent: [] as number[] };
  return {
    calls,
    bridge: {
      async notify(n: { title: string; body: string; tag?: string }) {
        calls.notify.push(n);
      },
      async mirrorOutbox(json: string) {
        calls.mirrored.push(json);
      },
      async readOutboxMirror() {
        return mirror;
      },
      setUnsentCount(n: number) {
        calls.unsent.push(n);
      },
    },
  };
}

export function uniqueDbName(): string {
  return `otklik-test-${crypto.randomUUID()}`;
}

/** A fetch that answers login/refresh from a table of handlers, 404 otherwise. */
export function fakeFetch(routes: Record<string, (body: unknown) => { status: number; body: unknown }>) {
  const seen: Array<{ url: string; body: unknown }> = [];
  const fn = async (url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const body = init.body ? JSON.parse(String(init.body)) : null;
    seen.push({ url, body });
    const route = routes[path];
    const answer = route ? route(body) : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'not found' } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fn, seen };
}

/** Writes data as a console of schema `version` did, with only the stores that version had (upgrade tests). */
export async function writeAtVersion(name: string, version: number, fill: (db: Dexie) => Promise<void>): Promise<void> {
  const old = new Dexie(name);
  for (const step of SCHEMA_HISTORY.filter((s) => s.version <= version)) old.version(step.version).stores(step.stores);
  await old.open();
  await fill(old);
  old.close();
}
