// Builds and starts the sync server: Fastify and socket.io on one port over one store.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '../shared/index.js';
import { SessionService } from './auth/sessions.js';
import { loadJwtSecret, TokenService } from './auth/tokens.js';
import { withDefaults, type ServerConfig, type ServerConfigInput } from './config.js';
import { errorHandler, sendError } from './http/errors.js';
import { registerRoutes } from './http/routes.js';
import { registerWorkflowRoutes } from './http/workflow-routes.js';
import { handlers } from './mutations/index.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { Store } from './store/store.js';
import { registerUploads } from './uploads/routes.js';
import { ReadService } from './sync/pull.js';
import { PushProcessor } from './sync/push.js';
import { SyncSockets } from './sync/socket.js';
import { OverdueJob } from './workflow/overdue-job.js';

/** The Electron console loads from app://console and calls the HTTP routes cross-origin. */
export const CONSOLE_ORIGIN = 'app://console';

export interface RunningServer {
  port: number;
  /** http://host:port */
  url: string;
  store: Store;
  log: FastifyBaseLogger;
  /** Stops accepting, disconnects sockets, waits for open transactions, closes the store. */
  close(): Promise<void>;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../renderer/dist', import.meta.url));

export async function startServer(input: ServerConfigInput | ServerConfig): Promise<RunningServer> {
  const config = withDefaults(input);
  const app = Fastify({
    logger: { level: config.logLevel },
    // HTTP bodies are small (login, admin); the sync traffic goes over socket.io.
    bodyLimit: MAX_MESSAGE_BYTES,
    forceCloseConnections: true,
  });
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.demo) await seedDemoIfEmpty(store, app.log);
    const tokens = new TokenService(loadJwtSecret(config.jwtSecret, config.dataDir), config.accessTtlSeconds);
    const sessions = new SessionService(store, tokens, { refreshTtlDays: config.refreshTtlDays });

    const io = new SocketServer(app.server, {
      // Above our own limit, so that an oversized message reaches us and gets MESSAGE_TOO_LARGE instead of a dropped connection.
      maxHttpBufferSize: MAX_MESSAGE_BYTES + 4_000_000,
      serveClient: false,
      cors: { origin: true },
    });
    const sockets = new SyncSockets(io, {
      store,
      sessions,
      push: new PushProcessor(store, handlers, (error) => app.log.error({ err: error }, 'push failed')),
      reads: new ReadService(store),
      log: app.log,
    });

    // Same-origin requests (the console served at /app) carry no Origin or the server's own; the Electron console's is app://console.
    await app.register(fastifyCors, {
      delegator: async (request: FastifyRequest) => ({
        origin: allowedOrigins(request.headers.host),
        methods: ['GET', 'POST', 'HEAD', 'PATCH', 'OPTIONS'],
        maxAge: 600,
      }),
    });
    app.setErrorHandler(errorHandler);
    app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url}`));
    registerRoutes(app, {
      store,
      sessions,
      onUserDisabled: (userId) => sockets.revokeUser(userId, { code: 'USER_DISABLED', message: 'this user was disabled' }),
    });
    registerWorkflowRoutes(app, { store, sessions });
    const overdue = new OverdueJob(store, (pokes) => sockets.poke(pokes), app.log);
    // photos travel beside sync, never over socket.io (architecture.md, sync rule 8)
    await registerUploads(app, { store, sessions, dataDir: config.dataDir, poke: (pokes) => sockets.poke(pokes), log: app.log });
    const staticDir = config.staticDir ?? DEFAULT_STATIC_DIR;
    if (existsSync(staticDir)) {
      await app.register(fastifyStatic, {
        root: staticDir,
        prefix: '/app/',
        index: 'index.html',
        // files under assets/ are named by a hash of their content: a browser keeps them, and the code compiled
        // from them, without asking again at every start; index.html is asked for every time
        setHeaders: (reply, path) => {
          if (/[\\/]assets[\\/]/.test(path)) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      });
      app.get('/app', (_request, reply) => reply.redirect('/app/'));
    }
    app.addHook('preClose', async () => {
      await overdue.stop();
      io.disconnectSockets(true);
      io.engine.close();
    });

    await app.listen({ port: config.port, host: config.host });
    overdue.start(config.overdueIntervalSeconds * 1000);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    let closing: Promise<void> | null = null;
    return {
      port,
      url,
      store,
      log: app.log,
      close() {
        closing ??= (async () => {
          await app.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** The console's origin and the server's own as the caller reached it (the console served at /app). */
function allowedOrigins(host: string | undefined): string[] {
  return host ? [CONSOLE_ORIGIN, `http://${host}`, `https://${host}`] : [CONSOLE_ORIGIN];
}
