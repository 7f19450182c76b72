// Attachments (field photos and documents): the row every console syncs, the attachment.add arguments, upload limits and codes, and the answer's proof rule.
import { z } from 'zod';
import { Id, Instant, ShortText } from './entities.js';

/** Largest file the server takes (tus Upload-Length and the mutation's size alike). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** What may be attached: photos as phones and cameras save them, and PDF documents. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'image/webp', 'application/pdf'] as const;
export const AttachmentType = z.enum(ATTACHMENT_TYPES);
export type AttachmentType = z.infer<typeof AttachmentType>;

export const ATTACHMENT_KINDS = ['before', 'after', 'document'] as const;
export const AttachmentKind = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/**
 * A thumbnail travels inside the mutation (so other consoles see it before the bytes arrive): a small JPEG data URL.
 * 40 000 characters of base64 hold the ~30 KB the console aims for, with room to spare.
 */
export const MAX_THUMBNAIL_CHARS = 40_000;
export const Thumbnail = z
  .string()
  .max(MAX_THUMBNAIL_CHARS)
  .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/, 'thumbnail: a JPEG data URL');

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256: 64 lower-case hex digits');

export const Gps = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type Gps = z.infer<typeof Gps>;

export const AttachmentAddArgs = z.object({
  /** Made by the console; the tus upload and the local blob are keyed by it. */
  attachmentId: Id,
  appealId: Id,
  kind: AttachmentKind,
  sha256: Sha256Hex,
  size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
  type: AttachmentType,
  fileName: ShortText.min(1),
  /** EXIF DateTimeOriginal (or the capture time for the console's camera); null when the file does not say. */
  takenAt: Instant.nullable(),
  gps: Gps.nullable(),
  /** null for documents and formats the console cannot draw (HEIC). */
  thumbnail: Thumbnail.nullable(),
});
export type AttachmentAddArgs = z.infer<typeof AttachmentAddArgs>;

/** The attachment row as the server keeps it and every console in scope receives it. */
export const Attachment = AttachmentAddArgs.omit({ attachmentId: true }).extend({
  id: Id,
  authorId: Id,
  authorName: ShortText,
  createdAt: Instant,
  /** Set once the bytes arrived and their sha256 matched; until then only the metadata and thumbnail exist. */
  uploadedAt: Instant.nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * Codes the upload endpoints answer with, in `{ error: { code, message } }` bodies. The sync ErrorCode set
 * is shared by every boundary; these belong to the byte path only, so the console maps them itself.
 */
export const UPLOAD_ERROR_CODES = [
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'USER_DISABLED',
  'NOT_FOUND', // no such attachment (its attachment.add has not reached the server yet)
  'OUT_OF_SCOPE', // another organisation's appeal
  'FILE_TOO_LARGE',
  'TYPE_NOT_ALLOWED',
  'SIZE_MISMATCH', // Upload-Length differs from the size the attachment declared
  'CHECKSUM_MISMATCH', // the bytes do not hash to the declared sha256: refused and deleted
  'ALREADY_UPLOADED', // the bytes are on the server (this upload or the same bytes before): nothing to send
  'NOT_UPLOADED', // download of an attachment whose bytes have not arrived yet
  'BAD_MESSAGE',
  'INTERNAL',
] as const;
export const UploadErrorCode = z.enum(UPLOAD_ERROR_CODES);
export type UploadErrorCode = z.infer<typeof UploadErrorCode>;
export const UploadErrorBody = z.object({ error: z.object({ code: UploadErrorCode, message: z.string() }) });

/** Upload outcomes after which sending again cannot help: the console stops and says why. */
export const FINAL_UPLOAD_CODES: readonly UploadErrorCode[] = [
  'OUT_OF_SCOPE',
  'FILE_TOO_LARGE',
  'TYPE_NOT_ALLOWED',
  'SIZE_MISMATCH',
  'CHECKSUM_MISMATCH',
  'ALREADY_UPLOADED',
  'USER_DISABLED',
];

/** Where the tus endpoint and the downloads live on the sync server. */
export const UPLOADS_PATH = '/uploads/';
export const attachmentContentPath = (attachmentId: string) => `/api/attachments/${encodeURIComponent(attachmentId)}/content`;

/** tus Upload-Metadata keys the server reads. */
export interface UploadMetadata {
  attachmentId: string;
  filetype: string;
  filename: string;
}

/**
 * An answer that reports finished work needs proof: at least one uploaded "before" and one uploaded "after"
 * photo (domain.md, "What an answer must have"). Pure: the workflow calls it with the appeal's attachments.
 */
export function checkAnswerProof(
  attachments: ReadonlyArray<Pick<Attachment, 'kind' | 'uploadedAt'>>,
): null | { code: 'VALIDATION_FAILED'; message: string } {
  const uploaded = attachments.filter((a) => a.uploadedAt !== null);
  const hasBefore = uploaded.some((a) => a.kind === 'before');
  const hasAfter = uploaded.some((a) => a.kind === 'after');
  if (hasBefore && hasAfter) return null;
  const missing = [!hasBefore && '«было»', !hasAfter && '«стало»'].filter(Boolean).join(' и ');
  return {
    code: 'VALIDATION_FAILED',
    message: `Ответ о выполненной работе нельзя отправить без загруженных фото ${missing}`,
  };
}
