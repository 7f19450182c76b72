// The overdue job: on an interval, every open appeal that passed a target gets one alert in the change log, and its scopes are poked.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { OPEN_STATUSES, type Alert } from '../../shared/index.js';
import type { Database } from '../store/schema.js';
import { appendChanges, type Store } from '../store/store.js';
import { alertToRow } from '../store/workflow-rows.js';
import { orgRoom, regionRoom } from '../sync/scope.js';

/** Alerts written per deadline kind and run: a first run over a large backlog spreads over several runs instead of holding the writer lock. */
const BATCH = 500;

type DeadlineKind = Alert['deadline'];
const DUE_COLUMN = { first_reaction: 'first_reaction_due_at', resolution: 'resolution_due_at' } as const;

/** Open appeals past this deadline that have no alert for it yet (for this due moment: an extended term that passes again alerts again). */
async function overdueAppeals(db: Kysely<Database>, deadline: DeadlineKind, now: string) {
  const due = DUE_COLUMN[deadline];
  let query = db
    .selectFrom('appeals')
    .select(['id', 'number', 'organisation_id', 'region_id', `${due} as due_at`])
    .where('status', 'in', [...OPEN_STATUSES])
    .where(due, '<', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alerts')
            .select('alerts.id')
            .whereRef('alerts.appeal_id', '=', 'appeals.id')
            .where('alerts.deadline', '=', deadline)
            .whereRef('alerts.due_at', '=', `appeals.${due}`),
        ),
      ),
    );
  // a first reaction given late is late, but there is nothing left to alert about
  if (deadline === 'first_reaction') query = query.where('first_reaction_at', 'is', null);
  return query.orderBy(due).limit(BATCH).execute();
}

export class OverdueJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly store: Store,
    private readonly poke: (pokes: Map<string, number>) => void,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Runs now and then every intervalMs; 0 turns the job off. */
  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    const tick = () => {
      if (this.running) return; // a slow run is not stacked on
      this.running = this.runOnce()
        .catch((error: unknown) => this.log.error({ err: error }, 'overdue job failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; returns the alerts written. Idempotent: the alert table says what was already told. */
  async runOnce(now = new Date()): Promise<Alert[]> {
    const at = now.toISOString();
    const { alerts, head } = await this.store.write(async (trx) => {
      const written: Alert[] = [];
      for (const deadline of ['first_reaction', 'resolution'] as const) {
        for (const row of await overdueAppeals(trx, deadline, at)) {
          written.push({
            id: randomUUID(),
            kind: 'overdue',
            appealId: row.id,
            appealNumber: row.number,
            organisationId: row.organisation_id,
            regionId: row.region_id,
            deadline,
            dueAt: String(row.due_at),
            at,
          });
        }
      }
      if (written.length === 0) return { alerts: written, head: null };
      for (const alert of written) await trx.insertInto('alerts').values(alertToRow(alert)).execute();
      const last = await appendChanges(
        trx,
        written.map((a) => ({
          entity: 'alert' as const,
          entity_id: a.id,
          appeal_id: a.appealId,
          org_id: a.organisationId,
          prev_org_id: null,
          region_id: a.regionId,
        })),
      );
      return { alerts: written, head: last };
    });
    if (head !== null) {
      const pokes = new Map<string, number>();
      for (const alert of alerts) {
        pokes.set(orgRoom(alert.organisationId), head);
        pokes.set(regionRoom(alert.regionId), head);
      }
      this.poke(pokes);
      this.log.info({ alerts: alerts.length }, 'overdue alerts');
    }
    return alerts;
  }
}
