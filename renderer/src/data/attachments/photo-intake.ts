// Taking a photo in: limits, free space, sha256, EXIF time and GPS, a thumbnail and a screen-size copy made locally, and the one write that keeps the bytes with the attachment.add.
import exifr from 'exifr';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_THUMBNAIL_CHARS,
  type AttachmentAddArgs,
  type AttachmentKind,
  type AttachmentType,
  type Gps,
} from '../../../../shared/index.js';
import type { OtklikDb } from '../db.js';

export type PhotoWarning = 'no_time' | 'no_gps' | 'no_preview' | 'low_space';
export type PhotoErrorCode = 'TYPE_NOT_ALLOWED' | 'FILE_TOO_LARGE' | 'STORAGE_FULL';

/** A refusal before anything is stored; the UI shows it with the numbers in `detail`. */
export class PhotoError extends Error {
  constructor(
    readonly code: PhotoErrorCode,
    message: string,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'PhotoError';
  }
}

export interface PreparedPhoto {
  args: AttachmentAddArgs;
  original: Blob;
  screen: Blob | null;
  warnings: PhotoWarning[];
}

const MB = 1024 * 1024;
/** Below this much free space the person is warned before the next photo; below the photo's own need it is refused. */
export const LOW_SPACE_BYTES = 200 * MB;
const THUMB_SIDES = [320, 240, 160] as const;
const SCREEN_SIDE = 1600;

export function isAttachmentType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Space for `bytes` more (the original plus its copies), asked of the browser before writing: IndexedDB
 * refuses a write past its quota, and a refused photo must be a message, never a silent drop.
 */
export async function checkSpace(bytes: number, storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage): Promise<{ free: number | null; low: boolean }> {
  if (!storage?.estimate) return { free: null, low: false };
  const { quota, usage } = await storage.estimate();
  if (quota === undefined || usage === undefined) return { free: null, low: false };
  const free = quota - usage;
  // the original, the screen copy and IndexedDB's own overhead
  const need = bytes * 2 + 5 * MB;
  if (free < need) {
    throw new PhotoError('STORAGE_FULL', `not enough space on this computer: ${Math.round(free / MB)} MB free, ${Math.round(need / MB)} MB needed`, {
      freeMb: Math.round(free / MB),
      needMb: Math.round(need / MB),
    });
  }
  return { free, low: free - need < LOW_SPACE_BYTES };
}

let persistAsked = false;
/** Asks once per session that the browser never evicts this console's data (unsent photos live there). */
export async function requestPersistence(storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<boolean> {
  if (!storage?.persist) return false;
  if (persistAsked) return storage.persisted ? storage.persisted() : false;
  persistAsked = true;
  return storage.persist();
}

/** EXIF DateTimeOriginal (camera local time, as the person saw it) and GPS, or nulls. */
export async function readExif(blob: Blob): Promise<{ takenAt: string | null; gps: Gps | null }> {
  try {
    const tags = (await exifr.parse(blob, { pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'], gps: true })) as
      | { DateTimeOriginal?: Date; CreateDate?: Date; latitude?: number; longitude?: number }
      | undefined;
    const when = tags?.DateTimeOriginal ?? tags?.CreateDate;
    const takenAt = when instanceof Date && !Number.isNaN(when.getTime()) ? when.toISOString() : null;
    const lat = tags?.latitude;
    const lon = tags?.longitude;
    const gps = typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
    return { takenAt, gps };
  } catch {
    // no EXIF block or one exifr cannot read: the photo is still taken, with a warning
    return { takenAt: null, gps: null };
  }
}

async function toJpeg(bitmap: ImageBitmap, maxSide: number, quality: number): Promise<Blob> {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas refused JPEG'))), 'image/jpeg', quality));
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** A thumbnail small enough to travel inside the mutation, and a screen copy; nulls for what the browser cannot draw (PDF, HEIC). */
export async function makePreviews(blob: Blob): Promise<{ thumbnail: string | null; screen: Blob | null }> {
  if (!blob.type.startsWith('image/')) return { thumbnail: null, screen: null };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return { thumbnail: null, screen: null };
  }
  try {
    let thumbnail: string | null = null;
    for (const side of THUMB_SIDES) {
      const candidate = await dataUrl(await toJpeg(bitmap, side, 0.7));
      if (candidate.length <= MAX_THUMBNAIL_CHARS) {
        thumbnail = candidate;
        break;
      }
    }
    const screen = await toJpeg(bitmap, SCREEN_SIDE, 0.85);
    return { thumbnail, screen };
  } finally {
    bitmap.close();
  }
}

/** Everything about a photo the console can learn locally, before it is stored; refuses what the server would refuse. */
export async function preparePhoto(
  file: Blob,
  fields: { attachmentId: string; appealId: string; kind: AttachmentKind; fileName: string; takenAt?: string | null },
): Promise<PreparedPhoto> {
  if (!isAttachmentType(file.type)) {
    throw new PhotoError('TYPE_NOT_ALLOWED', `type ${file.type || 'unknown'} is not allowed`, { type: file.type || '?' });
  }
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new PhotoError('FILE_TOO_LARGE', `file is ${Math.round(file.size / MB)} MB, the limit is ${MAX_ATTACHMENT_BYTES / MB} MB`, {
      sizeMb: Math.round(file.size / MB),
      limitMb: MAX_ATTACHMENT_BYTES / MB,
    });
  }
  const space = await checkSpace(file.size);
  void requestPersistence();
  const [sha256, exif, previews] = await Promise.all([sha256Hex(file), readExif(file), makePreviews(file)]);
  const takenAt = exif.takenAt ?? fields.takenAt ?? null;
  const warnings: PhotoWarning[] = [];
  if (file.type !== 'application/pdf') {
    if (takenAt === null) warnings.push('no_time');
    if (exif.gps === null) warnings.push('no_gps');
    if (previews.thumbnail === null) warnings.push('no_preview');
  }
  if (space.low) warnings.push('low_space');
  return {
    args: {
      attachmentId: fields.attachmentId,
      appealId: fields.appealId,
      kind: fields.kind,
      sha256,
      size: file.size,
      type: file.type,
      fileName: fields.fileName.slice(0, 200) || 'photo.jpg',
      takenAt,
      gps: exif.gps,
      thumbnail: previews.thumbnail,
    },
    original: file,
    screen: previews.screen,
    warnings,
  };
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

/**
 * Stores the bytes and the upload's state, then records the mutation through `mutate` (the store's, so the
 * outbox, the unsent count and the push follow). A refused mutation takes the bytes back out.
 */
export async function storePhoto(
  db: OtklikDb,
  photo: PreparedPhoto,
  mutate: (args: AttachmentAddArgs) => Promise<unknown>,
  now: () => Date = () => new Date(),
): Promise<void> {
  const { args } = photo;
  try {
    await db.transaction('rw', [db.attachmentBlobs, db.uploads], async () => {
      await db.attachmentBlobs.put({ id: args.attachmentId, appealId: args.appealId, original: photo.original, screen: photo.screen });
      await db.uploads.put({
        id: args.attachmentId,
        appealId: args.appealId,
        fileName: args.fileName,
        size: args.size,
        state: 'waiting',
        sent: 0,
        tus: null,
        error: null,
        createdAt: now().toISOString(),
      });
    });
  } catch (error) {
    if (isQuotaError(error)) throw new PhotoError('STORAGE_FULL', 'the browser refused to store the photo: no space left', {});
    throw error;
  }
  try {
    await mutate(args);
  } catch (error) {
    await db.transaction('rw', [db.attachmentBlobs, db.uploads], async () => {
      await db.attachmentBlobs.delete(args.attachmentId);
      await db.uploads.delete(args.attachmentId);
    });
    throw error;
  }
}
