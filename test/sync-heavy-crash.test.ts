// Durability against a real server process on SQLite: a SIGKILL in the middle of 1 000 pushed mutations, and restarts that must keep everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationInput, MutationResult, SnapshotResponse } from '../shared/index.js';
import { connectClient, http, login, type SyncClient } from './support/client.js';
import { ORG_A, USERS } from './support/fixtures.js';
import {
  batches,
  commentArgs,
  FIXTURE_PASSWORD,
  mutationRun,
  MutationSequence,
  pushOk,
  randomId,
  readGroundTruth,
  startSeededServer,
  type SeededServer,
} from './support/heavy-helpers.js';
import type { Session } from '../shared/index.js';

let env: SeededServer;

beforeAll(async () => {
  env = await startSeededServer();
});

afterAll(async () => {
  await env?.stop();
});

async function snapshotAll(client: SyncClient): Promise<SnapshotResponse[]> {
  const pages: SnapshotResponse[] = [];
  let request: { cursor: number | null; phase: 'mine' | 'rest'; after: string | null; limit: number } = { cursor: null, phase: 'mine', after: null, limit: 500 };
  for (;;) {
    const answer = await client.snapshot(request);
    if (!answer.ok) throw new Error(answer.error.code);
    pages.push(answer.value);
    if (!answer.value.hasMore) return pages;
    request = { cursor: answer.value.cursor, phase: answer.value.after === null ? 'rest' : answer.value.phase, after: answer.value.after, limit: 500 };
  }
}

describe('a server killed while a console pushes', () => {
  it('applies all 1 000 mutations exactly once after a SIGKILL mid-push, a restart and a re-push of everything unacknowledged', async () => {
    const TOTAL = 1_000;
    const BATCH = 50;
    const clientId = randomId('cl');
    const seq = new MutationSequence(clientId);
    const mutations = mutationRun(seq, TOTAL, 5);
    const client = await env.connect('operatorA', clientId, { ackTimeoutMs: 5_000 });

    // Pipelined like a console draining its outbox: every batch is on the wire before the first ack comes back.
    const acknowledged = new Map<number, MutationResult>();
    let killed: Promise<unknown> | null = null;
    const pushes = batches(mutations, BATCH).map((batch, index) =>
      client.push(batch).then(
        (answer) => {
          if (!answer.ok) throw new Error(`batch ${index}: ${answer.error.code}`);
          for (const r of answer.value.results) acknowledged.set(r.mutationId, r);
          // Kill on the third ack: the remaining batches are queued or mid-transaction on the server.
          if (index === 2 && killed === null) killed = env.server.kill('SIGKILL');
        },
        () => undefined, // lost with the connection
      ),
    );
    await Promise.all(pushes);
    expect(killed).not.toBeNull();
    expect(await killed).toMatchObject({ signal: 'SIGKILL' });
    expect(acknowledged.size).toBeGreaterThanOrEqual(3 * BATCH);
    expect(acknowledged.size).toBeLessThan(TOTAL);
    expect([...acknowledged.values()].every((r) => r.status === 'applied')).toBe(true);

    await env.server.restart();
    const session = await login(env.server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const again = await connectClient(env.server.url, session, clientId);
    try {
      const serverLast = again.hello.lastMutationId;
      // Whatever was acknowledged survived; the kill left some of the pipeline unprocessed.
      expect(serverLast).toBeGreaterThanOrEqual(Math.max(...acknowledged.keys()));
      expect(serverLast).toBeLessThan(TOTAL);

      // The console re-pushes every mutation it has no ack for, with the same mutationIds, in order.
      const unacknowledged = mutations.filter((m) => !acknowledged.has((m as { mutationId: number }).mutationId));
      for (const batch of batches(unacknowledged, BATCH)) {
        const answer = await pushOk(again, batch);
        for (const r of answer.results) acknowledged.set(r.mutationId, r);
      }
      expect(acknowledged.size).toBe(TOTAL);
      const results = [...acknowledged.values()];
      expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
      const seqs = results.map((r) => (r.status === 'applied' ? r.seq : null));
      expect(seqs.every((s) => typeof s === 'number')).toBe(true);
      expect(new Set(seqs).size).toBe(TOTAL);

      // Another console of the organisation sees each comment and each history line once.
      const colleague = await env.connect('operatorA2');
      const { changes } = await colleague.pullAll(0, 2_000);
      const commentIds = mutations.filter((m) => m.name === 'appeal.comment').map((m) => (m.args as { commentId: string }).commentId);
      const pulledComments = changes.flatMap((c) => (c.type === 'comment' ? [c.comment.id] : []));
      expect(pulledComments.filter((id) => commentIds.includes(id)).sort()).toEqual([...commentIds].sort());
      expect(changes.filter((c) => c.type === 'event' && c.event.deviceId === clientId)).toHaveLength(TOTAL);
    } finally {
      await again.close();
    }

    // The database itself, read with better-sqlite3 once the server has stopped.
    await env.server.kill('SIGTERM');
    const truth = await readGroundTruth(env.server);
    expect(truth.clients.get(clientId)).toBe(TOTAL);
    const recorded = truth.mutationResults.filter((r) => r.client_id === clientId);
    expect(recorded.map((r) => r.mutation_id).sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(recorded.every((r) => r.status === 'applied')).toBe(true);
    expect([...truth.events.values()].filter((e) => e.deviceId === clientId)).toHaveLength(TOTAL);

    const creates = mutations.filter((m): m is Extract<MutationInput, { name: 'appeal.create' }> => m.name === 'appeal.create');
    const updates = mutations.filter((m): m is Extract<MutationInput, { name: 'appeal.update' }> => m.name === 'appeal.update');
    const comments = mutations.filter((m): m is Extract<MutationInput, { name: 'appeal.comment' }> => m.name === 'appeal.comment');
    for (const create of creates) {
      const expectedVersion = 1 + updates.filter((u) => u.args.appealId === create.args.id).length;
      expect(truth.appeals.get(create.args.id)).toEqual({ organisationId: ORG_A, version: expectedVersion });
    }
    for (const comment of comments) expect(truth.comments.get(comment.args.commentId)).toBe(comment.args.appealId);
    const ours = new Set(creates.map((c) => c.args.id));
    expect(truth.changes.filter((r) => ours.has(r.appeal_id))).toHaveLength(2 * TOTAL);
    // The change log is gap-free: seq n is the n-th row.
    expect(truth.changes.every((r, i) => r.seq === i + 1)).toBe(true);

    await env.server.restart();
  });
});

describe('restarts', () => {
  it('keeps appeals, comments, events, the client counter, refresh tokens and disabled users across a SIGKILL and a SIGTERM', async () => {
    const url = () => env.server.url;
    const deviceId = randomId('dev');
    const first = await login(url(), USERS.operatorA.login, FIXTURE_PASSWORD, deviceId);
    const refreshed = await http<Session>(url(), 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken, deviceId } });
    expect(refreshed.status).toBe(200);
    let session = refreshed.body;
    // A second device whose first refresh token has been used: presenting it again must stay refused.
    const otherDevice = randomId('dev');
    const used = await login(url(), USERS.operatorA2.login, FIXTURE_PASSWORD, otherDevice);
    expect((await http(url(), 'POST', '/auth/refresh', { body: { refreshToken: used.refreshToken, deviceId: otherDevice } })).status).toBe(200);

    const clientId = randomId('cl');
    const client = await connectClient(url(), session, clientId);
    const seq = new MutationSequence(clientId);
    const appealId = randomId('ap');
    const originals = [
      seq.next('appeal.create', { id: appealId, number: `Т-${appealId}`, channel: 'vk', citizen: { name: 'Сидоров', phone: null, email: null, handle: 'id123' }, originalText: 'Яма на дороге у школы №3', receivedAt: new Date().toISOString() }),
      seq.next('appeal.comment', commentArgs(appealId, 'Передано в дорожную службу')),
      seq.next('appeal.triage', { appealId, category: 'roads', priority: 'fast_track', municipalityId: null, kind: 'incident' }),
      seq.next('appeal.transition', { appealId, from: 'new', to: 'triaged' }),
    ];
    const created = await pushOk(client, originals);
    expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const admin = await login(url(), USERS.admin.login, FIXTURE_PASSWORD);
    const disabled = await http(url(), 'POST', '/api/admin/users/disable', { token: admin.accessToken, body: { userId: USERS.hotlineA.id, disabled: true } });
    expect(disabled.status).toBe(200);

    const before = await client.pullAll(0, 1_000);
    const snapshotBefore = await snapshotAll(client);
    expect(before.changes.filter((c) => c.type === 'event' && c.event.appealId === appealId)).toHaveLength(4);
    expect(before.changes.filter((c) => c.type === 'comment' && c.comment.appealId === appealId)).toHaveLength(1);
    await client.close();

    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      await env.server.kill(signal);
      await env.server.restart();

      const after = await connectClient(url(), session, clientId);
      try {
        expect(after.hello.lastMutationId).toBe(4);
        expect(after.hello.cursor).toBe(before.cursor);
        const pulled = await after.pullAll(0, 1_000);
        expect(pulled.changes).toEqual(before.changes);
        expect(pulled.lastMutationId).toBe(4);
        expect(await snapshotAll(after)).toEqual(snapshotBefore);
        // A replay of the pushed mutations gets the recorded answers, not a second application.
        const replay = await pushOk(after, originals);
        expect(replay).toEqual(created);
        expect(await after.pullAll(0, 1_000)).toMatchObject({ cursor: before.cursor, changes: before.changes });
      } finally {
        await after.close();
      }

      // The refresh token issued before the restart rotates; one already used stays refused.
      const rotated = await http<Session>(url(), 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken, deviceId } });
      expect(rotated.status).toBe(200);
      expect(rotated.body.user.id).toBe(USERS.operatorA.id);
      const reused = await http<{ error: { code: string } }>(url(), 'POST', '/auth/refresh', { body: { refreshToken: used.refreshToken, deviceId: otherDevice } });
      expect(reused.body.error.code).toBe('REFRESH_INVALID');
      session = rotated.body;
      // The disabled user stays disabled.
      await expect(login(url(), USERS.hotlineA.login, FIXTURE_PASSWORD)).rejects.toMatchObject({ code: 'USER_DISABLED' });
    }
  });
});
