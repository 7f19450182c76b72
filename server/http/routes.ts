// HTTP endpoints: health, login/refresh/logout, the caller's reference data, and the admin's user switch.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { normalisePhone } from '../../shared/hotline/phone.js';
import {
  CALLER_HISTORY_LIMIT,
  CallerHistoryQuery,
  DomainError,
  LoginRequest,
  LogoutRequest,
  PROTOCOL_VERSION,
  RefreshRequest,
  SetUserDisabledRequest,
  type Appeal,
  type CallerHistoryResponse,
  type Citizen,
  type ReferenceResponse,
  type User,
} from '../../shared/index.js';
import type { SessionService } from '../auth/sessions.js';
import { municipalityFromRow, organisationFromRow, regionFromRow, userFromRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { hasRegionScope } from '../sync/scope.js';
import { workflowReference } from './workflow-routes.js';

export interface RouteDeps {
  store: Store;
  sessions: SessionService;
  /** Called after a user is disabled, to cut their live connections. */
  onUserDisabled: (userId: string) => void;
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError('BAD_MESSAGE', parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

export async function bearerUser(request: FastifyRequest, sessions: SessionService): Promise<User> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
  if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'missing bearer token');
  return sessions.authenticate(match[1]);
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, sessions } = deps;

  app.get('/health', async () => ({ ok: true, protocolVersion: PROTOCOL_VERSION, database: store.dialect, cursor: await store.head() }));

  app.post('/auth/login', async (request) => {
    const body = parseBody(LoginRequest, request.body);
    return sessions.login(body.login, body.password, body.deviceId);
  });

  app.post('/auth/refresh', async (request) => {
    const body = parseBody(RefreshRequest, request.body);
    return sessions.refresh(body.refreshToken, body.deviceId);
  });

  app.post('/auth/logout', async (request) => {
    const body = parseBody(LogoutRequest, request.body);
    await sessions.logout(body.refreshToken);
    return { ok: true };
  });

  app.get('/api/reference', async (request): Promise<ReferenceResponse> => {
    const user = await bearerUser(request, sessions);
    const db = store.db;
    const region = await db.selectFrom('regions').selectAll().where('id', '=', user.regionId).executeTakeFirst();
    if (!region) throw new DomainError('NOT_FOUND', 'the user has no region');
    const [municipalities, organisations, users] = await Promise.all([
      db.selectFrom('municipalities').selectAll().where('region_id', '=', user.regionId).orderBy('name').execute(),
      // Every organisation of the region: routing sends appeals to any of them.
      db.selectFrom('organisations').selectAll().where('region_id', '=', user.regionId).orderBy('name').execute(),
      hasRegionScope(user)
        ? db.selectFrom('users').selectAll().where('region_id', '=', user.regionId).orderBy('display_name').execute()
        : db.selectFrom('users').selectAll().where('organisation_id', '=', user.organisationId).orderBy('display_name').execute(),
    ]);
    return {
      region: regionFromRow(region),
      municipalities: municipalities.map(municipalityFromRow),
      organisations: organisations.map(organisationFromRow),
      users: users.map(userFromRow),
      workflow: await workflowReference(db, user),
    };
  });

  app.get('/api/caller-history', async (request): Promise<CallerHistoryResponse> => {
    const user = await bearerUser(request, sessions);
    const query = parseBody(CallerHistoryQuery, request.query);
    const phone = normalisePhone(query.phone);
    if (phone === null) throw new DomainError('BAD_MESSAGE', 'phone: not a Russian phone number');
    // citizen is JSON.stringify'd text on both databases: the exact `"phone":"+7…"` pair narrows in SQL
    // (neither % nor _ can occur in it), the parsed check below makes it exact.
    const pattern = `%${JSON.stringify({ phone }).slice(1, -1)}%`;
    let rows = store.db
      .selectFrom('appeals')
      .select(['id', 'number', 'status', 'subject', 'received_at', 'organisation_id', 'citizen'])
      .where('citizen', 'like', pattern);
    rows = hasRegionScope(user) ? rows.where('region_id', '=', user.regionId) : rows.where('organisation_id', '=', user.organisationId);
    const found = await rows.orderBy('received_at', 'desc').orderBy('id').limit(CALLER_HISTORY_LIMIT).execute();
    return {
      appeals: found
        .filter((r) => (JSON.parse(r.citizen) as Citizen).phone === phone)
        .map((r) => ({ id: r.id, number: r.number, status: r.status as Appeal['status'], subject: r.subject, receivedAt: r.received_at, organisationId: r.organisation_id })),
    };
  });

  app.post('/api/admin/users/disable', async (request) => {
    const admin = await bearerUser(request, sessions);
    if (admin.role !== 'admin') throw new DomainError('FORBIDDEN', 'only an admin may disable users');
    const body = parseBody(SetUserDisabledRequest, request.body);
    const target = await store.db.selectFrom('users').select(['region_id']).where('id', '=', body.userId).executeTakeFirst();
    if (!target) throw new DomainError('NOT_FOUND', `no user ${body.userId}`);
    if (target.region_id !== admin.regionId) throw new DomainError('OUT_OF_SCOPE', 'the user belongs to another region');
    if (body.userId === admin.id && body.disabled) throw new DomainError('FORBIDDEN', 'an admin cannot disable themselves');
    const user = await sessions.setDisabled(body.userId, body.disabled);
    if (body.disabled) deps.onUserDisabled(body.userId);
    return { user };
  });
}
