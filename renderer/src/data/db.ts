// The console's one typed Dexie database: confirmed rows, the outbox, attention, sync metadata.
import { Dexie, type EntityTable } from 'dexie';
import type { Appeal, AppealEvent, Attachment, Comment, ErrorCode, MutationName, Reference, User } from '../../../shared/index.js';
import type { AppealPackIdsRow, AppealPackRow } from './appeal-store.js';
import type { AttachmentBlobRow, UploadRow } from './attachments/rows.js';
import type { QueueSnapshot, QueueTitles } from './queue-snapshot.js';
import { answersTable, WORKFLOW_STORES } from './workflow/workflow-db.js';

/** A mutation waiting in the outbox. `sent` = acknowledged as applied, kept (and replayed) until a pull brings its seq. */
export interface OutboxRow {
  /** Local auto-increment key. */
  id?: number;
  mutationId: number;
  name: MutationName;
  args: unknown;
  status: 'pending' | 'sent' | 'rejected';
  createdAt: string;
  appealId: string | null;
  /** change_seq the server gave an applied mutation; the row is dropped once the cursor passes it. */
  seq: number | null;
}

/** A mutation the server rejected, waiting for the user's redo or discard. */
export interface AttentionRow {
  mutationId: number;
  name: MutationName;
  args: unknown;
  code: ErrorCode;
  message: string;
  appealId: string | null;
  /** The server's appeal when it rejected (for conflicts). */
  theirs: Appeal | null;
  at: string;
}

/** The compact part of an appeal the queue sorts, filters and shows by: a row needs no whole appeal to paint. */
export interface QueueRow {
  id: string;
  number: string;
  /** The subject, or the first line of the citizen's text while nobody wrote one. */
  title: string;
  /** True when the title is the citizen's first line (no subject yet): shown as such. */
  titleFromText: boolean;
  /** Set while the title is still being read at start (queue-snapshot.ts keeps titles apart): shown as loading. */
  titlePending?: true;
  /** Nearest open deadline in ms since epoch; null when none applies (done or no target). */
  due: number | null;
  /** Which deadline `due` is. */
  dueKind: 'firstReaction' | 'resolution' | null;
  status: Appeal['status'];
  priority: Appeal['priority'];
  category: Appeal['category'];
  channel: Appeal['channel'];
  municipalityId: string | null;
  organisationId: string;
  assigneeId: string | null;
  receivedAt: string;
}

/** Where an interrupted initial sync resumes. */
export interface SnapshotProgress {
  cursor: number;
  phase: 'mine' | 'rest';
  after: string | null;
  done: number;
  total: number;
}

export interface StoredSession {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  user: User;
}

/** Typed key → value pairs of the meta table. */
export interface MetaValues {
  session: StoredSession;
  /** The user whose data this database holds; another user's login wipes it first. */
  ownerId: string;
  clientId: string;
  /** The mutationId the next local mutation gets. */
  nextMutationId: number;
  /** Pull from here; absent until the initial snapshot has completed. */
  cursor: number;
  snapshot: SnapshotProgress;
  lastSyncAt: string;
  reference: Reference;
  serverUrl: string;
  /** SCHEMA_VERSION of the rows held: confirmed rows of another version are fetched again. */
  schemaVersion: number;
  /** Bumped by every commit that writes or deletes confirmed appeals: tells whether queueSnapshot is current. */
  appealsWriteSeq: number;
  /** The whole queue packed in columns: one read at start instead of 100 000 records (see queue-snapshot.ts). */
  queueSnapshot: QueueSnapshot;
  /** The titles of the packed queue past its first rows, read after the first screen (see queue-snapshot.ts). */
  queueTitles: QueueTitles;
  /** Appeals the server evicted while own mutations for them were still unacknowledged. */
  pendingEvictions: string[];
}
export type MetaKey = keyof MetaValues;

export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

/** A desktop notification already shown, so it is shown once per appeal and deadline. */
export interface NoticeRow {
  id: string;
  at: string;
}

/**
 * Every schema version ever shipped, oldest first. Never edit one: add the next with its upgrade (and a
 * test that opens the previous version's data). Exported so the upgrade tests can open a database at each.
 */
export const SCHEMA_HISTORY: ReadonlyArray<{ version: number; stores: Record<string, string | null> }> = [
  {
    version: 1,
    stores: {
      appeals: 'id, status, organisationId, assigneeId, updatedAt',
      queue: 'id, due',
      comments: 'id, appealId',
      events: 'id, appealId',
      outbox: '++id, &mutationId, appealId, status',
      attention: 'mutationId, appealId',
      meta: 'key',
      notices: 'id',
    },
  },
  {
    // 100 000 compact records took as long to read as the whole start budget; a packed snapshot in meta replaces them
    version: 2,
    stores: { queue: null },
  },
  {
    // field photos: confirmed attachment rows, bytes made on this console, and each upload's state with its tus URL
    version: 3,
    stores: { attachments: 'id, appealId, sha256', attachmentBlobs: 'id, appealId', uploads: 'id, state, appealId' },
  },
  {
    // answers and supervisor alerts arrive with the workflow (issue 4); nothing older to convert
    version: 4,
    stores: { ...WORKFLOW_STORES },
  },
  {
    // nothing reads appeals by these indexes (memory holds the queue), and keeping them up doubled the cost of
    // writing 100 000 appeals at first sync
    version: 5,
    stores: { appeals: 'id' },
  },
  {
    // the first sync writes the rest of the scope as one record per snapshot page: a record per appeal made
    // 100 000 appeals take over a minute (appeal-store.ts); existing rows stay valid as they are
    version: 6,
    stores: { appealPacks: 'id', appealPackIds: 'id' },
  },
];

export class OtklikDb extends Dexie {
  appeals!: EntityTable<Appeal, 'id'>;
  appealPacks!: EntityTable<AppealPackRow, 'id'>;
  appealPackIds!: EntityTable<AppealPackIdsRow, 'id'>;
  comments!: EntityTable<Comment, 'id'>;
  events!: EntityTable<AppealEvent, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  attention!: EntityTable<AttentionRow, 'mutationId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  notices!: EntityTable<NoticeRow, 'id'>;
  attachments!: EntityTable<Attachment, 'id'>;
  attachmentBlobs!: EntityTable<AttachmentBlobRow, 'id'>;
  uploads!: EntityTable<UploadRow, 'id'>;

  constructor(name = 'otklik') {
    super(name);
    for (const { version, stores } of SCHEMA_HISTORY) this.version(version).stores(stores);
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await this.meta.get(key);
    return row?.value as MetaValues[K] | undefined;
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.meta.put({ key, value });
  }

  async deleteMeta(key: MetaKey): Promise<void> {
    await this.meta.delete(key);
  }

  /** Tables holding a copy of server data (re-fetchable); the outbox and attention are not among them. */
  get confirmedTables() {
    return [this.appeals, this.appealPacks, this.appealPackIds, this.comments, this.events, this.attachments, answersTable(this)];
  }
}

/** The console's database. */
export const db = new OtklikDb();
