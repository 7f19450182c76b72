// The sync protocol between console and server over socket.io, plus the HTTP bodies around it.
import { z } from 'zod';
import { ErrorBody, ErrorCode } from './errors.js';
import { Appeal, AppealEvent, Comment, Id, Instant, Reference, User } from './entities.js';
import { RawMutation } from './mutations.js';
import { Attachment } from './attachments.js';
import { Alert, Answer, WorkflowReference } from './workflow.js';

/** Bumped on any incompatible change of the messages below. */
export const PROTOCOL_VERSION = 1;
/** The oldest protocol version the server still accepts. */
export const MIN_PROTOCOL_VERSION = 1;
/** Version of the row shapes in entities.ts; a console with an older one re-bootstraps. */
export const SCHEMA_VERSION = 1;

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 5000;
/** socket.io's maxHttpBufferSize on the server; larger messages are dropped by the transport. */
export const MAX_MESSAGE_BYTES = 1_000_000;

/** Socket event names: kebab-case with a domain prefix. */
export const EVENTS = {
  hello: 'sync:hello', // server → client after connect
  push: 'sync:push', // client → server, with ack
  pull: 'sync:pull', // client → server, with ack
  snapshot: 'sync:snapshot', // client → server, with ack (initial sync)
  history: 'sync:history', // client → server, with ack: one appeal's comments and history lines
  poke: 'sync:poke', // server → client: something in your scope changed
  revoked: 'session:revoked', // server → client: user disabled or token revoked; socket closes
} as const;

/** socket.io `auth` payload of the handshake. */
export const Handshake = z.object({
  token: z.string().min(1).max(4096),
  clientId: Id,
  protocolVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
});
export type Handshake = z.infer<typeof Handshake>;

/** `connect_error.data` when the handshake is refused. */
export const HandshakeError = ErrorBody;

export const Hello = z.object({
  protocolVersion: z.number().int(),
  minProtocolVersion: z.number().int(),
  user: User,
  /** Newest change_seq in the log now. */
  cursor: z.number().int().nonnegative(),
  /** The last mutationId of this clientId the server has processed (applied or rejected). */
  lastMutationId: z.number().int().nonnegative(),
  serverTime: Instant,
});
export type Hello = z.infer<typeof Hello>;

export const PushRequest = z.object({ mutations: z.array(RawMutation).min(1).max(MAX_PUSH_MUTATIONS) });
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ mutationId: z.number().int(), status: z.literal('applied'), seq: z.number().int().nullable() }),
  z.object({
    mutationId: z.number().int(),
    status: z.literal('rejected'),
    code: ErrorCode,
    message: z.string(),
    /** For conflicts: the server's current appeal, so the console can show both versions. */
    current: Appeal.nullable(),
    /** For an answer.save VERSION_CONFLICT: the answer as the server has it (null: there is none). */
    currentAnswer: Answer.nullable().optional(),
  }),
  /** Not processed (e.g. OUT_OF_ORDER); nothing recorded, send again later. */
  z.object({ mutationId: z.number().int(), status: z.literal('retry'), code: ErrorCode, message: z.string() }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  lastMutationId: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(1000),
});
export type PullRequest = z.infer<typeof PullRequest>;

/** One entry of a pull: the current state of a touched row, or an eviction. */
export const Change = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int(), type: z.literal('appeal'), appeal: Appeal }),
  z.object({ seq: z.number().int(), type: z.literal('comment'), comment: Comment }),
  z.object({ seq: z.number().int(), type: z.literal('event'), event: AppealEvent }),
  /** An attachment's metadata, and again when its bytes have arrived (uploadedAt set). */
  z.object({ seq: z.number().int(), type: z.literal('attachment'), attachment: Attachment }),
  /** The appeal left the caller's scope: drop it locally once own pending mutations for it are acknowledged. */
  z.object({ seq: z.number().int(), type: z.literal('evict'), appealId: Id }),
  /** An answer of an appeal as it is now (draft, under review, or sent: sent ones stay as history). */
  z.object({ seq: z.number().int(), type: z.literal('answer'), answer: Answer }),
  /** An appeal passed a target: supervisors of the region and the appeal's organisation are told, once. */
  z.object({ seq: z.number().int(), type: z.literal('alert'), alert: Alert }),
  /** Reference data of the region changed (an admin mutation): fetch GET /api/reference again. */
  z.object({ seq: z.number().int(), type: z.literal('reference') }),
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pull again from here. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Initial sync: pages of the caller's scope at a fixed cursor; own queue first, then the rest. */
export const SnapshotRequest = z.object({
  /** Omit on the first page; then echo the one the server gave. */
  cursor: z.number().int().nonnegative().nullable().default(null),
  phase: z.enum(['mine', 'rest']).default('mine'),
  /** Keyset: the last appeal id of the previous page in this phase. */
  after: Id.nullable().default(null),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(2000),
  /**
   * 'gzip': the page comes as gzip-compressed JSON in one binary attachment (PackedSnapshotResponse), a quarter
   * of the bytes, and half the console's time per page: a 3 MB text message cost the browser more to take in
   * than the compressed bytes cost both sides to pack and unpack. Servers before this field send JSON.
   */
  /**
   * 'packs': the page comes as a small gzip head (progress, the list fields of each appeal, workflow rows) and
   * packs of up to SNAPSHOT_PACK_SIZE whole appeals, each gzip-compressed on its own (PackedSnapshotPage). The
   * console stores a pack's bytes as they came and unpacks one when its appeals are wanted: taking 100 000
   * appeals apart and cloning them into IndexedDB was most of a first sync's time.
   */
  encoding: z.enum(['json', 'gzip', 'packs']).default('json'),
});
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;

export const SnapshotResponse = z.object({
  /** The fixed cursor of this snapshot: pull changes from it once the snapshot is done. */
  cursor: z.number().int().nonnegative(),
  phase: z.enum(['mine', 'rest']),
  appeals: z.array(Appeal),
  /**
   * Comments and history lines come with the own queue ('mine') only: for the rest they were nine rows in ten of
   * a 100 000-appeal first sync. Those appeals' history arrives by `sync:history` when opened, and by pulls after.
   */
  comments: z.array(Comment),
  events: z.array(AppealEvent),
  /** Attachments of the page's appeals (absent from servers before attachments existed). */
  attachments: z.array(Attachment).optional(),
  /** Answers of the page's appeals, current and sent (absent from servers before the workflow). */
  answers: z.array(Answer).optional(),
  /** Overdue alerts of the page's appeals, so a fresh console's alert list is whole (absent before the workflow). */
  alerts: z.array(Alert).optional(),
  /** Next keyset for this phase, or null when the phase is done. */
  after: Id.nullable(),
  /** True while another page (in this phase or the next) remains. */
  hasMore: z.boolean(),
  /** Appeals in the caller's scope, for progress. */
  total: z.number().int().nonnegative(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponse>;

/** Bytes sent as a socket.io binary attachment (a Buffer on the server, an ArrayBuffer in the browser). */
const Binary = z.custom<ArrayBuffer | Uint8Array>((v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v), 'binary attachment expected');

/** A snapshot page asked for with encoding 'gzip': the bytes of its JSON, gzip-compressed; decoded, a SnapshotResponse. */
export const PackedSnapshotResponse = z.object({ gzip: Binary });
export type PackedSnapshotResponse = z.infer<typeof PackedSnapshotResponse>;

/** Appeals per pack of a PackedSnapshotPage. */
export const SNAPSHOT_PACK_SIZE = 100;
/** Longest first line of the citizen's text a SnapshotEntry carries (a queue row shows one line). */
export const SNAPSHOT_TEXT_HEAD = 160;

/** The list fields of one appeal of a packed page: enough for its queue row until the whole appeal is unpacked. */
export const SnapshotEntry = Appeal.pick({
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  category: true,
  channel: true,
  municipalityId: true,
  organisationId: true,
  assigneeId: true,
  receivedAt: true,
  firstReactionDueAt: true,
  resolutionDueAt: true,
  firstReactionAt: true,
}).extend({
  /** The first line of the citizen's text when the subject is blank (the row's title then), else ''. */
  textHead: z.string().max(SNAPSHOT_TEXT_HEAD),
});
export type SnapshotEntry = z.infer<typeof SnapshotEntry>;

/** What a SnapshotEntry says of an appeal. */
export function snapshotEntryOf(appeal: Appeal): SnapshotEntry {
  const newline = appeal.originalText.indexOf('\n');
  const firstLine = newline >= 0 ? appeal.originalText.slice(0, newline) : appeal.originalText;
  return {
    id: appeal.id,
    number: appeal.number,
    subject: appeal.subject,
    status: appeal.status,
    priority: appeal.priority,
    category: appeal.category,
    channel: appeal.channel,
    municipalityId: appeal.municipalityId,
    organisationId: appeal.organisationId,
    assigneeId: appeal.assigneeId,
    receivedAt: appeal.receivedAt,
    firstReactionDueAt: appeal.firstReactionDueAt,
    resolutionDueAt: appeal.resolutionDueAt,
    firstReactionAt: appeal.firstReactionAt,
    textHead: appeal.subject.trim() === '' ? firstLine.slice(0, SNAPSHOT_TEXT_HEAD) : '',
  };
}

/**
 * A page cut into a head and pack contents (each then compressed on its own): packs of SNAPSHOT_PACK_SIZE appeals in
 * page order, each with its appeals' comments and history lines.
 */
export function splitSnapshotPage(page: SnapshotResponse): { head: SnapshotHead; contents: PackContent[] } {
  const { appeals, comments, events, ...rest } = page;
  const contents: PackContent[] = [];
  const packOf = new Map<string, PackContent>();
  for (let i = 0; i < appeals.length; i += SNAPSHOT_PACK_SIZE) {
    const content: PackContent = { appeals: appeals.slice(i, i + SNAPSHOT_PACK_SIZE), comments: [], events: [] };
    for (const a of content.appeals) packOf.set(a.id, content);
    contents.push(content);
  }
  for (const c of comments) packOf.get(c.appealId)?.comments.push(c);
  for (const e of events) packOf.get(e.appealId)?.events.push(e);
  return { head: { ...rest, entries: entryColumns(appeals.map(snapshotEntryOf)) }, contents };
}

/** A column of few distinct values (statuses, organisations…): each value once, and every row's index into them. */
const Coded = <T extends z.ZodType>(value: T) => z.object({ values: z.array(value), index: z.array(z.number().int().nonnegative()) });
type CodedColumn<T> = { values: T[]; index: number[] };

/**
 * A page's SnapshotEntries as columns: a list of 5 000 objects repeated every field name 5 000 times and every
 * organisation and status as often; as columns the head is half the size, and the few distinct codes are checked
 * once instead of once per appeal.
 */
export const SnapshotEntryColumns = z.object({
  id: z.array(SnapshotEntry.shape.id),
  number: z.array(SnapshotEntry.shape.number),
  subject: z.array(SnapshotEntry.shape.subject),
  textHead: z.array(SnapshotEntry.shape.textHead),
  receivedAt: z.array(SnapshotEntry.shape.receivedAt),
  firstReactionDueAt: z.array(SnapshotEntry.shape.firstReactionDueAt),
  resolutionDueAt: z.array(SnapshotEntry.shape.resolutionDueAt),
  firstReactionAt: z.array(SnapshotEntry.shape.firstReactionAt),
  status: Coded(SnapshotEntry.shape.status),
  priority: Coded(SnapshotEntry.shape.priority),
  category: Coded(SnapshotEntry.shape.category),
  channel: Coded(SnapshotEntry.shape.channel),
  municipalityId: Coded(SnapshotEntry.shape.municipalityId),
  organisationId: Coded(SnapshotEntry.shape.organisationId),
  assigneeId: Coded(SnapshotEntry.shape.assigneeId),
});
export type SnapshotEntryColumns = z.infer<typeof SnapshotEntryColumns>;

const CODED = ['status', 'priority', 'category', 'channel', 'municipalityId', 'organisationId', 'assigneeId'] as const;
const PLAIN = ['id', 'number', 'subject', 'textHead', 'receivedAt', 'firstReactionDueAt', 'resolutionDueAt', 'firstReactionAt'] as const;

function coded<T>(values: readonly T[]): CodedColumn<T> {
  const at = new Map<T, number>();
  const column: CodedColumn<T> = { values: [], index: [] };
  for (const v of values) {
    let i = at.get(v);
    if (i === undefined) at.set(v, (i = column.values.push(v) - 1));
    column.index.push(i);
  }
  return column;
}

/** Entries as columns. */
export function entryColumns(entries: readonly SnapshotEntry[]): SnapshotEntryColumns {
  const plain = Object.fromEntries(PLAIN.map((key) => [key, entries.map((e) => e[key])]));
  const codes = Object.fromEntries(CODED.map((key) => [key, coded(entries.map((e) => e[key]))]));
  return { ...plain, ...codes } as SnapshotEntryColumns;
}

/** Columns back into entries; null when the columns differ in length or an index points past its values. */
export function entriesFromColumns(columns: SnapshotEntryColumns): SnapshotEntry[] | null {
  const n = columns.id.length;
  if (PLAIN.some((key) => columns[key].length !== n)) return null;
  for (const key of CODED) {
    const { values, index } = columns[key];
    if (index.length !== n || index.some((i) => i >= values.length)) return null;
  }
  const entries: SnapshotEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    entries[i] = {
      id: columns.id[i]!,
      number: columns.number[i]!,
      subject: columns.subject[i]!,
      status: columns.status.values[columns.status.index[i]!]!,
      priority: columns.priority.values[columns.priority.index[i]!]!,
      category: columns.category.values[columns.category.index[i]!]!,
      channel: columns.channel.values[columns.channel.index[i]!]!,
      municipalityId: columns.municipalityId.values[columns.municipalityId.index[i]!]!,
      organisationId: columns.organisationId.values[columns.organisationId.index[i]!]!,
      assigneeId: columns.assigneeId.values[columns.assigneeId.index[i]!]!,
      receivedAt: columns.receivedAt[i]!,
      firstReactionDueAt: columns.firstReactionDueAt[i]!,
      resolutionDueAt: columns.resolutionDueAt[i]!,
      firstReactionAt: columns.firstReactionAt[i]!,
      textHead: columns.textHead[i]!,
    };
  }
  return entries;
}

/** The head of a packed page: a SnapshotResponse without its appeals, comments and history, plus the list entries. */
export const SnapshotHead = SnapshotResponse.omit({ appeals: true, comments: true, events: true }).extend({
  /** One per appeal of the page, in the order of the packs. */
  entries: SnapshotEntryColumns,
});
export type SnapshotHead = z.infer<typeof SnapshotHead>;

/** What one pack holds once unpacked: its appeals, and the comments and history lines that came with them. */
export const PackContent = z.object({
  appeals: z.array(Appeal).min(1).max(SNAPSHOT_PACK_SIZE),
  comments: z.array(Comment),
  events: z.array(AppealEvent),
});
export type PackContent = z.infer<typeof PackContent>;

/**
 * A snapshot page asked for with encoding 'packs': two binary attachments (socket.io refuses messages with more
 * than ten), the head and the packs one after another.
 */
export const PackedSnapshotPage = z.object({
  /** gzip-compressed JSON of a SnapshotHead. */
  head: Binary,
  packs: z.array(
    z.object({
      /** How many of the head's entries, in order, are this pack's appeals (the packs together hold them all). */
      count: z.number().int().min(1).max(SNAPSHOT_PACK_SIZE),
      /** Length in `data` of the pack's gzip-compressed PackContent JSON; packs follow each other in `data`. */
      bytes: z.number().int().positive(),
    }),
  ),
  data: Binary,
});
export type PackedSnapshotPage = z.infer<typeof PackedSnapshotPage>;

/** One appeal's comments and history lines, for an appeal whose history the snapshot did not carry. */
export const HistoryRequest = z.object({ appealId: Id });
export type HistoryRequest = z.infer<typeof HistoryRequest>;

export const HistoryResponse = z.object({
  appealId: Id,
  comments: z.array(Comment),
  events: z.array(AppealEvent),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const Poke = z.object({ cursor: z.number().int().nonnegative() });
export type Poke = z.infer<typeof Poke>;

/** Every socket ack is a Result: `{ ok: true, value } | { ok: false, error: { code, message } }`. */
export const ackSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorBody })]);

// ---- HTTP bodies ----

export const LoginRequest = z.object({
  login: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceId: Id,
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512), deviceId: Id });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(512) });

export const Session = z.object({
  accessToken: z.string(),
  accessExpiresAt: Instant,
  refreshToken: z.string(),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const SetUserDisabledRequest = z.object({ userId: Id, disabled: z.boolean() });
export type SetUserDisabledRequest = z.infer<typeof SetUserDisabledRequest>;

/** Reference data plus the workflow's (absent from servers before the workflow). */
export const ReferenceResponse = Reference.extend({ workflow: WorkflowReference.optional() });
export type ReferenceResponse = z.infer<typeof ReferenceResponse>;

/** HTTP error responses: `{ error: { code, message } }` with a fitting status. */
export const HttpError = z.object({ error: ErrorBody });

/** GET /api/caller-history?phone=…: the caller's appeals the server holds in the user's scope (phone as typed; normalised by the server). */
export const CallerHistoryQuery = z.object({ phone: z.string().min(1).max(64) });
export type CallerHistoryQuery = z.infer<typeof CallerHistoryQuery>;

/** At most this many appeals, newest first. */
export const CALLER_HISTORY_LIMIT = 20;

export const CallerHistoryAppeal = Appeal.pick({ id: true, number: true, status: true, subject: true, receivedAt: true, organisationId: true });
export type CallerHistoryAppeal = z.infer<typeof CallerHistoryAppeal>;

export const CallerHistoryResponse = z.object({ appeals: z.array(CallerHistoryAppeal).max(CALLER_HISTORY_LIMIT) });
export type CallerHistoryResponse = z.infer<typeof CallerHistoryResponse>;
