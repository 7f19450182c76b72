// Builds and starts the sync server: Fastify and socket.io on one port over one store.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '../shared/index.js';
import { SessionService } from './auth/sessions.js';
import { loadJwtSecret, TokenService } from './auth/tokens.js';
import { withDefaults, type ServerConfig, type ServerConfigInput } from './config.js';
import { errorHandler, sendError } from './http/errors.js';
import { registerRoutes } from './http/routes.js';
import { handlers } from './mutations/index.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { Store } from './store/store.js';
import { registerUploads } from './uploads/routes.js';
import { ReadService } from './sync/pull.js';
import { PushProcessor } from './sync/push.js';
import { SyncSockets } from './sync/socket.js';

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

    app.setErrorHandler(errorHandler);
    app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url}`));
    registerRoutes(app, {
      store,
      sessions,
      onUserDisabled: (userId) => sockets.revokeUser(userId, { code: 'USER_DISABLED', message: 'this user was disabled' }),
    });
    // photos travel beside sync, never over socket.io (architecture.md, sync rule 8)
    await registerUploads(app, { store, sessions, dataDir: config.dataDir, poke: (pokes) => sockets.poke(pokes), log: app.log });
    const staticDir = config.staticDir ?? DEFAULT_STATIC_DIR;
    if (existsSync(staticDir)) {
      await app.register(fastifyStatic, { root: staticDir, prefix: '/app/', index: 'index.html' });
      app.get('/app', (_request, reply) => reply.redirect('/app/'));
    }
    app.addHook('preClose', async () => {
      io.disconnectSockets(true);
      io.engine.close();
    });

    await app.listen({ port: config.port, host: config.host });
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
