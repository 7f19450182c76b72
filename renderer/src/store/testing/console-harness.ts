// Starts a console store over a fresh (fake) IndexedDB, a recording bridge and a fake network, for the store tests.
import type { Session } from '../../../../shared/index.js';
import { OtklikDb } from '../../data/db.js';
import type { SocketFactory } from '../../data/sync-client.js';
import { fakeFetch, makeSession, recordingBridge, uniqueDbName } from '../../data/testing/fixtures.js';
import { createConsoleStore, type ConsoleDeps } from '../create-store.js';

/** A socket that never gets through: the console is offline. */
export const neverConnects: SocketFactory = () => ({
  connected: false,
  active: true,
  on: () => undefined,
  connect: () => undefined,
  disconnect: () => undefined,
  timeout: () => ({ emitWithAck: () => new Promise(() => undefined) }),
});

const started: Array<ReturnType<typeof createConsoleStore>> = [];

/** Stops every console's timers and sockets (call in afterEach). */
export function stopConsoles(): void {
  for (const s of started.splice(0)) s.runtime.dispose();
}

export interface HarnessOptions extends Partial<ConsoleDeps> {
  mirror?: string | null;
  /** Answers of POST /auth/refresh, one per call. */
  refreshAnswers?: Array<{ status: number; body: unknown }>;
}

export function makeConsole(db: OtklikDb = new OtklikDb(uniqueDbName()), options: HarnessOptions = {}) {
  const { bridge, calls } = recordingBridge(options.mirror ?? null);
  const refreshAnswers = [...(options.refreshAnswers ?? [])];
  const net = fakeFetch({
    '/auth/login': (body) =>
      (body as { password: string }).password === 'secret'
        ? { status: 200, body: makeSession() }
        : { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' } } },
    '/auth/refresh': () =>
      refreshAnswers.shift() ?? { status: 200, body: { ...makeSession(), accessToken: 'access-2' } satisfies Session },
  });
  const store = createConsoleStore({
    db,
    bridge,
    fetch: net.fetch,
    socketFactory: neverConnects,
    location: null,
    envServerUrl: 'http://sync.test',
    syncTuning: { ackTimeoutMs: 50, retryDelayMs: 5, refusedRetryMs: 5, periodicMs: 60_000 },
    ...options,
  });
  started.push(store);
  return { store, calls, net, db };
}

/** Polls until `check` passes (sync runs over timers and microtasks). */
export async function eventually(check: () => unknown | Promise<unknown>, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
