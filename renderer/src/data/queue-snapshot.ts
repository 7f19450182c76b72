// The queue packed in columns for a fast start: one structured-clone read instead of one record per appeal.
import type { QueueRow } from './db.js';

/** Joins the values of a text column; never inside an id, a number or a code, and taken out of titles. */
const SEP = '\u001f';

/** Columns of values unique to each row, each kept as one joined string. */
const TEXT_COLUMNS = ['id', 'number', 'title', 'receivedAt'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** Columns of few distinct values (codes, the organisation, the assignee): a list of those values and an index per row. */
const CODED_COLUMNS = ['status', 'priority', 'category', 'channel', 'municipalityId', 'organisationId', 'assigneeId'] as const;
type CodedColumn = (typeof CODED_COLUMNS)[number];

interface CodedValues {
  /** The distinct values, '' standing for null. */
  values: string[];
  /** Per row, the position of its value in `values` (32-bit only past 65 536 distinct values). */
  index: Uint16Array | Uint32Array;
}

const DUE_KINDS: ReadonlyArray<QueueRow['dueKind']> = [null, 'firstReaction', 'resolution'];

/**
 * Rows whose titles the packed queue holds itself; the titles of the rest (most of its bytes: 100 000 titles are
 * about 12 MB as the browser stores strings) are kept in `queueTitles` and read after the first screen.
 */
export const TITLES_AHEAD = 300;

/** Written after changes settle; valid only while `writeSeq` equals the meta's appealsWriteSeq. */
export interface QueueSnapshot {
  /**
   * 3: text columns joined, coded columns as value lists, every title inside; 4: titles only for the first
   * `titlesFrom` rows. Older snapshots are not used (whole appeals are read once).
   */
  format: 3 | 4;
  /** Format 4: rows from here on have their titles in `queueTitles`. */
  titlesFrom?: number;
  writeSeq: number;
  /**
   * Appeals whose rows had pending mutations replayed in when packed: at start they are recomputed from
   * confirmed data, since those mutations may since have been rejected or discarded.
   */
  overlayIds: string[];
  /** Rows in queue order, so the start does not sort either. */
  count: number;
  /**
   * Each text column as one string joined by SEP, and the coded columns as value lists: cloning and splitting a
   * million small strings made reading a 100 000-row queue take over half a second.
   */
  text: Record<TextColumn, string>;
  coded: Record<CodedColumn, CodedValues>;
  /** NaN for no deadline. */
  due: Float64Array;
  /** Bit 0: the title is the citizen's first line; bits 1–2: index of the deadline kind in DUE_KINDS. */
  flags: Uint8Array;
}

/** The titles of a format-4 snapshot's rows from `from` on, joined; written with it, stamped with the same write. */
export interface QueueTitles {
  writeSeq: number;
  from: number;
  count: number;
  text: string;
}

function codeColumn(values: readonly string[]): CodedValues {
  const positions = new Map<string, number>();
  const at = values.map((v) => {
    let p = positions.get(v);
    if (p === undefined) positions.set(v, (p = positions.size));
    return p;
  });
  return { values: [...positions.keys()], index: positions.size > 0xffff ? Uint32Array.from(at) : Uint16Array.from(at) };
}

export function packQueue(rows: readonly QueueRow[], writeSeq: number, overlayIds: string[]): { snapshot: QueueSnapshot; titles: QueueTitles } {
  const n = rows.length;
  const due = new Float64Array(n);
  const flags = new Uint8Array(n);
  const columns = Object.fromEntries([...TEXT_COLUMNS, ...CODED_COLUMNS].map((c) => [c, new Array<string>(n)])) as Record<TextColumn | CodedColumn, string[]>;
  rows.forEach((r, i) => {
    columns.id[i] = r.id;
    columns.number[i] = r.number;
    columns.title[i] = r.title.includes(SEP) ? r.title.replaceAll(SEP, ' ') : r.title;
    columns.receivedAt[i] = r.receivedAt;
    columns.status[i] = r.status;
    columns.priority[i] = r.priority;
    columns.category[i] = r.category ?? '';
    columns.channel[i] = r.channel;
    columns.municipalityId[i] = r.municipalityId ?? '';
    columns.organisationId[i] = r.organisationId;
    columns.assigneeId[i] = r.assigneeId ?? '';
    due[i] = r.due ?? NaN;
    flags[i] = (r.titleFromText ? 1 : 0) | (DUE_KINDS.indexOf(r.dueKind) << 1);
  });
  const titlesFrom = Math.min(n, TITLES_AHEAD);
  const later = columns.title.slice(titlesFrom);
  columns.title.length = titlesFrom;
  const text = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, columns[c].join(SEP)])) as Record<TextColumn, string>;
  const coded = Object.fromEntries(CODED_COLUMNS.map((c) => [c, codeColumn(columns[c])])) as Record<CodedColumn, CodedValues>;
  return {
    snapshot: { format: 4, writeSeq, overlayIds, count: n, titlesFrom, text, coded, due, flags },
    titles: { writeSeq, from: titlesFrom, count: later.length, text: later.join(SEP) },
  };
}

/** The titles a format-4 snapshot left out, in row order from `titles.from`; null when they do not belong to it. */
export function unpackTitles(snapshot: Pick<QueueSnapshot, 'writeSeq' | 'count' | 'titlesFrom'>, titles: QueueTitles | undefined): string[] | null {
  if (!titles || titles.writeSeq !== snapshot.writeSeq || titles.from !== snapshot.titlesFrom || titles.from + titles.count !== snapshot.count) return null;
  if (titles.count === 0) return [];
  const list = titles.text.split(SEP);
  return list.length === titles.count ? list : null;
}

/** The rows of a snapshot, or null when it was written in an older shape (then whole appeals are read instead). */
export function unpackQueue(snapshot: QueueSnapshot): QueueRow[] | null {
  if (snapshot.format !== 3 && snapshot.format !== 4) return null;
  const n = snapshot.count;
  if (n === 0) return [];
  // format 4: titles of the rows past the first ones come later (unpackTitles); those rows say so meanwhile
  const titled = snapshot.format === 4 ? (snapshot.titlesFrom ?? n) : n;
  const c = Object.fromEntries(TEXT_COLUMNS.map((name) => [name, titled === 0 && name === 'title' ? [] : snapshot.text[name].split(SEP)])) as Record<TextColumn, string[]>;
  if (TEXT_COLUMNS.some((name) => c[name].length !== (name === 'title' ? titled : n))) return null;
  const coded = snapshot.coded;
  if (CODED_COLUMNS.some((name) => coded[name]?.index.length !== n)) return null;
  // null where the value is '' (no category, municipality or assignee)
  const valuesOf = (name: CodedColumn) => coded[name].values.map((v) => (v === '' ? null : v));
  const status = valuesOf('status');
  const priority = valuesOf('priority');
  const category = valuesOf('category');
  const channel = valuesOf('channel');
  const municipality = valuesOf('municipalityId');
  const organisation = valuesOf('organisationId');
  const assignee = valuesOf('assigneeId');
  const rows: QueueRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const due = snapshot.due[i]!;
    const flags = snapshot.flags[i]!;
    rows[i] = {
      id: c.id[i]!,
      number: c.number[i]!,
      title: i < titled ? c.title[i]! : '',
      // always set, so every row has one shape (a spread here made unpacking half as fast again)
      titlePending: i < titled ? undefined : true,
      titleFromText: (flags & 1) === 1,
      due: Number.isNaN(due) ? null : due,
      dueKind: DUE_KINDS[flags >> 1] ?? null,
      status: status[coded.status.index[i]!] as QueueRow['status'],
      priority: priority[coded.priority.index[i]!] as QueueRow['priority'],
      category: (category[coded.category.index[i]!] ?? null) as QueueRow['category'],
      channel: channel[coded.channel.index[i]!] as QueueRow['channel'],
      municipalityId: municipality[coded.municipalityId.index[i]!] ?? null,
      organisationId: organisation[coded.organisationId.index[i]!]!,
      assigneeId: assignee[coded.assigneeId.index[i]!] ?? null,
      receivedAt: c.receivedAt[i]!,
    };
  }
  return rows;
}
