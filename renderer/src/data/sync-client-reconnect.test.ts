// socket.io-client against a real socket.io server: a nudge must not wait out the manager's backoff.
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../store/contract.js';
import { createSocketIoFactory, RECONNECT, SyncClient, type SyncHost } from './sync-client.js';

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A socket.io server on its own HTTP server (socket.io makes one: renderer/ code imports no Node built-ins). */
async function listen(port: number): Promise<{ io: Server; port: number; connections: () => number }> {
  const io = new Server({ transports: ['websocket'] });
  let connections = 0;
  io.on('connection', () => connections++);
  io.listen(port);
  const http = io.httpServer as unknown as { listening: boolean; address(): { port: number } };
  await waitFor(() => http.listening, 2_000);
  return { io, port: http.address().port, connections: () => connections };
}

const close = (io: Server) => new Promise<void>((r) => void io.close(() => r()));

async function freePort(): Promise<number> {
  const probe = await listen(0);
  await close(probe.io);
  return probe.port;
}

/** Only what the client touches before a hello: status reports. */
function statusHost(statuses: Array<Partial<SyncStatus>>): SyncHost {
  return {
    clientId: 'c1',
    accessToken: () => 't',
    status: (patch: Partial<SyncStatus>) => statuses.push(patch),
    refreshSession: () => Promise.resolve('offline'),
    endSession: () => Promise.resolve(),
    pulled: () => {},
    outboxChanged: () => {},
  } as unknown as SyncHost;
}

describe('sync client reconnect', () => {
  const cleanup: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('caps the backoff at 30 s, with jitter', () => {
    expect(RECONNECT.delayMax).toBeLessThanOrEqual(30_000);
    expect(RECONNECT.randomization).toBeGreaterThan(0);
  });

  it('nudge connects at once while socket.io waits between reconnect attempts', async () => {
    const port = await freePort();
    const statuses: Array<Partial<SyncStatus>> = [];
    // a long backoff: without the nudge, the next attempt would come only after a minute
    const factory = createSocketIoFactory({ delay: 60_000, delayMax: 60_000, randomization: 0 });
    const client = new SyncClient(statusHost(statuses), `http://127.0.0.1:${port}`, factory);
    client.start();
    cleanup.push(() => client.stop());
    // nothing listens yet: the first attempt fails and the manager waits out its backoff
    await waitFor(() => statuses.some((s) => s.connection === 'offline' && s.lastError), 5_000);

    const server = await listen(port);
    cleanup.push(() => close(server.io));

    await new Promise((r) => setTimeout(r, 300));
    expect(server.connections()).toBe(0); // still waiting out the backoff

    client.nudge();
    await waitFor(() => server.connections() === 1, 3_000);
    await waitFor(() => statuses.at(-1)?.connection === 'connecting', 1_000); // the socket's own connect event
  });

  it('a nudge that fails leaves socket.io retrying on its own', async () => {
    const port = await freePort();
    const statuses: Array<Partial<SyncStatus>> = [];
    const factory = createSocketIoFactory({ delay: 100, delayMax: 200, randomization: 0 });
    const client = new SyncClient(statusHost(statuses), `http://127.0.0.1:${port}`, factory);
    client.start();
    cleanup.push(() => client.stop());
    await waitFor(() => statuses.some((s) => s.connection === 'offline'), 5_000);
    client.nudge(); // still nothing listening
    const failures = statuses.length;
    await waitFor(() => statuses.length >= failures + 2, 3_000); // further failed attempts: the backoff runs again

    const server = await listen(port);
    cleanup.push(() => close(server.io));
    await waitFor(() => server.connections() === 1, 3_000);
  });
});
