// The in-memory view of local data: confirmed appeals with the outbox replayed on top, the queue and the search index.
import type { Appeal, Comment, User } from '../../../shared/index.js';
import type { AttentionRow, OtklikDb, OutboxRow, QueueRow } from './db.js';
import { readOutbox } from './outbox.js';
import { applyMutation, pendingComment, replay, type MutationLike, type OverlayContext } from './overlay.js';
import { QueueIndex, toQueueRow } from './queue-index.js';
import { AppealSearch } from './search-index.js';

export type ReplicaChange = 'appeals' | 'outbox' | 'attention' | 'search';

/** How many appeals are read from IndexedDB per step while loading in the background. */
const LOAD_CHUNK = 2000;
/** Longest stretch of indexing between two yields to the UI. */
const INDEX_SLICE_MS = 12;
/** Appeals read in full before the first screen: the top of the queue. */
const FIRST_SCREEN_ROWS = 200;

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Replica {
  readonly queue = new QueueIndex();
  readonly search = new AppealSearch();
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
  private lazyIds = new Set<string>();
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
   * Reads what the first screen needs: the compact queue, the outbox, attention and the top of the queue in
   * full. The rest of the appeals and the search index follow in the background (`loadRest`).
   */
  async loadFirstScreen(): Promise<void> {
    this.loadGeneration++;
    this.fullyLoaded = false;
    this.absent.clear();
    this.confirmed.clear();
    this.effective.clear();
    this.search.clear();
    this.toIndex.clear();
    const [queueRows, outbox, attention] = await this.db.transaction('r', [this.db.queue, this.db.outbox, this.db.attention], () =>
      Promise.all([this.db.queue.toArray(), readOutbox(this.db), this.db.attention.orderBy('mutationId').toArray()]),
    );
    this.queue.load(queueRows);
    this.attention = attention;
    this.setOutboxRows(outbox);
    const pendingIds = [...this.outboxByAppeal.keys()];
    const top = this.queue.ordered().slice(0, FIRST_SCREEN_ROWS).map((r) => r.id);
    await this.readConfirmed([...new Set([...pendingIds, ...top])]);
    this.refreshEffective(pendingIds);
  }

  /** Streams every appeal into memory and the search index in chunks, yielding to the UI between them. */
  async loadRest(): Promise<void> {
    const generation = this.loadGeneration;
    let after: string | null = null;
    for (;;) {
      await yieldToUi();
      if (generation !== this.loadGeneration) return; // a wipe or re-bootstrap started over
      const chunk: Appeal[] =
        after === null
          ? await this.db.appeals.orderBy('id').limit(LOAD_CHUNK).toArray()
          : await this.db.appeals.where('id').above(after).limit(LOAD_CHUNK).toArray();
      if (generation !== this.loadGeneration) return;
      for (const a of chunk) {
        // a live write that landed meanwhile is newer than what this chunk read
        if (this.absent.has(a.id)) continue;
        if (!this.confirmed.has(a.id)) this.confirmed.set(a.id, a);
        this.toIndex.add(a.id);
      }
      this.scheduleIndexing();
      if (chunk.length < LOAD_CHUNK) break;
      after = chunk[chunk.length - 1]!.id;
    }
    this.fullyLoaded = true;
    this.scheduleIndexing();
  }

  /** True once every local appeal is in memory and its search entry is current. */
  get searchReady(): boolean {
    return this.fullyLoaded && this.toIndex.size === 0 && !this.indexing;
  }

  private scheduleIndexing(): void {
    if (this.indexing) return;
    this.indexing = true;
    void (async () => {
      try {
        while (this.toIndex.size > 0) {
          await yieldToUi();
          const sliceStart = performance.now();
          // stemming is the slow part: a few milliseconds at a time keeps typing and scrolling smooth
          for (const id of this.toIndex) {
            this.toIndex.delete(id);
            const appeal = this.getAppeal(id);
            if (appeal) this.search.upsert(appeal);
            else this.search.remove(id);
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
    const rows = await this.db.appeals.bulkGet([...ids]);
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

  /** After a commit that wrote confirmed appeals. */
  confirmedWritten(appeals: readonly Appeal[]): void {
    for (const a of appeals) {
      this.confirmed.set(a.id, a);
      this.absent.delete(a.id);
    }
    this.refreshEffective(appeals.map((a) => a.id));
  }

  /** After a commit that removed appeals (evictions). */
  confirmedRemoved(ids: readonly string[]): void {
    for (const id of ids) {
      this.confirmed.delete(id);
      this.absent.add(id);
    }
    this.refreshEffective(ids);
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
        this.search.remove(id);
      }
    }
    if (this.toIndex.size > 0) this.scheduleIndexing();
    if (ids.length > 0) this.emit('appeals', ids);
  }

  private confirmedKnownAbsent(id: string): boolean {
    return !this.confirmed.has(id) && (this.fullyLoaded || this.absent.has(id));
  }

  /**
   * Confirmed data is gone from IndexedDB (re-bootstrap, wipe): memory follows, and is complete again at
   * once, since whatever arrives from now on passes through `confirmedWritten`. The outbox is kept unless
   * the wipe took it too.
   */
  clearConfirmed(): void {
    this.loadGeneration++;
    this.confirmed.clear();
    this.effective.clear();
    this.absent.clear();
    this.queue.load([]);
    this.search.clear();
    this.toIndex.clear();
    this.fullyLoaded = true;
    this.refreshEffective([...this.outboxByAppeal.keys()]);
    this.emit('search');
  }

  /** Logout or a disabled user: nothing local is left, the outbox and attention included. */
  reset(): void {
    this.setOutboxRows([]);
    this.attention = [];
    this.clearConfirmed();
    this.emit('attention');
  }

  queueRows(): readonly QueueRow[] {
    return this.queue.ordered();
  }
}
