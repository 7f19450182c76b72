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
    /** Absent from snapshots written before rows were painted from the queue: such a snapshot is not used. */
    number?: string[];
    title?: string[];
    titleFromText?: Uint8Array;
    dueKind?: QueueRow['dueKind'][];
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
    number: new Array(n),
    title: new Array(n),
    titleFromText: new Uint8Array(n),
    dueKind: new Array(n),
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
    columns.number![i] = r.number;
    columns.title![i] = r.title;
    columns.titleFromText![i] = r.titleFromText ? 1 : 0;
    columns.dueKind![i] = r.dueKind;
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

/** The rows of a snapshot, or null when it was written in an older shape (then whole appeals are read instead). */
export function unpackQueue({ columns: c }: QueueSnapshot): QueueRow[] | null {
  if (!c.number || !c.title || !c.titleFromText || !c.dueKind) return null;
  const rows: QueueRow[] = new Array(c.id.length);
  for (let i = 0; i < rows.length; i++) {
    const due = c.due[i]!;
    rows[i] = {
      id: c.id[i]!,
      number: c.number[i]!,
      title: c.title[i]!,
      titleFromText: c.titleFromText[i] === 1,
      due: Number.isNaN(due) ? null : due,
      dueKind: c.dueKind[i] ?? null,
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
