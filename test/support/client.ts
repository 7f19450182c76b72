// A console's side of the protocol for tests: HTTP login and a typed socket.io-client wrapper with acks and waits.
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  EVENTS,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Change,
  type ErrorBody,
  type Hello,
  type MutationInput,
  type Poke,
  type PullResponse,
  type PushResponse,
  type Result,
  type Session,
  type SnapshotResponse,
} from '../../shared/index.js';

export const randomId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function http<T = unknown>(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; rawBody?: string } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Logs in over HTTP; throws with the server's error code when refused. */
export async function login(url: string, loginName: string, password: string, deviceId = randomId('dev')): Promise<Session> {
  const answer = await http<Session | { error: ErrorBody }>(url, 'POST', '/auth/login', {
    body: { login: loginName, password, deviceId },
  });
  if (answer.status !== 200) {
    const error = (answer.body as { error: ErrorBody }).error;
    throw new RequestRefused(error);
  }
  return answer.body as Session;
}

/** A refusal with the server's code: thrown by login and connectClient. */
export class RequestRefused extends Error {
  readonly code: ErrorBody['code'];
  constructor(readonly error: ErrorBody) {
    super(`${error.code}: ${error.message}`);
    this.code = error.code;
  }
}

export interface ConnectOptions {
  protocolVersion?: number;
  schemaVersion?: number;
  /** Raw `auth` object instead of the one built from the session (for bad-handshake tests). */
  auth?: unknown;
  /** Timeout for each ack (default 10 s). */
  ackTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface SyncClient {
  readonly socket: Socket;
  readonly clientId: string;
  /** The hello of the current connection. */
  readonly hello: Hello;
  push(mutations: readonly (MutationInput | unknown)[]): Promise<Result<PushResponse>>;
  pull(cursor: number, limit?: number): Promise<Result<PullResponse>>;
  /** Pulls pages until hasMore is false; throws on an error answer. */
  pullAll(cursor: number, limit?: number): Promise<{ changes: Change[]; cursor: number; lastMutationId: number; pages: number }>;
  snapshot(request?: { cursor?: number | null; phase?: 'mine' | 'rest'; after?: string | null; limit?: number }): Promise<Result<SnapshotResponse>>;
  /** Emits any event with any payload and waits for the ack (for bad-input tests). */
  emitRaw(event: string, payload: unknown): Promise<unknown>;
  /** Calls back on every poke; returns an unsubscribe function. */
  onPoke(listener: (poke: Poke) => void): () => void;
  /** Every poke received so far. */
  readonly pokes: readonly Poke[];
  /** Resolves with the next poke whose cursor is at least minCursor. */
  waitForPoke(minCursor?: number, timeoutMs?: number): Promise<Poke>;
  /** The session:revoked payload, if the server sent one. */
  readonly revoked: ErrorBody | null;
  /** Resolves with the disconnect reason when the socket closes. */
  waitForDisconnect(timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Connects like a console: handshake with the session's access token, waits for sync:hello.
 * Rejects with RequestRefused carrying the handshake error code (UNAUTHENTICATED, TOKEN_EXPIRED, …).
 */
export async function connectClient(
  url: string,
  session: Session | string,
  clientId: string = randomId('cl'),
  options: ConnectOptions = {},
): Promise<SyncClient> {
  const token = typeof session === 'string' ? session : session.accessToken;
  const auth =
    options.auth ?? {
      token,
      clientId,
      protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
      schemaVersion: options.schemaVersion ?? SCHEMA_VERSION,
    };
  const socket = io(url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  const ackTimeout = options.ackTimeoutMs ?? 10_000;
  const pokes: Poke[] = [];
  const pokeListeners = new Set<(poke: Poke) => void>();
  let revoked: ErrorBody | null = null;
  let disconnectReason: string | null = null;
  const disconnectWaiters = new Set<(reason: string) => void>();

  socket.on(EVENTS.poke, (poke: Poke) => {
    pokes.push(poke);
    for (const listener of pokeListeners) listener(poke);
  });
  socket.on(EVENTS.revoked, (body: ErrorBody) => (revoked = body));
  socket.on('disconnect', (reason) => {
    disconnectReason = reason;
    for (const waiter of disconnectWaiters) waiter(reason);
  });

  const hello = await withTimeout(
    new Promise<Hello>((resolve, reject) => {
      socket.once(EVENTS.hello, resolve);
      socket.once('connect_error', (error: Error & { data?: ErrorBody }) => {
        socket.close();
        reject(error.data ? new RequestRefused(error.data) : error);
      });
    }),
    options.connectTimeoutMs ?? 10_000,
    'sync:hello',
  );

  const request = async <T>(event: string, payload: unknown): Promise<Result<T>> =>
    (await socket.timeout(ackTimeout).emitWithAck(event, payload)) as Result<T>;

  const client: SyncClient = {
    socket,
    clientId,
    hello,
    push: (mutations) => request<PushResponse>(EVENTS.push, { mutations }),
    pull: (cursor, limit) => request<PullResponse>(EVENTS.pull, limit === undefined ? { cursor } : { cursor, limit }),
    async pullAll(cursor, limit) {
      const changes: Change[] = [];
      let pages = 0;
      for (;;) {
        const page = await client.pull(cursor, limit);
        if (!page.ok) throw new RequestRefused(page.error);
        pages++;
        changes.push(...page.value.changes);
        cursor = page.value.cursor;
        if (!page.value.hasMore) return { changes, cursor, lastMutationId: page.value.lastMutationId, pages };
      }
    },
    snapshot: (req = {}) => request<SnapshotResponse>(EVENTS.snapshot, req),
    emitRaw: (event, payload) => socket.timeout(ackTimeout).emitWithAck(event, payload),
    onPoke(listener) {
      pokeListeners.add(listener);
      return () => pokeListeners.delete(listener);
    },
    pokes,
    waitForPoke(minCursor = 0, timeoutMs = 5_000) {
      const seen = pokes.find((p) => p.cursor >= minCursor);
      if (seen && minCursor > 0) return Promise.resolve(seen);
      return withTimeout(
        new Promise<Poke>((resolve) => {
          const off = client.onPoke((poke) => {
            if (poke.cursor >= minCursor) {
              off();
              resolve(poke);
            }
          });
        }),
        timeoutMs,
        `a poke with cursor >= ${minCursor}`,
      );
    },
    get revoked() {
      return revoked;
    },
    waitForDisconnect(timeoutMs = 5_000) {
      if (disconnectReason !== null) return Promise.resolve(disconnectReason);
      return withTimeout(new Promise<string>((resolve) => disconnectWaiters.add(resolve)), timeoutMs, 'disconnect');
    },
    async close() {
      if (socket.connected) {
        const closed = client.waitForDisconnect(2_000).catch(() => 'timeout');
        socket.close();
        await closed;
      } else {
        socket.close();
      }
    },
  };
  return client;
}

/** Builds mutation envelopes for one client with mutationIds 1, 2, 3, … (or from `start`). */
export class MutationSequence {
  private nextId: number;
  constructor(
    readonly clientId: string,
    start = 1,
  ) {
    this.nextId = start;
  }

  next<N extends MutationInput['name']>(name: N, args: Extract<MutationInput, { name: N }>['args']): MutationInput {
    return { clientId: this.clientId, mutationId: this.nextId++, name, args, createdAt: new Date().toISOString() } as MutationInput;
  }

  /** The mutationId the next envelope will get. */
  get peek(): number {
    return this.nextId;
  }
}

/** Args for appeal.create with a fresh id and number; override what the test cares about. */
export function createAppealArgs(overrides: Partial<Extract<MutationInput, { name: 'appeal.create' }>['args']> = {}) {
  const id = randomId('ap');
  return {
    id,
    number: `Т-${id}`,
    channel: 'phone' as const,
    citizen: { name: 'Петров Пётр', phone: '+79007654321', email: null, handle: null },
    originalText: 'На улице Садовой у дома 12 не горит фонарь, вечером очень темно.',
    subject: 'Не горит фонарь',
    address: 'ул. Садовая, 12',
    receivedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new RequestRefused(result.error);
  return result.value;
}
