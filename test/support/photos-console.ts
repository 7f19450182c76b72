// Field photos in a real console page: drawing test photos, attaching them by picker, drop, paste and camera, reading the stored bytes back out of IndexedDB, and watching tus requests and the server's partial upload.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { UPLOADS_PATH, type AttachmentKind } from '../../shared/index.js';
import { CHROMIUM_ARGS, launchConsole, sqlite, type ConsoleBrowser, type LaunchOptions } from './browser.js';
import { drawJpegScript, type DrawnScene } from './photos-jpeg.js';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Runs a test body; a failure carries `diagnostics()` (the consoles' and the server's last words). */
export async function withDiagnostics(diagnostics: () => string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
  }
}

/** A JPEG drawn by the page's own canvas. */
export async function drawJpeg(page: Page, scene: DrawnScene): Promise<Buffer> {
  return Buffer.from((await page.evaluate(drawJpegScript(scene))) as string, 'base64');
}

/**
 * The JPEG grown to `size` bytes with random bytes after its end marker: decoders stop at the marker, so it stays a
 * valid photo, and the bytes are as incompressible as a camera's without encoding a 20-megapixel canvas on a 2-core machine.
 */
export function padJpeg(jpeg: Buffer, size: number): Buffer {
  if (jpeg.length >= size) return jpeg;
  return Buffer.concat([jpeg, randomBytes(size - jpeg.length)]);
}

/** An in_progress appeal of field1's organisation with no photos yet, not one of `taken`. */
export function appealForPhotos(dataDir: string, taken: readonly string[] = []): string {
  const rows = sqlite<{ id: string }>(
    dataDir,
    `SELECT id FROM appeals WHERE status = 'in_progress' AND organisation_id = (SELECT organisation_id FROM users WHERE login = 'field1')
       AND id NOT IN (SELECT appeal_id FROM attachments) AND id NOT IN (SELECT appeal_id FROM answers) ORDER BY id`,
  );
  const free = rows.find((r) => !taken.includes(r.id));
  if (!free) throw new Error('the demo data has no in_progress appeal of field1 left without photos');
  return free.id;
}

export const photoCards = (page: Page, kind: AttachmentKind) => page.locator(`[data-testid="photos-${kind}"] [data-testid="photo-card"]`);

/** Waits until the open appeal shows `added` more cards of `kind` than `known`; returns the new attachments' ids. */
async function waitForNewCards(page: Page, kind: AttachmentKind, known: readonly string[], added: number): Promise<string[]> {
  await page.waitForFunction(
    ({ kind, count }) => document.querySelectorAll(`[data-testid="photos-${kind}"] [data-testid="photo-card"]`).length >= count,
    { kind, count: known.length + added },
    { timeout: 30_000 },
  );
  const ids = await photoCards(page, kind).evaluateAll((cards) => cards.map((c) => c.getAttribute('data-attachment-id') ?? ''));
  return ids.filter((id) => !known.includes(id));
}

/** Marks the next photos as `kind`, runs `act` (which hands the console `added` files), and returns the new attachments' ids. */
export async function attachAllWith(page: Page, kind: AttachmentKind, added: number, act: () => Promise<void>): Promise<string[]> {
  await page.check(`[data-testid="photo-kind-${kind}"]`);
  const known = await photoCards(page, kind).evaluateAll((cards) => cards.map((c) => c.getAttribute('data-attachment-id') ?? ''));
  await act();
  return waitForNewCards(page, kind, known, added);
}

/** attachAllWith for one file: the new attachment's id. */
export async function attachWith(page: Page, kind: AttachmentKind, act: () => Promise<void>): Promise<string> {
  const [id] = await attachAllWith(page, kind, 1, act);
  return id!;
}

export interface PhotoFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** Several files chosen at once in the file picker; returns the new attachments' ids. */
export function attachAllByPicker(page: Page, kind: AttachmentKind, files: readonly PhotoFile[]): Promise<string[]> {
  const payloads = files.map((f) => ({ name: f.name, mimeType: f.type ?? 'image/jpeg', buffer: f.bytes }));
  return attachAllWith(page, kind, files.length, () => page.setInputFiles('[data-testid="photo-input"]', payloads));
}

/** Through the file picker; returns the new attachment's id. */
export async function attachByPicker(page: Page, kind: AttachmentKind, file: PhotoFile): Promise<string> {
  const [id] = await attachAllByPicker(page, kind, [file]);
  return id!;
}

/**
 * Dispatches `event` ('drop' or 'paste') on the photo section with a DataTransfer holding a File built in the page
 * from the bytes, as the browser does for a file dragged from the desktop or pasted from the clipboard.
 */
async function dispatchFileEvent(page: Page, event: 'drop' | 'paste', file: PhotoFile): Promise<void> {
  await page.locator('[data-testid="photos"]').evaluate(
    (section, { event, name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      if (event === 'paste') {
        section.focus();
        section.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        return;
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        section.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { event, name: file.name, type: file.type ?? 'image/jpeg', base64: file.bytes.toString('base64') },
  );
}

export function attachByDrop(page: Page, kind: AttachmentKind, file: PhotoFile): Promise<string> {
  return attachWith(page, kind, () => dispatchFileEvent(page, 'drop', file));
}

export function attachByPaste(page: Page, kind: AttachmentKind, file: PhotoFile): Promise<string> {
  return attachWith(page, kind, () => dispatchFileEvent(page, 'paste', file));
}

/** Chromium's fake camera (a moving test pattern) with the permission prompt answered yes. */
export const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] as const;

/**
 * launchConsole with extra Chromium flags for this one launch. launchConsole reads the shared CHROMIUM_ARGS list when
 * it starts the browser, so the flags go in for the launch and come out again, and no other console gets them.
 */
export async function launchConsoleWithFlags(flags: readonly string[], profileDir: string, serverUrl: string, options: LaunchOptions = {}): Promise<ConsoleBrowser> {
  const added = flags.filter((f) => !CHROMIUM_ARGS.includes(f));
  CHROMIUM_ARGS.push(...added);
  try {
    return await launchConsole(profileDir, serverUrl, options);
  } finally {
    for (const flag of added) CHROMIUM_ARGS.splice(CHROMIUM_ARGS.indexOf(flag), 1);
  }
}

/** What IndexedDB holds of an attachment made on this console: the original's hash and size, and the screen copy's pixel size. */
export interface StoredPhoto {
  originalSha256: string;
  originalSize: number;
  screen: { width: number; height: number; type: string } | null;
}

export async function storedPhoto(page: Page, attachmentId: string): Promise<StoredPhoto | null> {
  return page.evaluate(
    (id) =>
      new Promise<StoredPhoto | null>((resolve, reject) => {
        const open = indexedDB.open('otklik');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const req = idb.transaction('attachmentBlobs', 'readonly').objectStore('attachmentBlobs').get(id);
          req.onerror = () => reject(req.error);
          req.onsuccess = async () => {
            idb.close();
            const row = req.result as { original: Blob; screen: Blob | null } | undefined;
            if (!row) return resolve(null);
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await row.original.arrayBuffer()));
            let screen: StoredPhoto['screen'] = null;
            if (row.screen) {
              const bitmap = await createImageBitmap(row.screen);
              screen = { width: bitmap.width, height: bitmap.height, type: row.screen.type };
              bitmap.close();
            }
            resolve({ originalSha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''), originalSize: row.original.size, screen });
          };
        };
      }),
    attachmentId,
  );
}

/** A tus request the page made: method, the Upload-Offset it sent (PATCH), when, and how it ended. */
export interface TusRequest {
  method: string;
  offset: number | null;
  at: number;
  outcome: 'pending' | 'finished' | 'failed';
  status: number | null;
}

/** Records every tus request of the page from now on (newest last). */
export function recordTus(page: Page): TusRequest[] {
  const seen: TusRequest[] = [];
  const byRequest = new Map<Request, TusRequest>();
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.startsWith(UPLOADS_PATH.replace(/\/$/, ''))) return;
    const offset = request.headers()['upload-offset'];
    const entry: TusRequest = { method: request.method(), offset: offset === undefined ? null : Number(offset), at: Date.now(), outcome: 'pending', status: null };
    seen.push(entry);
    byRequest.set(request, entry);
  });
  page.on('requestfinished', (request) => {
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.outcome = 'finished';
    void request.response().then((r) => (entry.status = r?.status() ?? null));
  });
  page.on('requestfailed', (request) => {
    const entry = byRequest.get(request);
    if (entry) entry.outcome = 'failed';
  });
  return seen;
}

/** Bytes of an upload the server holds so far (its tus offset: the file store appends to one file per upload), or null before creation and after finishing. */
export function partialBytes(dataDir: string, attachmentId: string): number | null {
  const file = join(dataDir, 'uploads', 'partial', attachmentId);
  return existsSync(file) ? statSync(file).size : null;
}

export interface ServerAttachmentRow {
  sha256: string;
  kind: string;
  taken_at: string | null;
  uploaded_at: string | null;
}

export function serverAttachment(dataDir: string, attachmentId: string): ServerAttachmentRow | undefined {
  return sqlite<ServerAttachmentRow>(dataDir, 'SELECT sha256, kind, taken_at, uploaded_at FROM attachments WHERE id = ?', attachmentId)[0];
}

/** Where the server keeps verified bytes (content-addressed by sha256). */
export function blobFile(dataDir: string, sha256: string): string {
  return join(dataDir, 'uploads', 'blobs', sha256.slice(0, 2), sha256);
}
