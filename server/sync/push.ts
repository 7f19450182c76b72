// Applies a push: exactly-once per (clientId, mutationId), each outcome recorded with the client's counter and the change-log append.
import { CompiledQuery, type ControlledTransaction, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  DomainError,
  type AppealEvent,
  MUTATION_ARGS,
  type MutationName,
  type MutationResult,
  type PushResponse,
  type RawMutation,
  type User,
} from '../../shared/index.js';
import type { MutationHandlers } from '../mutations/types.js';
import { MutationRejected, type MutationEffect } from '../mutations/types.js';
import { MAX_PARAMS } from '../store/dialect.js';
import { PreparedQuery, RowsInsert } from '../store/prepared.js';
import { appealFromRow, eventToRow } from '../store/rows.js';
import type { AppealEventsTable, Database, MutationResultsTable } from '../store/schema.js';
import type { ChangeRow, Store } from '../store/store.js';
import { answerFromRow } from '../store/workflow-rows.js';
import { inScope, orgRoom, regionRoom, regionWideRoom } from './scope.js';

/** Mutations applied per transaction: larger runs commit less often, smaller ones hold the writer lock less. */
const RUN_SIZE = 100;

// The same text on SQLite and PostgreSQL; compiled once instead of through Kysely's savepoint commands, which build a
// transaction object per call.
const SAVEPOINT = CompiledQuery.raw('savepoint mutation');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release savepoint mutation');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint mutation');

const lastMutationIdQuery = new PreparedQuery(1, (db, clientId: string) =>
  db.selectFrom('clients').select('last_mutation_id').where('client_id', '=', clientId),
);

const changesInsert = new RowsInsert('changes', ['seq', 'entity', 'entity_id', 'appeal_id', 'org_id', 'prev_org_id', 'region_id']);
const eventsInsert = new RowsInsert('appeal_events', ['id', 'appeal_id', 'action', 'actor_id', 'actor_name', 'device_id', 'changes', 'reason', 'at']);
const resultsInsert = new RowsInsert('mutation_results', ['client_id', 'mutation_id', 'status', 'code', 'message', 'seq', 'appeal_id', 'answer_id']);

/** Rows per insert statement, below the bound-parameter limit (at most nine columns). */
const ROWS_PER_INSERT = Math.floor(MAX_PARAMS / 9);

async function insertAll<T extends 'changes' | 'appeal_events' | 'mutation_results'>(
  trx: Kysely<Database>,
  dialect: string,
  insert: RowsInsert<T>,
  rows: Database[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert.execute(trx, dialect, rows.slice(i, i + ROWS_PER_INSERT));
}

export interface PushOutcome {
  response: PushResponse;
  /** room → newest seq to announce there. */
  pokes: Map<string, number>;
  /** Users disabled by an applied mutation: their consoles are told and disconnected. */
  revokedUserIds: string[];
}

interface Caller {
  user: User;
  clientId: string;
}

function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATION_ARGS, name);
}

export class PushProcessor {
  constructor(
    private readonly store: Store,
    private readonly handlers: MutationHandlers<MutationName>,
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  async process(caller: Caller, mutations: RawMutation[]): Promise<PushOutcome> {
    const pokes = new Map<string, number>();
    const revokedUserIds: string[] = [];
    const results = new Map<RawMutation, MutationResult>();
    const mine: RawMutation[] = [];
    for (const m of mutations) {
      if (m.clientId !== caller.clientId) {
        // Not recorded: the id belongs to another client's numbering.
        results.set(m, this.rejected(m.mutationId, 'BAD_MESSAGE', 'clientId differs from the handshake'));
      } else {
        mine.push(m);
      }
    }
    const sorted = [...mine].sort((a, b) => a.mutationId - b.mutationId);
    for (let i = 0; i < sorted.length; i += RUN_SIZE) {
      const run = sorted.slice(i, i + RUN_SIZE);
      try {
        const runResults = await this.store.track(this.applyRun(caller, run, pokes, revokedUserIds));
        run.forEach((m, j) => results.set(m, runResults[j]!));
      } catch (error) {
        this.onInternalError(error);
        for (const m of run) {
          results.set(m, { mutationId: m.mutationId, status: 'retry', code: 'INTERNAL', message: 'server error, send again' });
        }
      }
    }
    const lastMutationId = await this.lastMutationId(caller.clientId);
    return { response: { results: mutations.map((m) => results.get(m)!), lastMutationId }, pokes, revokedUserIds };
  }

  async lastMutationId(clientId: string, db: Kysely<Database> = this.store.db): Promise<number> {
    const row = await lastMutationIdQuery.first(db, clientId);
    return Number(row?.last_mutation_id ?? 0);
  }

  private async applyRun(
    caller: Caller,
    run: RawMutation[],
    pokes: Map<string, number>,
    revokedUserIds: string[],
  ): Promise<MutationResult[]> {
    const trx = await this.store.begin();
    try {
      // better-sqlite3 answers synchronously, so transactions queued on the connection would run back to back in
      // microtasks and starve the event loop (pings, HTTP, other sockets) until the queue drains: yield once per run.
      await new Promise((resolve) => setImmediate(resolve));
      // Read inside the lock: another process (PostgreSQL) may have processed some of these meanwhile.
      const startLast = await this.lastMutationId(caller.clientId, trx);
      let last = startLast;
      let head = await this.store.head(trx);
      const out: MutationResult[] = [];
      const records: MutationResultsTable[] = [];
      const changeRows: Array<ChangeRow & { seq: number }> = [];
      const eventRows: AppealEventsTable[] = [];
      const runPokes = new Map<string, number>();
      const runRevoked: string[] = [];
      const now = new Date().toISOString();

      for (const m of run) {
        if (m.mutationId <= last) {
          out.push(await this.storedResult(trx, caller, m.mutationId, records));
          continue;
        }
        if (m.mutationId > last + 1) {
          out.push({ mutationId: m.mutationId, status: 'retry', code: 'OUT_OF_ORDER', message: `expected mutation ${last + 1} first` });
          continue;
        }
        const outcome = await this.applyOne(trx, caller, m, now);
        last = m.mutationId;
        if (outcome.ok) {
          for (const event of outcome.events) eventRows.push(eventToRow(event));
          let seq: number | null = null;
          if (outcome.effect) {
            for (const effect of [outcome.effect, ...(outcome.effect.also ?? [])]) {
              for (const entity of effect.entities) {
                changeRows.push({
                  seq: ++head,
                  entity: entity.entity,
                  entity_id: entity.id,
                  appeal_id: effect.appealId,
                  org_id: effect.organisationId,
                  prev_org_id: effect.previousOrganisationId,
                  region_id: effect.regionId,
                });
              }
              for (const room of roomsOf(effect)) runPokes.set(room, head);
            }
            seq = head;
            runRevoked.push(...(outcome.effect.revokedUserIds ?? []));
          }
          const appealId = outcome.effect && !outcome.effect.regionWide ? outcome.effect.appealId : null;
          records.push(record(caller.clientId, m.mutationId, 'applied', null, null, seq, appealId));
          out.push({ mutationId: m.mutationId, status: 'applied', seq });
        } else {
          const { code, message, current, currentAnswer } = outcome.error;
          records.push({
            ...record(caller.clientId, m.mutationId, 'rejected', code, message, null, current?.id ?? null),
            ...(currentAnswer ? { answer_id: currentAnswer.answerId } : {}),
          });
          out.push({
            mutationId: m.mutationId,
            status: 'rejected',
            code,
            message,
            current,
            ...(currentAnswer ? { currentAnswer: currentAnswer.answer } : {}),
          });
        }
      }

      await insertAll(trx, this.store.dialect, eventsInsert, eventRows);
      await insertAll(trx, this.store.dialect, changesInsert, changeRows);
      await insertAll(trx, this.store.dialect, resultsInsert, records);
      if (last !== startLast) {
        await trx
          .insertInto('clients')
          .values({ client_id: caller.clientId, user_id: caller.user.id, last_mutation_id: last })
          .onConflict((oc) => oc.column('client_id').doUpdateSet({ last_mutation_id: last, user_id: caller.user.id }))
          .execute();
      }
      await trx.commit().execute();
      for (const [room, seq] of runPokes) pokes.set(room, Math.max(seq, pokes.get(room) ?? 0));
      revokedUserIds.push(...runRevoked);
      return out;
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      throw error;
    }
  }

  private async applyOne(
    trx: ControlledTransaction<Database>,
    caller: Caller,
    m: RawMutation,
    now: string,
  ): Promise<{ ok: true; effect: MutationEffect | null; events: AppealEvent[] } | { ok: false; error: MutationRejected }> {
    if (!isMutationName(m.name)) {
      return { ok: false, error: new MutationRejected('UNKNOWN_MUTATION', `unknown mutation ${m.name}`) };
    }
    const parsed = MUTATION_ARGS[m.name].safeParse(m.args);
    if (!parsed.success) {
      return { ok: false, error: new MutationRejected('BAD_MESSAGE', z.prettifyError(parsed.error)) };
    }
    const handler = this.handlers[m.name] as (ctx: Parameters<MutationHandlers<MutationName>[MutationName]>[0], args: unknown) => Promise<MutationEffect | null>;
    const events: AppealEvent[] = [];
    await trx.executeQuery(SAVEPOINT);
    try {
      const effect = await handler({ trx, user: caller.user, clientId: caller.clientId, now, events }, parsed.data);
      await trx.executeQuery(RELEASE_SAVEPOINT);
      return { ok: true, effect, events };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
      await trx.executeQuery(RELEASE_SAVEPOINT);
      const rejected = error instanceof MutationRejected ? error : new MutationRejected(error.code, error.message);
      return { ok: false, error: rejected };
    }
  }

  /** The answer recorded the first time; conflicts get the appeal as it is now, if the caller may still see it. */
  private async storedResult(
    trx: Kysely<Database>,
    caller: Caller,
    mutationId: number,
    pending: MutationResultsTable[],
  ): Promise<MutationResult> {
    const row =
      pending.find((r) => r.mutation_id === mutationId) ??
      (await trx
        .selectFrom('mutation_results')
        .selectAll()
        .where('client_id', '=', caller.clientId)
        .where('mutation_id', '=', mutationId)
        .executeTakeFirst());
    if (!row) return { mutationId, status: 'applied', seq: null };
    if (row.status === 'applied') return { mutationId, status: 'applied', seq: row.seq === null ? null : Number(row.seq) };
    let current = null;
    if ((row.code === 'VERSION_CONFLICT' || row.code === 'STATUS_CONFLICT' || row.code === 'INVALID_TRANSITION') && row.appeal_id) {
      const appealRow = await trx.selectFrom('appeals').selectAll().where('id', '=', row.appeal_id).executeTakeFirst();
      const appeal = appealRow ? appealFromRow(appealRow) : null;
      current = appeal && inScope(caller.user, appeal) ? appeal : null;
    }
    const result = this.rejected(mutationId, row.code as MutationRejected['code'], row.message ?? '', current);
    if (row.answer_id && result.status === 'rejected') {
      // an answer conflict is answered with the answer as it is now, as the first answer was
      const answerRow = await trx.selectFrom('answers').selectAll().where('id', '=', row.answer_id).executeTakeFirst();
      const appealRow = answerRow && (await trx.selectFrom('appeals').select('doc').where('id', '=', answerRow.appeal_id).executeTakeFirst());
      const visible = appealRow && inScope(caller.user, appealFromRow(appealRow));
      return { ...result, currentAnswer: answerRow && visible ? answerFromRow(answerRow) : null };
    }
    return result;
  }

  private rejected(
    mutationId: number,
    code: MutationRejected['code'],
    message: string,
    current: MutationRejected['current'] = null,
  ): MutationResult {
    return { mutationId, status: 'rejected', code, message, current };
  }
}

function record(
  clientId: string,
  mutationId: number,
  status: 'applied' | 'rejected',
  code: string | null,
  message: string | null,
  seq: number | null,
  appealId: string | null,
): MutationResultsTable {
  return { client_id: clientId, mutation_id: mutationId, status, code, message, seq, appeal_id: appealId };
}

function roomsOf(effect: MutationEffect): string[] {
  if (effect.regionWide) return [regionWideRoom(effect.regionId)];
  const rooms = [orgRoom(effect.organisationId), regionRoom(effect.regionId)];
  if (effect.previousOrganisationId) rooms.push(orgRoom(effect.previousOrganisationId));
  return rooms;
}
