// The outbox in IndexedDB: numbering and writing local mutations, and the order they are pushed in.
import { MUTATION_ARGS, type MutationArgsInput, type MutationName, type RawMutation } from '../../../shared/index.js';
import type { OtklikDb, OutboxRow } from './db.js';
import { appealIdOf } from './overlay.js';

/**
 * A fresh random id for clients, appeals and comments (letters, digits, `-`: what `Id` accepts). Browsers
 * offer `crypto.randomUUID` only in a secure context; a console opened over plain http on a LAN address
 * gets a version-4 UUID built from `crypto.getRandomValues`, which every context has.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromRandomValues();
}

/** A version-4 UUID from `crypto.getRandomValues` (RFC 9562 §5.4). */
export function uuidFromRandomValues(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The console's clientId, created on first use and kept across logins. */
export async function ensureClientId(db: OtklikDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.getMeta('clientId');
    if (existing) return existing;
    const id = newId();
    await db.setMeta('clientId', id);
    return id;
  });
}

/**
 * Validates, numbers and stores a mutation in one transaction: the number and the row commit together, so
 * a crash never leaves a gap or a reused mutationId. The optimistic effect is the row itself: the overlay
 * replays it over confirmed state, so the two can never disagree.
 */
export async function writeMutation<N extends MutationName>(
  db: OtklikDb,
  name: N,
  args: MutationArgsInput<N>,
  now: () => Date = () => new Date(),
): Promise<OutboxRow> {
  const parsed: unknown = MUTATION_ARGS[name].parse(args);
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const mutationId = (await db.getMeta('nextMutationId')) ?? 1;
    const row: OutboxRow = {
      mutationId,
      name,
      args: parsed,
      status: 'pending',
      createdAt: now().toISOString(),
      appealId: appealIdOf(name, parsed),
      seq: null,
    };
    row.id = await db.outbox.add(row);
    await db.setMeta('nextMutationId', mutationId + 1);
    return row;
  });
}

/** Rows still to replay (pending or applied-but-not-pulled), in mutationId order. */
export async function readOutbox(db: OtklikDb): Promise<OutboxRow[]> {
  const rows = await db.outbox.orderBy('mutationId').toArray();
  return rows.filter((r) => r.status !== 'rejected');
}

/** The wire form of an outbox row. */
export function toRawMutation(row: OutboxRow, clientId: string): RawMutation {
  return { clientId, mutationId: row.mutationId, createdAt: row.createdAt, name: row.name, args: row.args };
}

/** Splits pending rows into pushes that respect the server's count and message-size limits. */
export function pushBatches(rows: readonly OutboxRow[], clientId: string, maxCount: number, maxBytes: number): RawMutation[][] {
  const batches: RawMutation[][] = [];
  let batch: RawMutation[] = [];
  let bytes = 0;
  for (const row of rows) {
    const raw = toRawMutation(row, clientId);
    // UTF-16 length ×3 bounds the UTF-8 size of Cyrillic text without encoding it
    const size = JSON.stringify(raw).length * 3;
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(raw);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
