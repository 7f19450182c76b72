// The sync client over socket.io: handshake, ordered pushes with acknowledgement timeouts, pulls from the cursor, the initial snapshot.
import { io } from 'socket.io-client';
import { z } from 'zod';
import {
  ackSchema,
  EVENTS,
  Hello,
  HistoryResponse,
  MAX_MESSAGE_BYTES,
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  SCHEMA_VERSION,
  PackedSnapshotPage,
  PackedSnapshotResponse,
  SnapshotResponse,
  type Appeal,
  type ErrorBody,
  type ErrorCode,
  type Handshake,
} from '../../../shared/index.js';
import { ErrorBody as ErrorBodySchema } from '../../../shared/errors.js';
import type { SyncStatus } from '../store/contract.js';
import type { OtklikDb } from './db.js';
import { pushBatches } from './outbox.js';
import { decodePackedPage, decodeSnapshotPage, type PackedPage } from './snapshot-decode.js';
import type { Replica } from './replica.js';
import {
  advanceMutationIds,
  closeMutationGap,
  commitPullPage,
  commitHistory,
  commitPushResults,
  commitPackedSnapshotPage,
  commitSnapshotPage,
  dropConfirmedData,
  type CommitEffect,
} from './sync-writes.js';

/** The part of a socket.io client socket the sync client uses (a fake in unit tests). */
export interface SyncSocket {
  readonly connected: boolean;
  readonly active: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

export interface SocketOptions {
  /** Called on every (re)connect attempt, so a refreshed token is used. */
  auth: (cb: (data: Handshake) => void) => void;
}

export type SocketFactory = (url: string, options: SocketOptions) => SyncSocket;

export interface ReconnectPolicy {
  /** First wait after a failed attempt (ms); doubles with every further failure. */
  delay: number;
  /** The longest wait between attempts (ms): a rural link that comes back should not sit idle for minutes. */
  delayMax: number;
  /** Jitter, 0..1: consoles of a whole district do not all retry at the same instant after an outage. */
  randomization: number;
}

export const RECONNECT: Readonly<ReconnectPolicy> = { delay: 1_000, delayMax: 30_000, randomization: 0.5 };

/** socket.io-client with its own exponential backoff and jitter (also after a failed first connect). */
export const createSocketIoFactory =
  (policy: Readonly<ReconnectPolicy> = RECONNECT): SocketFactory =>
  (url, { auth }) =>
    io(url, {
      auth,
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: policy.delay,
      reconnectionDelayMax: policy.delayMax,
      randomizationFactor: policy.randomization,
      timeout: 20_000,
    }) as unknown as SyncSocket;

export const socketIoFactory: SocketFactory = createSocketIoFactory();

/** What the sync client needs from the console around it. */
export interface SyncHost {
  db: OtklikDb;
  replica: Replica;
  clientId: string;
  accessToken(): string | null;
  /** Gets a new access token over HTTP; returns the refusal code when the session is over, 'offline' when unreachable. */
  refreshSession(): Promise<'ok' | 'offline' | ErrorCode>;
  /** The session is over (refresh refused, user disabled): sign out, wiping data when told to. */
  endSession(error: ErrorBody): Promise<void>;
  status(patch: Partial<SyncStatus>): void;
  /** Appeals a pull brought (not the initial sync), with their assignee as shown before: for "assigned to you" notifications. */
  pulled(assigneeBefore: ReadonlyMap<string, string | null | undefined>, after: readonly Appeal[]): void;
  /** After any outbox change, for the mirror file and the unsent count. */
  outboxChanged(): void;
}

export interface SyncTuning {
  ackTimeoutMs: number;
  pullLimit: number;
  snapshotLimit: number;
  /** Safety-net pull while connected, whatever pokes were (not) seen. */
  periodicMs: number;
  /** Pause before re-sending a push answered "retry". */
  retryDelayMs: number;
  /** A manual reconnect after a refused handshake worth retrying (socket.io does not retry those). */
  refusedRetryMs: number;
}

const DEFAULT_TUNING: SyncTuning = {
  ackTimeoutMs: 15_000,
  pullLimit: 1000,
  snapshotLimit: 5000,
  periodicMs: 60_000,
  retryDelayMs: 1_000,
  refusedRetryMs: 5_000,
};

/** A refusal inside a round that ends it: the socket state decides what happens next. */
class RoundAborted extends Error {
  constructor(readonly error: ErrorBody) {
    super(error.message);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PULL_PROGRESS_THRESHOLD = 2;
/**
 * The first snapshot page is a small one: the server makes it quickly and the first rows show at once; it then makes
 * each next page while the console stores the one before.
 */
const FIRST_SNAPSHOT_PAGE = 1000;

function errorBodyOf(data: unknown, fallback: string): ErrorBody {
  const parsed = ErrorBodySchema.safeParse(data);
  return parsed.success ? parsed.data : { code: 'INTERNAL', message: fallback };
}

export class SyncClient {
  private socket: SyncSocket | null = null;
  private readonly tuning: SyncTuning;
  private running: Promise<void> | null = null;
  private again = false;
  private periodic: ReturnType<typeof setInterval> | null = null;
  private refusedTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** The server's cursor from hello: a fresh console reports snapshot progress against it. */
  private helloSeen = false;
  /** The server refused a snapshot in packs (it is older than them): pages are asked for gzip-compressed. */
  private packsRefused = false;
  /** The newest change the server had when it said hello: how far a long pull has to go. */
  private serverCursor = 0;

  constructor(
    private readonly host: SyncHost,
    private readonly serverUrl: string,
    private readonly factory: SocketFactory = socketIoFactory,
    tuning: Partial<SyncTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  start(): void {
    this.stopped = false;
    this.host.status({ connection: 'connecting', lastError: null });
    const socket = this.factory(this.serverUrl, {
      auth: (cb) =>
        cb({ token: this.host.accessToken() ?? '-', clientId: this.host.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION }),
    });
    this.socket = socket;
    socket.on('connect', () => this.host.status({ connection: 'connecting' }));
    socket.on(EVENTS.hello, ((data: unknown) => void this.onHello(data)) as never);
    socket.on(EVENTS.poke, (() => this.requestSync()) as never);
    socket.on(EVENTS.revoked, ((data: unknown) => void this.onRefused(errorBodyOf(data, 'Сессия завершена'))) as never);
    socket.on('disconnect', ((reason: string) => {
      this.helloSeen = false;
      if (this.stopped) return;
      this.host.status({ connection: 'offline' });
      // socket.io does not come back by itself after the server hung up; a revocation is handled by its event
      if (reason === 'io server disconnect') this.reconnectSoon(this.tuning.refusedRetryMs);
    }) as never);
    socket.on('connect_error', ((err: Error & { data?: unknown }) => {
      if (this.stopped) return;
      if (err.data !== undefined) {
        void this.onRefused(errorBodyOf(err.data, err.message));
      } else {
        // transport failure: socket.io retries with backoff by itself, the first connect included
        this.host.status({ connection: 'offline', lastError: err.message });
      }
    }) as never);
    this.periodic = setInterval(() => {
      if (this.socket?.connected && this.helloSeen) this.requestSync();
    }, this.tuning.periodicMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.periodic) clearInterval(this.periodic);
    if (this.refusedTimer) clearTimeout(this.refusedTimer);
    this.periodic = null;
    this.refusedTimer = null;
    this.socket?.disconnect();
    this.socket = null;
  }

  /**
   * `navigator.onLine` came back, or "sync now": try now instead of waiting out the backoff. socket.io's
   * `Socket.connect()` does nothing while its manager waits between reconnect attempts, so the socket is
   * disconnected first: that closes the manager, drops its pending attempt and resets its backoff, and
   * `connect()` then opens a new attempt at once (failing that, the backoff starts again from its first step).
   */
  nudge(): void {
    const socket = this.socket;
    if (!socket || socket.connected || this.stopped) return;
    if (this.refusedTimer) clearTimeout(this.refusedTimer);
    this.refusedTimer = null;
    socket.disconnect();
    socket.connect();
  }

  get connected(): boolean {
    return this.socket?.connected === true && this.helloSeen;
  }

  private async onHello(data: unknown): Promise<void> {
    const hello = Hello.safeParse(data);
    if (!hello.success) {
      this.host.status({ lastError: 'Непонятное приветствие сервера' });
      return;
    }
    this.helloSeen = true;
    this.serverCursor = hello.data.cursor;
    // the server may have been updated while away
    this.packsRefused = false;
    this.host.status({ connection: 'online', lastError: null });
    await advanceMutationIds(this.host.db, hello.data.lastMutationId);
    if (await closeMutationGap(this.host.db, hello.data.lastMutationId)) await this.afterOutboxCommit();
    this.requestSync();
  }

  /** Handshake refused or session revoked: decide by code. */
  private async onRefused(error: ErrorBody): Promise<void> {
    switch (error.code) {
      case 'PROTOCOL_TOO_OLD':
        // the outbox stays untouched; only an update helps
        this.stop();
        this.host.status({ connection: 'update_required', lastError: error.message });
        return;
      case 'TOKEN_EXPIRED':
      case 'UNAUTHENTICATED': {
        const outcome = await this.host.refreshSession();
        if (this.stopped) return;
        if (outcome === 'ok') this.reconnectSoon(0);
        else if (outcome === 'offline') this.reconnectSoon(this.tuning.refusedRetryMs);
        else await this.endSession({ code: outcome, message: error.message });
        return;
      }
      case 'REFRESH_INVALID':
      case 'USER_DISABLED':
        await this.endSession(error);
        return;
      default:
        this.host.status({ connection: 'offline', lastError: error.message });
        this.reconnectSoon(this.tuning.refusedRetryMs);
    }
  }

  private async endSession(error: ErrorBody): Promise<void> {
    this.stop();
    await this.host.endSession(error);
  }

  private reconnectSoon(ms: number): void {
    if (this.refusedTimer) clearTimeout(this.refusedTimer);
    const socket = this.socket;
    if (socket?.connected) socket.disconnect();
    this.refusedTimer = setTimeout(() => {
      this.refusedTimer = null;
      if (!this.stopped && socket && !socket.connected) socket.connect();
    }, ms);
  }

  /** Runs a sync round now, or once more right after the one in flight. */
  requestSync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      // `running` must be set before the round's first event can ask for another round
      await Promise.resolve();
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && this.connected);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async round(): Promise<void> {
    if (!this.connected) return;
    try {
      await this.push();
      const cursor = await this.host.db.getMeta('cursor');
      if (cursor === undefined) await this.snapshot();
      else await this.pull(cursor);
      // pushes made while pulling go out in this round too
      if (this.host.replica.pendingCount > 0) await this.push();
      this.host.status({ lastSyncAt: new Date().toISOString(), lastError: null, progress: null });
    } catch (e) {
      this.host.status({ progress: null });
      if (e instanceof RoundAborted) {
        if (e.error.code === 'CURSOR_RESET') {
          await this.rebootstrap();
          this.again = true;
        } else if (e.error.code === 'TOKEN_EXPIRED' || e.error.code === 'UNAUTHENTICATED' || e.error.code === 'USER_DISABLED') {
          await this.onRefused(e.error);
        } else {
          this.host.status({ lastError: e.error.message });
        }
        return;
      }
      this.host.status({ lastError: (e as Error).message });
    }
  }

  /** An acknowledged request; a timeout while still connected is retried, a lost link ends the round. */
  private async request<S extends z.ZodType>(event: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    const ack = ackSchema(schema);
    for (;;) {
      const socket = this.socket;
      if (!socket || !this.connected) throw new RoundAborted({ code: 'INTERNAL', message: 'Нет связи с сервером' });
      let raw: unknown;
      try {
        raw = await socket.timeout(this.tuning.ackTimeoutMs).emitWithAck(event, payload);
      } catch {
        continue; // no acknowledgement in time: the same request again (pushes are idempotent by mutationId)
      }
      const parsed = ack.safeParse(raw);
      if (!parsed.success) throw new RoundAborted({ code: 'BAD_MESSAGE', message: `Непонятный ответ на ${event}` });
      const result = parsed.data as { ok: true; value: z.infer<S> } | { ok: false; error: ErrorBody };
      if (!result.ok) throw new RoundAborted(result.error);
      return result.value;
    }
  }

  /** Pushes every pending mutation in order; "retry" answers resend from the first unacknowledged one. */
  private async push(): Promise<void> {
    let retries = 0;
    for (;;) {
      const pending = this.host.replica.outboxRows.filter((r) => r.status === 'pending');
      if (pending.length === 0) return;
      const [batch] = pushBatches(pending, this.host.clientId, MAX_PUSH_MUTATIONS, MAX_MESSAGE_BYTES / 2);
      const response = await this.request(EVENTS.push, { mutations: batch }, PushResponse);
      const effect = await commitPushResults(this.host.db, response.results);
      const outOfOrder = response.results.some((r) => r.status === 'retry' && r.code === 'OUT_OF_ORDER');
      if (outOfOrder) await closeMutationGap(this.host.db, response.lastMutationId);
      await this.afterCommit(effect);
      await this.afterOutboxCommit();
      if (response.results.some((r) => r.status === 'retry')) {
        if (++retries > 5) throw new RoundAborted({ code: 'RATE_LIMITED', message: 'Сервер просит повторить позже' });
        await sleep(outOfOrder ? 0 : this.tuning.retryDelayMs * retries);
      }
    }
  }

  private async pull(from: number): Promise<void> {
    let cursor = from;
    let pages = 0;
    for (;;) {
      const page = await this.request(EVENTS.pull, { cursor, limit: this.tuning.pullLimit }, PullResponse);
      // from the compact queue: always in memory, unlike whole appeals during the first seconds after start
      const before = new Map<string, string | null | undefined>();
      for (const c of page.changes) if (c.type === 'appeal') before.set(c.appeal.id, this.host.replica.queue.get(c.appeal.id)?.assigneeId);
      const effect = await commitPullPage(this.host.db, page);
      await this.afterCommit(effect);
      // a colleague's comment changes no appeal row, yet the open appeal screen must show it
      const annotated = page.changes.flatMap((c) => (c.type === 'comment' ? [c.comment.appealId] : c.type === 'event' ? [c.event.appealId] : []));
      if (annotated.length > 0) this.host.replica.annotated([...new Set(annotated)]);
      if (effect.outboxChanged || effect.removed.length > 0) await this.afterOutboxCommit();
      this.host.pulled(before, effect.written);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
      // a short catch-up is not worth a progress bar; a day offline is
      if (pages >= PULL_PROGRESS_THRESHOLD) {
        this.host.status({ progress: { label: 'pull', done: cursor - from, total: Math.max(this.serverCursor, cursor) - from } });
      }
    }
  }

  /** Initial sync: own queue first, then the rest, at the server's fixed cursor; resumes where it stopped. */
  private async snapshot(): Promise<void> {
    const progress = await this.host.db.getMeta('snapshot');
    const limit = this.tuning.snapshotLimit;
    /** Where the page stands in the snapshot: what the next request and the progress are made from. */
    type Head = Pick<SnapshotResponse, 'cursor' | 'phase' | 'after' | 'hasMore' | 'total'>;
    type Page = { packed: true; page: PackedPage; head: Head } | { packed: false; page: SnapshotResponse; head: Head };
    // 'packs': the server packs whole appeals and the console stores them as they came; a server from before packs
    // refuses the encoding, and is asked for gzip pages instead (one from before encodings answers JSON to both)
    const ask = (request: { cursor: number | null; phase: 'mine' | 'rest'; after: string | null }, encoding: 'packs' | 'gzip') =>
      this.request(
        EVENTS.snapshot,
        { ...request, limit: request.cursor === null ? Math.min(limit, FIRST_SNAPSHOT_PAGE) : limit, encoding },
        z.union([PackedSnapshotPage, PackedSnapshotResponse, SnapshotResponse]),
      );
    const fetchPage = (request: { cursor: number | null; phase: 'mine' | 'rest'; after: string | null }): Promise<Page> =>
      (this.packsRefused
        ? ask(request, 'gzip')
        : ask(request, 'packs').catch((error: unknown) => {
            if (!(error instanceof RoundAborted && error.error.code === 'BAD_MESSAGE')) throw error;
            this.packsRefused = true;
            return ask(request, 'gzip');
          })
      ).then((value): Page => {
        if ('head' in value) {
          const decoded = decodePackedPage(value);
          if (!decoded.ok) throw new RoundAborted({ code: 'BAD_MESSAGE', message: decoded.message });
          return { packed: true, page: decoded.page, head: decoded.page.head };
        }
        const decoded = decodeSnapshotPage(value);
        if (!decoded.ok) throw new RoundAborted({ code: 'BAD_MESSAGE', message: decoded.message });
        return { packed: false, page: decoded.page, head: decoded.page };
      });
    let done = progress?.done ?? 0;
    let inFlight = fetchPage(progress ? { cursor: progress.cursor, phase: progress.phase, after: progress.after } : { cursor: null, phase: 'mine', after: null });
    // stemming 100 000 appeals while they arrive would take the main thread from the sync: the index is built after
    this.host.replica.holdIndexing(true);
    try {
      for (;;) {
        const { head, ...fetched } = await inFlight;
        // the next page is asked for before this one is written: the server works while IndexedDB does
        if (head.hasMore) {
          inFlight = fetchPage(head.after === null ? { cursor: head.cursor, phase: 'rest', after: null } : { cursor: head.cursor, phase: head.phase, after: head.after });
          // a failed prefetch is seen when awaited; until then it must not count as unhandled
          inFlight.catch(() => undefined);
        }
        done += fetched.packed ? fetched.page.head.entries.length : fetched.page.appeals.length;
        const { effect, next } = fetched.packed ? await commitPackedSnapshotPage(this.host.db, fetched.page, done) : await commitSnapshotPage(this.host.db, fetched.page, done);
        await this.afterCommit(effect);
        this.host.status({ progress: next ? { label: 'initial', done, total: Math.max(head.total, done) } : null });
        if (!next) {
          // the packed queue is written for the next start; packed appeals are unpacked into memory (and the search
          // index) in the background
          this.host.replica.firstSyncDone();
          return;
        }
      }
    } finally {
      this.host.replica.holdIndexing(false);
    }
  }

  /**
   * One appeal's comments and history lines from the server (the first sync carries them for the own queue only).
   * False when offline, refused (the appeal left the scope) or no longer held locally.
   */
  async fetchHistory(appealId: string): Promise<boolean> {
    let response: HistoryResponse;
    try {
      response = await this.request(EVENTS.history, { appealId }, HistoryResponse);
    } catch {
      return false; // offline or refused: the screen shows what is local, and asks again next time it is opened
    }
    const written = await commitHistory(this.host.db, response);
    if (written) this.host.replica.annotated([appealId]);
    return written;
  }

  private async rebootstrap(): Promise<void> {
    this.host.replica.clearConfirmed(await dropConfirmedData(this.host.db));
  }

  private async afterCommit(effect: CommitEffect): Promise<void> {
    this.host.replica.applyCommit(effect);
  }

  private async afterOutboxCommit(): Promise<void> {
    await this.host.replica.reloadOutbox();
    await this.host.replica.reloadAttention();
    this.host.outboxChanged();
  }
}
