// The paged-pull-under-writes case, written once and run on SQLite and on PostgreSQL (test/sync-heavy-pull-*.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationInput, MutationResult } from '../../shared/index.js';
import type { SyncClient } from './client.js';
import { ORG_A, ORG_B, REGION_ID } from './fixtures.js';
import {
  applyChanges,
  batches,
  checkFinalState,
  checkPages,
  commentArgs,
  mutationRun,
  MutationSequence,
  organisationScope,
  pullPages,
  pushOk,
  readGroundTruth,
  regionScope,
  startSeededServer,
  type DatabaseKind,
  type PulledPage,
  type SeededServer,
} from './heavy-helpers.js';

export interface HeavyPullSize {
  /** Seeded appeals per organisation A and B: two change-log rows each before the writers start. */
  seededPerOrganisation: number;
  /** Mutations each of the three writers pushes while the pulls run (at least 200). */
  writesPerClient: number;
}

/** SQLite writes fast enough for a large share of writes; on PostgreSQL every statement is a round trip, so seed more and write less. */
export const HEAVY_PULL_SIZES: Record<DatabaseKind, HeavyPullSize> = {
  sqlite: { seededPerOrganisation: 3_800, writesPerClient: 700 },
  postgres: { seededPerOrganisation: 4_600, writesPerClient: 300 },
};
const PAGE = 250;

/** Pushes a client's mutations in small batches, one after another, and returns every result. */
async function write(client: SyncClient, mutations: MutationInput[]): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const batch of batches(mutations, 20)) results.push(...(await pushOk(client, batch)).results);
  return results;
}

/** Pulls pages from 0 until a full drain has started after the writers finished; counts the pages that overlapped the writes. */
async function pullWhileWriting(client: SyncClient, writing: Promise<unknown>): Promise<{ pages: PulledPage[]; duringWrites: number }> {
  let done = false;
  void writing.finally(() => (done = true)).catch(() => undefined);
  const pages: PulledPage[] = [];
  let cursor = 0;
  let duringWrites = 0;
  for (;;) {
    const finalDrain = done;
    cursor = (await pullPages(client, cursor, PAGE, pages, () => (done ? undefined : duringWrites++))).cursor;
    if (finalDrain) return { pages, duringWrites };
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function describeHeavyPull(kind: DatabaseKind, size: HeavyPullSize = HEAVY_PULL_SIZES[kind]): void {
  describe(`paged pull during writes on ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, () => {
    let env: SeededServer;

    beforeAll(async () => {
      env = await startSeededServer({ kind, appealsPerOrganisation: size.seededPerOrganisation });
    });

    afterAll(async () => {
      await env?.stop();
    });

    it('delivers every change exactly once, in seq order, to an operator and a supervisor pulling in pages of 250 while 3 consoles write', async () => {
      const operator = await env.connect('operatorA');
      const supervisor = await env.connect('supervisor');
      const writerA = await env.connect('operatorA2');
      const writerHotline = await env.connect('hotlineA');
      const writerB = await env.connect('operatorB');

      // A's operator creates, comments, updates, triages older appeals and redirects some to B (evictions for A).
      const seqA = new MutationSequence(writerA.clientId);
      const run = mutationRun(seqA, size.writesPerClient - 100, 5);
      const mixed: MutationInput[] = [];
      for (const [i, m] of run.entries()) {
        mixed.push(m);
        if (i % 7 === 0) {
          const n = 100 + Math.floor(i / 7);
          mixed.push(seqA.next('appeal.triage', { appealId: `${ORG_A}-ap-${n}`, category: 'roads', priority: 'fast_track', municipalityId: null, kind: 'incident' }));
        }
        if (i % 29 === 0) mixed.push(seqA.next('appeal.assign', { appealId: `${ORG_A}-ap-${1 + Math.floor(i / 29)}`, organisationId: ORG_B, assigneeId: null }));
      }
      // Interleaved after generation: number them again so the client's ids stay 1, 2, 3, … in push order.
      mixed.forEach((m, i) => (m.mutationId = i + 1));
      const seqHotline = new MutationSequence(writerHotline.clientId);
      const seqB = new MutationSequence(writerB.clientId);
      const bMutations = mutationRun(seqB, size.writesPerClient - 100, 4);
      for (let i = 1; i <= 100; i++) bMutations.push(seqB.next('appeal.comment', commentArgs(`${ORG_B}-ap-${i}`, 'Выехала бригада')));

      const startHead = operator.hello.cursor;
      const writing = Promise.all([
        write(writerA, mixed),
        write(writerHotline, mutationRun(seqHotline, size.writesPerClient, 3)),
        write(writerB, bMutations),
      ]);
      const [operatorPull, supervisorPull, results] = await Promise.all([
        pullWhileWriting(operator, writing),
        pullWhileWriting(supervisor, writing),
        writing,
      ]);

      // Every write was applied (the test would prove nothing about a log the writers failed to fill).
      for (const list of results) expect(list.filter((r) => r.status !== 'applied')).toEqual([]);
      const truth = await readGroundTruth(env.server);
      const head = truth.changes[truth.changes.length - 1]!.seq;
      expect(head - startHead).toBeGreaterThan(3 * 2 * (size.writesPerClient - 100));
      expect(truth.changes.every((r, i) => r.seq === i + 1)).toBe(true);

      for (const [who, pulled, scope, sees] of [
        ['operator', operatorPull, organisationScope(ORG_A), (org: string) => org === ORG_A],
        ['supervisor', supervisorPull, regionScope(REGION_ID), () => true],
      ] as const) {
        const changes = pulled.pages.flatMap((p) => p.response.changes);
        // Over 10 000 change-log entries in scope (an appeal touched twice in one page is sent once, so fewer changes).
        expect(truth.changes.filter(scope).length, who).toBeGreaterThanOrEqual(10_000);
        expect(changes.length, who).toBeGreaterThanOrEqual(9_000);
        // The pull really ran alongside the writers.
        expect(pulled.duringWrites, who).toBeGreaterThanOrEqual(10);
        expect(pulled.pages[pulled.pages.length - 1]!.response.cursor, who).toBe(head);
        const seqs = changes.map((c) => c.seq);
        expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!), `${who}: seqs strictly increasing`).toBe(true);
        expect(checkPages(pulled.pages, truth.changes, scope, 0), who).toEqual([]);
        expect(checkFinalState(applyChanges(changes), truth, sees), who).toEqual([]);
      }
      // The redirected appeals reached A's operator as evictions.
      const evicted = new Set(operatorPull.pages.flatMap((p) => p.response.changes.flatMap((c) => (c.type === 'evict' ? [c.appealId] : []))));
      const redirected = mixed.filter((m) => m.name === 'appeal.assign').map((m) => (m.args as { appealId: string }).appealId);
      expect([...evicted].sort()).toEqual([...redirected].sort());
    });
  });
}
