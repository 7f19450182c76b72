// An in-memory stand-in for the sync server and its socket, for unit tests of the sync client: the protocol of shared/protocol.ts, nothing more.
import {
  EVENTS,
  MAX_PULL_LIMIT,
  type Appeal,
  type Change,
  type ErrorBody,
  type Handshake,
  type MutationName,
  type MutationResult,
  type PullRequest,
  type PushRequest,
  type Result,
  type HistoryRequest,
  type SnapshotRequest,
  type SnapshotResponse,
  type User,
} from '../../../../shared/index.js';
import { applyMutation, appealIdOf, parseArgs, pendingComment } from '../overlay.js';
import type { SocketFactory, SocketOptions, SyncSocket } from '../sync-client.js';
import { OPERATOR } from './fixtures.js';
import { packPage } from './packed-page.js';

type Listener = (...args: unknown[]) => void;

let packedByDefault = false;

/** What a new FakeSyncServer's `packed` starts as (tests that run every case both ways set it). */
export function setPackedByDefault(packed: boolean): void {
  packedByDefault = packed;
}

export class FakeSyncServer {
  appeals = new Map<string, Appeal>();
  log: Change[] = [];
  lastMutationId = new Map<string, number>();
  results = new Map<string, MutationResult>();
  /** Every mutation the server applied, in order: to check exactly-once. */
  applied: Array<{ clientId: string; mutationId: number; name: string }> = [];
  sockets = new Set<FakeSocket>();
  user: User = OPERATOR;
  /** Refuse the next handshakes with these errors, one each. */
  refusals: ErrorBody[] = [];
  /** Process the next N requests but lose their acknowledgements. */
  loseAcks = 0;
  /** Fail requests of this event with this error (e.g. CURSOR_RESET on pull). */
  failNext: Partial<Record<string, ErrorBody>> = {};
  /** Fail the snapshot page with this index (0-based) once. */
  failSnapshotPage: number | null = null;
  private snapshotPages = 0;
  /** Answer a snapshot asked for with encoding 'packs' in packs, like the real server (false: plain JSON, like an older one). */
  packed = packedByDefault;
  /** Refuse encoding 'packs' as a server from before it does (its schema does not know the value). */
  refusesPacks = false;
  handshakes: Handshake[] = [];
  requests: Array<{ event: string; payload: unknown }> = [];

  get cursor(): number {
    return this.log.length;
  }

  /** Appeals that exist on the server before the console first syncs. */
  seed(appeals: Appeal[]): void {
    for (const a of appeals) this.write(a);
  }

  /** A change made elsewhere (another console): logged, and the scope poked. */
  change(appeal: Appeal, poke = true): void {
    this.write(appeal);
    if (poke) this.poke();
  }

  evict(appealId: string, poke = true): void {
    this.appeals.delete(appealId);
    this.log.push({ seq: this.log.length + 1, type: 'evict', appealId });
    if (poke) this.poke();
  }

  poke(): void {
    const cursor = this.cursor;
    // over the network a poke arrives later, never inside the request that caused it
    setTimeout(() => {
      for (const s of this.sockets) if (s.connected) s.receive(EVENTS.poke, { cursor });
    }, 0);
  }

  private write(appeal: Appeal): void {
    this.appeals.set(appeal.id, appeal);
    this.log.push({ seq: this.log.length + 1, type: 'appeal', appeal });
  }

  factory: SocketFactory = (_url, options) => {
    const socket = new FakeSocket(this, options);
    this.sockets.add(socket);
    socket.connect();
    return socket;
  };

  handshake(auth: Handshake): ErrorBody | null {
    this.handshakes.push(auth);
    return this.refusals.shift() ?? null;
  }

  hello(clientId: string) {
    return {
      protocolVersion: 1,
      minProtocolVersion: 1,
      user: this.user,
      cursor: this.cursor,
      lastMutationId: this.lastMutationId.get(clientId) ?? 0,
      serverTime: new Date().toISOString(),
    };
  }

  handle(clientId: string, event: string, payload: unknown): Result<unknown> {
    this.requests.push({ event, payload });
    const failure = this.failNext[event];
    if (failure) {
      delete this.failNext[event];
      return { ok: false, error: failure };
    }
    if (event === EVENTS.push) return { ok: true, value: this.push(clientId, payload as PushRequest) };
    if (event === EVENTS.pull) return this.pull(payload as PullRequest);
    if (event === EVENTS.snapshot) return this.snapshot(payload as SnapshotRequest);
    if (event === EVENTS.history) return this.history(payload as HistoryRequest);
    return { ok: false, error: { code: 'BAD_MESSAGE', message: event } };
  }

  private push(clientId: string, request: PushRequest) {
    const results = request.mutations.map((m): MutationResult => {
      let last = this.lastMutationId.get(clientId) ?? 0;
      const key = `${clientId}:${m.mutationId}`;
      if (m.mutationId <= last) return this.results.get(key) ?? { mutationId: m.mutationId, status: 'applied', seq: null };
      if (m.mutationId > last + 1) return { mutationId: m.mutationId, status: 'retry', code: 'OUT_OF_ORDER', message: `expected ${last + 1}` };
      const result = this.apply(clientId, m.mutationId, m.name as MutationName, m.args, m.createdAt);
      this.results.set(key, result);
      this.lastMutationId.set(clientId, (last = m.mutationId));
      return result;
    });
    if (results.some((r) => r.status === 'applied' && r.seq !== null)) this.poke();
    return { results, lastMutationId: this.lastMutationId.get(clientId) ?? 0 };
  }

  private apply(clientId: string, mutationId: number, name: MutationName, args: unknown, createdAt: string): MutationResult {
    const id = appealIdOf(name, args);
    const current = id === null ? undefined : this.appeals.get(id);
    if (name !== 'appeal.create' && !current) return { mutationId, status: 'rejected', code: 'NOT_FOUND', message: 'no appeal', current: null };
    if (name === 'appeal.update' && parseArgs(name, args).expectedVersion !== current!.version) {
      return { mutationId, status: 'rejected', code: 'VERSION_CONFLICT', message: 'changed', current: current! };
    }
    if (name === 'appeal.transition' && parseArgs(name, args).from !== current!.status) {
      return { mutationId, status: 'rejected', code: 'STATUS_CONFLICT', message: 'status changed', current: current! };
    }
    this.applied.push({ clientId, mutationId, name });
    const mutation = { name, args, createdAt };
    if (name === 'appeal.comment') {
      const comment = pendingComment(mutation, { user: this.user })!;
      this.log.push({ seq: this.log.length + 1, type: 'comment', comment });
      return { mutationId, status: 'applied', seq: this.cursor };
    }
    const next = applyMutation(current, mutation, { user: this.user })!;
    if (next === current) return { mutationId, status: 'applied', seq: null };
    this.write(next);
    return { mutationId, status: 'applied', seq: this.cursor };
  }

  private pull(request: PullRequest): Result<unknown> {
    if (request.cursor > this.cursor) return { ok: false, error: { code: 'CURSOR_RESET', message: 'cursor ahead' } };
    const limit = Math.min(request.limit ?? 1000, MAX_PULL_LIMIT);
    const changes = this.log.slice(request.cursor, request.cursor + limit);
    const cursor = request.cursor + changes.length;
    return { ok: true, value: { changes, cursor, hasMore: cursor < this.cursor, lastMutationId: 0 } };
  }

  private history(request: HistoryRequest): Result<unknown> {
    if (!this.appeals.has(request.appealId)) return { ok: false, error: { code: 'NOT_FOUND', message: 'no appeal' } };
    const comments = this.log.flatMap((c) => (c.type === 'comment' && c.comment.appealId === request.appealId ? [c.comment] : []));
    return { ok: true, value: { appealId: request.appealId, comments, events: [] } };
  }

  private snapshot(request: SnapshotRequest): Result<unknown> {
    if (this.failSnapshotPage === this.snapshotPages++) {
      this.failSnapshotPage = null;
      return { ok: false, error: { code: 'INTERNAL', message: 'page failed' } };
    }
    if (this.refusesPacks && request.encoding === 'packs') return { ok: false, error: { code: 'BAD_MESSAGE', message: 'encoding: invalid option' } };
    const value = this.snapshotPage(request);
    if (!this.packed || request.encoding !== 'packs') return { ok: true, value };
    return { ok: true, value: packPage(value) };
  }

  private snapshotPage(request: SnapshotRequest): SnapshotResponse {
    const phase = request.phase ?? 'mine';
    const limit = request.limit ?? 2000;
    const all = [...this.appeals.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const inPhase = all.filter((a) => (a.assigneeId === this.user.id) === (phase === 'mine'));
    const after = request.after ?? null;
    const rest = inPhase.filter((a) => after === null || a.id > after);
    const page = rest.slice(0, limit);
    const phaseDone = rest.length <= limit;
    return {
        cursor: request.cursor ?? this.cursor,
        phase,
        appeals: page,
        // like the real server: history with the own queue only
        comments: phase === 'mine' ? this.log.flatMap((c) => (c.type === 'comment' && page.some((a) => a.id === c.comment.appealId) ? [c.comment] : [])) : [],
        events: [],
        after: phaseDone ? null : page[page.length - 1]!.id,
        hasMore: !phaseDone || phase === 'mine',
        total: all.length,
    };
  }
}

/** What the other side gets: JSON, except binary attachments, which arrive as bytes (socket.io's binary packets). */
function overTheWire(value: unknown): unknown {
  const binaries: Uint8Array[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? { __binary: binaries.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) - 1 } : v));
  return JSON.parse(text, (_key, v: unknown) => (v !== null && typeof v === 'object' && '__binary' in v ? binaries[(v as { __binary: number }).__binary]!.slice() : v));
}

export class FakeSocket implements SyncSocket {
  connected = false;
  active = false;
  private listeners = new Map<string, Listener[]>();

  constructor(
    private readonly server: FakeSyncServer,
    private readonly options: SocketOptions,
  ) {}

  on(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener);
    this.listeners.set(event, list);
    return this;
  }

  receive(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  connect(): this {
    this.active = true;
    setTimeout(() => {
      if (this.connected || !this.active) return;
      this.options.auth((auth) => {
        const refusal = this.server.handshake(auth);
        if (refusal) {
          // like socket.io after a middleware refusal: no automatic reconnection
          this.active = false;
          this.receive('connect_error', Object.assign(new Error(refusal.message), { data: refusal }));
          return;
        }
        this.connected = true;
        this.receive('connect');
        this.receive(EVENTS.hello, this.server.hello(auth.clientId));
      });
    }, 0);
    return this;
  }

  disconnect(): this {
    this.active = false;
    if (this.connected) {
      this.connected = false;
      this.receive('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The link drops (not the client's choice). */
  drop(): void {
    this.connected = false;
    this.receive('disconnect', 'transport close');
  }

  timeout(ms: number) {
    return {
      emitWithAck: (event: string, payload: unknown): Promise<unknown> => {
        if (!this.connected) return Promise.reject(new Error('not connected'));
        const result = this.server.handle(this.clientId(), event, payload);
        if (this.server.loseAcks > 0) {
          this.server.loseAcks--;
          return new Promise((_, reject) => setTimeout(() => reject(new Error('operation has timed out')), ms));
        }
        return new Promise((resolve) => setTimeout(() => resolve(overTheWire(result)), 0));
      },
    };
  }

  private clientId(): string {
    return this.server.handshakes.at(-1)?.clientId ?? '';
  }
}
