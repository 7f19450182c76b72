// What a sync round writes to IndexedDB, each step in one transaction: snapshot pages, pull pages, push results, resets.
import {
  SCHEMA_VERSION,
  type Appeal,
  type HistoryResponse,
  type MutationResult,
  type PullResponse,
  type SnapshotEntry,
  type SnapshotHead,
  type SnapshotResponse,
} from '../../../shared/index.js';
import { appealTables, deleteAppealsEverywhere, holdsAppeal, putAppealPacks, putAppealRows, putPackedPacks } from './appeal-store.js';
import type { AttentionRow, OtklikDb, OutboxRow, SnapshotProgress } from './db.js';
import type { PackedPage } from './snapshot-decode.js';
import { commitWorkflowChanges, snapshotAnswers, workflowTables } from './workflow/workflow-changes.js';
import { answersTable } from './workflow/workflow-db.js';

/** What a commit changed, so the in-memory replica can follow without re-reading. */
export interface CommitEffect {
  written: Appeal[];
  removed: string[];
  /** appealsWriteSeq after the commit. */
  writeSeq: number;
  /** A snapshot pack was written: where packed appeals are must be read again. */
  packsChanged?: boolean;
  /** Appeals of a packed snapshot page, stored but not unpacked: their list fields, for the queue. */
  entries?: SnapshotEntry[];
}

/** Inside the transaction that changes confirmed appeals: the packed queue snapshot is stale from here on. */
async function bumpWriteSeq(db: OtklikDb): Promise<number> {
  const seq = ((await db.getMeta('appealsWriteSeq')) ?? 0) + 1;
  await db.setMeta('appealsWriteSeq', seq);
  return seq;
}

async function deleteAppeals(db: OtklikDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await deleteAppealsEverywhere(db, ids);
  await db.comments.where('appealId').anyOf([...ids]).delete();
  await db.events.where('appealId').anyOf([...ids]).delete();
  await db.attachments.where('appealId').anyOf([...ids]).delete();
  await answersTable(db).where('appealId').anyOf([...ids]).delete();
}

/**
 * One snapshot page and the progress that points past it commit together: a crash resumes at the first
 * page not written, and the pull cursor exists only once the whole snapshot is in.
 */
export async function commitSnapshotPage(db: OtklikDb, page: SnapshotResponse, done: number): Promise<{ effect: CommitEffect; next: SnapshotProgress | null }> {
  return db.transaction('rw', snapshotTables(db), async () => {
    // one record for the page's appeals with their comments and history (appeal-store.ts): later changes come as rows
    const packed = await putAppealPacks(db, page.phase, page.appeals, page.comments, page.events);
    const { writeSeq, next } = await commitSnapshotRest(db, page, done);
    return { effect: { written: page.appeals, removed: [], writeSeq, packsChanged: packed }, next };
  });
}

/** A packed snapshot page: its packs stored as they came, the rest as commitSnapshotPage writes it. */
export async function commitPackedSnapshotPage(db: OtklikDb, page: PackedPage, done: number): Promise<{ effect: CommitEffect; next: SnapshotProgress | null }> {
  return db.transaction('rw', snapshotTables(db), async () => {
    const packed = await putPackedPacks(db, page.head.phase, page.packs);
    const { writeSeq, next } = await commitSnapshotRest(db, page.head, done);
    return { effect: { written: [], entries: page.head.entries, removed: [], writeSeq, packsChanged: packed }, next };
  });
}

function snapshotTables(db: OtklikDb) {
  return [...appealTables(db), db.comments, db.events, db.attachments, ...workflowTables(db), db.meta];
}

/** Everything of a snapshot page but its appeals, and the progress past it; inside the page's transaction. */
async function commitSnapshotRest(db: OtklikDb, page: Omit<SnapshotHead, 'entries'>, done: number): Promise<{ writeSeq: number; next: SnapshotProgress | null }> {
  const writeSeq = await bumpWriteSeq(db);
  if (page.attachments && page.attachments.length > 0) await db.attachments.bulkPut(page.attachments);
  await commitWorkflowChanges(db, snapshotAnswers(page));
  let next: SnapshotProgress | null = null;
  if (page.hasMore) {
    // a phase ends with after = null; the next page then starts the 'rest' phase from the beginning
    next =
      page.after === null
        ? { cursor: page.cursor, phase: 'rest', after: null, done, total: page.total }
        : { cursor: page.cursor, phase: page.phase, after: page.after, done, total: page.total };
    await db.setMeta('snapshot', next);
  } else {
    await db.deleteMeta('snapshot');
    await db.setMeta('cursor', page.cursor);
    await db.setMeta('lastSyncAt', new Date().toISOString());
  }
  return { writeSeq, next };
}

/** An appeal's history from the server, written only while the appeal is still held (an eviction may have come first). */
export async function commitHistory(db: OtklikDb, history: HistoryResponse): Promise<boolean> {
  return db.transaction('rw', [...appealTables(db), db.comments, db.events], async () => {
    if (!(await holdsAppeal(db, history.appealId))) return false;
    if (history.comments.length > 0) await db.comments.bulkPut(history.comments);
    if (history.events.length > 0) await db.events.bulkPut(history.events);
    return true;
  });
}

function unacknowledgedFor(rows: readonly OutboxRow[], appealId: string): boolean {
  return rows.some((r) => r.appealId === appealId && r.status !== 'rejected');
}

/**
 * One pull page: confirmed rows written, applied mutations whose seq the cursor has passed dropped, evictions
 * done unless own mutations for the appeal still wait for their acknowledgement (then done in a later commit).
 */
export async function commitPullPage(db: OtklikDb, page: PullResponse): Promise<CommitEffect & { outboxChanged: boolean }> {
  return db.transaction('rw', [...appealTables(db), db.comments, db.events, db.attachments, ...workflowTables(db), db.outbox, db.meta], async () => {
    const latest = new Map<string, Appeal>();
    const evicted = new Set<string>();
    for (const change of page.changes) {
      if (change.type === 'appeal') {
        latest.set(change.appeal.id, change.appeal);
        evicted.delete(change.appeal.id);
      } else if (change.type === 'evict') {
        latest.delete(change.appealId);
        evicted.add(change.appealId);
      }
    }
    const evictedRows = new Set(evicted);
    await putAppealRows(db, [...latest.values()]);
    const comments = page.changes.flatMap((c) => (c.type === 'comment' && !evictedRows.has(c.comment.appealId) ? [c.comment] : []));
    const events = page.changes.flatMap((c) => (c.type === 'event' && !evictedRows.has(c.event.appealId) ? [c.event] : []));
    if (comments.length > 0) await db.comments.bulkPut(comments);
    if (events.length > 0) await db.events.bulkPut(events);
    const attachments = page.changes.flatMap((c) => (c.type === 'attachment' && !evictedRows.has(c.attachment.appealId) ? [c.attachment] : []));
    if (attachments.length > 0) await db.attachments.bulkPut(attachments);
    await commitWorkflowChanges(db, page.changes, [...evictedRows]);

    const outbox = await db.outbox.toArray();
    const done = outbox.filter((r) => r.status === 'sent' && (r.seq === null || r.seq <= page.cursor));
    if (done.length > 0) await db.outbox.bulkDelete(done.map((r) => r.id!));
    const remaining = outbox.filter((r) => !done.includes(r));

    const removed = await settleEvictions(db, remaining, evicted);
    const writeSeq = latest.size > 0 || removed.length > 0 ? await bumpWriteSeq(db) : ((await db.getMeta('appealsWriteSeq')) ?? 0);
    await db.setMeta('cursor', page.cursor);
    await db.setMeta('lastSyncAt', new Date().toISOString());
    return { written: [...latest.values()], removed, outboxChanged: done.length > 0, writeSeq };
  });
}

/** Evicts what may go now and remembers the rest; must run inside a transaction over appeals, outbox and meta. */
async function settleEvictions(db: OtklikDb, outbox: readonly OutboxRow[], newlyEvicted: Iterable<string>): Promise<string[]> {
  const waiting = new Set([...((await db.getMeta('pendingEvictions')) ?? []), ...newlyEvicted]);
  const removed: string[] = [];
  for (const id of waiting) {
    if (unacknowledgedFor(outbox, id)) continue;
    removed.push(id);
    waiting.delete(id);
  }
  await deleteAppeals(db, removed);
  await db.setMeta('pendingEvictions', [...waiting]);
  return removed;
}

/**
 * Push results: applied → `sent` until a pull brings its seq (so the overlay does not flicker back);
 * rejected → out of the outbox into "needs attention" with the server's version.
 */
export async function commitPushResults(db: OtklikDb, results: readonly MutationResult[]): Promise<CommitEffect> {
  return db.transaction('rw', [...appealTables(db), db.comments, db.events, db.attachments, ...workflowTables(db), db.outbox, db.attention, db.meta], async () => {
    const now = new Date().toISOString();
    // one read and at most three writes per batch: a request per mutation made 1 000 confirmations take seconds
    const final = results.filter((r) => r.status !== 'retry');
    const rows = await db.outbox.where('mutationId').anyOf(final.map((r) => r.mutationId)).toArray();
    const byMutationId = new Map(rows.map((r) => [r.mutationId, r]));
    const sent: OutboxRow[] = [];
    const dropped: number[] = [];
    const attention: AttentionRow[] = [];
    for (const result of final) {
      const row = byMutationId.get(result.mutationId);
      if (!row || row.status !== 'pending') continue;
      if (result.status === 'applied') {
        sent.push({ ...row, status: 'sent', seq: result.seq });
      } else if (result.status === 'rejected') {
        dropped.push(row.id!);
        attention.push({
          mutationId: row.mutationId,
          name: row.name,
          args: row.args,
          code: result.code,
          message: result.message,
          appealId: row.appealId,
          theirs: result.current,
          at: now,
        });
      }
    }
    if (sent.length > 0) await db.outbox.bulkPut(sent);
    if (dropped.length > 0) await db.outbox.bulkDelete(dropped);
    if (attention.length > 0) await db.attention.bulkPut(attention);
    const removed = await settleEvictions(db, await db.outbox.toArray(), []);
    const writeSeq = removed.length > 0 ? await bumpWriteSeq(db) : ((await db.getMeta('appealsWriteSeq')) ?? 0);
    return { written: [], removed, writeSeq };
  });
}

/**
 * The server has no record of mutations above `lastMutationId`, and refuses a gap: pending rows numbered
 * past a gap (their predecessors lost with a wiped profile) are renumbered to follow on. Safe because the
 * server never recorded them.
 */
export async function closeMutationGap(db: OtklikDb, lastMutationId: number): Promise<boolean> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const pending = (await db.outbox.orderBy('mutationId').toArray()).filter((r) => r.status === 'pending' && r.mutationId > lastMutationId);
    if (pending.length === 0 || pending[0]!.mutationId === lastMutationId + 1) return false;
    // ids only move down, to numbers no other row holds, so renumbering in order never collides
    let next = lastMutationId + 1;
    for (const row of pending) {
      await db.outbox.update(row.id!, { mutationId: next++ });
    }
    // every pending row above the server's number was just renumbered, so numbering continues right after them
    await db.setMeta('nextMutationId', next);
    return true;
  });
}

/** The server's numbering is ahead of ours (a lost meta row): never hand out an id it has already seen. */
export async function advanceMutationIds(db: OtklikDb, lastMutationId: number): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox], async () => {
    const stored = (await db.getMeta('nextMutationId')) ?? 1;
    const last = await db.outbox.orderBy('mutationId').last();
    const next = Math.max(stored, lastMutationId + 1, (last?.mutationId ?? 0) + 1);
    if (next !== stored) await db.setMeta('nextMutationId', next);
  });
}

/** CURSOR_RESET or a newer schema: confirmed data goes and is fetched again; the outbox and attention stay. */
export async function dropConfirmedData(db: OtklikDb): Promise<number> {
  return db.transaction('rw', [...db.confirmedTables, db.meta], async () => {
    await Promise.all(db.confirmedTables.map((t) => t.clear()));
    await db.deleteMeta('cursor');
    await db.deleteMeta('snapshot');
    await db.deleteMeta('pendingEvictions');
    await db.deleteMeta('queueSnapshot');
    await db.deleteMeta('queueTitles');
    return bumpWriteSeq(db);
  });
}

/** Rows of an older shape than this build's are re-fetched rather than misread (the outbox stays). */
export async function ensureSchemaVersion(db: OtklikDb): Promise<boolean> {
  const stored = await db.getMeta('schemaVersion');
  if (stored === SCHEMA_VERSION) return false;
  if (stored !== undefined) await dropConfirmedData(db);
  await db.setMeta('schemaVersion', SCHEMA_VERSION);
  return stored !== undefined;
}

/**
 * Logout or a disabled user: every local copy of personal data goes (152-ФЗ). The clientId and its numbering
 * stay, so this device's next mutations never reuse an id the server has already processed.
 */
export async function wipeLocalData(db: OtklikDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const keep = await db.meta.bulkGet(['clientId', 'nextMutationId', 'serverUrl', 'schemaVersion']);
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.meta.bulkPut(keep.filter((r) => r !== undefined));
  });
}
