// The console's upload queue: tus-js-client per attachment, the upload URL kept in IndexedDB, resumed after cuts, restarts and reconnects, with progress per file and in total.
import { Upload, type DetailedError, type PreviousUpload, type UrlStorage } from 'tus-js-client';
import { FINAL_UPLOAD_CODES, UploadErrorBody, UPLOADS_PATH, type UploadErrorCode } from '../../../../shared/index.js';
import type { OtklikDb } from '../db.js';
import type { UploadRow } from './rows.js';

const FINGERPRINT_PREFIX = 'otklik-attachment-';
export const fingerprintOf = (attachmentId: string) => `${FINGERPRINT_PREFIX}${attachmentId}`;

/** tus-js-client's urlStorage over the uploads table: one stored upload URL per attachment, in IndexedDB (not localStorage). */
export class DexieUrlStorage implements UrlStorage {
  constructor(private readonly db: OtklikDb) {}

  async findAllUploads(): Promise<PreviousUpload[]> {
    const rows = await this.db.uploads.toArray();
    return rows.flatMap((r) => (r.tus ? [r.tus] : []));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    if (!fingerprint.startsWith(FINGERPRINT_PREFIX)) return [];
    const row = await this.db.uploads.get(fingerprint.slice(FINGERPRINT_PREFIX.length));
    return row?.tus ? [row.tus] : [];
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    if (!urlStorageKey.startsWith(FINGERPRINT_PREFIX)) return;
    await this.db.uploads.update(urlStorageKey.slice(FINGERPRINT_PREFIX.length), { tus: null });
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const id = fingerprint.slice(FINGERPRINT_PREFIX.length);
    const tus: NonNullable<UploadRow['tus']> = {
      uploadUrl: upload.uploadUrl,
      parallelUploadUrls: upload.parallelUploadUrls ?? null,
      creationTime: upload.creationTime,
      size: upload.size,
      metadata: { ...upload.metadata },
      urlStorageKey: fingerprint,
    };
    await this.db.uploads.update(id, { tus });
    return fingerprint;
  }
}

/** The server's coded refusal inside a tus error, or null for a lost link. */
export function uploadErrorCode(error: Error): { status: number; code: UploadErrorCode | null; message: string } {
  const response = (error as DetailedError).originalResponse;
  const status = response?.getStatus() ?? 0;
  try {
    const parsed = UploadErrorBody.safeParse(JSON.parse(response?.getBody() ?? ''));
    if (parsed.success) return { status, code: parsed.data.error.code, message: parsed.data.error.message };
  } catch {
    // not JSON: a proxy's page or no response at all
  }
  return { status, code: null, message: error.message };
}

export interface UploadHost {
  db: OtklikDb;
  serverUrl(): string;
  accessToken(): string | null;
  /** A fresh access token after TOKEN_EXPIRED ('ok' when there is one). */
  refreshSession(): Promise<string>;
}

export interface UploadProgress {
  id: string;
  fileName: string;
  state: UploadRow['state'];
  sent: number;
  size: number;
  error: UploadRow['error'];
}

export interface QueueSnapshot {
  files: UploadProgress[];
  sent: number;
  total: number;
}

/** Seconds between safety-net passes, whatever events were (not) seen. */
const PASS_MS = 10_000;

export class UploadQueue {
  private current: { id: string; upload: Upload } | null = null;
  private readonly live = new Map<string, number>();
  private listeners = new Set<() => void>();
  private snapshotCache: QueueSnapshot = { files: [], sent: 0, total: 0 };
  private timer: ReturnType<typeof setInterval> | null = null;
  private kicking: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  readonly urlStorage: DexieUrlStorage;

  constructor(private readonly host: UploadHost) {
    this.urlStorage = new DexieUrlStorage(host.db);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.kick(), PASS_MS);
    void this.kick();
  }

  /** Logout or shutdown: the upload in flight stops where it is (never terminated on the server: it resumes later). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const current = this.current;
    this.current = null;
    void current?.upload.abort(false);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): QueueSnapshot {
    return this.snapshotCache;
  }

  /** Looks for work now: on start, the browser's `online` event, a reconnect, a new photo, an acknowledged push. */
  kick(): Promise<void> {
    if (this.kicking) {
      this.again = true;
      return this.kicking;
    }
    this.kicking = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
      } finally {
        this.kicking = null;
      }
    })();
    return this.kicking;
  }

  private async pass(): Promise<void> {
    const rows = await this.host.db.uploads.toArray();
    await this.publish(rows);
    if (this.stopped || this.current) return;
    // one file at a time: on a thin link, one finished photo is worth more than two halves
    for (const row of rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if (row.state === 'done' || row.state === 'failed') continue;
      const ready = await this.readiness(row);
      if (ready === 'done') {
        await this.finish(row.id, 'done', null);
        continue;
      }
      if (ready === 'rejected') {
        await this.finish(row.id, 'failed', { code: 'NOT_FOUND', message: 'attachment.add was refused' });
        continue;
      }
      if (ready === 'wait') continue;
      if (!this.host.accessToken()) return;
      await this.upload(row);
      return;
    }
  }

  /** The server must know the attachment before its bytes: its attachment.add applied, or its row pulled. */
  private async readiness(row: UploadRow): Promise<'go' | 'wait' | 'done' | 'rejected'> {
    const confirmed = await this.host.db.attachments.get(row.id);
    if (confirmed?.uploadedAt) return 'done'; // the same bytes were already on the server
    if (confirmed) return 'go';
    const outbox = await this.host.db.outbox.where('appealId').equals(row.appealId).toArray();
    const mine = outbox.find((r) => r.name === 'attachment.add' && (r.args as { attachmentId?: string }).attachmentId === row.id);
    if (mine?.status === 'sent') return 'go';
    if (mine) return 'wait';
    const attention = await this.host.db.attention.where('appealId').equals(row.appealId).toArray();
    if (attention.some((a) => a.name === 'attachment.add' && (a.args as { attachmentId?: string }).attachmentId === row.id)) return 'rejected';
    return 'wait';
  }

  private async upload(row: UploadRow): Promise<void> {
    const blob = await this.host.db.attachmentBlobs.get(row.id);
    if (!blob) {
      await this.finish(row.id, 'failed', { code: 'NOT_FOUND', message: 'the photo is no longer stored on this computer' });
      return;
    }
    const { db } = this.host;
    await db.uploads.update(row.id, { state: 'uploading', error: null });
    const upload = new Upload(blob.original, {
      endpoint: new URL(UPLOADS_PATH, this.host.serverUrl()).toString(),
      metadata: { attachmentId: row.id, filetype: blob.original.type, filename: row.fileName },
      fingerprint: async () => fingerprintOf(row.id),
      urlStorage: this.urlStorage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: false,
      // the attempt counter restarts whenever bytes got through, so a link that keeps dropping never exhausts it
      retryDelays: [0, 1_000, 3_000, 5_000, 10_000],
      onShouldRetry: (error) => {
        const { status, code } = uploadErrorCode(error);
        if (code !== null && code !== 'INTERNAL') return false;
        return (status === 0 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
      },
      onBeforeRequest: (req) => {
        const token = this.host.accessToken();
        if (token) req.setHeader('Authorization', `Bearer ${token}`);
      },
      onProgress: (sent) => {
        this.live.set(row.id, sent);
        this.notify();
      },
      onChunkComplete: (_chunk, accepted) => void db.uploads.update(row.id, { sent: accepted }),
      onSuccess: () => void this.settle(row.id, () => this.end(row.id, 'done', null, true)),
      onError: (error) => void this.settle(row.id, () => this.failed(row.id, error)),
    });
    this.current = { id: row.id, upload };
    const previous = await upload.findPreviousUploads();
    if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
    if (this.current?.upload === upload) upload.start();
  }

  /** Ends the upload in flight; `again`: look for the next one at once. */
  private async settle(id: string, outcome: () => Promise<boolean>): Promise<void> {
    if (this.current?.id === id) this.current = null;
    const again = await outcome();
    this.live.delete(id);
    if (again && !this.stopped) void this.kick();
  }

  /** Records why the upload stopped; true when trying again (or the next file) now can help. */
  private async failed(id: string, error: Error): Promise<boolean> {
    const { code, message } = uploadErrorCode(error);
    if (code === 'ALREADY_UPLOADED') return this.end(id, 'done', null, true);
    if (code === 'TOKEN_EXPIRED' || code === 'UNAUTHENTICATED') {
      const refreshed = await this.host.refreshSession().catch(() => 'offline');
      return this.end(id, 'waiting', null, refreshed === 'ok');
    }
    if (code === 'CHECKSUM_MISMATCH') {
      // the server deleted the refused bytes; one more attempt starts over from this console's original, and a
      // second mismatch in a row means the copy here no longer matches its hash: the person has to be told
      const previous = await this.host.db.uploads.get(id);
      await this.host.db.uploads.update(id, { tus: null });
      return this.end(id, previous?.error?.code === 'CHECKSUM_MISMATCH' ? 'failed' : 'waiting', { code, message }, true);
    }
    if (code !== null && FINAL_UPLOAD_CODES.includes(code)) return this.end(id, 'failed', { code, message }, true);
    // a lost link or a passing refusal: waits for the next `online`, reconnect or pass, keeping what it has sent. Not at
    // once: offline, tus fails without sending anything, and trying again straight away would spin (and write) until the link is back
    return this.end(id, 'waiting', code === null ? null : { code, message }, false);
  }

  /** finish(), answering `again` for settle(). */
  private async end(id: string, state: UploadRow['state'], error: UploadRow['error'], again: boolean): Promise<boolean> {
    await this.finish(id, state, error);
    return again;
  }

  private async finish(id: string, state: UploadRow['state'], error: UploadRow['error']): Promise<void> {
    const patch: Partial<UploadRow> = { state, error };
    if (state === 'done') {
      const row = await this.host.db.uploads.get(id);
      patch.sent = row?.size ?? 0;
      patch.tus = null;
    }
    await this.host.db.uploads.update(id, patch);
    await this.publish(await this.host.db.uploads.toArray());
  }

  private async publish(rows: UploadRow[]): Promise<void> {
    const files = rows
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((r) => ({ id: r.id, fileName: r.fileName, state: r.state, sent: r.state === 'done' ? r.size : (this.live.get(r.id) ?? r.sent), size: r.size, error: r.error }));
    this.setSnapshot(files);
  }

  private notify(): void {
    this.setSnapshot(this.snapshotCache.files.map((f) => (this.live.has(f.id) && f.state !== 'done' ? { ...f, state: 'uploading' as const, sent: this.live.get(f.id)! } : f)));
  }

  private setSnapshot(files: UploadProgress[]): void {
    // the total counts what is still on its way, so the bar empties when the queue does (refused files show on their own)
    const open = files.filter((f) => f.state === 'waiting' || f.state === 'uploading');
    this.snapshotCache = { files, sent: open.reduce((n, f) => n + f.sent, 0), total: open.reduce((n, f) => n + f.size, 0) };
    for (const listener of this.listeners) listener();
  }
}
