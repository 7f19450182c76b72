// Row types of the attachment tables (migration 0002), and conversions to the shared Attachment.
import type { Attachment, Gps } from '../../shared/index.js';

export interface AttachmentsTable {
  id: string;
  appeal_id: string;
  kind: string;
  sha256: string;
  size: number;
  type: string;
  file_name: string;
  taken_at: string | null;
  /** JSON {lat, lon} or null. */
  gps: string | null;
  thumbnail: string | null;
  author_id: string;
  author_name: string;
  created_at: string;
  uploaded_at: string | null;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  created_at: string;
}

export function attachmentFromRow(r: AttachmentsTable): Attachment {
  return {
    id: r.id,
    appealId: r.appeal_id,
    kind: r.kind as Attachment['kind'],
    sha256: r.sha256,
    size: Number(r.size),
    type: r.type as Attachment['type'],
    fileName: r.file_name,
    takenAt: r.taken_at,
    gps: r.gps === null ? null : (JSON.parse(r.gps) as Gps),
    thumbnail: r.thumbnail,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
    uploadedAt: r.uploaded_at,
  };
}

export function attachmentToRow(a: Attachment): AttachmentsTable {
  return {
    id: a.id,
    appeal_id: a.appealId,
    kind: a.kind,
    sha256: a.sha256,
    size: a.size,
    type: a.type,
    file_name: a.fileName,
    taken_at: a.takenAt,
    gps: a.gps === null ? null : JSON.stringify(a.gps),
    thumbnail: a.thumbnail,
    author_id: a.authorId,
    author_name: a.authorName,
    created_at: a.createdAt,
    uploaded_at: a.uploadedAt,
  };
}
