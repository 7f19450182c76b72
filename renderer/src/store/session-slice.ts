// Session: start from local data, log in, log out (which wipes local data).
import type { ConsoleActions, ConsoleState } from './contract.js';
import * as auth from '../data/auth-api.js';
import { ensureClientId } from '../data/outbox.js';
import { parseMirror, restoreFromMirror } from '../data/outbox-mirror.js';
import { resolveServerUrl } from '../data/server-url.js';
import { ensureSchemaVersion } from '../data/sync-writes.js';
import { startupMark } from '../data/startup-marks.js';
import { INITIAL_SYNC } from './runtime.js';
import type { Slice } from './slice.js';

export type SessionSlice = Pick<ConsoleState, 'ready' | 'user' | 'serverUrl' | 'reference'> &
  Pick<ConsoleActions, 'init' | 'login' | 'logout' | 'setServerUrl'>;

/**
 * Runs `work` once the next frame has been painted (where frames exist), so reading 100 000 appeals and
 * connecting do not hold back the first screen; a hidden window that paints no frame waits 100 ms at most.
 */
function afterFirstPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, typeof requestAnimationFrame === 'function' ? 100 : 0);
}

export const createSessionSlice: Slice<SessionSlice> = (rt) => (set, get) => {
  async function start(): Promise<void> {
    startupMark('start');
    const { db, deps } = rt;
    const stored = (await db.getMeta('serverUrl')) ?? null;
    const url = resolveServerUrl({ fromQuery: deps.serverFromQuery ?? null, location: deps.location, stored, envDefault: deps.envServerUrl });
    // a server given once by the shell or a link stays the choice after restarts without it
    if (deps.serverFromQuery) await db.setMeta('serverUrl', url);
    // a wiped profile: the shell's mirror file still has the unsent work
    await restoreFromMirror(db, parseMirror(await deps.bridge.readOutboxMirror()));
    rt.clientId = await ensureClientId(db);
    await ensureSchemaVersion(db);
    const [session, reference] = await Promise.all([db.getMeta('session'), db.getMeta('reference')]);
    rt.session = session ?? null;
    rt.replica.user = session?.user ?? null;
    set({ serverUrl: url, user: session?.user ?? null, reference: reference ?? null });
    startupMark('session');
    await rt.replica.loadFirstScreen();
    startupMark('queue');
    const lastSyncAt = (await db.getMeta('lastSyncAt')) ?? null;
    set((s) => ({ sync: { ...s.sync, lastSyncAt, connection: session ? 'offline' : 'signed_out' } }));
    rt.outboxShown();
    rt.watchUploads();
    set({ attention: rt.attentionItems() });
    rt.recomputeQueue();
    startupMark('filtered');
    set({ ready: true });
    startupMark('rendered');
    void rt.outboxChanged();
    deps.windowEvents?.addEventListener('online', () => rt.sync?.nudge());
    // a closing window may still get the packed queue written, sparing the next start the slow path
    deps.windowEvents?.addEventListener('pagehide', () => void rt.replica.writeQueueSnapshot());
    // the rest of the appeals, the search index and the sync come after the first screen is painted
    afterFirstPaint(() => {
      void rt.replica.loadRest();
      if (session && rt.session === session) rt.startSync();
    });
  }

  return {
    ready: false,
    user: null,
    serverUrl: '',
    reference: null,

    init() {
      // idempotent: React's strict mode and a hot reload may call it twice
      rt.started ??= start();
      return rt.started;
    },

    async login(login, password) {
      const { db, deps } = rt;
      const result = await auth.login(deps.fetch, get().serverUrl, { login, password, deviceId: rt.clientId });
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
      const owner = await db.getMeta('ownerId');
      if (owner !== undefined && owner !== result.value.user.id) {
        // another person's copy (and unsent work) must not be shown to or sent as this user
        await rt.wipe();
      }
      await rt.saveSession(result.value);
      rt.setSync({ connection: 'offline', lastError: null });
      await rt.refreshReference();
      rt.recomputeQueue();
      rt.startSync();
      return { ok: true };
    },

    async setServerUrl(url) {
      const serverUrl = url.trim().replace(/\/+$/, '');
      if (serverUrl === '' || serverUrl === get().serverUrl) return;
      await rt.db.setMeta('serverUrl', serverUrl);
      set({ serverUrl });
      if (rt.sync) rt.startSync(); // a running client would keep talking to the old address
    },

    async logout() {
      const session = rt.session;
      rt.stopSync();
      if (session) void auth.logout(rt.deps.fetch, get().serverUrl, { refreshToken: session.refreshToken });
      await rt.wipe();
      set((s) => ({ sync: { ...INITIAL_SYNC, lastError: null }, revision: s.revision + 1 }));
    },
  };
};
