// Command-line entry of the sync server: reads flags and environment, starts, prints one "listening" JSON line, shuts down on signals.
import { configFromCli } from './config.js';
import { startServer } from './app.js';

async function main(): Promise<void> {
  const config = configFromCli(process.argv.slice(2), process.env);
  const server = await startServer(config);
  // Parsed by tests and scripts that start the server on a random port.
  process.stdout.write(`${JSON.stringify({ event: 'listening', port: server.port, url: server.url })}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ event: 'failed', message: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
