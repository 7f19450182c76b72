// Writes the workflow's pull changes (answers, supervisor alerts, "reference changed") inside the sync commit, and tells listeners once it is durable.
import { Dexie } from 'dexie';
import { Alert, Answer } from '../../../../shared/workflow.js';
import type { OtklikDb } from '../db.js';
import { alertsTable, answersTable, MAX_LOCAL_ALERTS } from './workflow-db.js';

/** What a commit changed for the workflow, for the store to follow. */
export interface WorkflowEffect {
  /** Appeals whose answers changed. */
  answerAppealIds: string[];
  /** Alerts this console had not seen before. */
  newAlerts: Alert[];
  /** The server's reference data changed (an admin edit): fetch it again. */
  referenceChanged: boolean;
}

type Listener = (effect: WorkflowEffect) => void;
const listeners = new WeakMap<OtklikDb, Set<Listener>>();

/** Listens to committed workflow changes of one database; returns the unsubscribe. */
export function onWorkflowCommit(db: OtklikDb, listener: Listener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function emitWhenCommitted(db: OtklikDb, effect: WorkflowEffect): void {
  if (effect.answerAppealIds.length === 0 && effect.newAlerts.length === 0 && !effect.referenceChanged) return;
  const emit = () => listeners.get(db)?.forEach((l) => l(effect));
  // listeners read what was written: only once the surrounding sync transaction has committed
  const tx = Dexie.currentTransaction;
  if (tx) tx.on('complete', emit);
  else emit();
}

/** The tables a sync transaction must include for commitWorkflowChanges. */
export function workflowTables(db: OtklikDb) {
  return [answersTable(db), alertsTable(db)];
}

/**
 * The workflow part of one pull page (or snapshot page): called inside the sync commit, so the answers and
 * the cursor that passed them commit together. Rows are read loosely from the page: a change of another
 * type is not ours, and one that fails its schema is skipped rather than failing the whole page.
 */
export async function commitWorkflowChanges(
  db: OtklikDb,
  changes: readonly unknown[],
  evictedAppealIds: readonly string[] = [],
): Promise<WorkflowEffect> {
  const answers = new Map<string, Answer>();
  const alerts = new Map<string, Alert>();
  let referenceChanged = false;
  for (const change of changes) {
    const c = change as { type?: unknown; answer?: unknown; alert?: unknown };
    if (c.type === 'answer') {
      const parsed = Answer.safeParse(c.answer);
      if (parsed.success) answers.set(parsed.data.id, parsed.data);
      else console.warn('answer change skipped', parsed.error.message);
    } else if (c.type === 'alert') {
      const parsed = Alert.safeParse(c.alert);
      if (parsed.success) alerts.set(parsed.data.id, parsed.data);
      else console.warn('alert change skipped', parsed.error.message);
    } else if (c.type === 'reference') {
      referenceChanged = true;
    }
  }
  const evicted = new Set(evictedAppealIds);
  const kept = [...answers.values()].filter((a) => !evicted.has(a.appealId));
  if (kept.length > 0) await answersTable(db).bulkPut(kept);
  if (evicted.size > 0) await answersTable(db).where('appealId').anyOf([...evicted]).delete();

  const seen = await alertsTable(db).bulkGet([...alerts.keys()]);
  const newAlerts = [...alerts.values()].filter((_, i) => seen[i] === undefined);
  if (newAlerts.length > 0) {
    await alertsTable(db).bulkPut(newAlerts.map((a) => ({ ...a, readAt: null })));
    const excess = (await alertsTable(db).count()) - MAX_LOCAL_ALERTS;
    if (excess > 0) await alertsTable(db).orderBy('at').limit(excess).delete();
  }
  const effect: WorkflowEffect = {
    answerAppealIds: [...new Set([...kept.map((a) => a.appealId), ...evicted])],
    newAlerts,
    referenceChanged,
  };
  emitWhenCommitted(db, effect);
  return effect;
}

/** Answers a snapshot page carries (servers that send them put them beside the appeals). */
export function snapshotAnswers(page: unknown): unknown[] {
  const answers = (page as { answers?: unknown }).answers;
  return Array.isArray(answers) ? answers.map((answer) => ({ type: 'answer', answer })) : [];
}
