// The core sync cases, written once and run against SQLite (sync-core) and PostgreSQL (sync-postgres).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENTS,
  PackContent,
  PackedSnapshotPage,
  SNAPSHOT_PACK_SIZE,
  SnapshotHead,
  entriesFromColumns,
  snapshotEntryOf,
  type Appeal,
  type Change,
  type HistoryResponse,
  type MutationResult,
  type Result,
} from '../../shared/index.js';
import {
  connectClient,
  createAppealArgs,
  login,
  MutationSequence,
  randomId,
  unwrap,
  type SyncClient,
} from './client.js';
import { FIXTURE_PASSWORD, ORG_A, ORG_B, seedFixture, USERS, type FixtureUserKey } from './fixtures.js';
import type { TestDatabase } from './postgres.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface CoreSyncTarget {
  /** A fresh PostgreSQL database, or null for SQLite in the data folder. */
  database: () => Promise<TestDatabase | null>;
}

const appealsIn = (changes: Change[]) =>
  changes.flatMap((c) => (c.type === 'appeal' ? [c.appeal] : []));
const evictionsIn = (changes: Change[]) => changes.flatMap((c) => (c.type === 'evict' ? [c.appealId] : []));
const stripSeq = (results: MutationResult[]) => results.map((r) => ({ ...r }));

const unzip = (bytes: ArrayBuffer | Uint8Array): unknown => JSON.parse(gunzipSync(bytes as Uint8Array).toString('utf8'));

/** A snapshot page asked for in packs, opened as a console opens it: the head parsed, the data cut into packs by their lengths. */
async function packedSnapshot(client: { emitRaw(event: string, payload: unknown): Promise<unknown> }, request: object) {
  const answer = (await client.emitRaw(EVENTS.snapshot, { ...request, encoding: 'packs' })) as Result<unknown>;
  if (!answer.ok) throw new Error(answer.error.message);
  const page = PackedSnapshotPage.parse(answer.value);
  const data = page.data as Uint8Array;
  let at = 0;
  const contents = page.packs.map((p) => PackContent.parse(unzip(data.subarray(at, (at += p.bytes)))));
  expect(at, 'the packs fill the data').toBe(data.length);
  return { page, head: SnapshotHead.parse(unzip(page.head)), contents };
}

export function describeCoreSync(label: string, target: CoreSyncTarget): void {
  describe(`core sync on ${label}`, () => {
    let server: ServerProcess;
    let database: TestDatabase | null = null;
    let dataDir: string;
    const open: SyncClient[] = [];

    const connectAs = async (user: FixtureUserKey, clientId = randomId('cl')) => {
      const session = await login(server.url, USERS[user].login, FIXTURE_PASSWORD);
      const client = await connectClient(server.url, session, clientId);
      open.push(client);
      return client;
    };

    beforeAll(async () => {
      database = await target.database();
      dataDir = mkdtempSync(join(tmpdir(), 'otklik-core-'));
      await seedFixture({ dataDir, databaseUrl: database?.url ?? null });
      server = await startServerProcess({ dataDir, databaseUrl: database?.url ?? null });
    });

    afterAll(async () => {
      await Promise.all(open.map((c) => c.close()));
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    });

    it('applies a pushed create, returns it on pull and pokes a second console within a second', async () => {
      const pusher = await connectAs('operatorA');
      const watcher = await connectAs('operatorA2');
      const start = watcher.hello.cursor;
      const args = createAppealArgs();
      const poked = watcher.waitForPoke(start + 1, 1_000);

      const pushed = unwrap(await pusher.push([new MutationSequence(pusher.clientId).next('appeal.create', args)]));
      const startedAt = Date.now();
      expect(pushed.results).toEqual([{ mutationId: 1, status: 'applied', seq: expect.any(Number) }]);
      expect(pushed.lastMutationId).toBe(1);

      await poked;
      const pulled = await watcher.pullAll(start);
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(appealsIn(pulled.changes)).toEqual([
        expect.objectContaining({ id: args.id, status: 'new', organisationId: ORG_A, version: 1, kind: 'incident' }),
      ]);
      const event = pulled.changes.find((c) => c.type === 'event');
      expect(event).toMatchObject({ event: { appealId: args.id, action: 'appeal.create', deviceId: pusher.clientId, actorId: USERS.operatorA.id } });
    });

    it('applies a mutation exactly once when it is pushed three times, out of order, and again after a reconnect', async () => {
      const clientId = randomId('cl');
      const first = await connectAs('operatorA', clientId);
      const seq = new MutationSequence(clientId);
      const args = createAppealArgs();
      const create = seq.next('appeal.create', args);
      const comment = seq.next('appeal.comment', { appealId: args.id, commentId: randomId('cm'), text: 'Позвонили заявителю' });
      const update = seq.next('appeal.update', { appealId: args.id, expectedVersion: 1, patch: { summary: 'Фонарь у дома 12' } });

      const thrice = unwrap(await first.push([create, create, create]));
      expect(thrice.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(new Set(thrice.results.map((r) => (r.status === 'applied' ? r.seq : null))).size).toBe(1);

      const early = unwrap(await first.push([update]));
      expect(early.results).toEqual([{ mutationId: 3, status: 'retry', code: 'OUT_OF_ORDER', message: expect.any(String) }]);
      expect(early.lastMutationId).toBe(1);

      const reordered = unwrap(await first.push([update, comment]));
      expect(reordered.results.map((r) => [r.mutationId, r.status])).toEqual([[3, 'applied'], [2, 'applied']]);
      expect(reordered.lastMutationId).toBe(3);
      await first.close();

      const second = await connectAs('operatorA', clientId);
      expect(second.hello.lastMutationId).toBe(3);
      const again = unwrap(await second.push([create, comment, update]));
      expect(stripSeq(again.results)).toEqual([...thrice.results.slice(0, 1), reordered.results[1], reordered.results[0]]);

      const { changes } = await second.pullAll(0);
      const events = changes.flatMap((c) => (c.type === 'event' && c.event.appealId === args.id ? [c.event.action] : []));
      expect(events.sort()).toEqual(['appeal.comment', 'appeal.create', 'appeal.update']);
      expect(changes.filter((c) => c.type === 'comment' && c.comment.appealId === args.id)).toHaveLength(1);
      expect(appealsIn(changes).find((a) => a.id === args.id)).toMatchObject({ version: 2, summary: 'Фонарь у дома 12' });
    });

    it('records a rejection so that a retry gets the same answer, with the current appeal on conflicts', async () => {
      const client = await connectAs('operatorA');
      const seq = new MutationSequence(client.clientId);
      const args = createAppealArgs();
      const create = seq.next('appeal.create', args);
      const stale = seq.next('appeal.update', { appealId: args.id, expectedVersion: 7, patch: { subject: 'Другая тема' } });
      const wrongFrom = seq.next('appeal.transition', { appealId: args.id, from: 'in_progress', to: 'answer_draft' });
      const unknown = { clientId: client.clientId, mutationId: 4, name: 'appeal.delete', args: {}, createdAt: new Date().toISOString() };
      const badArgs = { clientId: client.clientId, mutationId: 5, name: 'appeal.comment', args: { appealId: args.id }, createdAt: new Date().toISOString() };

      const pushed = unwrap(await client.push([create, stale, wrongFrom, unknown, badArgs]));
      expect(pushed.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'applied', 'VERSION_CONFLICT', 'STATUS_CONFLICT', 'UNKNOWN_MUTATION', 'BAD_MESSAGE',
      ]);
      const conflict = pushed.results[1] as Extract<MutationResult, { status: 'rejected' }>;
      expect(conflict.current).toMatchObject({ id: args.id, version: 1, status: 'new' });
      expect(pushed.lastMutationId).toBe(5);

      const retried = unwrap(await client.push([stale, wrongFrom, unknown, badArgs]));
      expect(retried.results).toEqual(pushed.results.slice(1));

      const { changes } = await client.pullAll(client.hello.cursor);
      expect(appealsIn(changes).find((a) => a.id === args.id)).toMatchObject({ version: 1, subject: args.subject });
    });

    it('sends a snapshot page asked for with gzip encoding as one binary attachment that unpacks to the same page as JSON', async () => {
      const operatorA = await connectAs('operatorA');
      const plain = unwrap(await operatorA.snapshot({ phase: 'rest', limit: 5000 }));
      const packed = (await operatorA.emitRaw(EVENTS.snapshot, { cursor: plain.cursor, phase: 'rest', after: null, limit: 5000, encoding: 'gzip' })) as Result<{ gzip: Buffer }>;
      if (!packed.ok) throw new Error(packed.error.message);
      expect(Buffer.isBuffer(packed.value.gzip)).toBe(true);
      const unpacked: unknown = JSON.parse(gunzipSync(packed.value.gzip).toString('utf8'));
      expect(unpacked).toEqual(plain);
      expect(packed.value.gzip.length).toBeLessThan(JSON.stringify(plain).length / 2);
      const refused = (await operatorA.emitRaw(EVENTS.snapshot, { phase: 'rest', encoding: 'brotli' })) as Result<unknown>;
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    });

    it('sends a snapshot page asked for in packs as a head and packs of whole appeals that together are the JSON page', async () => {
      const operatorA = await connectAs('operatorA');
      // an appeal nobody gave a subject yet: its row's title is the first line of its text (here a long one)
      const untitled = createAppealArgs({ subject: '', originalText: `${'Во дворе '.repeat(30)}\nвторая строка` });
      unwrap(await operatorA.push([new MutationSequence(operatorA.clientId).next('appeal.create', untitled)]));
      const plain = unwrap(await operatorA.snapshot({ phase: 'rest', limit: 5000 }));
      expect(plain.appeals.some((a: Appeal) => a.id === untitled.id)).toBe(true);
      const { page, head, contents } = await packedSnapshot(operatorA, { cursor: plain.cursor, phase: 'rest', after: null, limit: 5000 });
      expect(plain.appeals.length).toBeGreaterThan(0);
      expect(contents.map((c) => c.appeals.length)).toEqual(plain.appeals.map((_, i) => i).filter((i) => i % SNAPSHOT_PACK_SIZE === 0).map((i) => Math.min(SNAPSHOT_PACK_SIZE, plain.appeals.length - i)));
      expect(contents.flatMap((c) => c.appeals)).toEqual(plain.appeals);
      expect(page.packs.map((p) => p.count)).toEqual(contents.map((c) => c.appeals.length));
      const entries = entriesFromColumns(head.entries);
      expect(entries).toEqual(plain.appeals.map(snapshotEntryOf));
      // few distinct codes: each once
      expect(head.entries.organisationId.values).toEqual([ORG_A]);
      expect(entries?.find((e) => e.id === untitled.id)?.textHead).toBe('Во дворе '.repeat(30).slice(0, 160));
      const { appeals: _a, comments: _c, events: _e, ...rest } = plain;
      expect(head).toEqual({ ...rest, entries: head.entries });
      // the own queue's comments and history go with their appeal's pack
      const mine = unwrap(await operatorA.snapshot({ phase: 'mine', limit: 5000 }));
      const { contents: mineContents } = await packedSnapshot(operatorA, { cursor: plain.cursor, phase: 'mine', after: null, limit: 5000 });
      expect(mineContents.flatMap((c) => c.events)).toEqual(expect.arrayContaining(mine.events));
      expect(mineContents.flatMap((c) => c.events)).toHaveLength(mine.events.length);
      for (const c of mineContents) expect(c.events.every((e) => c.appeals.some((a) => a.id === e.appealId))).toBe(true);
    });

    it('keeps an operator of organisation A from pulling, pushing to or being poked about organisation B', async () => {
      const operatorA = await connectAs('operatorA');
      const operatorB = await connectAs('operatorB');
      const watcherB = await connectAs('operatorB');

      const all = await operatorA.pullAll(0);
      expect(appealsIn(all.changes).length).toBeGreaterThan(0);
      expect(appealsIn(all.changes).every((a) => a.organisationId === ORG_A)).toBe(true);
      const snapshot = unwrap(await operatorA.snapshot({ phase: 'rest', limit: 5000 }));
      expect(snapshot.appeals.every((a: Appeal) => a.organisationId === ORG_A)).toBe(true);
      expect(snapshot.total).toBe(snapshot.appeals.length);

      const foreign = `${ORG_B}-ap-1`;
      const seqA = new MutationSequence(operatorA.clientId);
      const refused = unwrap(
        await operatorA.push([
          seqA.next('appeal.comment', { appealId: foreign, commentId: randomId('cm'), text: 'чужое' }),
          seqA.next('appeal.update', { appealId: foreign, expectedVersion: 1, patch: { subject: 'чужое' } }),
        ]),
      );
      expect(refused.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['OUT_OF_SCOPE', 'OUT_OF_SCOPE']);

      const ownWatcher = await connectAs('operatorA2');
      const poked = ownWatcher.waitForPoke(ownWatcher.hello.cursor + 1, 2_000);
      unwrap(await operatorA.push([seqA.next('appeal.create', createAppealArgs())]));
      await poked;
      // The own-organisation poke has arrived, so a poke for B would have arrived by now too.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(operatorB.pokes).toEqual([]);
      const pulledB = await watcherB.pullAll(watcherB.hello.cursor);
      expect(pulledB.changes).toEqual([]);
    });

    it('evicts an appeal from A consoles and delivers it to B when it is reassigned from A to B', async () => {
      const operatorA = await connectAs('operatorA');
      const colleagueA = await connectAs('operatorA2');
      const operatorB = await connectAs('operatorB');
      const supervisor = await connectAs('supervisor');
      const seqA = new MutationSequence(operatorA.clientId);
      const args = createAppealArgs();
      unwrap(await operatorA.push([seqA.next('appeal.create', args)]));
      const cursorA = (await colleagueA.pullAll(colleagueA.hello.cursor)).cursor;
      const cursorB = (await operatorB.pullAll(operatorB.hello.cursor)).cursor;
      const cursorSupervisor = (await supervisor.pullAll(supervisor.hello.cursor)).cursor;

      const pokedA = colleagueA.waitForPoke(cursorA + 1, 2_000);
      const pokedB = operatorB.waitForPoke(cursorB + 1, 2_000);
      const assigned = unwrap(
        await operatorA.push([seqA.next('appeal.assign', { appealId: args.id, organisationId: ORG_B, assigneeId: USERS.operatorB.id })]),
      );
      expect(assigned.results[0]?.status).toBe('applied');
      await Promise.all([pokedA, pokedB]);

      const seenByA = await colleagueA.pullAll(cursorA);
      expect(evictionsIn(seenByA.changes)).toEqual([args.id]);
      expect(appealsIn(seenByA.changes)).toEqual([]);
      const seenByB = await operatorB.pullAll(cursorB);
      expect(appealsIn(seenByB.changes)).toEqual([expect.objectContaining({ id: args.id, organisationId: ORG_B, assigneeId: USERS.operatorB.id, version: 2 })]);
      const seenBySupervisor = await supervisor.pullAll(cursorSupervisor);
      expect(appealsIn(seenBySupervisor.changes).map((a) => a.id)).toEqual([args.id]);

      const mine = unwrap(await operatorB.snapshot({ phase: 'mine' }));
      expect(mine.appeals.map((a) => a.id)).toContain(args.id);
      const after = unwrap(await operatorA.push([seqA.next('appeal.comment', { appealId: args.id, commentId: randomId('cm'), text: 'ещё' })]));
      expect(after.results[0]).toMatchObject({ status: 'rejected', code: 'OUT_OF_SCOPE' });
    });

    it('refuses mutations a role may not make', async () => {
      const hotline = await connectAs('hotlineA');
      const field = await connectAs('fieldA');
      const appealId = `${ORG_A}-ap-2`;
      const hot = new MutationSequence(hotline.clientId);
      const hotResult = unwrap(
        await hotline.push([
          hot.next('appeal.triage', { appealId, category: 'roads', priority: 'fast_track', municipalityId: null, kind: 'incident' }),
          hot.next('appeal.comment', { appealId, commentId: randomId('cm'), text: 'Заявитель перезвонил' }),
        ]),
      );
      expect(hotResult.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['FORBIDDEN', 'applied']);
      const fieldResult = unwrap(await field.push([new MutationSequence(field.clientId).next('appeal.create', createAppealArgs())]));
      expect(fieldResult.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    });

    it('serves the initial snapshot own queue first, then the rest, in pages at a fixed cursor', async () => {
      const supervisor = await connectAs('supervisor');
      const pages = [];
      let request: { cursor: number | null; phase: 'mine' | 'rest'; after: string | null; limit: number } = {
        cursor: null, phase: 'mine', after: null, limit: 2,
      };
      for (;;) {
        const page = unwrap(await supervisor.snapshot(request));
        pages.push(page);
        if (!page.hasMore) break;
        request = page.after === null
          ? { cursor: page.cursor, phase: 'rest', after: null, limit: 2 }
          : { cursor: page.cursor, phase: page.phase, after: page.after, limit: 2 };
      }
      const ids = pages.flatMap((p) => p.appeals.map((a) => a.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(pages[0]!.total);
      expect(new Set(pages.map((p) => p.cursor)).size).toBe(1);
      expect(pages.flatMap((p) => p.events).every((e) => ids.includes(e.appealId))).toBe(true);
    });

    it('answers a walk in packs page for page like the JSON walk, while it builds each next page ahead, and answers any other request too', async () => {
      const supervisor = await connectAs('supervisor');
      type Request = { cursor: number | null; phase: 'mine' | 'rest'; after: string | null; limit: number };
      const packedPage = async (request: Request) => {
        const { head: { entries: _entries, ...head }, contents } = await packedSnapshot(supervisor, request);
        return { ...head, appeals: contents.flatMap((c) => c.appeals), comments: contents.flatMap((c) => c.comments), events: contents.flatMap((c) => c.events) };
      };
      const next = (page: { cursor: number; phase: 'mine' | 'rest'; after: string | null }): Request =>
        page.after === null ? { cursor: page.cursor, phase: 'rest', after: null, limit: 2 } : { cursor: page.cursor, phase: page.phase, after: page.after, limit: 2 };
      let request: Request = { cursor: null, phase: 'mine', after: null, limit: 2 };
      const first = unwrap(await supervisor.snapshot(request));
      request = { ...request, cursor: first.cursor };
      let pages = 0;
      for (;;) {
        const json = unwrap(await supervisor.snapshot(request));
        const packed = await packedPage(request);
        expect(packed).toEqual({ ...json, comments: expect.arrayContaining(json.comments), events: expect.arrayContaining(json.events) });
        expect(packed.events).toHaveLength(json.events.length);
        pages++;
        if (!json.hasMore) break;
        request = next(json);
      }
      expect(pages).toBeGreaterThan(2);
      // not the page built ahead: the first page again, and one of another size
      expect((await packedPage({ ...request, cursor: first.cursor, phase: 'mine', after: null })).appeals).toEqual(first.appeals);
      expect((await packedPage({ cursor: first.cursor, phase: 'rest', after: null, limit: 3 })).appeals).toEqual(unwrap(await supervisor.snapshot({ cursor: first.cursor, phase: 'rest', after: null, limit: 3 })).appeals);
    });

    it('sends history with the own queue only, and an appeal’s whole history on request within the scope', async () => {
      const operatorA = await connectAs('operatorA');
      const operatorB = await connectAs('operatorB');
      const args = createAppealArgs();
      const seq = new MutationSequence(operatorA.clientId);
      const commentId = randomId('cm');
      unwrap(await operatorA.push([seq.next('appeal.create', args), seq.next('appeal.comment', { appealId: args.id, commentId, text: 'позвонили заявителю' })]));

      const rest = unwrap(await operatorA.snapshot({ phase: 'rest', limit: 5000 }));
      expect(rest.appeals.map((a) => a.id)).toContain(args.id);
      expect(rest.comments).toEqual([]);
      expect(rest.events).toEqual([]);

      const history = unwrap((await operatorA.emitRaw(EVENTS.history, { appealId: args.id })) as Result<HistoryResponse>);
      expect(history.appealId).toBe(args.id);
      expect(history.comments.map((c) => c.id)).toEqual([commentId]);
      expect(history.events.map((e) => e.action)).toContain('appeal.create');
      expect(history.events.every((e) => e.appealId === args.id)).toBe(true);

      expect(await operatorB.emitRaw(EVENTS.history, { appealId: args.id })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
      expect(await operatorA.emitRaw(EVENTS.history, { appealId: 'not an id!' })).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    });

    it('answers CURSOR_RESET to a cursor ahead of the server', async () => {
      const client = await connectAs('operatorA');
      const answer = await client.pull(client.hello.cursor + 1_000);
      expect(answer).toEqual({ ok: false, error: { code: 'CURSOR_RESET', message: expect.any(String) } });
    });

    it('keeps appeals, client counters and sessions across a restart', async () => {
      const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
      const clientId = randomId('cl');
      const before = await connectClient(server.url, session, clientId);
      const seq = new MutationSequence(clientId);
      const args = createAppealArgs();
      const create = seq.next('appeal.create', args);
      unwrap(await before.push([create]));
      const everything = await before.pullAll(0);
      await before.close();

      await server.restart();
      const after = await connectClient(server.url, session, clientId);
      open.push(after);
      expect(after.hello.lastMutationId).toBe(1);
      expect(after.hello.cursor).toBe(everything.cursor);
      expect((await after.pullAll(0)).changes).toEqual(everything.changes);
      const again = unwrap(await after.push([create, seq.next('appeal.comment', { appealId: args.id, commentId: randomId('cm'), text: 'после перезапуска' })]));
      expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(again.lastMutationId).toBe(2);
    });
  });
}
