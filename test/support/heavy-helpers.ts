// Helpers for the heavy sync tests and the server bench: seeded servers, mutation builders, ground truth read from the database, pull-page checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Appeal, AppealEvent, Change, Comment, MutationInput, PullResponse } from '../../shared/index.js';
import {
  connectClient,
  createAppealArgs,
  login,
  MutationSequence,
  randomId,
  RequestRefused,
  type ConnectOptions,
  type SyncClient,
} from './client.js';
import { buildFixture, FIXTURE_PASSWORD, seedFixture, USERS, type FixtureUserKey } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server-process.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface SeededServer {
  server: ServerProcess;
  dataDir: string;
  database: TestDatabase | null;
  /** Logs in (one session per user, cached) and connects a console with the given clientId. */
  connect(user: FixtureUserKey, clientId?: string, options?: ConnectOptions): Promise<SyncClient>;
  /** Closes every client connect() opened, stops the server, removes the data folder, drops the database. */
  stop(): Promise<void>;
}

export interface SeededServerOptions {
  kind?: DatabaseKind;
  appealsPerOrganisation?: number;
  env?: Record<string, string>;
}

/** Seeds the fixture (SQLite in a temp folder, or a fresh PostgreSQL database) and starts the real server on it. */
export async function startSeededServer(options: SeededServerOptions = {}): Promise<SeededServer> {
  const database = options.kind === 'postgres' ? await createTestDatabase() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-heavy-'));
  await seedFixture({ dataDir, databaseUrl: database?.url ?? null }, buildFixture({ appealsPerOrganisation: options.appealsPerOrganisation ?? 3 }));
  const serverOptions: ServerProcessOptions = { dataDir, databaseUrl: database?.url ?? null };
  if (options.env) serverOptions.env = options.env;
  const server = await startServerProcess(serverOptions);
  const open: SyncClient[] = [];
  const sessions = new Map<FixtureUserKey, Awaited<ReturnType<typeof login>>>();
  return {
    server,
    dataDir,
    database,
    async connect(user, clientId = randomId('cl'), connectOptions = {}) {
      let session = sessions.get(user);
      if (!session) {
        session = await login(server.url, USERS[user].login, FIXTURE_PASSWORD);
        sessions.set(user, session);
      }
      const client = await connectClient(server.url, session, clientId, connectOptions);
      open.push(client);
      return client;
    },
    async stop() {
      await Promise.all(open.map((c) => c.close().catch(() => undefined)));
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** A comment mutation's args with a fresh comment id. */
export const commentArgs = (appealId: string, text: string) => ({ appealId, commentId: randomId('cm'), text });

/**
 * A realistic run of mutations for one client: every `createEvery`-th one creates an appeal, the others comment on
 * or update (with the right expected version) the appeals this client created.
 */
export function mutationRun(seq: MutationSequence, count: number, createEvery = 5): MutationInput[] {
  const out: MutationInput[] = [];
  const versions = new Map<string, number>();
  let current: string | null = null;
  for (let i = 0; i < count; i++) {
    if (current === null || i % createEvery === 0) {
      const args = createAppealArgs({ subject: `Обращение ${seq.peek}` });
      out.push(seq.next('appeal.create', args));
      versions.set(args.id, 1);
      current = args.id;
    } else if (i % createEvery === createEvery - 1) {
      const version = versions.get(current)!;
      out.push(seq.next('appeal.update', { appealId: current, expectedVersion: version, patch: { summary: `Сводка ${seq.peek}` } }));
      versions.set(current, version + 1);
    } else {
      out.push(seq.next('appeal.comment', commentArgs(current, `Заметка ${seq.peek}: связались с заявителем`)));
    }
  }
  return out;
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pushes and throws unless the ack is ok; returns the push response. */
export async function pushOk(client: SyncClient, mutations: readonly unknown[]) {
  const answer = await client.push(mutations);
  if (!answer.ok) throw new RequestRefused(answer.error);
  return answer.value;
}

// ---- ground truth, read from the database itself ----

export interface ChangeLogRow {
  seq: number;
  entity: 'appeal' | 'comment' | 'event';
  entity_id: string;
  appeal_id: string;
  org_id: string;
  prev_org_id: string | null;
  region_id: string;
}

export interface GroundTruth {
  changes: ChangeLogRow[];
  /** id → organisation and version. */
  appeals: Map<string, { organisationId: string; version: number }>;
  /** comment id → appeal id */
  comments: Map<string, string>;
  /** event id → { appeal id, device id } */
  events: Map<string, { appealId: string; deviceId: string | null }>;
  mutationResults: Array<{ client_id: string; mutation_id: number; status: string; code: string | null }>;
  clients: Map<string, number>;
}

type Query = (text: string) => Promise<Array<Record<string, unknown>>>;

async function withQuery<T>(server: { dataDir: string; databaseUrl: string | null }, fn: (query: Query) => Promise<T>): Promise<T> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      return await fn(async (text) => (await client.query(text)).rows as Array<Record<string, unknown>>);
    } finally {
      await client.end();
    }
  }
  // Read-only beside the running server: WAL lets a reader see the last committed state.
  const db = new SqliteDatabase(join(server.dataDir, 'otklik.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return await fn(async (text) => db.prepare(text).all() as Array<Record<string, unknown>>);
  } finally {
    db.close();
  }
}

/** Everything sync-relevant, read straight from the server's database (SQLite file or PostgreSQL). */
export function readGroundTruth(server: { dataDir: string; databaseUrl: string | null }): Promise<GroundTruth> {
  return withQuery(server, async (query) => {
    const changes = (await query('select seq, entity, entity_id, appeal_id, org_id, prev_org_id, region_id from changes order by seq')).map(
      (r) => ({ ...(r as unknown as ChangeLogRow), seq: Number(r.seq) }),
    );
    const appeals = new Map(
      (await query('select id, organisation_id, version from appeals')).map((r) => [
        String(r.id),
        { organisationId: String(r.organisation_id), version: Number(r.version) },
      ]),
    );
    const comments = new Map((await query('select id, appeal_id from comments')).map((r) => [String(r.id), String(r.appeal_id)]));
    const events = new Map(
      (await query('select id, appeal_id, device_id from appeal_events')).map((r) => [
        String(r.id),
        { appealId: String(r.appeal_id), deviceId: r.device_id === null ? null : String(r.device_id) },
      ]),
    );
    const mutationResults = (await query('select client_id, mutation_id, status, code from mutation_results')).map((r) => ({
      client_id: String(r.client_id),
      mutation_id: Number(r.mutation_id),
      status: String(r.status),
      code: r.code === null ? null : String(r.code),
    }));
    const clients = new Map((await query('select client_id, last_mutation_id from clients')).map((r) => [String(r.client_id), Number(r.last_mutation_id)]));
    return { changes, appeals, comments, events, mutationResults, clients };
  });
}

// ---- pulling in pages and checking the pages against the log ----

export interface PulledPage {
  from: number;
  response: PullResponse;
}

/** Pulls pages from `cursor` until hasMore is false, recording each page with the cursor it was asked from. */
export async function pullPages(
  client: SyncClient,
  cursor: number,
  limit: number,
  into: PulledPage[] = [],
  onPage: (page: PulledPage) => void = () => undefined,
): Promise<{ cursor: number; pages: PulledPage[] }> {
  for (;;) {
    const answer = await client.pull(cursor, limit);
    if (!answer.ok) throw new RequestRefused(answer.error);
    const page = { from: cursor, response: answer.value };
    into.push(page);
    onPage(page);
    cursor = answer.value.cursor;
    if (!answer.value.hasMore) return { cursor, pages: into };
  }
}

/** A console's local state rebuilt from pulled changes: upsert appeals, add comments and events, drop evicted appeals. */
export interface LocalState {
  appeals: Map<string, Appeal>;
  comments: Map<string, Comment>;
  events: Map<string, AppealEvent>;
}

export function applyChanges(changes: readonly Change[], state: LocalState = { appeals: new Map(), comments: new Map(), events: new Map() }): LocalState {
  for (const change of changes) {
    if (change.type === 'appeal') state.appeals.set(change.appeal.id, change.appeal);
    else if (change.type === 'comment') state.comments.set(change.comment.id, change.comment);
    else if (change.type === 'event') state.events.set(change.event.id, change.event);
    else if (change.type !== 'evict') continue; // attachments, answers, alerts, reference: not part of this state
    else {
      state.appeals.delete(change.appealId);
      for (const [id, c] of state.comments) if (c.appealId === change.appealId) state.comments.delete(id);
      for (const [id, e] of state.events) if (e.appealId === change.appealId) state.events.delete(id);
    }
  }
  return state;
}

/**
 * Checks pulled pages of a console against the change log (inScope: the log rows its scope covers): cursors chain, seqs strictly increase
 * and stay inside their page, every in-scope log row of a page is delivered (comments and events by their own seq,
 * appeals once per page at their first seq, an appeal that left the scope as one eviction), and nothing else is.
 * Returns a list of problems (empty when all is well).
 */
export function checkPages(
  pages: readonly PulledPage[],
  log: readonly ChangeLogRow[],
  inScope: (row: ChangeLogRow) => boolean,
  startCursor: number,
): string[] {
  const problems: string[] = [];
  let expectedFrom = startCursor;
  let lastSeq = startCursor;
  const seen = new Set<number>();
  for (const [index, page] of pages.entries()) {
    const { from, response } = page;
    const where = `page ${index} (${from}→${response.cursor})`;
    if (from !== expectedFrom) problems.push(`${where}: asked from ${from}, previous page ended at ${expectedFrom}`);
    if (response.cursor < from) problems.push(`${where}: cursor went backwards`);
    expectedFrom = response.cursor;
    for (const change of response.changes) {
      if (change.seq <= lastSeq) problems.push(`${where}: seq ${change.seq} not after ${lastSeq}`);
      if (seen.has(change.seq)) problems.push(`${where}: seq ${change.seq} repeated`);
      if (change.seq <= from || change.seq > response.cursor) problems.push(`${where}: seq ${change.seq} outside the page`);
      seen.add(change.seq);
      lastSeq = change.seq;
    }
    const bySeq = new Map(response.changes.map((c) => [c.seq, c]));
    const rows = log.filter((r) => r.seq > from && r.seq <= response.cursor);
    const rowBySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const change of response.changes) {
      const row = rowBySeq.get(change.seq);
      if (!row) {
        problems.push(`${where}: seq ${change.seq} is not in the log`);
        continue;
      }
      if (!inScope(row)) problems.push(`${where}: seq ${change.seq} is outside the scope (org ${row.org_id})`);
    }
    // Group the page's in-scope rows by appeal.
    const byAppeal = new Map<string, ChangeLogRow[]>();
    for (const row of rows.filter(inScope)) {
      const list = byAppeal.get(row.appeal_id);
      if (list) list.push(row);
      else byAppeal.set(row.appeal_id, [row]);
    }
    for (const [appealId, appealRows] of byAppeal) {
      const first = appealRows[0]!;
      const delivered = appealRows.map((r) => bySeq.get(r.seq)).filter((c): c is Change => c !== undefined);
      const evictions = delivered.filter((c) => c.type === 'evict');
      if (evictions.length > 0) {
        if (delivered.length !== 1 || evictions[0]!.seq !== first.seq || (evictions[0] as { appealId: string }).appealId !== appealId) {
          problems.push(`${where}: appeal ${appealId} evicted, but delivered as ${JSON.stringify(delivered.map((c) => [c.seq, c.type]))}`);
        }
        continue;
      }
      let appealSent = false;
      for (const row of appealRows) {
        const change = bySeq.get(row.seq);
        if (row.entity === 'appeal') {
          if (!appealSent) {
            if (change?.type !== 'appeal' || change.appeal.id !== appealId) problems.push(`${where}: appeal row ${row.seq} (${appealId}) missing`);
            appealSent = true;
          } else if (change) {
            problems.push(`${where}: appeal ${appealId} repeated at ${row.seq} in one page`);
          }
        } else if (row.entity === 'comment') {
          if (change?.type !== 'comment' || change.comment.id !== row.entity_id) problems.push(`${where}: comment row ${row.seq} (${row.entity_id}) missing`);
        } else if (change?.type !== 'event' || change.event.id !== row.entity_id) {
          problems.push(`${where}: event row ${row.seq} (${row.entity_id}) missing`);
        }
      }
    }
  }
  return problems;
}

/** The log rows an organisation's consoles pull: its own, and those of appeals that left it (evictions). */
export const organisationScope = (organisationId: string) => (row: ChangeLogRow) =>
  row.org_id === organisationId || row.prev_org_id === organisationId;
export const regionScope = (regionId: string) => (row: ChangeLogRow) => row.region_id === regionId;

/** Compares a console's rebuilt state with the server's for the organisations it sees; returns problems. */
export function checkFinalState(state: LocalState, truth: GroundTruth, sees: (organisationId: string) => boolean): string[] {
  const problems: string[] = [];
  const expectedAppeals = [...truth.appeals].filter(([, a]) => sees(a.organisationId));
  if (state.appeals.size !== expectedAppeals.length) problems.push(`appeals: ${state.appeals.size} local, ${expectedAppeals.length} on the server`);
  for (const [id, a] of expectedAppeals) {
    const local = state.appeals.get(id);
    if (!local) problems.push(`appeal ${id} missing`);
    else if (local.version !== a.version || local.organisationId !== a.organisationId) {
      problems.push(`appeal ${id}: local version ${local.version} of ${local.organisationId}, server ${a.version} of ${a.organisationId}`);
    }
  }
  const seen = (appealId: string) => {
    const appeal = truth.appeals.get(appealId);
    return appeal !== undefined && sees(appeal.organisationId);
  };
  const expectedComments = [...truth.comments].filter(([, appealId]) => seen(appealId));
  if (state.comments.size !== expectedComments.length) problems.push(`comments: ${state.comments.size} local, ${expectedComments.length} on the server`);
  for (const [id] of expectedComments) if (!state.comments.has(id)) problems.push(`comment ${id} missing`);
  const expectedEvents = [...truth.events].filter(([, e]) => seen(e.appealId));
  if (state.events.size !== expectedEvents.length) problems.push(`events: ${state.events.size} local, ${expectedEvents.length} on the server`);
  for (const [id] of expectedEvents) if (!state.events.has(id)) problems.push(`event ${id} missing`);
  return problems.slice(0, 50);
}

export { MutationSequence, randomId, USERS, FIXTURE_PASSWORD };
