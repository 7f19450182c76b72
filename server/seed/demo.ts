// Inserts a demo (or fixture) data set into the store in one transaction, with change-log rows so pull sees it.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import { MAX_PARAMS } from '../store/dialect.js';
import {
  appealToRow,
  commentToRow,
  eventToRow,
  municipalityToRow,
  organisationToRow,
  regionToRow,
} from '../store/rows.js';
import type { ChangesTable, Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Comment } from '../../shared/index.js';
import type { DemoData, GenerateOptions } from './types.js';
import { insertRoutingRules, insertWorkflowDefaults } from './workflow-defaults.js';

type TableName = keyof Database;

async function insertChunked<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot relate a generic table name to its row type
    await db.insertInto(table).values(rows.slice(i, i + size) as any).execute();
  }
}

function groupByAppeal<T extends { appealId: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.appealId);
    if (list) list.push(item);
    else map.set(item.appealId, [item]);
  }
  return map;
}

export interface InsertDemoOptions {
  /**
   * true (default): every appeal, comment and event gets a change-log row, so a pull from 0 sees everything.
   * false: one row per appeal only; seeded comments and history then reach consoles through the snapshot
   * (which consoles load first, sync rule 6). For 100 000-appeal benchmarks, where the full log is ~900 000 rows.
   */
  logHistory?: boolean;
}

/** Inserts everything in one transaction, with change-log rows (see InsertDemoOptions). */
export async function insertDemo(
  store: Store,
  data: DemoData,
  options: InsertDemoOptions = {},
): Promise<{ appeals: number; changes: number }> {
  const logHistory = options.logHistory ?? true;
  const passwordHashes = await Promise.all(data.users.map((u) => hashPassword(u.password)));
  return store.write(async (trx) => {
    await insertChunked(trx, 'regions', [regionToRow(data.region)]);
    await insertWorkflowDefaults(trx, data.region, new Date().toISOString());
    await insertChunked(trx, 'municipalities', data.municipalities.map(municipalityToRow));
    await insertChunked(
      trx,
      'settlements',
      data.settlements.map((s) => ({
        id: s.id,
        municipality_id: s.municipalityId,
        name: s.name,
        kind: s.kind,
        streets: JSON.stringify(s.streets),
      })),
    );
    await insertChunked(trx, 'organisations', data.organisations.map(organisationToRow));
    await insertChunked(
      trx,
      'users',
      data.users.map((u, i) => ({
        id: u.id,
        login: u.login,
        display_name: u.displayName,
        role: u.role,
        organisation_id: u.organisationId,
        region_id: u.regionId,
        disabled: u.disabled ? 1 : 0,
        password_hash: passwordHashes[i]!,
        on_duty: u.onDuty ? 1 : 0,
      })),
    );
    const eventsOf = groupByAppeal(data.events);
    await insertChunked(
      trx,
      'appeals',
      data.appeals.map((a) => ({ ...appealToRow(a), history: JSON.stringify(eventsOf.get(a.id) ?? []) })),
    );
    await insertChunked(trx, 'comments', data.comments.map(commentToRow));
    await insertChunked(trx, 'appeal_events', data.events.map(eventToRow));

    const commentsOf = logHistory ? groupByAppeal(data.comments) : new Map<string, Comment[]>();
    let seq = await store.head(trx);
    const changes: ChangesTable[] = [];
    for (const appeal of data.appeals) {
      const base = { appeal_id: appeal.id, org_id: appeal.organisationId, prev_org_id: null, region_id: appeal.regionId };
      changes.push({ seq: ++seq, entity: 'appeal', entity_id: appeal.id, ...base });
      if (!logHistory) continue;
      for (const c of commentsOf.get(appeal.id) ?? []) changes.push({ seq: ++seq, entity: 'comment', entity_id: c.id, ...base });
      for (const e of eventsOf.get(appeal.id) ?? []) changes.push({ seq: ++seq, entity: 'event', entity_id: e.id, ...base });
    }
    await insertChunked(trx, 'changes', changes);
    return { appeals: data.appeals.length, changes: changes.length };
  });
}

export type GenerateDemo = (options: GenerateOptions) => DemoData;

/** The demo generator lives in generate.ts, written separately; loaded lazily so the server runs without it. */
export async function loadGenerator(): Promise<GenerateDemo> {
  const specifier = './generate.js';
  let mod: { generateDemo?: unknown };
  try {
    mod = (await import(specifier)) as { generateDemo?: unknown };
  } catch (error) {
    throw new Error(`demo data generator server/seed/generate.ts cannot be loaded: ${String(error)}`, { cause: error });
  }
  if (typeof mod.generateDemo !== 'function') throw new Error('server/seed/generate.ts does not export generateDemo');
  return mod.generateDemo as GenerateDemo;
}

export const DEMO_OPTIONS = (): GenerateOptions => ({ appeals: 1000, seed: 1, now: new Date() });

export async function seedDemoIfEmpty(store: Store, log: FastifyBaseLogger): Promise<void> {
  if (!(await store.isEmpty())) return;
  const generateDemo = await loadGenerator();
  const data = generateDemo(DEMO_OPTIONS());
  const inserted = await insertDemo(store, data);
  // the demo's routing, so that new appeals go where the generator sends them; nobody starts on duty (operators mark themselves)
  const routing = (await import('./demo-routing.js')) as typeof import('./demo-routing.js');
  await store.write((trx) => insertRoutingRules(trx, routing.demoRoutingRules(data.region.id)));
  log.info(inserted, 'demo data inserted');
}
