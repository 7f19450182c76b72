// `npm start`: builds what is stale, starts the sync server with demo data, opens the console in Electron (or prints the browser URL when Electron is missing).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build.js';
import { findElectronBinary } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.OTKLIK_PORT ?? 8080);
const SERVER_START_TIMEOUT_MS = 120_000;

/** Newest modification time of the files under `dir` (skipping node_modules and build output). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(dir, entry.name)));
  }
  return newest;
}

function buildRendererIfStale(): void {
  const index = path.join(root, 'renderer', 'dist', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared')), newestMtime(path.join(root, 'package.json')));
  if (built >= sources) return;
  console.log('start: building the console (renderer)…');
  // through npm so the renderer's own build script stays the one definition of how it is built
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build:renderer'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`renderer build failed (exit ${result.status ?? result.signal})`);
}

/** Starts the server and resolves with its port once it prints its "listening" JSON line. */
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const args = ['--import', 'tsx', path.join(root, 'server', 'main.ts'), '--demo', '--port', String(port)];
  if (process.env.OTKLIK_DATA) args.push('--data', process.env.OTKLIK_DATA);
  // node --import tsx rather than the tsx shim: no shell and no .cmd wrapper needed on Windows
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not report "listening" within ${SERVER_START_TIMEOUT_MS / 1000} s`)), SERVER_START_TIMEOUT_MS);
    let listening = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      if (listening) return;
      try {
        const message = JSON.parse(line) as { event?: unknown; port?: unknown };
        if (message.event === 'listening' && typeof message.port === 'number') {
          listening = true;
          clearTimeout(timer);
          resolve({ child, port: message.port });
        }
      } catch {
        // not every line is JSON (a stack trace, a library's warning); it was printed above
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`server exited before listening (${code ?? signal})`));
    });
  });
}

async function main(): Promise<void> {
  buildRendererIfStale();
  await buildElectron();
  const server = await startServer();
  const serverUrl = `http://127.0.0.1:${server.port}`;
  const stopServer = () => {
    if (server.child.exitCode === null) server.child.kill();
  };
  process.once('SIGINT', () => {
    stopServer();
    process.exit(130);
  });
  process.once('SIGTERM', () => {
    stopServer();
    process.exit(143);
  });
  server.child.once('exit', (code) => process.exit(code ?? 1));

  const electron = findElectronBinary(root);
  if (!electron.found) {
    console.log(`start: ${electron.reason}; open the console in a browser: ${serverUrl}/app/`);
    return; // the server keeps running until Ctrl+C
  }
  const shell = spawn(electron.path, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, OTKLIK_SERVER_URL: serverUrl },
  });
  shell.once('exit', (code) => {
    stopServer();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
