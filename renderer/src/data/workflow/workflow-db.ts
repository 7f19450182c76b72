// The workflow's IndexedDB tables (answers, supervisor alerts) and the schema step that adds them to the console's database.
import type { Table } from 'dexie';
import type { Alert, Answer } from '../../../../shared/workflow.js';
import type { OtklikDb } from '../db.js';

/** An alert as this console keeps it: when the person saw it in the alerts list (null = unread). */
export interface AlertRow extends Alert {
  readAt: string | null;
}

/** The stores this module adds; db.ts lists them in its SCHEMA_HISTORY step. */
export const WORKFLOW_STORES = {
  answers: 'id, appealId',
  alerts: 'id, at, appealId',
} as const;

// The tables are read by name, so the typed OtklikDb class does not need to know about the workflow's rows.
export const answersTable = (db: OtklikDb): Table<Answer, string> => db.table('answers');
export const alertsTable = (db: OtklikDb): Table<AlertRow, string> => db.table('alerts');

/** Alerts kept locally: the list is for today's work, not an archive (the server keeps the history). */
export const MAX_LOCAL_ALERTS = 500;
