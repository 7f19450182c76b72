// Small, known data sets for sync tests: one region, two municipal organisations (A, B), a regional centre, a user per role.
import type { Appeal, AppealEvent, Role } from '../../shared/index.js';
import { insertDemo } from '../../server/seed/demo.js';
import type { DemoData, DemoUser } from '../../server/seed/types.js';
import { Store } from '../../server/store/store.js';

export const FIXTURE_PASSWORD = 'проверка-42';
export const REGION_ID = 'reg-zar';
export const ORG_A = 'org-a';
export const ORG_B = 'org-b';
export const ORG_CENTRE = 'org-cur';
export const MUNICIPALITY_A = 'mun-a';
export const MUNICIPALITY_B = 'mun-b';

/** Logins (and ids) of the fixture users; every password is FIXTURE_PASSWORD. */
export const USERS = {
  operatorA: { id: 'u-op-a', login: 'op-a', role: 'operator', organisationId: ORG_A },
  operatorA2: { id: 'u-op-a2', login: 'op-a2', role: 'operator', organisationId: ORG_A },
  hotlineA: { id: 'u-hot-a', login: 'hot-a', role: 'hotline', organisationId: ORG_A },
  fieldA: { id: 'u-field-a', login: 'field-a', role: 'field', organisationId: ORG_A },
  operatorB: { id: 'u-op-b', login: 'op-b', role: 'operator', organisationId: ORG_B },
  supervisor: { id: 'u-sup', login: 'sup', role: 'supervisor', organisationId: ORG_CENTRE },
  admin: { id: 'u-admin', login: 'admin', role: 'admin', organisationId: ORG_CENTRE },
} as const satisfies Record<string, { id: string; login: string; role: Role; organisationId: string }>;
export type FixtureUserKey = keyof typeof USERS;

export interface FixtureOptions {
  /** Appeals created per organisation A and B (default 3). */
  appealsPerOrganisation?: number;
  now?: Date;
}

/** An appeal row as the store holds it, in status "new", for seeding. */
export function fixtureAppeal(id: string, organisationId: string, overrides: Partial<Appeal> = {}, now = new Date()): Appeal {
  const at = now.toISOString();
  return {
    id,
    number: `ТСТ-${id}`,
    channel: 'phone',
    externalRef: null,
    citizen: { name: 'Иванова Мария Петровна', phone: '+79001234567', email: null, handle: null },
    originalText: 'Во дворе дома 5 по улице Ленина не вывозят мусор уже неделю.',
    subject: 'Не вывозят мусор',
    summary: '',
    address: 'ул. Ленина, 5',
    regionId: REGION_ID,
    municipalityId: organisationId === ORG_B ? MUNICIPALITY_B : MUNICIPALITY_A,
    category: 'waste',
    priority: 'standard',
    kind: 'incident',
    status: 'new',
    organisationId,
    assigneeId: null,
    declineReason: null,
    duplicateOfId: null,
    consent: false,
    receivedAt: at,
    firstReactionDueAt: null,
    resolutionDueAt: null,
    firstReactionAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}

export function buildFixture(options: FixtureOptions = {}): DemoData {
  const now = options.now ?? new Date();
  const perOrg = options.appealsPerOrganisation ?? 3;
  const users: DemoUser[] = Object.values(USERS).map((u) => ({
    id: u.id,
    login: u.login,
    displayName: `Тест ${u.login}`,
    role: u.role,
    organisationId: u.organisationId,
    regionId: REGION_ID,
    disabled: false,
    password: FIXTURE_PASSWORD,
  }));
  const appeals: Appeal[] = [];
  const events: AppealEvent[] = [];
  for (const org of [ORG_A, ORG_B]) {
    for (let i = 1; i <= perOrg; i++) {
      const appeal = fixtureAppeal(`${org}-ap-${i}`, org, {}, now);
      appeals.push(appeal);
      events.push({
        id: `${appeal.id}-ev-1`,
        appealId: appeal.id,
        action: 'appeal.create',
        actorId: null,
        actorName: 'Система',
        deviceId: null,
        changes: { status: [null, 'new'] },
        reason: null,
        at: now.toISOString(),
      });
    }
  }
  return {
    region: { id: REGION_ID, name: 'Зареченская область', timezone: 'Europe/Moscow', hashtag: '#тест' },
    municipalities: [
      { id: MUNICIPALITY_A, regionId: REGION_ID, name: 'Заречный городской округ', kind: 'urban_okrug', rural: false },
      { id: MUNICIPALITY_B, regionId: REGION_ID, name: 'Лесной муниципальный район', kind: 'municipal_district', rural: true },
    ],
    settlements: [],
    organisations: [
      {
        id: ORG_A, regionId: REGION_ID, municipalityId: MUNICIPALITY_A, name: 'Администрация Заречного',
        prefix: 'ЗРЧ', signature: 'Ответ администрации', timezone: 'Europe/Moscow', answerReview: false,
      },
      {
        id: ORG_B, regionId: REGION_ID, municipalityId: MUNICIPALITY_B, name: 'Администрация Лесного района',
        prefix: 'ЛЕС', signature: 'Ответ администрации', timezone: 'Europe/Moscow', answerReview: false,
      },
      {
        id: ORG_CENTRE, regionId: REGION_ID, municipalityId: null, name: 'Центр управления регионом',
        prefix: 'ЦУР', signature: 'Ответ ЦУР', timezone: 'Europe/Moscow', answerReview: true,
      },
    ],
    users,
    appeals,
    comments: [],
    events,
  };
}

/** Creates the schema in the data folder (or database) and inserts the data set, before a server starts on it. */
export async function seedFixture(
  target: { dataDir: string; databaseUrl?: string | null },
  data: DemoData = buildFixture(),
): Promise<DemoData> {
  const store = await Store.open({ dataDir: target.dataDir, databaseUrl: target.databaseUrl ?? null });
  try {
    await insertDemo(store, data);
  } finally {
    await store.close();
  }
  return data;
}
