// The workflow part of the store: reference data for answers and routing, the open appeal's answers, supervisor alerts, and logged views of personal data.
import i18next from 'i18next';
import { REGION_ROLES, type MutationArgsInput, type MutationName } from '../../../shared/index.js';
import type { Alert, Answer } from '../../../shared/workflow.js';
import { answersWithPending } from '../data/workflow/answer-overlay.js';
import { onWorkflowCommit } from '../data/workflow/workflow-changes.js';
import { alertsTable, answersTable, type AlertRow } from '../data/workflow/workflow-db.js';
import { workflowOf } from '../data/workflow/workflow-reference.js';
import type { ConsoleActions, ConsoleState } from './contract.js';
import type { ConsoleRuntime } from './runtime.js';
import type { Slice } from './slice.js';

export type WorkflowSlice = Pick<ConsoleState, 'workflow' | 'alerts' | 'openAnswers'> &
  Pick<ConsoleActions, 'markAlertsRead' | 'logView' | 'mutateWorkflow'>;

/** A view of the same appeal within this long is the same look, not a new one worth a log line. */
const VIEW_REPEAT_MS = 10 * 60_000;
/** Alerts shown in the list; the table keeps more. */
const ALERTS_SHOWN = 200;

/** i18next's global t with a key outside ru.ts's typing (the workflow's keys are merged under `workflow.`). */
function tw(key: string, values?: Record<string, unknown>): string {
  return (i18next.t as unknown as (k: string, v?: object) => string)(`workflow.${key}`, values);
}

async function notifyAlerts(rt: ConsoleRuntime, alerts: readonly Alert[]): Promise<void> {
  for (const alert of alerts) {
    const key = `alert:${alert.id}`;
    if (await rt.db.notices.get(key)) continue;
    await rt.db.notices.put({ id: key, at: new Date().toISOString() });
    await rt.deps.bridge.notify({
      title: tw('alerts.notifyTitle', { number: alert.appealNumber }),
      body: tw(`alerts.deadline.${alert.deadline}`),
      tag: key,
    });
  }
}

export const createWorkflowSlice: Slice<WorkflowSlice> = (rt) => (set, get, api) => {
  const viewedAt = new Map<string, number>();

  async function loadAnswers(): Promise<void> {
    const id = get().openAppealId;
    if (id === null) {
      if (get().openAnswers.length > 0) set({ openAnswers: [] });
      return;
    }
    const confirmed = await answersTable(rt.db).where('appealId').equals(id).toArray();
    if (get().openAppealId !== id) return; // another appeal was opened meanwhile
    set({ openAnswers: answersWithPending(confirmed, rt.replica.pendingFor(id), get().user) });
  }

  async function loadAlerts(): Promise<void> {
    const rows = await alertsTable(rt.db).orderBy('at').reverse().limit(ALERTS_SHOWN).toArray();
    set({ alerts: rows });
  }

  onWorkflowCommit(rt.db, (effect) => {
    const open = get().openAppealId;
    if (open !== null && effect.answerAppealIds.includes(open)) void loadAnswers();
    if (effect.newAlerts.length > 0) {
      void loadAlerts();
      const role = get().user?.role;
      // an overdue appeal is a supervisor's call to act; operators see their own deadlines in the queue
      if (role && REGION_ROLES.includes(role)) void notifyAlerts(rt, effect.newAlerts);
    }
    if (effect.referenceChanged) void rt.refreshReference();
  });

  rt.replica.onChange((change, ids) => {
    const open = get().openAppealId;
    if (change === 'outbox' && open !== null && ids.includes(open)) void loadAnswers();
  });

  api.subscribe((state, previous) => {
    if (state.reference !== previous.reference) set({ workflow: workflowOf(state.reference) });
    if (state.openAppealId !== previous.openAppealId) void loadAnswers();
    if (state.user?.id !== previous.user?.id) {
      viewedAt.clear();
      if (state.user) void loadAlerts();
      else set({ alerts: [], openAnswers: [] });
    }
  });

  return {
    workflow: null,
    alerts: [],
    openAnswers: [] as Answer[],

    async markAlertsRead() {
      const now = new Date().toISOString();
      const unread = get().alerts.filter((a) => a.readAt === null);
      if (unread.length === 0) return;
      await alertsTable(rt.db).bulkPut(unread.map((a): AlertRow => ({ ...a, readAt: now })));
      await loadAlerts();
    },

    logView(appealId) {
      const now = Date.now();
      const last = viewedAt.get(appealId);
      if (last !== undefined && now - last < VIEW_REPEAT_MS) return;
      viewedAt.set(appealId, now);
      // through the outbox: a view made offline is logged when the link returns (152-ФЗ)
      void get()
        .mutateWorkflow('audit.view', { appealId, at: new Date(now).toISOString() })
        .catch((e: unknown) => console.error('audit.view not logged', e));
    },

    mutateWorkflow(name, args) {
      // the workflow's mutations go through the one outbox like every other change
      return get().mutate(name as MutationName, args as MutationArgsInput<MutationName>);
    },
  };
};
