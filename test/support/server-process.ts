// Starts the real server (server/main.ts via tsx) as a child process on a random port, for multi-process tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcessOptions {
  /** An existing data folder (e.g. seeded with seedFixture); default: a fresh temp folder, removed by stop(). */
  dataDir?: string;
  /** postgres://… to run on PostgreSQL; default: SQLite in the data folder. */
  databaseUrl?: string | null;
  /** Extra environment, e.g. { OTKLIK_ACCESS_TTL_SECONDS: '1' }. */
  env?: Record<string, string>;
  /** Extra command-line flags. */
  args?: string[];
  /** Port to listen on; default 0 (random). */
  port?: number;
  /** How long to wait for the "listening" line (default 30 s). */
  startTimeoutMs?: number;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr so far (all runs), for failure messages. */
  output(): string;
  /** Sends the signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ServerExit>;
  /** Starts the server again on the same data and port (after kill; kills with SIGTERM first if still running). */
  restart(): Promise<void>;
  /** SIGTERM, wait, and remove the temp data folder if this helper created it. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

interface Launched {
  child: ChildProcess;
  port: number;
  exited: Promise<ServerExit>;
}

function launch(
  options: ServerProcessOptions,
  dataDir: string,
  port: number,
  log: string[],
): Promise<Launched> {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data', dataDir];
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, OTKLIK_LOG_LEVEL: 'warn', OTKLIK_HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return new Promise<Launched>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${log.join('')}`));
    }, options.startTimeoutMs ?? 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log.push(`${line}\n`);
      if (!line.includes('"event":"listening"')) return;
      try {
        const parsed = JSON.parse(line) as { port: number };
        clearTimeout(timer);
        resolve({ child, port: parsed.port, exited });
      } catch {
        // not our line after all
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (${JSON.stringify(exit)}):\n${log.join('')}`));
    });
  });
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'otklik-test-'));
  const log: string[] = [];
  let current = await launch(options, dataDir, options.port ?? 0, log);
  let alive = true;
  void current.exited.then(() => (alive = false));

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<ServerExit> => {
    const { child, exited } = current;
    if (alive) child.kill(signal);
    return exited;
  };

  return {
    get port() {
      return current.port;
    },
    get url() {
      return `http://127.0.0.1:${current.port}`;
    },
    dataDir,
    databaseUrl: options.databaseUrl ?? null,
    get pid() {
      return current.child.pid ?? -1;
    },
    output: () => log.join(''),
    kill,
    async restart() {
      if (alive) await kill('SIGTERM');
      current = await launch(options, dataDir, current.port, log);
      alive = true;
      void current.exited.then(() => (alive = false));
    },
    async stop() {
      await kill('SIGTERM');
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
