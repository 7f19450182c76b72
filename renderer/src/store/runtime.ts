// What the store's slices share besides state: the replica, the sync client, the session and the shell bridge.
import { liveQuery } from 'dexie';
import type { StoreApi } from 'zustand/vanilla';
import type { ErrorBody, ErrorCode } from '../../../shared/index.js';
import type { OtklikDesktopApi } from '../../../shared/ipc.js';
import * as auth from '../data/auth-api.js';
import type { OtklikDb, StoredSession } from '../data/db.js';
import { DEADLINE_WARNING_MS, newlyAssigned, notifyAssigned, remindDeadlines } from '../data/notifier.js';
import { mirrorJson } from '../data/outbox-mirror.js';
import { Replica } from '../data/replica.js';
import { wipeLocalData } from '../data/sync-writes.js';
import { SyncClient, type SocketFactory, type SyncTuning } from '../data/sync-client.js';
import type { ConsoleStore, SyncStatus } from './contract.js';

/** The parts of the shell bridge (renderer/src/bridge) the data layer uses. */
export type ConsoleBridge = Pick<OtklikDesktopApi, 'notify' | 'mirrorOutbox' | 'readOutboxMirror' | 'setUnsentCount'>;

export interface ConsoleDeps {
  db: OtklikDb;
  bridge: ConsoleBridge;
  fetch: auth.FetchLike;
  socketFactory?: SocketFactory;
  /** The page's location (null outside a page): the origin the console is served from. */
  location: { protocol: string; origin: string } | null;
  /** `?server=` of the page, parsed by the bridge. */
  serverFromQuery?: string | null;
  envServerUrl: string | undefined;
  syncTuning?: Partial<SyncTuning>;
  /** How often deadlines are checked for reminders. */
  deadlineCheckMs?: number;
  /** Window events that hint at connectivity (`online`), or null outside a page. */
  windowEvents?: Pick<Window, 'addEventListener'> | null;
}

/** More appeals than this changed at once is a bulk write (a snapshot page, a long pull). */
const BULK_CHANGE = 50;
const QUEUE_THROTTLE_MS = 150;

export const INITIAL_SYNC: SyncStatus = { connection: 'signed_out', pendingCount: 0, pendingUploads: 0, lastSyncAt: null, progress: null, lastError: null };

export class ConsoleRuntime {
  readonly replica: Replica;
  sync: SyncClient | null = null;
  session: StoredSession | null = null;
  clientId = '';
  /** The one start-up run of init(). */
  started: Promise<void> | null = null;
  private api!: StoreApi<ConsoleStore>;
  private queueScheduled = false;
  private detailScheduled = false;
  private deadlineTimer: ReturnType<typeof setInterval> | null = null;
  private textCache: { text: string; ids: Set<string> | null; revision: number } | null = null;
  private uploadsWatch: { unsubscribe(): void } | null = null;

  constructor(readonly deps: ConsoleDeps) {
    this.replica = new Replica(deps.db);
  }

  get db(): OtklikDb {
    return this.deps.db;
  }

  attach(api: StoreApi<ConsoleStore>): void {
    this.api = api;
    this.replica.onChange((change, ids) => {
      if (change === 'attention') this.api.setState({ attention: this.attentionItems() });
      if (change === 'outbox') this.outboxShown();
      if (change !== 'annotations') this.scheduleQueue(ids.length > BULK_CHANGE);
      const open = this.api.getState().openAppealId;
      if (open !== null && (ids.length === 0 || ids.includes(open))) this.scheduleDetail();
    });
  }

  /** The outbox as the UI shows it: the unsent count and which rows carry the "unsent" mark. */
  outboxShown(): void {
    const ids = this.replica.pendingAppealIds();
    const shown = this.api.getState().pendingAppealIds;
    const same = ids.size === shown.size && [...ids].every((id) => shown.has(id));
    this.api.setState((s) => ({
      sync: { ...s.sync, pendingCount: this.replica.unsentWorkCount },
      // the same Set while nothing changed, so rows selecting it do not re-render
      ...(same ? {} : { pendingAppealIds: ids }),
    }));
  }

  setSync(patch: Partial<SyncStatus>): void {
    const was = this.api.getState().sync.connection;
    this.api.setState((s) => ({ sync: { ...s.sync, ...patch } }));
    // users and organisations change too: refresh them whenever the link comes back
    if (patch.connection === 'online' && was !== 'online') {
      void this.refreshReference();
      // an appeal opened offline gets its missing history now
      if (this.api.getState().openAppealId !== null) this.scheduleDetail();
    }
  }

  /** Reference data over HTTP; keeps the last copy when the server cannot be reached. */
  async refreshReference(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const result = await auth.fetchReference(this.deps.fetch, this.api.getState().serverUrl, session.accessToken).catch(() => null);
    if (!result?.ok || this.session !== session) return;
    await this.db.setMeta('reference', result.value);
    this.api.setState({ reference: result.value });
  }

  /**
   * Many changes in one burst recompute the queue once. A live change shows at once; bulk writes (snapshot
   * pages, long pulls) recompute at most every QUEUE_THROTTLE_MS so they do not spend the main thread on it.
   */
  scheduleQueue(bulk = false): void {
    if (this.queueScheduled) return;
    this.queueScheduled = true;
    const run = () => {
      this.queueScheduled = false;
      this.recomputeQueue();
    };
    // ordering a queue of 100 000 after each snapshot page took 2 s of a first sync: a big queue waits longer
    if (bulk) setTimeout(run, Math.min(1000, QUEUE_THROTTLE_MS + this.replica.queue.size / 100));
    else queueMicrotask(run);
  }

  recomputeQueue(): void {
    const { filters, user } = this.api.getState();
    const { ids, counts } = this.replica.queue.query({ filters, userId: user?.id ?? null, textMatches: this.textMatches(filters.text) });
    this.api.setState((s) => ({ queueIds: ids, counts, totalLocal: this.replica.queue.size, revision: s.revision + 1, searchReady: this.replica.searchReady }));
  }

  private textMatches(text: string): Set<string> | null {
    const search = this.replica.search;
    // not loaded yet (the first seconds after start): nothing matches, and the toolbar says the index is being built
    if (!search) return text.trim() === '' ? null : new Set();
    // the index changes while loading and syncing; a cached answer is good only for the index it came from
    if (this.textCache && this.textCache.text === text && this.textCache.revision === search.revision) return this.textCache.ids;
    const ids = search.search(text);
    this.textCache = { text, ids, revision: search.revision };
    return ids;
  }

  /** Appeals whose whole history the server sent in this session, and the requests in flight. */
  private readonly historyFetched = new Set<string>();
  private readonly historyInFlight = new Set<string>();

  /** When online, at most once per appeal and session: the server's comments and history lines, then the screen again. */
  private fetchHistory(id: string): void {
    const sync = this.sync;
    if (!sync?.connected || this.historyFetched.has(id) || this.historyInFlight.has(id)) return;
    this.historyInFlight.add(id);
    void sync
      .fetchHistory(id)
      .then((fetched) => {
        if (!fetched) return;
        this.historyFetched.add(id);
        if (this.api.getState().openAppealId === id) this.scheduleDetail();
      })
      .finally(() => this.historyInFlight.delete(id));
  }

  scheduleDetail(): void {
    if (this.detailScheduled) return;
    this.detailScheduled = true;
    queueMicrotask(() => {
      this.detailScheduled = false;
      void this.refreshDetail();
    });
  }

  async refreshDetail(): Promise<void> {
    const id = this.api.getState().openAppealId;
    if (id === null) {
      this.api.setState({ detail: null });
      return;
    }
    const { comments, events } = await this.replica.readHistory(id);
    if (this.api.getState().openAppealId !== id) return; // another appeal was opened meanwhile
    const appeal = this.replica.getAppeal(id);
    if (!appeal) {
      this.api.setState({ detail: null });
      return;
    }
    // every appeal's history starts with its creation: without that line the early history is not here yet
    const historyComplete = this.historyFetched.has(id) || events.some((e) => e.action === 'appeal.create');
    if (!historyComplete) this.fetchHistory(id);
    const known = new Set(comments.map((c) => c.id));
    const pendingComments = this.replica.pendingComments(id).filter((c) => !known.has(c.id));
    const byTime = <T>(at: (x: T) => string) => (a: T, b: T) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0);
    this.api.setState({
      detail: {
        appeal,
        comments: [...comments, ...pendingComments].sort(byTime((c) => c.createdAt)),
        events: events.sort(byTime((e) => e.at)),
        historyComplete,
        pendingMutationIds: this.replica.pendingFor(id).filter((m) => m.status === 'pending').map((m) => m.mutationId),
      },
    });
  }

  attentionItems(): ConsoleStore['attention'] {
    return this.replica.attention.map((row) => {
      const theirs = row.theirs;
      const mine = row.appealId === null ? null : (this.replica.mineOver(theirs, { ...row, createdAt: row.at }) ?? null);
      return { ...row, mine, theirs };
    });
  }

  /** After every outbox change: the count in the UI and the tray, and the mirror file. */
  async outboxChanged(): Promise<void> {
    const pendingCount = this.replica.unsentWorkCount;
    this.outboxShown();
    this.deps.bridge.setUnsentCount(pendingCount);
    const next = (await this.db.getMeta('nextMutationId')) ?? 1;
    await this.deps.bridge.mirrorOutbox(mirrorJson(this.clientId, this.session?.user.id ?? null, next, this.replica.outboxRows));
  }

  startSync(): void {
    this.stopSync();
    const session = this.session;
    if (!session) return;
    const serverUrl = this.api.getState().serverUrl;
    const sync = new SyncClient(
      {
        db: this.db,
        replica: this.replica,
        clientId: this.clientId,
        accessToken: () => this.session?.accessToken ?? null,
        refreshSession: () => this.refreshSession(),
        endSession: (error) => this.endSession(error),
        status: (patch) => this.setSync(patch),
        pulled: (before, after) => {
          const user = this.session?.user;
          if (user) void notifyAssigned(this.deps.bridge.notify, newlyAssigned(before, after, user.id));
        },
        outboxChanged: () => void this.outboxChanged(),
      },
      serverUrl,
      this.deps.socketFactory,
      this.deps.syncTuning,
    );
    this.sync = sync;
    sync.start();
    this.startDeadlineReminders();
  }

  /**
   * Keeps sync.pendingUploads current: photos whose attachment.add may be acknowledged while their bytes are
   * still only here. The upload queue writes the uploads table; a live query sees every change to it.
   */
  watchUploads(): void {
    this.uploadsWatch?.unsubscribe();
    this.uploadsWatch = liveQuery(() => this.db.uploads.where('state').anyOf('waiting', 'uploading').count()).subscribe({
      next: (pendingUploads) => {
        if (this.api.getState().sync.pendingUploads !== pendingUploads) this.api.setState((s) => ({ sync: { ...s.sync, pendingUploads } }));
      },
      error: () => undefined,
    });
  }

  /** Sync, timers and pending writes stop (tests; a closing window). */
  dispose(): void {
    this.uploadsWatch?.unsubscribe();
    this.uploadsWatch = null;
    this.stopSync();
    this.replica.stop();
  }

  stopSync(): void {
    this.sync?.stop();
    this.sync = null;
    if (this.deadlineTimer) clearInterval(this.deadlineTimer);
    this.deadlineTimer = null;
  }

  private startDeadlineReminders(): void {
    const every = this.deps.deadlineCheckMs ?? Math.min(60_000, DEADLINE_WARNING_MS);
    this.deadlineTimer = setInterval(() => void this.checkDeadlines(Date.now()), every);
  }

  checkDeadlines(now: number): Promise<number> {
    const user = this.session?.user;
    if (!user) return Promise.resolve(0);
    return remindDeadlines(this.db, this.replica.queue, user, (id) => this.replica.getAppeal(id), this.deps.bridge.notify, now);
  }

  async refreshSession(): Promise<'ok' | 'offline' | ErrorCode> {
    const session = this.session;
    if (!session) return 'REFRESH_INVALID';
    let result;
    try {
      result = await auth.refresh(this.deps.fetch, this.api.getState().serverUrl, { refreshToken: session.refreshToken, deviceId: this.clientId });
    } catch (e) {
      if (e instanceof auth.NetworkError) return 'offline';
      throw e;
    }
    if (!result.ok) return result.error.code;
    await this.saveSession(result.value);
    return 'ok';
  }

  async saveSession(session: StoredSession): Promise<void> {
    this.session = session;
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.db.setMeta('session', session);
      await this.db.setMeta('ownerId', session.user.id);
    });
    this.replica.user = session.user;
    this.api.setState({ user: session.user });
  }

  /** The server ended the session. A disabled user's data goes (152-ФЗ); otherwise it waits for the next login. */
  async endSession(error: ErrorBody): Promise<void> {
    this.stopSync();
    this.session = null;
    if (error.code === 'USER_DISABLED') {
      await this.wipe();
    } else {
      await this.db.deleteMeta('session');
    }
    this.api.setState((s) => ({ user: null, sync: { ...s.sync, connection: 'signed_out', lastError: error.message, progress: null } }));
  }

  /** Every local copy of data goes; the clientId and its numbering stay. */
  async wipe(): Promise<void> {
    this.stopSync();
    this.session = null;
    await wipeLocalData(this.db);
    this.replica.reset();
    this.replica.user = null;
    this.textCache = null;
    this.historyFetched.clear();
    await this.outboxChanged();
    this.api.setState((s) => ({
      user: null,
      reference: null,
      attention: [],
      queueIds: [],
      totalLocal: 0,
      openAppealId: null,
      detail: null,
      revision: s.revision + 1,
      sync: { ...INITIAL_SYNC, lastError: s.sync.lastError },
    }));
  }
}
