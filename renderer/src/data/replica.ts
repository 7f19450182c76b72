// The in-memory view of local data: confirmed appeals with the outbox replayed on top, the queue and the search index.
import type { Appeal, Comment, SnapshotEntry, User } from '../../../shared/index.js';
import { appealTables, forEachAppealChunk, getAppeals, readAllAppeals, readHistory, type PackIndexCache } from './appeal-store.js';
import type { AttentionRow, OtklikDb, OutboxRow, QueueRow } from './db.js';
import { readOutbox } from './outbox.js';
import { applyMutation, pendingComment, replay, type MutationLike, type OverlayContext } from './overlay.js';
import { entryQueueRow, QueueIndex, toQueueRow } from './queue-index.js';
import { packQueue, unpackQueue, unpackTitles, type QueueSnapshot } from './queue-snapshot.js';
import type { CommitEffect } from './sync-writes.js';
import type { AppealSearch } from './search-index.js';
import { startupMark } from './startup-marks.js';

export type ReplicaChange = 'appeals' | 'annotations' | 'outbox' | 'attention' | 'search';

/** How many appeals are read from IndexedDB per step while loading in the background. */
const LOAD_CHUNK = 2000;
/** The packed queue is rewritten this long after changes settle, and at least this often while they do not. */
const SNAPSHOT_DEBOUNCE_MS = 5_000;
const SNAPSHOT_MAX_WAIT_MS = 60_000;
/** After a start that had to read every appeal: soon after the first screen, not after the usual wait. */
const SNAPSHOT_SOON_MS = 1_000;
/** After a first sync: once the last page is painted. */
const SNAPSHOT_AFTER_FIRST_SYNC_MS = 100;
/** Longest stretch of indexing between two yields to the UI. */
const INDEX_SLICE_MS = 12;

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Replica {
  readonly queue = new QueueIndex();
  /**
   * The search index, loaded after the first screen: its stemmer module (every snowball language) was over half of
   * the bundle a start had to run before the first row. Null until then; the queue says "indexing" meanwhile.
   */
  search: AppealSearch | null = null;
  private searchLoading: Promise<void> | null = null;
  private readonly confirmed = new Map<string, Appeal>();
  private outbox: OutboxRow[] = [];
  private outboxByAppeal = new Map<string, OutboxRow[]>();
  private effective = new Map<string, Appeal | undefined>();
  attention: AttentionRow[] = [];
  user: User | null = null;
  /** True once every local appeal is in memory and indexed for search. */
  fullyLoaded = false;
  private loadGeneration = 0;
  /** Ids known to have no confirmed row (evicted, or read and not found). */
  private absent = new Set<string>();
  /** Appeals whose search entry is stale: indexed in time slices, never inside a sync commit or a keystroke. */
  private toIndex = new Set<string>();
  private indexing = false;
  /** While set (a first sync is writing pages), stale search entries wait instead of taking the main thread. */
  private indexingHeld = false;
  /** appealsWriteSeq of the confirmed data memory reflects: stamps the packed queue snapshot. */
  private appliedSeq = 0;
  private started = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotDueBy: number | null = null;
  /** Where packed appeals are, read when first needed and dropped when packs change. */
  private readonly packs: PackIndexCache = { index: null };
  private lazyIds = new Set<string>();
  /** The packed queue's rows whose titles are still to be read (format 4), and the snapshot they came from. */
  private titlesToRead: { snapshot: QueueSnapshot; rows: QueueRow[] } | null = null;
  /** Rows whose titles could not be read: made again from their appeals once loadRest has them in memory. */
  private rowsFromAppeals: string[] = [];
  private lazyScheduled = false;
  private readonly listeners = new Set<(change: ReplicaChange, ids: readonly string[]) => void>();

  constructor(readonly db: OtklikDb) {}

  get ctx(): OverlayContext {
    return { user: this.user };
  }

  onChange(listener: (change: ReplicaChange, ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: ReplicaChange, ids: readonly string[] = []): void {
    for (const l of this.listeners) l(change, ids);
  }

  /**
   * Reads what the first screen needs: the packed queue (one value), the outbox, attention and the appeals with
   * pending work in full. The rest of the appeals and the search index follow in the background (`loadRest`). When the
   * packed queue is missing or stale (the console closed before it was rewritten), whole appeals are read
   * instead: slower, but it fills memory completely at once.
   */
  async loadFirstScreen(): Promise<void> {
    this.loadGeneration++;
    this.fullyLoaded = false;
    this.absent.clear();
    this.confirmed.clear();
    this.effective.clear();
    this.search?.clear();
    this.toIndex.clear();
    this.packs.index = null;
    this.titlesToRead = null;
    this.rowsFromAppeals = [];
    const db = this.db;
    const [snapshot, seq, outbox, attention] = await db.transaction('r', [db.meta, db.outbox, db.attention], () =>
      Promise.all([db.getMeta('queueSnapshot'), db.getMeta('appealsWriteSeq'), readOutbox(db), db.attention.orderBy('mutationId').toArray()]),
    );
    startupMark('queue-read');
    this.attention = attention;
    this.setOutboxRows(outbox);
    const pendingIds = [...this.outboxByAppeal.keys()];
    const packedRows = snapshot && snapshot.writeSeq === (seq ?? 0) ? unpackQueue(snapshot) : null;
    startupMark('queue-unpacked');
    this.started = true;
    if (snapshot && packedRows) {
      this.queue.load(packedRows, true);
      this.titlesToRead = packedRows.some((r) => r.titlePending) ? { snapshot, rows: packedRows } : null;
      this.appliedSeq = snapshot.writeSeq;
      const overlaid = [...new Set([...snapshot.overlayIds, ...pendingIds])];
      // rows paint from the queue itself: whole appeals are read only where pending work is replayed, and the
      // rest streams in after the first frame (an appeal opened before that is read on its own)
      await this.readConfirmed(overlaid);
      this.refreshEffective(overlaid);
    } else {
      const [all, seqNow] = await db.transaction('r', [...appealTables(db), db.meta], () => Promise.all([readAllAppeals(db), db.getMeta('appealsWriteSeq')]));
      for (const a of all) this.confirmed.set(a.id, a);
      this.appliedSeq = seqNow ?? 0;
      this.fullyLoaded = true;
      this.queue.load(all.map((a) => toQueueRow(a)));
      for (const a of all) this.toIndex.add(a.id);
      this.refreshEffective(pendingIds);
      // this start was the slow one: the next should not be, even if this console is closed again soon
      this.scheduleQueueSnapshot(SNAPSHOT_SOON_MS);
    }
  }

  /** Streams every appeal into memory and the search index in chunks, yielding to the UI between them. */
  async loadRest(): Promise<void> {
    await this.loadTitles();
    if (this.fullyLoaded) {
      this.scheduleIndexing();
      return;
    }
    const generation = this.loadGeneration;
    await yieldToUi();
    if (generation !== this.loadGeneration) return; // a wipe or re-bootstrap started over
    let current = true;
    await forEachAppealChunk(this.db, LOAD_CHUNK, async (chunk) => {
      if (generation !== this.loadGeneration) return (current = false);
      for (const a of chunk) {
        // a live write that landed meanwhile is newer than what this chunk read
        if (this.absent.has(a.id)) continue;
        if (!this.confirmed.has(a.id)) this.confirmed.set(a.id, a);
        this.toIndex.add(a.id);
      }
      this.scheduleIndexing();
      await yieldToUi();
      return (current = generation === this.loadGeneration);
    });
    if (!current) return;
    this.fullyLoaded = true;
    if (this.rowsFromAppeals.length > 0) {
      const ids = this.rowsFromAppeals;
      this.rowsFromAppeals = [];
      this.refreshEffective(ids);
    }
    this.scheduleIndexing();
  }

  /** True once every local appeal is in memory and its search entry is current. */
  get searchReady(): boolean {
    return this.search !== null && this.fullyLoaded && this.toIndex.size === 0 && !this.indexing;
  }

  /** Loads the search index module once; indexing starts when it is there. */
  private loadSearch(): Promise<void> {
    this.searchLoading ??= import('./search-index.js').then(({ AppealSearch }) => {
      this.search = new AppealSearch();
      this.scheduleIndexing();
    });
    return this.searchLoading;
  }

  /** Holds back search indexing (true) and lets it run again (false). */
  holdIndexing(hold: boolean): void {
    this.indexingHeld = hold;
    if (!hold && this.toIndex.size > 0) this.scheduleIndexing();
  }

  private scheduleIndexing(): void {
    if (this.indexing || this.indexingHeld) return;
    const search = this.search;
    if (!search) {
      void this.loadSearch();
      return;
    }
    this.indexing = true;
    void (async () => {
      try {
        while (this.toIndex.size > 0 && !this.indexingHeld) {
          await yieldToUi();
          const sliceStart = performance.now();
          // stemming is the slow part: a few milliseconds at a time keeps typing and scrolling smooth
          for (const id of this.toIndex) {
            this.toIndex.delete(id);
            const appeal = this.getAppeal(id);
            if (appeal) search.upsert(appeal);
            else search.remove(id);
            if (performance.now() - sliceStart > INDEX_SLICE_MS) break;
          }
        }
      } finally {
        this.indexing = false;
      }
      this.emit('search');
    })();
  }

  private async readConfirmed(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await getAppeals(this.db, ids, this.packs);
    rows.forEach((a, i) => {
      if (!a) this.absent.add(ids[i]!);
      else if (!this.confirmed.has(a.id)) this.confirmed.set(a.id, a);
    });
  }

  /** Confirmed state with pending mutations replayed on top; undefined while not yet read (then it is read soon). */
  getAppeal(id: string): Appeal | undefined {
    if (this.effective.has(id)) return this.effective.get(id);
    const confirmed = this.confirmed.get(id);
    if (!confirmed && !this.fullyLoaded && !this.absent.has(id) && this.queue.get(id)) {
      this.requestLazy(id);
      return undefined;
    }
    const pending = this.outboxByAppeal.get(id);
    const appeal = pending ? replay(confirmed, pending, this.ctx) : confirmed;
    this.effective.set(id, appeal);
    return appeal;
  }

  private requestLazy(id: string): void {
    this.lazyIds.add(id);
    if (this.lazyScheduled) return;
    this.lazyScheduled = true;
    // one bulkGet for every row the list asked for in this render
    queueMicrotask(() => {
      this.lazyScheduled = false;
      const ids = [...this.lazyIds];
      this.lazyIds.clear();
      void this.readConfirmed(ids).then(() => {
        for (const i of ids) this.effective.delete(i);
        this.emit('appeals', ids);
      });
    });
  }

  /** An appeal's comments and history lines as held locally (rows and its snapshot pack). */
  readHistory(appealId: string): ReturnType<typeof readHistory> {
    return readHistory(this.db, appealId, this.packs);
  }

  /** What a rejected mutation wanted: it applied over the server's version (or, without one, over what is local). */
  mineOver(theirs: Appeal | null, mutation: MutationLike & { appealId: string | null }): Appeal | undefined {
    const base = theirs ?? (mutation.appealId === null ? undefined : this.getAppeal(mutation.appealId));
    return applyMutation(base, mutation, this.ctx);
  }

  pendingFor(appealId: string): readonly OutboxRow[] {
    return this.outboxByAppeal.get(appealId) ?? [];
  }

  get outboxRows(): readonly OutboxRow[] {
    return this.outbox;
  }

  /** Mutations not yet acknowledged by the server. */
  get pendingCount(): number {
    let n = 0;
    for (const r of this.outbox) if (r.status === 'pending') n++;
    return n;
  }

  /**
   * What the person sees as "waiting to be sent": their own work. Access-log entries (audit.view) still
   * travel through the outbox but are not work, and counting them made merely reading appeals look unsent.
   */
  get unsentWorkCount(): number {
    let n = 0;
    for (const r of this.outbox) if (r.status === 'pending' && r.name !== 'audit.view') n++;
    return n;
  }

  /** Appeals with mutations the server has not acknowledged yet. */
  pendingAppealIds(): Set<string> {
    const ids = new Set<string>();
    for (const r of this.outbox) if (r.status === 'pending' && r.appealId !== null) ids.add(r.appealId);
    return ids;
  }

  pendingComments(appealId: string): Comment[] {
    const out: Comment[] = [];
    for (const m of this.pendingFor(appealId)) {
      const c = pendingComment(m, this.ctx);
      if (c) out.push(c);
    }
    return out;
  }

  private setOutboxRows(rows: OutboxRow[]): string[] {
    const touched = new Set<string>([...this.outboxByAppeal.keys()]);
    this.outbox = rows;
    this.outboxByAppeal = new Map();
    for (const r of rows) {
      if (r.appealId === null) continue;
      let list = this.outboxByAppeal.get(r.appealId);
      if (!list) this.outboxByAppeal.set(r.appealId, (list = []));
      list.push(r);
      touched.add(r.appealId);
    }
    return [...touched];
  }

  /** After any commit that changed the outbox: re-read it and replay what changed. */
  async reloadOutbox(): Promise<void> {
    const touched = this.setOutboxRows(await readOutbox(this.db));
    await this.readConfirmed(touched.filter((id) => !this.confirmed.has(id)));
    this.refreshEffective(touched);
    this.emit('outbox', touched);
  }

  async reloadAttention(): Promise<void> {
    this.attention = await this.db.attention.orderBy('mutationId').toArray();
    this.emit('attention');
  }

  /** After a commit of confirmed data: memory follows it without re-reading. */
  applyCommit(effect: CommitEffect): void {
    if (effect.packsChanged || effect.removed.length > 0) this.packs.index = null;
    for (const a of effect.written) {
      this.confirmed.set(a.id, a);
      this.absent.delete(a.id);
    }
    for (const id of effect.removed) {
      this.confirmed.delete(id);
      this.absent.add(id);
    }
    this.appliedSeq = effect.writeSeq;
    if (effect.entries && effect.entries.length > 0) this.applyEntries(effect.entries);
    this.refreshEffective([...effect.written.map((a) => a.id), ...effect.removed]);
  }

  /**
   * Appeals a packed snapshot page stored without unpacking: their rows come from the page's list fields, and
   * whole appeals are read when wanted (at once where own pending work must be replayed on them), then all of
   * them by `loadRest` once the first sync is done.
   */
  private applyEntries(entries: readonly SnapshotEntry[]): void {
    this.fullyLoaded = false;
    if (entries.length > 50) this.queue.invalidateOrder();
    const withWork: string[] = [];
    const ids: string[] = [];
    for (const entry of entries) {
      ids.push(entry.id);
      this.absent.delete(entry.id);
      // a copy read before is older than this page
      this.confirmed.delete(entry.id);
      this.effective.delete(entry.id);
      if (this.outboxByAppeal.has(entry.id)) withWork.push(entry.id);
      else this.queue.upsert(entryQueueRow(entry));
    }
    if (withWork.length > 0) void this.readConfirmed(withWork).then(() => this.refreshEffective(withWork));
    this.scheduleQueueSnapshot();
    this.emit('appeals', ids);
  }

  /** Comments or history of these appeals changed (the rows themselves did not): the appeal screen re-reads them. */
  annotated(ids: readonly string[]): void {
    this.emit('annotations', ids);
  }

  /** Recomputes the overlay, queue entry and search entry of the given appeals, then tells listeners. */
  refreshEffective(ids: readonly string[]): void {
    if (ids.length > 50) this.queue.invalidateOrder();
    for (const id of ids) {
      this.effective.delete(id);
      const appeal = this.getAppeal(id);
      if (appeal) {
        this.queue.upsert(toQueueRow(appeal));
        this.toIndex.add(id);
      } else if (!this.queue.get(id) || this.confirmedKnownAbsent(id)) {
        this.queue.remove(id);
        this.toIndex.delete(id);
        this.search?.remove(id);
      }
    }
    if (this.toIndex.size > 0) this.scheduleIndexing();
    if (ids.length > 0) {
      this.scheduleQueueSnapshot();
      this.emit('appeals', ids);
    }
  }

  private confirmedKnownAbsent(id: string): boolean {
    return !this.confirmed.has(id) && (this.fullyLoaded || this.absent.has(id));
  }

  /**
   * Confirmed data is gone from IndexedDB (re-bootstrap, wipe): memory follows, and is complete again at
   * once, since whatever arrives from now on passes through `confirmedWritten`. The outbox is kept unless
   * the wipe took it too.
   */
  clearConfirmed(writeSeq: number): void {
    this.appliedSeq = writeSeq;
    this.loadGeneration++;
    this.packs.index = null;
    this.confirmed.clear();
    this.effective.clear();
    this.absent.clear();
    this.queue.load([]);
    this.search?.clear();
    this.toIndex.clear();
    this.fullyLoaded = true;
    this.refreshEffective([...this.outboxByAppeal.keys()]);
    // an empty scope has nothing to index, yet search must become ready
    this.scheduleIndexing();
    this.emit('search');
  }

  /** Logout or a disabled user: nothing local is left, the outbox and attention included. */
  reset(): void {
    this.setOutboxRows([]);
    this.attention = [];
    this.clearConfirmed(0);
    this.emit('attention');
  }

  /** Debounced rewrite of the packed queue, so the next start reads one value. */
  private scheduleQueueSnapshot(within = SNAPSHOT_MAX_WAIT_MS): void {
    if (!this.started) return;
    const now = Date.now();
    this.snapshotDueBy = Math.min(this.snapshotDueBy ?? Infinity, now + within);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => void this.writeQueueSnapshot(), Math.max(0, Math.min(SNAPSHOT_DEBOUNCE_MS, this.snapshotDueBy - now)));
  }

  /**
   * A first sync is done: the next start must read the queue in one value even if this console is closed at once
   * (a start without it unpacks every appeal); written as soon as the last page is on screen.
   */
  firstSyncDone(): void {
    this.scheduleQueueSnapshot(SNAPSHOT_AFTER_FIRST_SYNC_MS);
    void this.loadRest();
  }

  /**
   * The titles the packed queue keeps apart (all but its first rows), read after the first screen. Rows replaced
   * meanwhile (a pull, own work) keep their own. Should they be missing or not match, the rows are made again from
   * their appeals once those are in memory.
   */
  private async loadTitles(): Promise<void> {
    const pending = this.titlesToRead;
    if (!pending) return;
    const titles = unpackTitles(pending.snapshot, await this.db.getMeta('queueTitles'));
    if (this.titlesToRead !== pending) return; // a reload or a wipe started over
    this.titlesToRead = null;
    const from = pending.snapshot.titlesFrom ?? pending.rows.length;
    const next: QueueRow[] = [];
    const untitled: string[] = [];
    for (let i = from; i < pending.rows.length; i++) {
      const row = pending.rows[i]!;
      if (this.queue.get(row.id) !== row) continue;
      untitled.push(row.id);
      if (titles) next.push({ ...row, title: titles[i - from]!, titlePending: undefined });
    }
    if (titles) {
      this.queue.replaceInOrder(next);
      this.emit('appeals', untitled);
    } else {
      console.error('packed queue titles missing or not matching: rows are made again from their appeals');
      this.rowsFromAppeals = untitled;
    }
  }

  /** Writes the packed queue now (also used by tests). Stamped with the write it reflects: a later commit makes it stale. */
  async writeQueueSnapshot(): Promise<void> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    this.snapshotDueBy = null;
    if (!this.started) return;
    // rows still waiting for their titles would be packed without them
    await this.loadTitles();
    const { snapshot, titles } = packQueue(this.queue.ordered(), this.appliedSeq, [...this.outboxByAppeal.keys()]);
    await this.db.transaction('rw', this.db.meta, () => Promise.all([this.db.setMeta('queueSnapshot', snapshot), this.db.setMeta('queueTitles', titles)]));
  }

  /** Timers off (the console is closing or tests end). */
  stop(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    this.started = false;
  }

  queueRows(): readonly QueueRow[] {
    return this.queue.ordered();
  }
}
