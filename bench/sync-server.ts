// `npm run bench -- sync-server [--scale 2]`: the real sync server on SQLite — mutations/s with 1 and 20 clients, pull changes/s, poke→pull latency with 200 consoles.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MutationInput, Session } from '../shared/index.js';
import { connectClient, login, MutationSequence, randomId, type SyncClient } from '../test/support/client.js';
import { buildFixture, FIXTURE_PASSWORD, ORG_A, seedFixture, USERS } from '../test/support/fixtures.js';
import { batches, commentArgs, mutationRun, pushOk } from '../test/support/heavy-helpers.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';
import { percentile, report, type Figure } from './support.js';

const BATCH = 200;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} wants a positive number`);
  return value;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/**
 * Runs a phase and returns its wall time and the server's CPU time. On a shared machine the wall figures move with
 * the load; work per server-CPU-second does not (much), so both are reported.
 */
async function phase<T>(
  name: string,
  server: ServerProcess,
  work: () => Promise<T>,
): Promise<{ result: T; wallMs: number; serverCpuMs: number; slowestHttpMs: number; slowestHealthMs: number }> {
  log(`${name}…`);
  const cpu = cpuMs(server.pid);
  const started = performance.now();
  // Every 500 ms: an unknown route (404, no database) shows event-loop stalls; /health (one read) shows how long a
  // read waits for the single SQLite connection behind queued write transactions.
  let slowestHttpMs = 0;
  let slowestHealthMs = 0;
  let probing = true;
  const timed = async (path: string) => {
    const sent = performance.now();
    await fetch(`${server.url}${path}`).then((r) => r.arrayBuffer()).catch(() => undefined);
    return performance.now() - sent;
  };
  const probe = (async () => {
    while (probing) {
      const [http, health] = await Promise.all([timed('/bench-probe'), timed('/health')]);
      slowestHttpMs = Math.max(slowestHttpMs, http);
      slowestHealthMs = Math.max(slowestHealthMs, health);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  try {
    const result = await work();
    const wallMs = performance.now() - started;
    const serverCpuMs = cpuMs(server.pid) - cpu;
    log(
      `  ${(wallMs / 1000).toFixed(1)} s wall, server CPU ${(serverCpuMs / 1000).toFixed(1)} s, slowest answer without / with a read ` +
        `${slowestHttpMs.toFixed(0)} / ${slowestHealthMs.toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`,
    );
    return { result, wallMs, serverCpuMs, slowestHttpMs, slowestHealthMs };
  } catch (error) {
    log(`  failed after ${((performance.now() - started) / 1000).toFixed(1)} s (slowest /health ${slowestHealthMs.toFixed(0)} ms); server output:\n${server.output().slice(-4_000)}`);
    throw error;
  } finally {
    probing = false;
    await probe;
  }
}

/** Pushes every mutation in batches of 200, each waiting for its ack; fails the bench on anything but "applied". */
async function pushAll(client: SyncClient, mutations: MutationInput[]): Promise<void> {
  for (const batch of batches(mutations, BATCH)) {
    const answer = await pushOk(client, batch);
    const bad = answer.results.find((r) => r.status !== 'applied');
    if (bad) throw new Error(`mutation not applied: ${JSON.stringify(bad)}`);
  }
}

async function connectMany(url: string, session: Session, count: number): Promise<SyncClient[]> {
  const clients: SyncClient[] = [];
  // A few at a time: 200 simultaneous handshakes would measure the handshake, not sync.
  for (const group of batches(Array.from({ length: count }, (_, i) => i), 20)) {
    clients.push(...(await Promise.all(group.map(() => connectClient(url, session, randomId('cl'), { ackTimeoutMs: 30_000 })))));
  }
  return clients;
}

/** One client pushes `total` mutations; returns mutations/s. */
async function oneClient(url: string, session: Session, total: number): Promise<number> {
  const client = await connectClient(url, session, randomId('cl'), { ackTimeoutMs: 60_000 });
  try {
    const mutations = mutationRun(new MutationSequence(client.clientId), total);
    const started = performance.now();
    await pushAll(client, mutations);
    return total / ((performance.now() - started) / 1000);
  } finally {
    await client.close();
  }
}

/** `clients` clients push `perClient` mutations each, all at once; returns mutations/s over all of them. */
async function manyClients(url: string, session: Session, clients: number, perClient: number): Promise<number> {
  const connected = await connectMany(url, session, clients);
  try {
    const work = connected.map((c) => mutationRun(new MutationSequence(c.clientId), perClient));
    const started = performance.now();
    await Promise.all(connected.map((c, i) => pushAll(c, work[i]!)));
    return (clients * perClient) / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(connected.map((c) => c.close()));
  }
}

/** A fresh console pulls everything from 0 in pages; returns changes/s and how many. */
async function pullEverything(url: string, session: Session, limit: number): Promise<{ perSecond: number; changes: number; pages: number }> {
  const client = await connectClient(url, session, randomId('cl'), { ackTimeoutMs: 60_000 });
  try {
    const started = performance.now();
    const all = await client.pullAll(0, limit);
    return { perSecond: all.changes.length / ((performance.now() - started) / 1000), changes: all.changes.length, pages: all.pages };
  } finally {
    await client.close();
  }
}

/**
 * `count` consoles of one organisation, each pulling from its cursor on every poke (as the console does). One of them
 * comments; the latency is from the push until another console has the comment from its pull. Returns every latency.
 */
async function pokeToPull(url: string, session: Session, count: number, rounds: number): Promise<number[]> {
  const clients = await connectMany(url, session, count);
  const [writer, ...readers] = clients as [SyncClient, ...SyncClient[]];
  const latencies: number[] = [];
  try {
    const cursors = new Map<SyncClient, number>();
    for (const reader of readers) cursors.set(reader, (await reader.pullAll(reader.hello.cursor, 5_000)).cursor);
    let round: { commentId: string; startedAt: number; waiting: Set<SyncClient>; done: () => void } | null = null;
    const pulling = new Set<SyncClient>();
    const again = new Set<SyncClient>();

    const pull = async (reader: SyncClient): Promise<void> => {
      if (pulling.has(reader)) {
        again.add(reader); // a poke during a pull: pull once more afterwards, like the console
        return;
      }
      pulling.add(reader);
      try {
        do {
          again.delete(reader);
          const answer = await reader.pull(cursors.get(reader)!, 1_000);
          if (!answer.ok) throw new Error(answer.error.code);
          cursors.set(reader, answer.value.cursor);
          const current = round;
          if (current && current.waiting.has(reader) && answer.value.changes.some((c) => c.type === 'comment' && c.comment.id === current.commentId)) {
            latencies.push(performance.now() - current.startedAt);
            current.waiting.delete(reader);
            if (current.waiting.size === 0) current.done();
          }
        } while (again.has(reader));
      } finally {
        pulling.delete(reader);
      }
    };
    for (const reader of readers) reader.onPoke(() => void pull(reader).catch((error: unknown) => log(`pull failed: ${String(error)}`)));

    const sequence = new MutationSequence(writer.clientId);
    const appealId = `${ORG_A}-ap-1`;
    for (let r = 0; r < rounds; r++) {
      const args = commentArgs(appealId, `Раунд ${r}: выезд согласован`);
      const finished = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`round ${r}: ${round?.waiting.size} consoles never got the change`)), 30_000);
        round = { commentId: args.commentId, startedAt: performance.now(), waiting: new Set(readers), done: () => (clearTimeout(timer), resolve()) };
      });
      const answer = await pushOk(writer, [sequence.next('appeal.comment', args)]);
      if (answer.results[0]?.status !== 'applied') throw new Error(`round ${r}: ${JSON.stringify(answer.results[0])}`);
      await finished;
    }
    return latencies;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

export async function main(args: string[]): Promise<void> {
  const scale = option(args, 'scale', 1);
  const sizes = {
    seeded: 2_000,
    oneClient: Math.round(10_000 * scale),
    clients: 20,
    perClient: Math.round(500 * scale),
    pullLimit: 1_000,
    consoles: 200,
    rounds: Math.max(10, Math.round(60 * scale)),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-'));
  let server: ServerProcess | null = null;
  try {
    await seedFixture({ dataDir }, buildFixture({ appealsPerOrganisation: sizes.seeded }));
    server = await startServerProcess({ dataDir, env: { OTKLIK_LOG_LEVEL: 'warn' } });
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    log(`server on ${server.url} (SQLite in ${dataDir}), fixture: ${sizes.seeded} appeals in each of 2 organisations`);

    const running = server;
    const load = loadavg()[0]!;
    const one = await phase(`1 client: ${sizes.oneClient} mutations in batches of ${BATCH}`, running, () => oneClient(running.url, session, sizes.oneClient));
    const many = await phase(`${sizes.clients} clients: ${sizes.perClient} mutations each`, running, () =>
      manyClients(running.url, session, sizes.clients, sizes.perClient),
    );
    const pulled = await phase(`pull from 0 in pages of ${sizes.pullLimit}`, running, () => pullEverything(running.url, session, sizes.pullLimit));
    const poked = await phase(`poke → pull: ${sizes.consoles} consoles, ${sizes.rounds} rounds`, running, () =>
      pokeToPull(running.url, session, sizes.consoles, sizes.rounds),
    );
    const latencies = poked.result;

    const figures: Figure[] = [
      { key: 'mutations_per_s_1_client', value: one.result, unit: 'mutations/s', budget: '≥ 3000 (SQLite)' },
      { key: 'mutations_per_s_20_clients', value: many.result, unit: 'mutations/s', budget: '≥ 3000 (SQLite)' },
      { key: 'mutations_per_server_cpu_s_1_client', value: sizes.oneClient / (one.serverCpuMs / 1000), unit: 'mutations/CPU-s', budget: '≥ 3000 to meet the budget on an idle core' },
      { key: 'mutations_per_server_cpu_s_20_clients', value: (sizes.clients * sizes.perClient) / (many.serverCpuMs / 1000), unit: 'mutations/CPU-s' },
      { key: 'pull_changes_per_s', value: pulled.result.perSecond, unit: 'changes/s' },
      { key: 'pull_changes_total', value: pulled.result.changes, unit: 'changes' },
      { key: 'pull_changes_per_server_cpu_s', value: pulled.result.changes / (pulled.serverCpuMs / 1000), unit: 'changes/CPU-s' },
      { key: 'poke_to_pull_p50_ms', value: percentile(latencies, 50), unit: 'ms', budget: `≤ 50 (budget at 500 consoles; here ${sizes.consoles})` },
      { key: 'poke_to_pull_p99_ms', value: percentile(latencies, 99), unit: 'ms', budget: `≤ 250 (budget at 500 consoles; here ${sizes.consoles})` },
      { key: 'poke_to_pull_samples', value: latencies.length, unit: 'pulls' },
      { key: 'server_cpu_ms_per_poke_round', value: poked.serverCpuMs / sizes.rounds, unit: 'ms', budget: `1 push + ${sizes.consoles - 1} pulls` },
      { key: 'slowest_http_ms_during_writes', value: Math.max(one.slowestHttpMs, many.slowestHttpMs), unit: 'ms', budget: 'event-loop stalls (no database)' },
      { key: 'slowest_read_ms_during_writes', value: Math.max(one.slowestHealthMs, many.slowestHealthMs), unit: 'ms', budget: 'a read queued behind write transactions' },
      { key: 'load_average_1m_at_start', value: load, unit: `(${cpus().length} CPUs)`, budget: 'figures above are for this load' },
    ];
    report('sync-server', figures);
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
