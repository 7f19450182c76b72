// The workflow cases against a real server process, written once and run on SQLite and PostgreSQL (workflow-server-*.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeDeadlines,
  extendDeadline,
  renderTemplate,
  templateContext,
  type Alert,
  type Answer,
  type Appeal,
  type AppealEvent,
  type Change,
  type MutationInput,
  type MutationResult,
  type Organisation,
  type ReferenceResponse,
} from '../shared/index.js';
import { Store } from '../server/store/store.js';
import {
  buildFixture,
  connectClient,
  createAppealArgs,
  FIXTURE_PASSWORD,
  fixtureAppeal,
  http,
  login,
  MUNICIPALITY_A,
  MUNICIPALITY_B,
  MutationSequence,
  ORG_A,
  ORG_B,
  ORG_CENTRE,
  randomId,
  REGION_ID,
  seedFixture,
  startServerProcess,
  unwrap,
  USERS,
  type FixtureUserKey,
  type ServerProcess,
  type SyncClient,
  type TestDatabase,
} from './support/index.js';

export interface WorkflowTarget {
  database: () => Promise<TestDatabase | null>;
}

/** An appeal whose first reaction was due an hour ago, seeded so the overdue job finds it at start. */
const OVERDUE_AT_START = 'wf-overdue-seeded';

const ORGANISATION_A: Organisation = {
  id: ORG_A, regionId: REGION_ID, municipalityId: MUNICIPALITY_A, name: 'Администрация Заречного',
  prefix: 'ЗРЧ', signature: 'Ответ администрации', timezone: 'Europe/Moscow', answerReview: false,
};

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const codeOf = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.code : r?.status);
const appealsIn = (changes: Change[]) => changes.flatMap((c) => (c.type === 'appeal' ? [c.appeal] : []));
const eventsIn = (changes: Change[], appealId: string) =>
  changes.flatMap((c) => (c.type === 'event' && c.event.appealId === appealId ? [c.event] : []));
const answersIn = (changes: Change[]) => changes.flatMap((c) => (c.type === 'answer' ? [c.answer] : []));
const alertsIn = (changes: Change[]) => changes.flatMap((c) => (c.type === 'alert' ? [c.alert] : []));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** A console in a test: its socket, its own mutation numbering, and where it has pulled to. */
class Console {
  readonly seq: MutationSequence;
  cursor: number;
  constructor(readonly client: SyncClient) {
    this.seq = new MutationSequence(client.clientId);
    this.cursor = client.hello.cursor;
  }

  /** Pushes mutations and returns their results in order. */
  async send(...mutations: Array<[MutationInput['name'], unknown]>): Promise<MutationResult[]> {
    const envelopes = mutations.map(([name, args]) => this.seq.next(name, args as never));
    return unwrap(await this.client.push(envelopes)).results;
  }

  /** Pushes one mutation that must apply. */
  async apply(name: MutationInput['name'], args: unknown): Promise<void> {
    const [result] = await this.send([name, args]);
    expect(result, `${name} ${JSON.stringify(result)}`).toMatchObject({ status: 'applied' });
  }

  /** Pulls everything new since the last pull. */
  async pull(): Promise<Change[]> {
    const pulled = await this.client.pullAll(this.cursor);
    this.cursor = pulled.cursor;
    return pulled.changes;
  }

  async appeal(id: string): Promise<Appeal> {
    const { changes } = await this.client.pullAll(0);
    const found = appealsIn(changes).filter((a) => a.id === id).pop();
    if (!found) throw new Error(`appeal ${id} not visible`);
    return found;
  }
}

/**
 * One administration screen's save, as the admin's console sends it: what another console then sees in its
 * reference data, and arguments the server must refuse (each with its code) without changing anything.
 * In order: later edits build on earlier ones (an organisation in the new municipality, the new user promoted).
 */
interface AdminEdit {
  what: string;
  name: MutationInput['name'];
  args: unknown;
  /** The edited row or setting in another console's reference data; null when the edit removes it. */
  seen: (reference: ReferenceResponse) => unknown;
  expected: object | null;
  refused: Array<[args: unknown, code: string]>;
  /** Put back afterwards, so that the cases after this one find the settings they expect. */
  restore?: unknown;
}

const NEW_MUNICIPALITY = { id: 'mun-wf-new', regionId: REGION_ID, name: 'Новосёлковский муниципальный округ', kind: 'municipal_okrug', rural: true } as const;
const NEW_ORGANISATION = {
  id: 'org-wf-new', regionId: REGION_ID, municipalityId: NEW_MUNICIPALITY.id, name: 'Управление ЖКХ Новосёлок',
  prefix: 'НСЛ', signature: 'Ответ управления ЖКХ', timezone: 'Asia/Yekaterinburg', answerReview: true,
};
// in organisation B, so that operator B's console (own organisation's users) sees the account
const NEW_USER = { id: 'u-wf-field', login: 'wf-field', displayName: 'Полевой Пётр', role: 'field', organisationId: ORG_B, disabled: false, onDuty: false } as const;
const ADMIN_SELF = { id: USERS.admin.id, login: USERS.admin.login, displayName: 'Тест admin', role: 'admin', organisationId: ORG_CENTRE, disabled: false, onDuty: false } as const;
const CATEGORY = { regionId: REGION_ID, category: 'ecology', fastTrackDays: 6 } as const;
const REGION_DEFAULTS = { regionId: REGION_ID, calendarRegionCode: null, incidentResolutionWorkingDays: 10, hashtag: '#тест' };
const REGION_EDITED = { regionId: REGION_ID, calendarRegionCode: 'RU-BA', incidentResolutionWorkingDays: 7, hashtag: '#заречьерешает' };
const TEMPLATE = { id: 'tpl-wf-gone', regionId: REGION_ID, organisationId: null, category: 'roads', title: 'Ямочный ремонт', body: 'Здравствуйте, {{citizen_name}}! Яму по адресу {{address}} заделают за неделю.', reportsWork: false } as const;
const OTHER_REGION = 'reg-other';

const ADMIN_EDITS: AdminEdit[] = [
  {
    what: 'a new municipality',
    name: 'admin.municipality.save',
    args: { municipality: NEW_MUNICIPALITY },
    seen: (r) => r.municipalities.find((m) => m.id === NEW_MUNICIPALITY.id),
    expected: NEW_MUNICIPALITY,
    refused: [
      [{ municipality: { ...NEW_MUNICIPALITY, kind: 'village' } }, 'BAD_MESSAGE'],
      [{ municipality: { ...NEW_MUNICIPALITY, id: 'mun wf new' } }, 'BAD_MESSAGE'],
      [{ municipality: { ...NEW_MUNICIPALITY, regionId: OTHER_REGION } }, 'OUT_OF_SCOPE'],
    ],
  },
  {
    what: 'a renamed municipality that became an urban okrug',
    name: 'admin.municipality.save',
    args: { municipality: { ...NEW_MUNICIPALITY, name: 'Новосёлковский городской округ', kind: 'urban_okrug', rural: false } },
    seen: (r) => r.municipalities.find((m) => m.id === NEW_MUNICIPALITY.id),
    expected: { ...NEW_MUNICIPALITY, name: 'Новосёлковский городской округ', kind: 'urban_okrug', rural: false },
    refused: [[{ municipality: { ...NEW_MUNICIPALITY, rural: 'нет' } }, 'BAD_MESSAGE']],
  },
  {
    what: 'a new organisation in the new municipality',
    name: 'admin.organisation.save',
    args: { organisation: NEW_ORGANISATION },
    seen: (r) => r.organisations.find((o) => o.id === NEW_ORGANISATION.id),
    expected: NEW_ORGANISATION,
    refused: [
      [{ organisation: { ...NEW_ORGANISATION, timezone: 'Mars/Olympus' } }, 'VALIDATION_FAILED'],
      [{ organisation: { ...NEW_ORGANISATION, municipalityId: 'mun-nowhere' } }, 'VALIDATION_FAILED'],
      [{ organisation: { ...NEW_ORGANISATION, prefix: 'СЛИШКОМДЛИННО' } }, 'BAD_MESSAGE'],
      [{ organisation: { ...NEW_ORGANISATION, regionId: OTHER_REGION } }, 'OUT_OF_SCOPE'],
    ],
  },
  {
    what: 'an organisation’s answer label, with answers no longer reviewed',
    name: 'admin.organisation.save',
    args: { organisation: { ...NEW_ORGANISATION, signature: 'Ответ Управления ЖКХ Новосёлок', answerReview: false } },
    seen: (r) => r.organisations.find((o) => o.id === NEW_ORGANISATION.id),
    expected: { ...NEW_ORGANISATION, signature: 'Ответ Управления ЖКХ Новосёлок', answerReview: false },
    refused: [[{ organisation: { ...NEW_ORGANISATION, signature: 'я'.repeat(501) } }, 'BAD_MESSAGE']],
  },
  {
    what: 'a new field worker',
    name: 'admin.user.save',
    args: { user: NEW_USER, password: 'пароль-поля' },
    seen: (r) => r.users.find((u) => u.id === NEW_USER.id),
    expected: { ...NEW_USER, regionId: REGION_ID },
    refused: [
      [{ user: { ...NEW_USER, login: USERS.operatorA.login }, password: 'пароль-поля' }, 'ALREADY_EXISTS'],
      [{ user: NEW_USER, password: null }, 'VALIDATION_FAILED'],
      [{ user: { ...NEW_USER, organisationId: 'org-nowhere' }, password: 'пароль-поля' }, 'VALIDATION_FAILED'],
      [{ user: { ...NEW_USER, role: 'root' }, password: 'пароль-поля' }, 'BAD_MESSAGE'],
      [{ user: NEW_USER, password: '123' }, 'BAD_MESSAGE'],
    ],
  },
  {
    what: 'a user’s new role, on duty, password kept',
    name: 'admin.user.save',
    args: { user: { ...NEW_USER, role: 'operator', onDuty: true }, password: null },
    seen: (r) => r.users.find((u) => u.id === NEW_USER.id),
    expected: { ...NEW_USER, role: 'operator', onDuty: true, regionId: REGION_ID },
    // an admin may not demote themselves: the region would be left without anyone to undo it
    refused: [[{ user: { ...ADMIN_SELF, role: 'operator' }, password: null }, 'FORBIDDEN']],
  },
  {
    what: 'a category’s resolution days',
    name: 'admin.category.save',
    args: { setting: CATEGORY },
    seen: (r) => r.workflow?.categorySettings.find((c) => c.category === CATEGORY.category),
    expected: CATEGORY,
    refused: [
      [{ setting: { ...CATEGORY, fastTrackDays: 9 } }, 'BAD_MESSAGE'],
      [{ setting: { ...CATEGORY, fastTrackDays: 1 } }, 'BAD_MESSAGE'],
      [{ setting: { ...CATEGORY, category: 'weather' } }, 'BAD_MESSAGE'],
      [{ setting: { ...CATEGORY, regionId: OTHER_REGION } }, 'OUT_OF_SCOPE'],
    ],
  },
  {
    what: 'the region’s hashtag, incident term and calendar',
    name: 'admin.region.save',
    args: { settings: REGION_EDITED },
    seen: (r) => r.workflow?.regionSettings,
    expected: REGION_EDITED,
    refused: [
      [{ settings: { ...REGION_EDITED, calendarRegionCode: 'RU-XX' } }, 'VALIDATION_FAILED'],
      [{ settings: { ...REGION_EDITED, incidentResolutionWorkingDays: 0 } }, 'BAD_MESSAGE'],
      [{ settings: { ...REGION_EDITED, incidentResolutionWorkingDays: 61 } }, 'BAD_MESSAGE'],
      [{ settings: { ...REGION_EDITED, regionId: OTHER_REGION } }, 'OUT_OF_SCOPE'],
    ],
    restore: { settings: REGION_DEFAULTS },
  },
  {
    what: 'a new template',
    name: 'admin.template.save',
    args: { template: TEMPLATE },
    seen: (r) => r.workflow?.templates.find((t) => t.id === TEMPLATE.id),
    expected: TEMPLATE,
    refused: [
      [{ template: { ...TEMPLATE, title: '' } }, 'BAD_MESSAGE'],
      [{ template: { ...TEMPLATE, body: 'Заделают до {{date}}.' } }, 'VALIDATION_FAILED'],
    ],
  },
  {
    what: 'a deleted template',
    name: 'admin.template.delete',
    args: { templateId: TEMPLATE.id },
    seen: (r) => r.workflow?.templates.find((t) => t.id === TEMPLATE.id),
    expected: null,
    refused: [[{ templateId: 'tpl-nowhere' }, 'NOT_FOUND']],
  },
];

export function describeWorkflow(label: string, target: WorkflowTarget): void {
  describe(`workflow on ${label}`, () => {
    let server: ServerProcess;
    let database: TestDatabase | null = null;
    let dataDir: string;
    const open: SyncClient[] = [];

    const consoleOf = async (user: FixtureUserKey) => {
      const session = await login(server.url, USERS[user].login, FIXTURE_PASSWORD);
      const client = await connectClient(server.url, session);
      open.push(client);
      return new Console(client);
    };
    const tokenOf = async (user: FixtureUserKey) => (await login(server.url, USERS[user].login, FIXTURE_PASSWORD)).accessToken;

    /** Runs fn on a second handle to the server's database (for rows other engineers' mutations would write, e.g. uploaded photos). */
    const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
      const store = await Store.open({ dataDir, databaseUrl: database?.url ?? null });
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    };

    /** Creates an appeal in the operator's organisation and walks it to `answer_draft`. */
    const appealInDraft = async (operator: Console, overrides: Parameters<typeof createAppealArgs>[0] = {}) => {
      const args = createAppealArgs(overrides);
      await operator.apply('appeal.create', args);
      for (const [from, to] of [['new', 'triaged'], ['triaged', 'assigned'], ['assigned', 'in_progress'], ['in_progress', 'answer_draft']]) {
        await operator.apply('appeal.transition', { appealId: args.id, from, to });
      }
      return args;
    };

    beforeAll(async () => {
      database = await target.database();
      dataDir = mkdtempSync(join(tmpdir(), 'otklik-workflow-'));
      const data = buildFixture();
      data.appeals.push(
        fixtureAppeal(OVERDUE_AT_START, ORG_A, { firstReactionDueAt: hoursAgo(1), resolutionDueAt: new Date(Date.now() + 86_400_000).toISOString() }),
      );
      await seedFixture({ dataDir, databaseUrl: database?.url ?? null }, data);
      server = await startServerProcess({ dataDir, databaseUrl: database?.url ?? null, env: { OTKLIK_OVERDUE_INTERVAL_SECONDS: '0.3' } });
    });

    afterAll(async () => {
      await Promise.all(open.map((c) => c.close()));
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    });

    describe('routing and assignment', () => {
      it('routes a new appeal by category and municipality to the executor, a municipality’s rule beating the region-wide one', async () => {
        const admin = await consoleOf('admin');
        const operatorA = await consoleOf('operatorA');
        const operatorB = await consoleOf('operatorB');
        await admin.apply('admin.routing.save', { rule: { id: 'rt-eco-any', regionId: REGION_ID, category: 'ecology', municipalityId: null, organisationId: ORG_A } });
        await admin.apply('admin.routing.save', { rule: { id: 'rt-eco-b', regionId: REGION_ID, category: 'ecology', municipalityId: MUNICIPALITY_B, organisationId: ORG_B } });
        const twin = await admin.send(['admin.routing.save', { rule: { id: 'rt-eco-b2', regionId: REGION_ID, category: 'ecology', municipalityId: MUNICIPALITY_B, organisationId: ORG_A } }]);
        expect(codeOf(twin[0])).toBe('ALREADY_EXISTS');

        const inB = createAppealArgs({ category: 'ecology', municipalityId: MUNICIPALITY_B });
        const inA = createAppealArgs({ category: 'ecology', municipalityId: MUNICIPALITY_A });
        await operatorA.apply('appeal.create', inB);
        await operatorA.apply('appeal.create', inA);
        const seenByB = await operatorB.pull();
        expect(appealsIn(seenByB).map((a) => [a.id, a.organisationId])).toContainEqual([inB.id, ORG_B]);
        expect(eventsIn(seenByB, inB.id)[0]).toMatchObject({ action: 'appeal.create', changes: { organisationId: [ORG_A, ORG_B] } });
        expect((await operatorA.appeal(inA.id)).organisationId).toBe(ORG_A);
      });

      it('redirects an appeal still new to the executor when triage gives it a routed category, and evicts it from the old organisation', async () => {
        const admin = await consoleOf('admin');
        await admin.apply('admin.routing.save', { rule: { id: 'rt-edu-b', regionId: REGION_ID, category: 'education', municipalityId: MUNICIPALITY_B, organisationId: ORG_B } });
        const operatorA = await consoleOf('operatorA');
        const colleague = await consoleOf('operatorA2');
        const operatorB = await consoleOf('operatorB');
        const args = createAppealArgs();
        await operatorA.apply('appeal.create', args);
        await colleague.pull();
        await operatorB.pull();
        await operatorA.apply('appeal.triage', { appealId: args.id, category: 'education', priority: 'standard', municipalityId: MUNICIPALITY_B, kind: 'incident' });

        expect((await colleague.pull()).filter((c) => c.type === 'evict')).toEqual([expect.objectContaining({ appealId: args.id })]);
        const seenByB = await operatorB.pull();
        expect(appealsIn(seenByB)).toEqual([expect.objectContaining({ id: args.id, organisationId: ORG_B, status: 'redirected', assigneeId: null })]);
        expect(eventsIn(seenByB, args.id).map((e) => [e.action, e.actorId])).toEqual([
          ['appeal.triage', USERS.operatorA.id],
          ['appeal.route', null],
        ]);
      });

      it('assigns a triaged appeal to the operator on duty with the fewest open appeals, ties by login', async () => {
        const operatorB = await consoleOf('operatorB');
        const supervisor = await consoleOf('supervisor');
        // nobody on duty: it stays triaged for someone to assign by hand
        const first = createAppealArgs();
        await operatorB.apply('appeal.create', first);
        await operatorB.apply('appeal.transition', { appealId: first.id, from: 'new', to: 'triaged' });
        expect(await operatorB.appeal(first.id)).toMatchObject({ status: 'triaged', assigneeId: null });

        await operatorB.apply('user.set-on-duty', { userId: USERS.operatorB.id, onDuty: true });
        const second = createAppealArgs();
        await operatorB.apply('appeal.create', second);
        await operatorB.apply('appeal.transition', { appealId: second.id, from: 'new', to: 'triaged' });
        const changes = await operatorB.pull();
        expect(appealsIn(changes).find((a) => a.id === second.id)).toMatchObject({ status: 'assigned', assigneeId: USERS.operatorB.id });
        expect(eventsIn(changes, second.id).slice(-2)).toEqual([
          expect.objectContaining({ action: 'appeal.transition', changes: { status: ['new', 'triaged'] } }),
          expect.objectContaining({ action: 'appeal.auto-assign', actorId: null, changes: { status: ['triaged', 'assigned'], assigneeId: [null, USERS.operatorB.id] } }),
        ]);
        // a supervisor reassigns by hand
        await supervisor.apply('appeal.assign', { appealId: first.id, organisationId: ORG_B, assigneeId: USERS.operatorB.id });
        expect(await operatorB.appeal(first.id)).toMatchObject({ assigneeId: USERS.operatorB.id });
        await operatorB.apply('user.set-on-duty', { userId: USERS.operatorB.id, onDuty: false });
      });

      it('shares appeals between two operators on duty by open work, then by login', async () => {
        const operatorA = await consoleOf('operatorA');
        const operatorA2 = await consoleOf('operatorA2');
        await operatorA.apply('user.set-on-duty', { userId: USERS.operatorA.id, onDuty: true });
        await operatorA2.apply('user.set-on-duty', { userId: USERS.operatorA2.id, onDuty: true });
        const refused = await operatorA.send(['user.set-on-duty', { userId: USERS.operatorA2.id, onDuty: false }]);
        expect(codeOf(refused[0])).toBe('FORBIDDEN');

        const assignees: Array<string | null> = [];
        for (let i = 0; i < 3; i++) {
          const args = createAppealArgs();
          await operatorA.apply('appeal.create', args);
          await operatorA.apply('appeal.transition', { appealId: args.id, from: 'new', to: 'triaged' });
          assignees.push((await operatorA.appeal(args.id)).assigneeId);
        }
        // op-a and op-a2 both start with no open appeals: op-a first by login, then the one with fewer
        expect(assignees).toEqual([USERS.operatorA.id, USERS.operatorA2.id, USERS.operatorA.id]);
        await operatorA.apply('user.set-on-duty', { userId: USERS.operatorA.id, onDuty: false });
        await operatorA2.apply('user.set-on-duty', { userId: USERS.operatorA2.id, onDuty: false });
      });
    });

    describe('deadlines', () => {
      it('sets both deadlines on create from the calendar, and counts them again when triage changes the class', async () => {
        const operatorA = await consoleOf('operatorA');
        const admin = await consoleOf('admin');
        const receivedAt = '2026-04-30T08:00:00.000Z';
        const args = createAppealArgs({ channel: 'letter', receivedAt });
        await operatorA.apply('appeal.create', args);
        const created = await operatorA.appeal(args.id);
        const formal = computeDeadlines({ receivedAt, priority: 'standard', kind: 'formal', category: null, timezone: 'Europe/Moscow' });
        expect(created).toMatchObject({ kind: 'formal', firstReactionDueAt: formal.firstReactionDueAt, resolutionDueAt: formal.resolutionDueAt, calendarFallbackYears: [] });

        await admin.apply('admin.category.save', { setting: { regionId: REGION_ID, category: 'roads', fastTrackDays: 4 } });
        await operatorA.apply('appeal.triage', { appealId: args.id, category: 'roads', priority: 'fast_track', municipalityId: MUNICIPALITY_A, kind: 'formal' });
        const fast = computeDeadlines({ receivedAt, priority: 'fast_track', kind: 'formal', category: 'roads', timezone: 'Europe/Moscow', categoryResolutionDays: 4 });
        const triaged = await operatorA.appeal(args.id);
        expect(triaged.resolutionDueAt).toBe(fast.resolutionDueAt);
        // across the May holidays: 4 working days after 30 April is not 6 May
        expect(triaged.resolutionDueAt).not.toBe('2026-05-06T20:59:59.999Z');
        const history = eventsIn(await operatorA.pull(), args.id).find((e) => e.action === 'appeal.triage');
        expect(history?.changes.resolutionDueAt).toEqual([formal.resolutionDueAt, fast.resolutionDueAt]);
      });

      it('counts the region’s own holidays once the admin names its calendar, and refuses a calendar that does not exist', async () => {
        const admin = await consoleOf('admin');
        const operatorA = await consoleOf('operatorA');
        const settings = { regionId: REGION_ID, calendarRegionCode: null, incidentResolutionWorkingDays: 10, hashtag: '#тест' };
        const unknown = await admin.send(['admin.region.save', { settings: { ...settings, calendarRegionCode: 'RU-XX' } }]);
        expect(codeOf(unknown[0])).toBe('VALIDATION_FAILED');
        await admin.apply('admin.region.save', { settings: { ...settings, calendarRegionCode: 'RU-TA' } });
        try {
          // 6 November 2026 is the Constitution Day of Tatarstan: ten working days end a day later there
          const receivedAt = '2026-11-02T09:00:00.000Z';
          const args = createAppealArgs({ channel: 'vk', receivedAt });
          await operatorA.apply('appeal.create', args);
          const input = { receivedAt, priority: 'standard', kind: 'incident', category: null, timezone: 'Europe/Moscow' } as const;
          const tatarstan = computeDeadlines({ ...input, regionCode: 'RU-TA' }).resolutionDueAt;
          expect(tatarstan).not.toBe(computeDeadlines(input).resolutionDueAt);
          expect((await operatorA.appeal(args.id)).resolutionDueAt).toBe(tatarstan);
        } finally {
          await admin.apply('admin.region.save', { settings });
        }
      });

      it('says which years had no calendar data', async () => {
        const operatorA = await consoleOf('operatorA');
        const args = createAppealArgs({ receivedAt: '2030-03-01T09:00:00.000Z' });
        await operatorA.apply('appeal.create', args);
        expect((await operatorA.appeal(args.id)).calendarFallbackYears).toEqual([2030]);
      });

      it('extends a formal appeal once by 30 days with a reason, and refuses a second extension or an incident', async () => {
        const operatorA = await consoleOf('operatorA');
        const receivedAt = '2026-06-01T07:00:00.000Z';
        const formal = createAppealArgs({ channel: 'email', receivedAt });
        const incident = createAppealArgs({ channel: 'vk' });
        await operatorA.apply('appeal.create', formal);
        await operatorA.apply('appeal.create', incident);
        const before = await operatorA.appeal(formal.id);
        const results = await operatorA.send(
          ['appeal.extend', { appealId: formal.id, reason: 'Нужен ответ подрядчика' }],
          ['appeal.extend', { appealId: formal.id, reason: 'Ещё раз' }],
          ['appeal.extend', { appealId: incident.id, reason: 'Хотим больше времени' }],
        );
        expect(results.map(codeOf)).toEqual(['applied', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
        const extended = extendDeadline({ receivedAt, priority: 'standard', kind: 'formal', category: null, timezone: 'Europe/Moscow' }, 'x');
        const after = await operatorA.appeal(formal.id);
        expect(after).toMatchObject({ resolutionDueAt: extended.resolutionDueAt, extensionReason: 'Нужен ответ подрядчика', version: before.version + 1 });
        const event = eventsIn(await operatorA.pull(), formal.id).find((e) => e.action === 'appeal.extend');
        expect(event).toMatchObject({ reason: 'Нужен ответ подрядчика', changes: { resolutionDueAt: [before.resolutionDueAt, extended.resolutionDueAt] } });
      });
    });

    describe('answers', () => {
      it('takes an answer from template to review, approval and sending with signature and hashtag, recording the first reaction', async () => {
        const admin = await consoleOf('admin');
        await admin.apply('admin.organisation.save', { organisation: { ...ORGANISATION_A, answerReview: true } });
        const operatorA = await consoleOf('operatorA');
        const supervisor = await consoleOf('supervisor');
        const reference = await http<ReferenceResponse>(server.url, 'GET', '/api/reference', { token: await tokenOf('operatorA') });
        const template = reference.body.workflow?.templates.find((t) => t.title === 'Обращение принято в работу');
        expect(template).toBeDefined();

        const args = await appealInDraft(operatorA);
        const appeal = await operatorA.appeal(args.id);
        const rendered = renderTemplate(template!.body, templateContext(appeal, ORGANISATION_A, new Date()));
        if (!rendered.ok) throw new Error(rendered.error.message);
        const answerId = randomId('ans');
        const sendEarly = await operatorA.send(
          ['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answer_review' }],
          ['answer.save', { appealId: args.id, answerId, text: `${rendered.value} {{address}}`, reportsWork: false, templateId: template!.id, expectedVersion: 0 }],
          ['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answer_review' }],
          ['answer.save', { appealId: args.id, answerId, text: rendered.value, reportsWork: false, templateId: template!.id, expectedVersion: 1 }],
          ['answer.save', { appealId: args.id, answerId, text: 'устаревшая правка', reportsWork: false, templateId: null, expectedVersion: 1 }],
          ['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answered' }],
          ['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answer_review' }],
        );
        expect(sendEarly.map(codeOf)).toEqual(['VALIDATION_FAILED', 'applied', 'VALIDATION_FAILED', 'applied', 'VERSION_CONFLICT', 'FORBIDDEN', 'applied']);
        expect((sendEarly[2] as Rejected).message).toContain('{{address}}');
        expect((sendEarly[4] as Rejected).currentAnswer).toMatchObject({ id: answerId, version: 2, text: rendered.value });

        await supervisor.pull();
        await supervisor.apply('appeal.transition', { appealId: args.id, from: 'answer_review', to: 'answered' });
        const changes = await operatorA.pull();
        const sent = answersIn(changes).filter((a) => a.id === answerId).pop() as Answer;
        expect(sent).toMatchObject({
          status: 'sent',
          approvedById: USERS.supervisor.id,
          publishedText: `${rendered.value}\n\nОтвет администрации\n#тест`,
          sentAt: expect.any(String),
        });
        const answered = appealsIn(changes).filter((a) => a.id === args.id).pop() as Appeal;
        expect(answered).toMatchObject({ status: 'answered', firstReactionAt: sent.sentAt });
        const sending = eventsIn(changes, args.id).filter((e: AppealEvent) => e.action === 'appeal.transition').pop();
        expect(sending).toMatchObject({
          actorId: USERS.supervisor.id,
          changes: { status: ['answer_review', 'answered'], 'answer.status': ['review', 'sent'], 'answer.publishedText': [null, sent.publishedText] },
        });
        // a console that syncs afresh gets the answer with the appeal
        const snapshot = unwrap(await supervisor.client.snapshot({ phase: 'rest', limit: 5000 }));
        expect(snapshot.answers?.filter((a) => a.appealId === args.id)).toEqual([expect.objectContaining({ id: answerId, status: 'sent' })]);
        // a sent answer stays as it was
        const late = await operatorA.send(['answer.save', { appealId: args.id, answerId, text: 'правка', reportsWork: false, templateId: null, expectedVersion: sent.version }]);
        expect(codeOf(late[0])).toBe('STATUS_CONFLICT');
        await admin.apply('admin.organisation.save', { organisation: ORGANISATION_A });
      });

      it('refuses an answer reporting finished work until a before and an after photo are uploaded', async () => {
        const operatorA = await consoleOf('operatorA');
        const args = await appealInDraft(operatorA);
        const answerId = randomId('ans');
        await operatorA.apply('answer.save', { appealId: args.id, answerId, text: 'Фонарь заменён, освещение работает.', reportsWork: true, templateId: null, expectedVersion: 0 });
        const addPhoto = (kind: 'before' | 'after', uploaded: boolean) =>
          withStore((store) =>
            store.db
              .insertInto('attachments')
              .values({
                id: randomId('att'), appeal_id: args.id, kind, sha256: 'a'.repeat(64), size: 1000, type: 'image/jpeg',
                file_name: `${kind}.jpg`, taken_at: null, gps: null, thumbnail: null, author_id: USERS.fieldA.id,
                author_name: 'Тест field-a', created_at: new Date().toISOString(), uploaded_at: uploaded ? new Date().toISOString() : null,
              })
              .execute(),
          );
        const send = () => operatorA.send(['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answered' }]);

        const bare = await send();
        expect(codeOf(bare[0])).toBe('VALIDATION_FAILED');
        expect((bare[0] as Rejected).message).toContain('«было»');
        await addPhoto('before', true);
        await addPhoto('after', false);
        expect(codeOf((await send())[0])).toBe('VALIDATION_FAILED');
        await addPhoto('after', true);
        expect(codeOf((await send())[0])).toBe('applied');
        expect(await operatorA.appeal(args.id)).toMatchObject({ status: 'answered' });
      });

      it('refuses to send an appeal that has no answer', async () => {
        const operatorA = await consoleOf('operatorA');
        const args = await appealInDraft(operatorA);
        const [result] = await operatorA.send(['appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answered' }]);
        expect(result).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', message: 'there is no answer to send' });
      });
    });

    describe('duplicates, redirects and reopening', () => {
      it('merges a duplicate into its original, linking both, and refuses an original outside the scope', async () => {
        const operatorA = await consoleOf('operatorA');
        const original = createAppealArgs();
        const duplicate = createAppealArgs();
        await operatorA.apply('appeal.create', original);
        await operatorA.apply('appeal.create', duplicate);
        const originalBefore = await operatorA.appeal(original.id);
        const results = await operatorA.send(
          ['appeal.transition', { appealId: duplicate.id, from: 'new', to: 'declined', declineReason: 'duplicate', duplicateOfId: `${ORG_B}-ap-1` }],
          ['appeal.transition', { appealId: duplicate.id, from: 'new', to: 'declined', declineReason: 'duplicate', duplicateOfId: original.id }],
        );
        expect(results.map(codeOf)).toEqual(['VALIDATION_FAILED', 'applied']);
        const changes = await operatorA.pull();
        expect(appealsIn(changes).find((a) => a.id === duplicate.id)).toMatchObject({ status: 'declined', duplicateOfId: original.id });
        expect(appealsIn(changes).find((a) => a.id === original.id)).toMatchObject({ duplicateIds: [duplicate.id], version: originalBefore.version });
        expect(eventsIn(changes, original.id).pop()).toMatchObject({ action: 'appeal.merge', changes: { duplicateIds: [[], [duplicate.id]] } });
      });

      it('redirects an appeal to another organisation with a reason: evicted from the old one, redirected in the new one', async () => {
        const operatorA = await consoleOf('operatorA');
        const colleague = await consoleOf('operatorA2');
        const operatorB = await consoleOf('operatorB');
        const args = createAppealArgs();
        await operatorA.apply('appeal.create', args);
        await colleague.pull();
        await operatorB.pull();
        const results = await operatorA.send(
          ['appeal.transition', { appealId: args.id, from: 'new', to: 'redirected', organisationId: ORG_B }],
          ['appeal.transition', { appealId: args.id, from: 'new', to: 'redirected', reason: 'Не наша территория', organisationId: ORG_B }],
        );
        expect(results.map(codeOf)).toEqual(['VALIDATION_FAILED', 'applied']);
        expect((await colleague.pull()).filter((c) => c.type === 'evict').map((c) => (c.type === 'evict' ? c.appealId : null))).toEqual([args.id]);
        expect(appealsIn(await operatorB.pull())).toEqual([expect.objectContaining({ id: args.id, status: 'redirected', organisationId: ORG_B })]);
        await operatorB.apply('appeal.transition', { appealId: args.id, from: 'redirected', to: 'triaged' });
      });

      it('reopens a closed appeal with a reason', async () => {
        const operatorB = await consoleOf('operatorB');
        const args = await appealInDraft(operatorB);
        await operatorB.apply('answer.save', { appealId: args.id, answerId: randomId('ans'), text: 'Сделано.', reportsWork: false, templateId: null, expectedVersion: 0 });
        await operatorB.apply('appeal.transition', { appealId: args.id, from: 'answer_draft', to: 'answered' });
        await operatorB.apply('appeal.transition', { appealId: args.id, from: 'answered', to: 'closed' });
        const [noReason, withReason] = await operatorB.send(
          ['appeal.transition', { appealId: args.id, from: 'closed', to: 'reopened' }],
          ['appeal.transition', { appealId: args.id, from: 'closed', to: 'reopened', reason: 'Фонарь снова не горит' }],
        );
        expect([codeOf(noReason), codeOf(withReason)]).toEqual(['VALIDATION_FAILED', 'applied']);
        expect(await operatorB.appeal(args.id)).toMatchObject({ status: 'reopened' });
      });
    });

    describe('overdue alerts', () => {
      it('alerts a supervisor exactly once per appeal and deadline, live and across a restart', async () => {
        const supervisor = await consoleOf('supervisor');
        const operatorA = await consoleOf('operatorA');
        const seeded = alertsIn((await supervisor.client.pullAll(0)).changes).filter((a) => a.appealId === OVERDUE_AT_START);
        expect(seeded).toEqual([expect.objectContaining({ kind: 'overdue', deadline: 'first_reaction', organisationId: ORG_A, regionId: REGION_ID })]);

        // an emergency received two hours ago was due an hour ago: the next run of the job tells the supervisor
        const args = createAppealArgs({ priority: 'emergency', receivedAt: hoursAgo(2) });
        const cursor = (await supervisor.pull(), supervisor.cursor);
        const poked = supervisor.client.waitForPoke(cursor + 3, 5_000);
        await operatorA.apply('appeal.create', args);
        await poked;
        let alerts: Alert[] = [];
        for (let i = 0; i < 50 && alerts.length === 0; i++) {
          alerts = alertsIn(await supervisor.pull()).filter((a) => a.appealId === args.id);
          if (alerts.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(alerts).toEqual([expect.objectContaining({ deadline: 'first_reaction', appealNumber: args.number })]);
        expect(alertsIn(await operatorA.client.pullAll(0).then((p) => p.changes)).some((a) => a.appealId === args.id)).toBe(true);

        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await server.restart();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const after = await consoleOf('supervisor');
        const all = alertsIn((await after.client.pullAll(0)).changes);
        expect(all.filter((a) => a.appealId === args.id)).toHaveLength(1);
        expect(all.filter((a) => a.appealId === OVERDUE_AT_START)).toHaveLength(1);
        const snapshot = unwrap(await after.client.snapshot({ phase: 'rest', limit: 5000 }));
        expect(snapshot.alerts?.filter((a) => a.appealId === args.id)).toEqual([expect.objectContaining({ deadline: 'first_reaction' })]);
      });
    });

    describe('audit', () => {
      it('logs an opening of personal data without touching the appeal or the change log, readable by admins only', async () => {
        const operatorA = await consoleOf('operatorA');
        const appealId = `${ORG_A}-ap-3`;
        const before = await operatorA.appeal(appealId);
        const head = (await http<{ cursor: number }>(server.url, 'GET', '/health')).body.cursor;
        const [viewed] = await operatorA.send(['audit.view', { appealId, at: '2026-11-23T10:00:00.000Z' }]);
        expect(viewed).toEqual({ mutationId: expect.any(Number), status: 'applied', seq: null });
        expect((await operatorA.appeal(appealId)).version).toBe(before.version);
        expect((await http<{ cursor: number }>(server.url, 'GET', '/health')).body.cursor).toBe(head);
        const foreign = await operatorA.send(['audit.view', { appealId: `${ORG_B}-ap-1`, at: '2026-11-23T10:00:00.000Z' }]);
        expect(codeOf(foreign[0])).toBe('OUT_OF_SCOPE');

        const path = `/api/audit/views?appealId=${appealId}`;
        const asAdmin = await http<{ views: unknown[] }>(server.url, 'GET', path, { token: await tokenOf('admin') });
        expect(asAdmin.status).toBe(200);
        expect(asAdmin.body.views).toEqual([
          expect.objectContaining({ userId: USERS.operatorA.id, deviceId: operatorA.client.clientId, viewedAt: '2026-11-23T10:00:00.000Z' }),
        ]);
        const asOperator = await http<{ error: { code: string } }>(server.url, 'GET', path, { token: await tokenOf('operatorA') });
        expect([asOperator.status, asOperator.body.error.code]).toEqual([403, 'FORBIDDEN']);
      });
    });

    describe('administration', () => {
      it('refuses admin mutations to everyone but admins', async () => {
        const rule = { id: 'rt-nope', regionId: REGION_ID, category: 'other', municipalityId: null, organisationId: ORG_A };
        for (const user of ['operatorA', 'supervisor', 'hotlineA'] as const) {
          const someone = await consoleOf(user);
          const results = await someone.send(
            ['admin.routing.save', { rule }],
            ['admin.region.save', { settings: { regionId: REGION_ID, calendarRegionCode: null, incidentResolutionWorkingDays: 5, hashtag: '#x' } }],
            ['admin.user.save', { user: { id: 'u-new', login: 'new', displayName: 'Новый', role: 'admin', organisationId: ORG_A, disabled: false, onDuty: false }, password: 'секрет-1' }],
          );
          expect(results.map(codeOf), user).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
        }
      });

      it('tells every console of the region to refetch reference data, which then carries the change', async () => {
        const admin = await consoleOf('admin');
        const operatorB = await consoleOf('operatorB');
        await operatorB.pull();
        const poked = operatorB.client.waitForPoke(operatorB.cursor + 1, 2_000);
        await admin.apply('admin.template.save', {
          template: { id: 'tpl-test', regionId: REGION_ID, organisationId: null, category: 'waste', title: 'Проверка', body: 'Здравствуйте, {{citizen_name}}!', reportsWork: false },
        });
        await poked;
        expect((await operatorB.pull()).map((c) => c.type)).toEqual(['reference']);
        const reference = await http<ReferenceResponse>(server.url, 'GET', '/api/reference', { token: await tokenOf('operatorB') });
        expect(reference.body.workflow?.templates.map((t) => t.id)).toContain('tpl-test');
        expect(reference.body.workflow?.regionSettings).toMatchObject({ regionId: REGION_ID, incidentResolutionWorkingDays: 10, hashtag: '#тест' });
        const broken = await admin.send(['admin.template.save', {
          template: { id: 'tpl-broken', regionId: REGION_ID, organisationId: null, category: null, title: 'Сломан', body: 'Здравствуйте, {{citizen}}!', reportsWork: false },
        }]);
        expect(codeOf(broken[0])).toBe('VALIDATION_FAILED');
        expect((broken[0] as Rejected).message).toContain('{{citizen}}');
      });

      it('creates a user who can log in, and disabling them cuts their live session', async () => {
        const admin = await consoleOf('admin');
        const user = { id: 'u-wf-new', login: 'wf-new', displayName: 'Новикова Анна', role: 'operator', organisationId: ORG_B, disabled: false, onDuty: true } as const;
        await admin.apply('admin.user.save', { user, password: 'пароль-новый' });
        const session = await login(server.url, user.login, 'пароль-новый');
        expect(session.user).toMatchObject({ id: user.id, organisationId: ORG_B, onDuty: true });
        const live = await connectClient(server.url, session);
        open.push(live);
        await admin.apply('admin.user.save', { user: { ...user, disabled: true }, password: null });
        await live.waitForDisconnect();
        expect(live.revoked).toMatchObject({ code: 'USER_DISABLED' });
        await expect(login(server.url, user.login, 'пароль-новый')).rejects.toMatchObject({ code: 'USER_DISABLED' });
      });

      it('keeps an administration log with who, which device, and each row before and after, without password hashes', async () => {
        const admin = await consoleOf('admin');
        const rule = { id: 'rt-log', regionId: REGION_ID, category: 'social', municipalityId: null, organisationId: ORG_A };
        await admin.apply('admin.routing.save', { rule });
        await admin.apply('admin.routing.save', { rule: { ...rule, organisationId: ORG_B } });
        await admin.apply('admin.routing.delete', { ruleId: rule.id });
        const user = { id: 'u-wf-log', login: 'wf-log', displayName: 'Логов Лев', role: 'field', organisationId: ORG_A, disabled: false, onDuty: false } as const;
        await admin.apply('admin.user.save', { user, password: 'пароль-лога' });
        const log = await http<{ changes: Array<{ action: string; entityId: string; deviceId: string; before: unknown; after: unknown }> }>(
          server.url, 'GET', '/api/audit/admin-changes', { token: await tokenOf('admin') },
        );
        const ofRule = log.body.changes.filter((c) => c.entityId === rule.id).reverse();
        expect(ofRule.map((c) => [c.action, c.deviceId])).toEqual([
          ['admin.routing.save', admin.client.clientId],
          ['admin.routing.save', admin.client.clientId],
          ['admin.routing.delete', admin.client.clientId],
        ]);
        expect(ofRule.map((c) => [c.before && (c.before as { organisation_id: string }).organisation_id, c.after && (c.after as { organisation_id: string }).organisation_id])).toEqual([
          [null, ORG_A],
          [ORG_A, ORG_B],
          [ORG_B, null],
        ]);
        expect(JSON.stringify(log.body.changes)).not.toContain('password_hash');
        expect(log.body.changes.find((c) => c.entityId === user.id)?.after).toMatchObject({ login: user.login, role: 'field' });
        const asSupervisor = await http(server.url, 'GET', '/api/audit/admin-changes', { token: await tokenOf('supervisor') });
        expect(asSupervisor.status).toBe(403);
      });

      for (const edit of ADMIN_EDITS) {
        it(`saves ${edit.what} for an admin only, refuses bad arguments without a trace, and another console pulls the change`, async () => {
          const admin = await consoleOf('admin');
          const supervisor = await consoleOf('supervisor');
          const operatorB = await consoleOf('operatorB');
          const [adminToken, observerToken] = await Promise.all([tokenOf('admin'), tokenOf('operatorB')]);
          // everything an admin's change could touch: the region's reference data and the administration log
          const adminView = async () => ({
            reference: (await http<ReferenceResponse>(server.url, 'GET', '/api/reference', { token: adminToken })).body,
            log: (await http<{ changes: unknown[] }>(server.url, 'GET', '/api/audit/admin-changes', { token: adminToken })).body.changes,
          });
          const before = await adminView();

          expect((await supervisor.send([edit.name, edit.args])).map(codeOf), 'a supervisor').toEqual(['FORBIDDEN']);
          const refusals = await admin.send(...edit.refused.map(([args]) => [edit.name, args] as [MutationInput['name'], unknown]));
          expect(refusals.map(codeOf)).toEqual(edit.refused.map(([, code]) => code));
          expect(await adminView()).toEqual(before);

          await operatorB.pull();
          await admin.apply(edit.name, edit.args);
          expect((await operatorB.pull()).map((c) => c.type)).toContain('reference');
          const seen = edit.seen((await http<ReferenceResponse>(server.url, 'GET', '/api/reference', { token: observerToken })).body);
          if (edit.expected === null) expect(seen).toBeUndefined();
          else expect(seen).toMatchObject(edit.expected);
          if (edit.restore) await admin.apply(edit.name, edit.restore);
        });
      }
    });

    describe('CORS', () => {
      it('answers the Electron console’s preflight and marks its responses, and not another origin’s', async () => {
        const preflight = await fetch(`${server.url}/api/reference`, {
          method: 'OPTIONS',
          headers: { origin: 'app://console', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe('app://console');
        expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
        const loginAnswer = await fetch(`${server.url}/auth/login`, {
          method: 'POST',
          headers: { origin: 'app://console', 'content-type': 'application/json' },
          body: JSON.stringify({ login: USERS.operatorA.login, password: FIXTURE_PASSWORD, deviceId: 'dev-cors' }),
        });
        expect(loginAnswer.headers.get('access-control-allow-origin')).toBe('app://console');
        const own = await fetch(`${server.url}/health`, { headers: { origin: server.url } });
        expect(own.headers.get('access-control-allow-origin')).toBe(server.url);
        const foreign = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example' } });
        expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      });
    });
  });
}
