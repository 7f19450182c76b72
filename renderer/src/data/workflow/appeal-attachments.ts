// Watches one appeal's attachment rows in IndexedDB, for the answer's proof rule (before and after photos).
import { liveQuery } from 'dexie';
import type { Attachment } from '../../../../shared/attachments.js';
import type { OtklikDb } from '../db.js';

/** Calls `onRows` now and whenever the appeal's attachments change; returns the unsubscribe. */
export function watchAttachments(db: OtklikDb, appealId: string, onRows: (rows: Attachment[]) => void): () => void {
  // read by name: the attachments table belongs to the photos module
  const subscription = liveQuery(() => db.table<Attachment, string>('attachments').where('appealId').equals(appealId).toArray()).subscribe({
    next: onRows,
    error: (e: unknown) => console.error('attachments not readable', e),
  });
  return () => subscription.unsubscribe();
}
