// socket.io side of sync: the handshake, the hello, push/pull/snapshot with acks, pokes and revocations.
import type { FastifyBaseLogger } from 'fastify';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  DomainError,
  EVENTS,
  fail,
  Handshake,
  MAX_MESSAGE_BYTES,
  MIN_PROTOCOL_VERSION,
  ok,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  SCHEMA_VERSION,
  HistoryRequest,
  SnapshotRequest,
  type PackedSnapshotPage,
  type SnapshotHead,
  type ErrorBody,
  type ErrorCode,
  type Hello,
  type Poke,
  type Result,
  type User,
} from '../../shared/index.js';
import type { SessionService } from '../auth/sessions.js';
import type { Store } from '../store/store.js';
import type { ReadService } from './pull.js';
import type { PushProcessor } from './push.js';
import { roomsFor, userRoom } from './scope.js';
import { packSnapshot, packSnapshotPacks } from './snapshot-encoding.js';

/** A packed snapshot page with the head it was made from (what the page after it starts from). */
interface PackedPage {
  head: SnapshotHead;
  packed: PackedSnapshotPage;
}

interface SocketState {
  user: User;
  clientId: string;
}

export interface SyncDeps {
  store: Store;
  sessions: SessionService;
  push: PushProcessor;
  reads: ReadService;
  log: FastifyBaseLogger;
}

class HandshakeRefused extends Error {
  readonly data: ErrorBody;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code, message };
  }
}

function versionRefusal(auth: Record<string, unknown>): HandshakeRefused | null {
  const { protocolVersion, schemaVersion } = auth;
  if (typeof protocolVersion === 'number' && protocolVersion < MIN_PROTOCOL_VERSION) {
    return new HandshakeRefused(
      'PROTOCOL_TOO_OLD',
      'This console is too old for the server: please update the console. Unsent changes are kept and will be sent after the update.',
    );
  }
  if (
    (typeof protocolVersion === 'number' && protocolVersion > PROTOCOL_VERSION) ||
    (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION)
  ) {
    return new HandshakeRefused('PROTOCOL_TOO_NEW', `the server speaks protocol ${PROTOCOL_VERSION}, schema ${SCHEMA_VERSION}`);
  }
  return null;
}

/** The client→server events with a handler; anything else is answered with BAD_MESSAGE. */
const HANDLED_EVENTS: ReadonlySet<string> = new Set([EVENTS.push, EVENTS.pull, EVENTS.snapshot, EVENTS.history]);

export class SyncSockets {
  /** Pushes of one client run one after another, so a client's mutations are processed in order. */
  private readonly pushQueues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly io: Server,
    private readonly deps: SyncDeps,
  ) {
    io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(this.refusal(error)),
      );
    });
    io.on('connection', (socket) => this.onConnection(socket));
  }

  /** Tells a user's consoles their session ended, then closes their sockets. */
  revokeUser(userId: string, reason: ErrorBody): void {
    this.io.to(userRoom(userId)).emit(EVENTS.revoked, reason);
    this.io.in(userRoom(userId)).disconnectSockets(true);
  }

  poke(pokes: Map<string, number>): void {
    for (const [room, cursor] of pokes) this.io.to(room).emit(EVENTS.poke, { cursor } satisfies Poke);
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    if (typeof auth !== 'object' || auth === null || typeof (auth as { token?: unknown }).token !== 'string') {
      throw new HandshakeRefused('UNAUTHENTICATED', 'no access token');
    }
    const refusal = versionRefusal(auth as Record<string, unknown>);
    if (refusal) throw refusal;
    const parsed = Handshake.safeParse(auth);
    if (!parsed.success) throw new HandshakeRefused('BAD_MESSAGE', 'malformed handshake');
    const user = await this.deps.sessions.authenticate(parsed.data.token);
    await this.deps.store.track(
      this.deps.store.db
        .insertInto('clients')
        .values({ client_id: parsed.data.clientId, user_id: user.id, last_mutation_id: 0 })
        .onConflict((oc) => oc.column('client_id').doNothing())
        .execute(),
    );
    socket.data = { user, clientId: parsed.data.clientId } satisfies SocketState;
  }

  private refusal(error: unknown): HandshakeRefused {
    if (error instanceof HandshakeRefused) return error;
    if (error instanceof DomainError) return new HandshakeRefused(error.code, error.message);
    this.deps.log.error({ err: error }, 'handshake failed');
    return new HandshakeRefused('INTERNAL', 'server error');
  }

  private async onConnection(socket: Socket): Promise<void> {
    const state = socket.data as SocketState;
    for (const room of roomsFor(state.user)) void socket.join(room);

    // An event nobody handles would leave its sender waiting for the ack until a timeout: answer it with a code.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && HANDLED_EVENTS.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (result: Result<never>) => void)(fail('BAD_MESSAGE', `unknown event ${String(event)}`));
    });

    this.on(socket, EVENTS.push, PushRequest, async (request) => {
      const run = (this.pushQueues.get(state.clientId) ?? Promise.resolve()).then(() =>
        this.deps.push.process(state, request.mutations),
      );
      const settled = run.catch(() => undefined);
      this.pushQueues.set(state.clientId, settled);
      void settled.then(() => {
        if (this.pushQueues.get(state.clientId) === settled) this.pushQueues.delete(state.clientId);
      });
      const outcome = await run;
      this.poke(outcome.pokes);
      for (const userId of outcome.revokedUserIds) this.revokeUser(userId, { code: 'USER_DISABLED', message: 'this user was disabled' });
      return outcome.response;
    });
    this.on(socket, EVENTS.pull, PullRequest, async (request) => {
      const lastMutationId = await this.deps.push.lastMutationId(state.clientId);
      return this.deps.reads.pull(state.user, request, lastMutationId);
    });
    // A first sync in packs: the page after the one just answered is built while the console stores that one (the
    // console asks for it only then, as the keyset comes with each page); one page ahead, dropped unless asked for.
    let ahead: { key: string; page: Promise<PackedPage> } | null = null;
    const buildPacks = async (request: SnapshotRequest): Promise<PackedPage> => {
      const page = await this.deps.reads.snapshotPacks(state.user, request);
      return { head: page.head, packed: await packSnapshotPacks(page) };
    };
    this.on(socket, EVENTS.snapshot, SnapshotRequest, async (request) => {
      if (request.encoding === 'packs') {
        const key = JSON.stringify(request);
        const pending = ahead?.key === key ? ahead.page.catch(() => buildPacks(request)) : buildPacks(request);
        ahead = null;
        const { head, packed } = await pending;
        if (head.hasMore) {
          const next: SnapshotRequest = { ...request, cursor: head.cursor, phase: head.after === null ? 'rest' : head.phase, after: head.after };
          const page = buildPacks(next);
          page.catch(() => undefined); // a failed build ahead is built again when asked for
          ahead = { key: JSON.stringify(next), page };
        }
        return packed;
      }
      const page = await this.deps.reads.snapshot(state.user, request);
      return request.encoding === 'gzip' ? packSnapshot(page) : page;
    });
    this.on(socket, EVENTS.history, HistoryRequest, (request) => this.deps.reads.history(state.user, request));

    try {
      const hello: Hello = {
        protocolVersion: PROTOCOL_VERSION,
        minProtocolVersion: MIN_PROTOCOL_VERSION,
        user: state.user,
        cursor: await this.deps.store.head(),
        lastMutationId: await this.deps.push.lastMutationId(state.clientId),
        serverTime: new Date().toISOString(),
      };
      socket.emit(EVENTS.hello, hello);
    } catch (error) {
      this.deps.log.error({ err: error }, 'hello failed');
      socket.disconnect(true);
    }
  }

  /** Registers a client→server event: size check, zod parse, a Result in the ack, never a crash. */
  private on<S extends z.ZodType, T>(socket: Socket, event: string, schema: S, handler: (request: z.infer<S>) => Promise<T>) {
    socket.on(event, (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (result: Result<T>) => void) : null;
      const payload = ack ? args.slice(0, -1)[0] : args[0];
      if (!ack) {
        // Nobody would hear the answer; doing the work could still change state behind the client's back.
        this.deps.log.warn({ event, clientId: (socket.data as SocketState).clientId }, 'event without ack ignored');
        return;
      }
      void this.answer(event, payload, schema, handler).then(ack, (error: unknown) => {
        this.deps.log.error({ err: error, event }, 'ack failed');
      });
    });
  }

  private async answer<S extends z.ZodType, T>(
    event: string,
    payload: unknown,
    schema: S,
    handler: (request: z.infer<S>) => Promise<T>,
  ): Promise<Result<T>> {
    let size: number;
    try {
      size = Buffer.byteLength(JSON.stringify(payload ?? null));
    } catch {
      return fail('BAD_MESSAGE', 'payload is not JSON');
    }
    if (size > MAX_MESSAGE_BYTES) return fail('MESSAGE_TOO_LARGE', `message is ${size} bytes, the limit is ${MAX_MESSAGE_BYTES}`);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return fail('BAD_MESSAGE', `${event}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message);
      this.deps.log.error({ err: error, event }, 'sync handler failed');
      return fail('INTERNAL', 'server error');
    }
  }
}
