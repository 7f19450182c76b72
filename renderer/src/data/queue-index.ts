// The in-memory queue: compact entries kept sorted by time left, filtered with facet counts in one pass.
import { OPEN_STATUSES, PRIORITIES, type Appeal, type SnapshotEntry } from '../../../shared/index.js';
import type { FacetCounts, QueueFilters } from '../store/contract.js';
import type { QueueRow } from './db.js';

const OPEN = new Set<string>(OPEN_STATUSES);
const PRIORITY_RANK = new Map<string, number>(PRIORITIES.map((p, i) => [p, i]));

/** The appeal fields a queue row is made of (a whole appeal, or a packed snapshot page's entry). */
export type QueueSource = Pick<
  Appeal,
  | 'id'
  | 'number'
  | 'subject'
  | 'originalText'
  | 'status'
  | 'priority'
  | 'category'
  | 'channel'
  | 'municipalityId'
  | 'organisationId'
  | 'assigneeId'
  | 'receivedAt'
  | 'firstReactionDueAt'
  | 'resolutionDueAt'
  | 'firstReactionAt'
>;

type DeadlineFields = Pick<Appeal, 'status' | 'firstReactionAt' | 'firstReactionDueAt' | 'resolutionDueAt'>;

/** Nearest deadline still ahead of the work: first reaction until it happened, then resolution. */
export function nearestDeadline(appeal: DeadlineFields): number | null {
  if (!OPEN.has(appeal.status)) return null;
  let due: number | null = null;
  if (appeal.firstReactionAt === null && appeal.firstReactionDueAt !== null) due = Date.parse(appeal.firstReactionDueAt);
  if (appeal.resolutionDueAt !== null) {
    const r = Date.parse(appeal.resolutionDueAt);
    due = due === null ? r : Math.min(due, r);
  }
  return due;
}

/** Longest title a queue row keeps: a row shows one line of it. */
const TITLE_CHARS = 160;

/** The subject, or the first line of the citizen's text when nobody wrote one yet. */
export function queueTitle(subject: string, originalText: string): string {
  if (subject.trim() !== '') return subject.slice(0, TITLE_CHARS);
  const newline = originalText.indexOf('\n');
  return (newline >= 0 ? originalText.slice(0, newline) : originalText).slice(0, TITLE_CHARS);
}

/** Which deadline `nearestDeadline` is: the first reaction while none happened and it comes first, else the resolution. */
export function nearestDeadlineKind(appeal: DeadlineFields, due: number | null): QueueRow['dueKind'] {
  if (due === null) return null;
  const firstReaction = appeal.firstReactionAt === null && appeal.firstReactionDueAt !== null && Date.parse(appeal.firstReactionDueAt) === due;
  return firstReaction ? 'firstReaction' : 'resolution';
}

export function toQueueRow(appeal: QueueSource): QueueRow {
  const due = nearestDeadline(appeal);
  return {
    id: appeal.id,
    number: appeal.number,
    title: queueTitle(appeal.subject, appeal.originalText),
    titleFromText: appeal.subject.trim() === '',
    due,
    dueKind: nearestDeadlineKind(appeal, due),
    status: appeal.status,
    priority: appeal.priority,
    category: appeal.category,
    channel: appeal.channel,
    municipalityId: appeal.municipalityId,
    organisationId: appeal.organisationId,
    assigneeId: appeal.assigneeId,
    receivedAt: appeal.receivedAt,
  };
}

/** A packed snapshot page's entry as a queue row: its text head is the first line of the citizen's text. */
export function entryQueueRow(entry: SnapshotEntry): QueueRow {
  return toQueueRow({ ...entry, originalText: entry.textHead });
}

/** Overdue first (smallest due), no deadline last; then the more urgent class, then the older appeal. */
export function compareQueueRows(a: QueueRow, b: QueueRow): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due - b.due;
  }
  const p = (PRIORITY_RANK.get(a.priority) ?? 9) - (PRIORITY_RANK.get(b.priority) ?? 9);
  if (p !== 0) return p;
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const EMPTY_FILTERS: QueueFilters = {
  status: [],
  priority: [],
  category: [],
  channel: [],
  municipalityId: [],
  text: '',
  scope: 'all',
};

export interface QueueQuery {
  filters: QueueFilters;
  userId: string | null;
  /** Ids matching the free text, or null when there is no text filter. */
  textMatches: ReadonlySet<string> | null;
}

export interface QueueResult {
  ids: string[];
  counts: FacetCounts;
}

export class QueueIndex {
  private readonly rows = new Map<string, QueueRow>();
  private sorted: QueueRow[] | null = [];

  get size(): number {
    return this.rows.size;
  }

  get(id: string): QueueRow | undefined {
    return this.rows.get(id);
  }

  /** Replaces everything (start, re-bootstrap); `sorted` when the rows come in queue order already. */
  load(rows: QueueRow[], sorted = false): void {
    this.rows.clear();
    for (const r of rows) this.rows.set(r.id, r);
    this.sorted = sorted ? rows : null;
  }

  upsert(row: QueueRow): void {
    const old = this.rows.get(row.id);
    this.rows.set(row.id, row);
    // a few live changes keep the sorted array by moving one entry; a big batch just re-sorts once later
    if (this.sorted === null) return;
    if (old) {
      const i = this.indexOf(old);
      if (i >= 0) this.sorted.splice(i, 1);
    }
    this.sorted.splice(this.insertionPoint(row), 0, row);
  }

  remove(id: string): void {
    const old = this.rows.get(id);
    if (!old) return;
    this.rows.delete(id);
    if (this.sorted === null) return;
    const i = this.indexOf(old);
    if (i >= 0) this.sorted.splice(i, 1);
  }

  /** Rows changed in fields the order does not use (titles read after the start): swapped where they stand. */
  replaceInOrder(rows: readonly QueueRow[]): void {
    const swapped = new Map<QueueRow, QueueRow>();
    for (const row of rows) {
      const old = this.rows.get(row.id);
      if (!old) continue;
      this.rows.set(row.id, row);
      swapped.set(old, row);
    }
    if (this.sorted !== null) this.sorted = this.sorted.map((r) => swapped.get(r) ?? r);
  }

  /** Marks the order stale: use before many upserts in a row. */
  invalidateOrder(): void {
    this.sorted = null;
  }

  /** All entries, sorted by time left. */
  ordered(): readonly QueueRow[] {
    if (this.sorted === null) this.sorted = [...this.rows.values()].sort(compareQueueRows);
    return this.sorted;
  }

  /**
   * One pass over the sorted entries: an entry failing no facet filter is listed and counted in every
   * facet; failing exactly one, it is counted only in that facet (counts "with the other filters applied").
   * Written out per facet on purpose: this loop runs over 100 000 entries on every keystroke.
   */
  query({ filters, userId, textMatches }: QueueQuery): QueueResult {
    const set = (values: readonly string[]) => (values.length > 0 ? new Set<string>(values) : null);
    const [sS, sP, sC, sCh, sM] = [set(filters.status), set(filters.priority), set(filters.category), set(filters.channel), set(filters.municipalityId)];
    const [nS, nP, nC, nCh, nM] = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const bump = (m: Map<string, number>, v: string) => m.set(v, (m.get(v) ?? 0) + 1);
    const mineOnly = filters.scope === 'mine';
    const ids: string[] = [];
    for (const row of this.ordered()) {
      if (mineOnly && row.assigneeId !== userId) continue;
      if (textMatches !== null && !textMatches.has(row.id)) continue;
      const vS = row.status;
      const vP = row.priority;
      const vC = row.category ?? 'none';
      const vCh = row.channel;
      const vM = row.municipalityId ?? 'none';
      const fS = sS !== null && !sS.has(vS);
      const fP = sP !== null && !sP.has(vP);
      const fC = sC !== null && !sC.has(vC);
      const fCh = sCh !== null && !sCh.has(vCh);
      const fM = sM !== null && !sM.has(vM);
      const failures = +fS + +fP + +fC + +fCh + +fM;
      if (failures > 1) continue;
      if (failures === 0) ids.push(row.id);
      if (!fP && !fC && !fCh && !fM) bump(nS, vS);
      if (!fS && !fC && !fCh && !fM) bump(nP, vP);
      if (!fS && !fP && !fCh && !fM) bump(nC, vC);
      if (!fS && !fP && !fC && !fM) bump(nCh, vCh);
      if (!fS && !fP && !fC && !fCh) bump(nM, vM);
    }
    const counts = {
      status: Object.fromEntries(nS),
      priority: Object.fromEntries(nP),
      category: Object.fromEntries(nC),
      channel: Object.fromEntries(nCh),
      municipalityId: Object.fromEntries(nM),
    } as FacetCounts;
    return { ids, counts };
  }

  /** Entries whose deadline falls in [from, to), for deadline reminders. */
  dueBetween(from: number, to: number): QueueRow[] {
    const list = this.ordered();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const due = list[mid]!.due;
      if (due !== null && due < from) lo = mid + 1;
      else hi = mid;
    }
    const out: QueueRow[] = [];
    for (let i = lo; i < list.length; i++) {
      const due = list[i]!.due;
      if (due === null || due >= to) break;
      out.push(list[i]!);
    }
    return out;
  }

  private insertionPoint(row: QueueRow): number {
    const list = this.sorted!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareQueueRows(list[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(row: QueueRow): number {
    const list = this.sorted!;
    const i = this.insertionPoint(row);
    if (list[i] === row) return i;
    return list.indexOf(row);
  }
}
