// The outbox mirrored to a file by the desktop shell, so a wiped browser profile does not lose unsent work.
import { z } from 'zod';
import type { OtklikDb, OutboxRow } from './db.js';

const MirrorRow = z.object({
  mutationId: z.number().int().positive(),
  name: z.string(),
  args: z.unknown(),
  createdAt: z.string(),
  appealId: z.string().nullable(),
});

const Mirror = z.object({
  clientId: z.string(),
  ownerId: z.string().nullable(),
  nextMutationId: z.number().int().positive(),
  outbox: z.array(MirrorRow),
});
export type OutboxMirror = z.infer<typeof Mirror>;

/** Only unacknowledged rows matter: acknowledged ones are on the server already. */
export function mirrorJson(clientId: string, ownerId: string | null, nextMutationId: number, rows: readonly OutboxRow[]): string {
  const outbox = rows
    .filter((r) => r.status === 'pending')
    .map((r) => ({ mutationId: r.mutationId, name: r.name, args: r.args, createdAt: r.createdAt, appealId: r.appealId }));
  return JSON.stringify({ clientId, ownerId, nextMutationId, outbox } satisfies OutboxMirror);
}

export function parseMirror(json: string | null): OutboxMirror | null {
  if (json === null || json === '') return null;
  try {
    const parsed = Mirror.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // a torn write of the mirror file: nothing to restore from it
  }
}

/**
 * Puts a mirrored outbox back when IndexedDB lost it: only into an empty outbox, and only for the same
 * clientId (or a profile that has none any more), so the server's exactly-once numbering still holds.
 */
export async function restoreFromMirror(db: OtklikDb, mirror: OutboxMirror | null): Promise<number> {
  if (!mirror || mirror.outbox.length === 0) return 0;
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    if ((await db.outbox.count()) > 0) return 0;
    const clientId = await db.getMeta('clientId');
    if (clientId !== undefined && clientId !== mirror.clientId) return 0;
    await db.setMeta('clientId', mirror.clientId);
    const next = (await db.getMeta('nextMutationId')) ?? 1;
    await db.setMeta('nextMutationId', Math.max(next, mirror.nextMutationId));
    if (mirror.ownerId !== null && (await db.getMeta('ownerId')) === undefined) await db.setMeta('ownerId', mirror.ownerId);
    await db.outbox.bulkAdd(
      mirror.outbox.map((r) => ({ ...r, name: r.name as OutboxRow['name'], status: 'pending' as const, seq: null })),
    );
    return mirror.outbox.length;
  });
}
