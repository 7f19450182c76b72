// The opened appeal's attachments, live from IndexedDB: confirmed rows, own unsent ones from the outbox, and this console's upload state.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { AttachmentAddArgs, type Attachment } from '../../../../shared/index.js';
import type { UploadRow } from '../../data/attachments/rows.js';
import { consoleStore } from '../store-access.js';

export interface AttachmentView {
  attachment: Attachment;
  /** This console's upload of it (absent for colleagues' photos). */
  upload: UploadRow | null;
  /** The bytes are on this computer (own photo): the full image needs no download. */
  local: boolean;
}

async function readAttachments(appealId: string): Promise<AttachmentView[]> {
  const db = consoleStore.runtime.db;
  const [confirmed, outbox, uploads, blobKeys] = await Promise.all([
    db.attachments.where('appealId').equals(appealId).toArray(),
    db.outbox.where('appealId').equals(appealId).toArray(),
    db.uploads.where('appealId').equals(appealId).toArray(),
    db.attachmentBlobs.where('appealId').equals(appealId).primaryKeys(),
  ]);
  const user = consoleStore.getState().user;
  const byId = new Map(confirmed.map((a) => [a.id, a]));
  for (const row of outbox) {
    if (row.name !== 'attachment.add' || row.status === 'rejected') continue;
    const parsed = AttachmentAddArgs.safeParse(row.args);
    if (!parsed.success || byId.has(parsed.data.attachmentId)) continue;
    const { attachmentId, ...rest } = parsed.data;
    byId.set(attachmentId, { ...rest, id: attachmentId, authorId: user?.id ?? '', authorName: user?.displayName ?? '', createdAt: row.createdAt, uploadedAt: null });
  }
  const uploadById = new Map(uploads.map((u) => [u.id, u]));
  const local = new Set(blobKeys.map(String));
  return [...byId.values()]
    .sort((a, b) => (a.takenAt ?? a.createdAt).localeCompare(b.takenAt ?? b.createdAt))
    .map((attachment) => ({ attachment, upload: uploadById.get(attachment.id) ?? null, local: local.has(attachment.id) }));
}

export function useAttachments(appealId: string): AttachmentView[] {
  const [views, setViews] = useState<AttachmentView[]>([]);
  useEffect(() => {
    const subscription = liveQuery(() => readAttachments(appealId)).subscribe({
      next: setViews,
      error: (error: unknown) => console.error('attachments query failed', error),
    });
    return () => subscription.unsubscribe();
  }, [appealId]);
  return views;
}
