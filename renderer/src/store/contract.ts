// The console store's public shape: what the UI reads and calls. The data layer implements it; the UI
// depends only on this file. Add fields freely; change or remove one only together with every caller.
import type {
  Appeal, AppealEvent, Category, Channel, Comment, ErrorCode, MutationArgsInput, MutationName, Priority,
  Reference, Status, User,
} from '../../../shared/index.js';
import type { Answer, WORKFLOW_MUTATION_ARGS, WorkflowReference } from '../../../shared/workflow.js';
import type { z } from 'zod';
import type { QueueRow } from '../data/db.js';
import type { AlertRow } from '../data/workflow/workflow-db.js';

export type WorkflowMutationName = keyof typeof WORKFLOW_MUTATION_ARGS;
export type WorkflowMutationArgsInput<N extends WorkflowMutationName> = z.input<(typeof WORKFLOW_MUTATION_ARGS)[N]>;

export type ConnectionState =
  | 'signed_out' // no session on this device
  | 'offline' // session present, no link to the server (works locally)
  | 'connecting'
  | 'online'
  | 'update_required'; // server refused our protocol version: outbox kept, console must update

export interface SyncStatus {
  connection: ConnectionState;
  /** Mutations in the outbox not yet acknowledged by the server. */
  pendingCount: number;
  /** Photos whose bytes have not reached the server yet (upload waiting or under way): lost on logout like unsent mutations. */
  pendingUploads: number;
  /** Last successful pull or push round-trip (ISO), for "synced 5 min ago". */
  lastSyncAt: string | null;
  /** Present while a first sync or a big pull runs: progress for the UI. */
  progress: { label: 'initial' | 'pull'; done: number; total: number } | null;
  /** Human-readable last error, if the last attempt failed. */
  lastError: string | null;
}

/** A rejected mutation waiting for the user's decision ("needs attention"). */
export interface AttentionItem {
  mutationId: number;
  name: MutationName;
  args: unknown;
  code: ErrorCode;
  message: string;
  appealId: string | null;
  /** What this console wanted: the appeal with the rejected mutation applied on top of the server's state. */
  mine: Appeal | null;
  /** The server's current version (for conflicts). */
  theirs: Appeal | null;
  at: string;
}

export interface QueueFilters {
  status: Status[];
  priority: Priority[];
  category: Category[];
  channel: Channel[];
  municipalityId: string[];
  /** Free text; matched with Russian stemming. Empty = no text filter. */
  text: string;
  /** 'mine' = assigned to me; 'all' = everything in my scope. */
  scope: 'mine' | 'all';
}

export type FacetCounts = {
  status: Partial<Record<Status, number>>;
  priority: Partial<Record<Priority, number>>;
  category: Partial<Record<Category | 'none', number>>;
  channel: Partial<Record<Channel, number>>;
  municipalityId: Record<string, number>;
};

export interface AppealDetail {
  appeal: Appeal;
  comments: Comment[];
  events: AppealEvent[];
  /**
   * False while the appeal's early history is not held locally: the first sync carries history for the own queue
   * only, and the rest comes from the server when the appeal is opened online (pulls bring only later lines).
   */
  historyComplete: boolean;
  /** Mutations of this appeal still in the outbox (shown as "not sent yet"). */
  pendingMutationIds: number[];
}

export interface ConsoleState {
  /** True once local data has been read at start (the console never waits for the server to start). */
  ready: boolean;
  user: User | null;
  serverUrl: string;
  reference: Reference | null;
  sync: SyncStatus;
  attention: AttentionItem[];
  filters: QueueFilters;
  /** Appeal ids matching the filters, sorted by time left to the nearest deadline (overdue first). */
  queueIds: string[];
  /** Counts per facet value over the scope, with the other filters applied. */
  counts: FacetCounts;
  /** Total appeals held locally. */
  totalLocal: number;
  /** Appeal currently opened, with pending mutations replayed on top. */
  openAppealId: string | null;
  detail: AppealDetail | null;
  /** Bumped whenever appeals change locally, so lists re-render. */
  revision: number;
  /** False while the search index is still being built after start: text results may be incomplete. */
  searchReady: boolean;
  /** Appeals with mutations not yet acknowledged by the server (the queue's "unsent" mark); a new Set on every change. */
  pendingAppealIds: ReadonlySet<string>;
  /** Templates, routing rules, category and region settings; null until the server has sent them. */
  workflow: WorkflowReference | null;
  /** Supervisor alerts (overdue appeals), newest first. */
  alerts: AlertRow[];
  /** Answers of the open appeal, unsent saves applied, oldest first. */
  openAnswers: Answer[];
}

export interface ConsoleActions {
  /** Reads the last session and local data; call once at start. Never needs the server. */
  init(): Promise<void>;
  /** Resolves with the server's refusal code; rejects (NetworkError) only when no server answered at all. */
  login(login: string, password: string): Promise<{ ok: true } | { ok: false; code: ErrorCode; message: string }>;
  /** Chooses the sync server (login screen); kept across restarts. */
  setServerUrl(url: string): Promise<void>;
  /** Unsent mutations and photos are lost on logout: the UI asks first (sync.pendingCount, sync.pendingUploads); then local data is wiped. */
  logout(): Promise<void>;
  setFilters(patch: Partial<QueueFilters>): void;
  /** Confirmed state with pending mutations replayed on top. Synchronous: the list calls it per row. */
  getAppeal(id: string): Appeal | undefined;
  /** What the queue list paints a row from: always in memory, even before the whole appeal is read. */
  getQueueRow(id: string): QueueRow | undefined;
  openAppeal(id: string | null): Promise<void>;
  /** Writes to the outbox and applies optimistically in one IndexedDB transaction; resolves when local. */
  mutate<N extends MutationName>(name: N, args: MutationArgsInput<N>): Promise<{ mutationId: number }>;
  /** Sends a new mutation built from an attention item (e.g. re-apply my text on top of theirs). */
  redo(mutationId: number): Promise<void>;
  discard(mutationId: number): Promise<void>;
  /** Forces a sync round now (used by "Sync now" and tests). */
  syncNow(): Promise<void>;
  /** Marks every alert in the list as seen (the header badge counts unseen ones). */
  markAlertsRead(): Promise<void>;
  /** Logs that the person looked at the appeal's personal data (audit.view through the outbox); repeats within minutes are one view. */
  logView(appealId: string): void;
  /** Answers, extensions, views and administration: mutations like any other, through the outbox. */
  mutateWorkflow<N extends WorkflowMutationName>(name: N, args: WorkflowMutationArgsInput<N>): Promise<{ mutationId: number }>;
}

export type ConsoleStore = ConsoleState & ConsoleActions;
