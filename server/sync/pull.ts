// Pull (change-log pages since a cursor) and snapshot (initial sync at a fixed cursor), both limited to the caller's scope.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import {
  DomainError,
  entryColumns,
  SNAPSHOT_PACK_SIZE,
  SNAPSHOT_TEXT_HEAD,
  type SnapshotEntry,
  type SnapshotHead,
  type Appeal,
  type AppealEvent,
  type Change,
  type Comment,
  type HistoryRequest,
  type HistoryResponse,
  type PullRequest,
  type PullResponse,
  type SnapshotRequest,
  type SnapshotResponse,
  type User,
} from '../../shared/index.js';
import { MAX_PARAMS } from '../store/dialect.js';
import { appealFromRow, commentFromRow, eventFromRow } from '../store/rows.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { attachmentsWhere } from '../uploads/reads.js';
import { alertFromRow, answerFromRow } from '../store/workflow-rows.js';
import { hasRegionScope, inScope, REGION_WIDE_ORG } from './scope.js';

/** The columns `snapshotPacks` reads of an appeal row. */
interface PackedRow {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  municipality_id: string | null;
  organisation_id: string;
  assignee_id: string | null;
  received_at: string;
  first_reaction_due_at: string | null;
  resolution_due_at: string | null;
  first_reaction_at: string | null;
  /** The start of the citizen's text (one character more than an entry keeps). */
  text_start: string;
  doc_bytes: Uint8Array;
  history_bytes?: Uint8Array;
}

const PACK_OPEN = Buffer.from('{"appeals":[');
const PACK_COMMENTS = Buffer.from('],"comments":');
const PACK_EVENTS = Buffer.from(',"events":[');
const PACK_CLOSE = Buffer.from(']}');
const COMMA = Buffer.from(',');

/** An appeal's list fields from its columns: what snapshotEntryOf makes of its document. */
function entryFromRow(r: PackedRow): SnapshotEntry {
  const newline = r.text_start.indexOf('\n');
  const firstLine = newline >= 0 ? r.text_start.slice(0, newline) : r.text_start;
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status as SnapshotEntry['status'],
    priority: r.priority as SnapshotEntry['priority'],
    category: r.category as SnapshotEntry['category'],
    channel: r.channel as SnapshotEntry['channel'],
    municipalityId: r.municipality_id,
    organisationId: r.organisation_id,
    assigneeId: r.assignee_id,
    receivedAt: r.received_at,
    firstReactionDueAt: r.first_reaction_due_at,
    resolutionDueAt: r.resolution_due_at,
    firstReactionAt: r.first_reaction_at,
    textHead: r.subject.trim() === '' ? firstLine.slice(0, SNAPSHOT_TEXT_HEAD) : '',
  };
}

function chunks<T>(items: T[], size = MAX_PARAMS / 2): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function appealsById(db: Kysely<Database>, ids: string[]): Promise<Map<string, Appeal>> {
  const map = new Map<string, Appeal>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('appeals').select(['id', 'doc']).where('id', 'in', part).execute();
    for (const row of rows) map.set(row.id, appealFromRow(row));
  }
  return map;
}

async function commentsWhere(db: Kysely<Database>, column: 'id' | 'appeal_id', ids: string[]): Promise<Comment[]> {
  const out: Comment[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('comments').selectAll().where(column, 'in', part).execute();
    for (const row of rows) out.push(commentFromRow(row));
  }
  return out;
}

async function eventsById(db: Kysely<Database>, ids: string[]): Promise<AppealEvent[]> {
  const out: AppealEvent[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('appeal_events').selectAll().where('id', 'in', part).execute();
    for (const row of rows) out.push(eventFromRow(row));
  }
  return out;
}

/** Answers or alerts by id, or answers by appeal, in chunks below the bound-parameter limit. */
async function workflowRowsWhere<T extends 'answers' | 'alerts'>(
  db: Kysely<Database>,
  table: T,
  column: 'id' | 'appeal_id',
  ids: string[],
): Promise<Database[T][]> {
  const out: Database[T][] = [];
  for (const part of chunks(ids)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot relate a generic table name to its columns
    const rows = await (db as Kysely<any>).selectFrom(table).selectAll().where(column, 'in', part).execute();
    out.push(...(rows as Database[T][]));
  }
  return out;
}

/** The part of a pull answer that is the same for every console of a scope asking from the same cursor. */
type PullPage = Pick<PullResponse, 'changes' | 'cursor' | 'hasMore'>;

/** Shared tail pages: enough for every distinct cursor of a poke round, small enough to hold no real memory. */
const SHARED_PAGES = 256;
const SHARED_PAGE_CHANGES = 200;

/** What a pull page depends on besides the cursor: the scope filter of the query and of inScope. */
function scopeKey(user: User): string {
  return hasRegionScope(user) ? `region:${user.regionId}` : `org:${user.organisationId}:${user.regionId}`;
}

export class ReadService {
  /**
   * Tail pages at `sharedHead`, by scope, cursor and limit. After a poke every console of a scope asks for the same
   * page; it is read once and the others wait for it. A page depends only on the log up to the head and on the rows
   * as they are now, and every write of those rows appends to the log, so a page read at a head stays right until the
   * head moves, when they are all dropped.
   */
  private readonly sharedPages = new Map<string, Promise<PullPage>>();
  private sharedHead = -1;

  constructor(private readonly store: Store) {}

  /**
   * Reads the head first and scans only up to it: writers commit in seq order (see lockChangeLog), so every
   * seq up to a head seen earlier is visible to the scan, and the returned cursor never passes an unseen change.
   */
  async pull(user: User, request: PullRequest, lastMutationId: number): Promise<PullResponse> {
    const head = await this.store.head();
    if (request.cursor > head) {
      throw new DomainError('CURSOR_RESET', `cursor ${request.cursor} is ahead of the server (${head}): load a snapshot`);
    }
    if (head > this.sharedHead) {
      this.sharedPages.clear();
      this.sharedHead = head;
    }
    // a head read before a newer one: this pull reads on its own rather than keep an older page
    if (head < this.sharedHead) return { ...(await this.readPage(user, request, head)), lastMutationId };

    const key = `${scopeKey(user)}|${request.cursor}|${request.limit}`;
    let page = this.sharedPages.get(key);
    if (!page) {
      page = this.readPage(user, request, head);
      if (this.sharedPages.size < SHARED_PAGES) {
        const shared = page;
        this.sharedPages.set(key, shared);
        const forget = () => {
          if (this.sharedPages.get(key) === shared) this.sharedPages.delete(key);
        };
        // only tail pages are asked for again and again; a failed read is not kept for the next caller
        shared.then((p) => (p.hasMore || p.changes.length > SHARED_PAGE_CHANGES ? forget() : undefined), forget);
      }
    }
    return { ...(await page), lastMutationId };
  }

  private async readPage(user: User, request: PullRequest, head: number): Promise<PullPage> {
    const db = this.store.db;
    let query = db
      .selectFrom('changes')
      .select(['seq', 'entity', 'entity_id', 'appeal_id'])
      .where('seq', '>', request.cursor)
      .where('seq', '<=', head);
    query = hasRegionScope(user)
      ? query.where('region_id', '=', user.regionId)
      : query.where((eb) =>
          eb.or([
            eb('org_id', '=', user.organisationId),
            eb('prev_org_id', '=', user.organisationId),
            // reference data of the region concerns every console in it
            eb.and([eb('org_id', '=', REGION_WIDE_ORG), eb('region_id', '=', user.regionId)]),
          ]),
        );
    const rows = await query.orderBy('seq').limit(request.limit + 1).execute();
    const hasMore = rows.length > request.limit;
    const page = hasMore ? rows.slice(0, request.limit) : rows;
    // Rows outside the scope were examined too (by the filter), so a short page moves the cursor to the head.
    const cursor = hasMore ? Number(page[page.length - 1]!.seq) : head;

    const appeals = await appealsById(db, [...new Set(page.filter((r) => r.entity !== 'reference').map((r) => r.appeal_id))]);
    const commentIds = page.filter((r) => r.entity === 'comment').map((r) => r.entity_id);
    const eventIds = page.filter((r) => r.entity === 'event').map((r) => r.entity_id);
    const comments = new Map((await commentsWhere(db, 'id', commentIds)).map((c) => [c.id, c]));
    const events = new Map((await eventsById(db, eventIds)).map((e) => [e.id, e]));
    const attachmentIds = page.filter((r) => r.entity === 'attachment').map((r) => r.entity_id);
    const attachments = new Map((await attachmentsWhere(db, 'id', attachmentIds)).map((a) => [a.id, a]));
    const idsOf = (entity: string) => page.filter((r) => r.entity === entity).map((r) => r.entity_id);
    const answers = new Map((await workflowRowsWhere(db, 'answers', 'id', idsOf('answer'))).map((r) => [r.id, answerFromRow(r)]));
    const alerts = new Map((await workflowRowsWhere(db, 'alerts', 'id', idsOf('alert'))).map((r) => [r.id, alertFromRow(r)]));
    let referenceSent = false;

    const changes: Change[] = [];
    const sentAppeals = new Set<string>();
    const evicted = new Set<string>();
    for (const row of page) {
      const seq = Number(row.seq);
      if (row.entity === 'reference') {
        // one refetch per page is enough, however many admin changes it holds
        if (!referenceSent) changes.push({ seq, type: 'reference' });
        referenceSent = true;
        continue;
      }
      const appeal = appeals.get(row.appeal_id);
      if (!appeal || !inScope(user, appeal)) {
        if (!evicted.has(row.appeal_id)) changes.push({ seq, type: 'evict', appealId: row.appeal_id });
        evicted.add(row.appeal_id);
        continue;
      }
      if (row.entity === 'appeal') {
        // The current state, once per page: later rows of the same appeal would repeat it.
        if (!sentAppeals.has(appeal.id)) changes.push({ seq, type: 'appeal', appeal });
        sentAppeals.add(appeal.id);
      } else if (row.entity === 'comment') {
        const comment = comments.get(row.entity_id);
        if (comment) changes.push({ seq, type: 'comment', comment });
      } else if (row.entity === 'attachment') {
        // the row as it is now: a later change of the same attachment (bytes arrived) repeats it, harmlessly
        const attachment = attachments.get(row.entity_id);
        if (attachment) changes.push({ seq, type: 'attachment', attachment });
      } else if (row.entity === 'answer') {
        const answer = answers.get(row.entity_id);
        if (answer) changes.push({ seq, type: 'answer', answer });
      } else if (row.entity === 'alert') {
        const alert = alerts.get(row.entity_id);
        if (alert) changes.push({ seq, type: 'alert', alert });
      } else {
        const event = events.get(row.entity_id);
        if (event) changes.push({ seq, type: 'event', event });
      }
    }
    return { changes, cursor, hasMore };
  }

  /** The fixed cursor of a snapshot, and the appeals of one page in the caller's scope (own queue first, keyset by id). */
  private async snapshotRows<C extends string>(
    user: User,
    request: SnapshotRequest,
    select: (q: SelectQueryBuilder<Database, 'appeals', object>) => SelectQueryBuilder<Database, 'appeals', Record<C, unknown> & { id: string }>,
  ) {
    const db = this.store.db;
    const head = await this.store.head();
    const cursor = request.cursor ?? head;
    if (cursor > head) throw new DomainError('CURSOR_RESET', `cursor ${cursor} is ahead of the server (${head})`);

    const scoped = <O>(q: SelectQueryBuilder<Database, 'appeals', O>) =>
      hasRegionScope(user) ? q.where('region_id', '=', user.regionId) : q.where('organisation_id', '=', user.organisationId);
    let pageQuery = scoped(select(db.selectFrom('appeals')));
    pageQuery =
      request.phase === 'mine'
        ? pageQuery.where('assignee_id', '=', user.id)
        : pageQuery.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '!=', user.id)]));
    if (request.after !== null) pageQuery = pageQuery.where('id', '>', request.after);
    const rows = await pageQuery.orderBy('id').limit(request.limit + 1).execute();
    const phaseHasMore = rows.length > request.limit;
    const pageRows = phaseHasMore ? rows.slice(0, request.limit) : rows;
    const ids = pageRows.map((r) => r.id);
    const totalRow = await scoped(db.selectFrom('appeals').select((eb) => eb.fn.countAll().as('total'))).executeTakeFirst();
    return {
      rows: pageRows,
      ids,
      frame: {
        cursor,
        phase: request.phase,
        attachments: await attachmentsWhere(db, 'appeal_id', ids),
        answers: (await workflowRowsWhere(db, 'answers', 'appeal_id', ids)).map(answerFromRow),
        alerts: (await workflowRowsWhere(db, 'alerts', 'appeal_id', ids)).map(alertFromRow),
        after: phaseHasMore ? ids[ids.length - 1]! : null,
        hasMore: phaseHasMore || request.phase === 'mine',
        total: Number(totalRow?.total ?? 0),
      },
    };
  }

  /** One page of the caller's scope, own queue first, keyset by appeal id, at a cursor fixed by the first page. */
  async snapshot(user: User, request: SnapshotRequest): Promise<SnapshotResponse> {
    // doc (and for the own queue the history) only: one or two text columns per appeal instead of 28 columns plus a row per event
    const mine = request.phase === 'mine';
    const { rows, ids, frame } = await this.snapshotRows(user, request, (q) => q.select(mine ? ['id', 'doc', 'history'] : ['id', 'doc']));
    const pageRows = rows as Array<{ id: string; doc: string; history?: string }>;
    return {
      ...frame,
      appeals: pageRows.map(appealFromRow),
      comments: mine ? await commentsWhere(this.store.db, 'appeal_id', ids) : [],
      events: mine ? pageRows.flatMap((r) => JSON.parse(r.history ?? '[]') as AppealEvent[]) : [],
    };
  }

  /**
   * The same page as `snapshot`, cut into a head and packs (SnapshotRequest encoding 'packs') without taking the
   * appeals apart: each pack's JSON is put together from the stored documents' bytes, and the list fields come from
   * the appeal's columns. Parsing and re-serialising 100 000 documents was most of the server's work in a first sync.
   */
  async snapshotPacks(user: User, request: SnapshotRequest): Promise<{ head: SnapshotHead; packs: { ids: string[]; json: Buffer }[] }> {
    const mine = request.phase === 'mine';
    const bytes = (column: 'doc' | 'history') => (this.store.dialect === 'postgres' ? sql<Buffer>`convert_to(${sql.ref(column)}, 'UTF8')` : sql<Buffer>`CAST(${sql.ref(column)} AS BLOB)`);
    const { rows, ids, frame } = await this.snapshotRows(user, request, (q) =>
      q.select([
        'id',
        'number',
        'subject',
        'status',
        'priority',
        'category',
        'channel',
        'municipality_id',
        'organisation_id',
        'assignee_id',
        'received_at',
        'first_reaction_due_at',
        'resolution_due_at',
        'first_reaction_at',
        sql<string>`substr(original_text, 1, ${SNAPSHOT_TEXT_HEAD + 1})`.as('text_start'),
        bytes('doc').as('doc_bytes'),
        ...(mine ? [bytes('history').as('history_bytes')] : []),
      ]),
    );
    const pageRows = rows as unknown as PackedRow[];
    const comments = mine ? await commentsWhere(this.store.db, 'appeal_id', ids) : [];
    const commentsOf = new Map<string, Comment[]>();
    for (const c of comments) commentsOf.set(c.appealId, [...(commentsOf.get(c.appealId) ?? []), c]);
    const packs: { ids: string[]; json: Buffer }[] = [];
    for (let i = 0; i < pageRows.length; i += SNAPSHOT_PACK_SIZE) {
      const run = pageRows.slice(i, i + SNAPSHOT_PACK_SIZE);
      const parts: Buffer[] = [PACK_OPEN];
      run.forEach((r, k) => parts.push(...(k > 0 ? [COMMA] : []), Buffer.from(r.doc_bytes)));
      parts.push(PACK_COMMENTS, Buffer.from(JSON.stringify(run.flatMap((r) => commentsOf.get(r.id) ?? []))), PACK_EVENTS);
      let first = true;
      for (const r of run) {
        // a history column is a JSON array: its items go into the pack's one array of events
        const history = r.history_bytes ? Buffer.from(r.history_bytes) : null;
        if (!history || history.length <= 2) continue;
        parts.push(...(first ? [] : [COMMA]), history.subarray(1, history.length - 1));
        first = false;
      }
      parts.push(PACK_CLOSE);
      packs.push({ ids: run.map((r) => r.id), json: Buffer.concat(parts) });
    }
    return { head: { ...frame, entries: entryColumns(pageRows.map(entryFromRow)) }, packs };
  }

  /** One appeal's comments and history lines, when it is in the caller's scope. */
  async history(user: User, request: HistoryRequest): Promise<HistoryResponse> {
    const db = this.store.db;
    const row = await db.selectFrom('appeals').select(['id', 'doc', 'history']).where('id', '=', request.appealId).executeTakeFirst();
    if (!row || !inScope(user, appealFromRow(row))) throw new DomainError('NOT_FOUND', `appeal ${request.appealId} is not in your scope`);
    return {
      appealId: row.id,
      comments: await commentsWhere(db, 'appeal_id', [row.id]),
      events: JSON.parse(row.history) as AppealEvent[],
    };
  }
}
