// Server configuration from command-line flags and OTKLIK_* environment variables (flags win).
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const ServerConfig = z.object({
  port: z.number().int().min(0).max(65_535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  /** postgres://… selects PostgreSQL; otherwise the SQLite file <dataDir>/otklik.sqlite. */
  databaseUrl: z.string().nullable(),
  /** Seed demo data when the store is empty. */
  demo: z.boolean(),
  /** null: a random secret kept in the data folder. */
  jwtSecret: z.string().min(16).nullable(),
  accessTtlSeconds: z.number().int().positive(),
  refreshTtlDays: z.number().int().positive(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** The built console served at /app when the folder exists. */
  staticDir: z.string().nullable(),
  /** How often the overdue job looks for appeals past a target; 0 turns it off. */
  overdueIntervalSeconds: z.number().min(0),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = Partial<ServerConfig> & Pick<ServerConfig, 'dataDir'>;

export function withDefaults(input: ServerConfigInput): ServerConfig {
  return ServerConfig.parse({
    port: 8080,
    host: '127.0.0.1',
    databaseUrl: null,
    demo: false,
    jwtSecret: null,
    accessTtlSeconds: 15 * 60,
    refreshTtlDays: 30,
    logLevel: 'info',
    staticDir: null,
    overdueIntervalSeconds: 30,
    ...input,
  });
}

const intOrUndefined = (value: string | undefined) => (value === undefined || value === '' ? undefined : Number(value));

export function configFromCli(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      demo: { type: 'boolean' },
      'jwt-secret': { type: 'string' },
      'access-ttl': { type: 'string' },
      'log-level': { type: 'string' },
      static: { type: 'string' },
      'overdue-interval': { type: 'string' },
    },
    strict: true,
  });
  const parsed = {
    port: intOrUndefined(values.port ?? env.OTKLIK_PORT),
    host: values.host ?? env.OTKLIK_HOST,
    dataDir: values.data ?? env.OTKLIK_DATA ?? './data',
    databaseUrl: values['database-url'] ?? env.OTKLIK_DATABASE_URL ?? null,
    demo: values.demo ?? env.OTKLIK_DEMO === '1',
    jwtSecret: values['jwt-secret'] ?? env.OTKLIK_JWT_SECRET ?? null,
    accessTtlSeconds: intOrUndefined(values['access-ttl'] ?? env.OTKLIK_ACCESS_TTL_SECONDS),
    refreshTtlDays: intOrUndefined(env.OTKLIK_REFRESH_TTL_DAYS),
    logLevel: values['log-level'] ?? env.OTKLIK_LOG_LEVEL,
    staticDir: values.static ?? env.OTKLIK_STATIC_DIR,
    overdueIntervalSeconds: intOrUndefined(values['overdue-interval'] ?? env.OTKLIK_OVERDUE_INTERVAL_SECONDS),
  };
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
  const result = ServerConfig.partial().safeParse(defined);
  if (!result.success) throw new Error(`bad configuration: ${z.prettifyError(result.error)}`);
  return withDefaults({ dataDir: parsed.dataDir, ...result.data });
}
