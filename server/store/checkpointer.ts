// Checkpoints the SQLite write-ahead log from a worker thread, so its copying and fsyncs do not stall the event loop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker folds the log back into the database file. */
const INTERVAL_MS = 200;

// Plain JavaScript: the worker runs it as a script, without the TypeScript loader or our modules.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// PASSIVE never waits for the writer or readers: it copies what it can and leaves the rest for the next round.
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection; the main connection checkpoints on its own again. */
  close(): Promise<void>;
}

/**
 * Starts the worker on `file` (a database in WAL mode). A commit then only appends to the log: the main connection's
 * own automatic checkpoint stays as a backstop at a larger log size, for a worker that falls behind or fails.
 * Durability is what synchronous=NORMAL gives either way: a checkpoint moves committed pages, it commits nothing.
 */
export function startCheckpointer(file: string, onError: (error: string) => void): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, intervalMs: INTERVAL_MS },
  });
  // a process with nothing else to do may exit: the main connection checkpoints on close
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on('error', (error) => onError(String(error)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async close() {
      worker.postMessage('close');
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
