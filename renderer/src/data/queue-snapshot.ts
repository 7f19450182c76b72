// The queue packed in columns for a fast start: one structured-clone read instead of one record per appeal.
import type { QueueRow } from './db.js';

/** Written after changes settle; valid only while `writeSeq` equals the meta's appealsWriteSeq. */
export interface QueueSnapshot {
  writeSeq: number;
  /**
   * Appeals whose rows had pending mutations replayed in when packed: at start they are recomputed from
   * confirmed data, since those mutations may since have been rejected or discarded.
   */
  overlayIds: string[];
  /** Rows in queue order, so the start does not sort either. */
  columns: {
    id: string[];
    /** NaN for no deadline. */
    due: Float64Array;
    status: QueueRow['status'][];
    priority: QueueRow['priority'][];
    category: QueueRow['category'][];
    channel: QueueRow['channel'][];
    municipalityId: (string | null)[];
    organisationId: string[];
    assigneeId: (string | null)[];
    receivedAt: string[];
  };
}

export function packQueue(rows: readonly QueueRow[], writeSeq: number, overlayIds: string[]): QueueSnapshot {
  const n = rows.length;
  const columns: QueueSnapshot['columns'] = {
    id: new Array(n),
    due: new Float64Array(n),
    status: new Array(n),
    priority: new Array(n),
    category: new Array(n),
    channel: new Array(n),
    municipalityId: new Array(n),
    organisationId: new Array(n),
    assigneeId: new Array(n),
    receivedAt: new Array(n),
  };
  rows.forEach((r, i) => {
    columns.id[i] = r.id;
    columns.due[i] = r.due ?? NaN;
    columns.status[i] = r.status;
    columns.priority[i] = r.priority;
    columns.category[i] = r.category;
    columns.channel[i] = r.channel;
    columns.municipalityId[i] = r.municipalityId;
    columns.organisationId[i] = r.organisationId;
    columns.assigneeId[i] = r.assigneeId;
    columns.receivedAt[i] = r.receivedAt;
  });
  return { writeSeq, overlayIds, columns };
}

export function unpackQueue({ columns: c }: QueueSnapshot): QueueRow[] {
  const rows: QueueRow[] = new Array(c.id.length);
  for (let i = 0; i < rows.length; i++) {
    const due = c.due[i]!;
    rows[i] = {
      id: c.id[i]!,
      due: Number.isNaN(due) ? null : due,
      status: c.status[i]!,
      priority: c.priority[i]!,
      category: c.category[i] ?? null,
      channel: c.channel[i]!,
      municipalityId: c.municipalityId[i] ?? null,
      organisationId: c.organisationId[i]!,
      assigneeId: c.assigneeId[i] ?? null,
      receivedAt: c.receivedAt[i]!,
    };
  }
  return rows;
}
