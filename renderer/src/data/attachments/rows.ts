// Local rows of field photos in IndexedDB: the bytes kept on this console, and each upload's state with its tus URL.
import type { UploadErrorCode } from '../../../../shared/index.js';

/** The bytes of an attachment made on this console: the original (EXIF intact) and a screen-size copy. */
export interface AttachmentBlobRow {
  /** The attachment id. */
  id: string;
  appealId: string;
  original: Blob;
  /** JPEG no larger than the screen, for viewing without decoding a 12-megapixel original; null for documents. */
  screen: Blob | null;
}

/**
 * Upload state per attachment. `waiting`: not started or interrupted (resumes on its own); `uploading`: bytes
 * on the way; `done`: the server has verified them; `failed`: refused for good, with the code shown to the person.
 */
export interface UploadRow {
  id: string;
  appealId: string;
  fileName: string;
  size: number;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  /** Bytes the server confirmed (its Upload-Offset) at the last progress report. */
  sent: number;
  /** tus urlStorage entry for this attachment (tus-js-client's PreviousUpload), or null before creation. */
  tus: {
    uploadUrl: string | null;
    parallelUploadUrls: string[] | null;
    creationTime: string;
    size: number | null;
    metadata: Record<string, string>;
    urlStorageKey: string;
  } | null;
  error: { code: UploadErrorCode | 'STORAGE_FULL'; message: string } | null;
  createdAt: string;
}
