// Attachment bytes: the tus endpoint (resumable, authorised and scoped per attachment, sha256-verified on finish) and the download route.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer, type Upload } from '@tus/server';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ATTACHMENT_TYPES,
  DomainError,
  Id,
  MAX_ATTACHMENT_BYTES,
  UPLOADS_PATH,
  type User,
  type UploadErrorCode,
} from '../../shared/index.js';
import type { SessionService } from '../auth/sessions.js';
import { appealFromRow } from '../store/rows.js';
import { appendChanges, type ChangeRow, type Store } from '../store/store.js';
import { inScope, orgRoom, regionRoom } from '../sync/scope.js';
import type { AttachmentsTable } from './schema.js';

export interface UploadDeps {
  store: Store;
  sessions: SessionService;
  /** Partial uploads and content-addressed blobs live under <dataDir>/uploads. */
  dataDir: string;
  /** room → newest seq: tells consoles an attachment's bytes have arrived. */
  poke(pokes: Map<string, number>): void;
  log: FastifyBaseLogger;
}

/** What the tus hooks throw: @tus/server answers with status_code and body. */
interface Refusal {
  status_code: number;
  body: string;
}

const PARTIAL_TTL_MS = 14 * 24 * 3600 * 1000;
const CLEANUP_EVERY_MS = 3600 * 1000;

const STATUS: Record<UploadErrorCode, number> = {
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  USER_DISABLED: 403,
  NOT_FOUND: 404,
  OUT_OF_SCOPE: 403,
  FILE_TOO_LARGE: 413,
  TYPE_NOT_ALLOWED: 415,
  SIZE_MISMATCH: 400,
  // the tus checksum extension's status for a mismatch
  CHECKSUM_MISMATCH: 460,
  ALREADY_UPLOADED: 409,
  NOT_UPLOADED: 409,
  BAD_MESSAGE: 400,
  INTERNAL: 500,
};

const errorBody = (code: UploadErrorCode, message: string) => JSON.stringify({ error: { code, message } });

function refusal(code: UploadErrorCode, message: string): Refusal {
  return { status_code: STATUS[code], body: errorBody(code, message) };
}

function isRefusal(error: unknown): error is Refusal {
  return typeof error === 'object' && error !== null && typeof (error as Refusal).status_code === 'number' && typeof (error as Refusal).body === 'string';
}

/** tus's own errors (plain-text bodies) as our coded bodies, so the console reads one shape. */
function codeForStatus(status: number): UploadErrorCode {
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_MESSAGE';
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function bearer(header: string | null | undefined): string {
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
  if (!match?.[1]) throw refusal('UNAUTHENTICATED', 'missing bearer token');
  return match[1];
}

export class AttachmentBytes {
  readonly partialDir: string;
  readonly blobDir: string;
  readonly tus: TusServer;
  private readonly datastore: FileStore;

  constructor(private readonly deps: UploadDeps) {
    this.partialDir = join(deps.dataDir, 'uploads', 'partial');
    this.blobDir = join(deps.dataDir, 'uploads', 'blobs');
    // an upload left unfinished for two weeks is dropped; a console coming back later starts it again (HEAD answers 410)
    this.datastore = new FileStore({ directory: this.partialDir, expirationPeriodInMilliseconds: PARTIAL_TTL_MS });
    this.tus = new TusServer({
      path: UPLOADS_PATH.replace(/\/$/, ''),
      datastore: this.datastore,
      maxSize: MAX_ATTACHMENT_BYTES,
      // the console's fetch resolves it against the endpoint; an absolute URL would name whatever host the request came through
      relativeLocation: true,
      // one upload per attachment: the console and the server name it the same, and the scope check needs the attachment
      namingFunction: (_req, metadata) => {
        const parsed = Id.safeParse(metadata?.attachmentId);
        if (!parsed.success) throw refusal('BAD_MESSAGE', 'Upload-Metadata must name attachmentId');
        return parsed.data;
      },
      onIncomingRequest: async (req, uploadId) => {
        await this.authorise(req.headers.get('authorization'), uploadId);
      },
      onUploadCreate: async (_req, upload) => {
        await this.checkCreate(upload);
        return {};
      },
      onUploadFinish: async (_req, upload) => {
        await this.finish(upload);
        return {};
      },
      onResponseError: (_req, error) => {
        if (isRefusal(error) && error.body.startsWith('{')) return undefined;
        const status = isRefusal(error) ? error.status_code : 500;
        const message = isRefusal(error) ? error.body.trim() : 'server error';
        if (!isRefusal(error)) this.deps.log.error({ err: error }, 'upload failed');
        return { status_code: status, body: errorBody(codeForStatus(status), message) };
      },
    });
  }

  blobPath(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  /** Who is asking, as a refusal with a code when nobody valid is. */
  async user(header: string | null | undefined): Promise<User> {
    try {
      return await this.deps.sessions.authenticate(bearer(header));
    } catch (error) {
      if (error instanceof DomainError) {
        const code = (['TOKEN_EXPIRED', 'USER_DISABLED'] as const).find((c) => c === error.code) ?? 'UNAUTHENTICATED';
        throw refusal(code, error.message);
      }
      throw error;
    }
  }

  /** The attachment, if it exists and its appeal is in the caller's scope. */
  async scopedAttachment(user: User, attachmentId: string): Promise<AttachmentsTable> {
    const db = this.deps.store.db;
    const row = await db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
    if (!row) throw refusal('NOT_FOUND', `no attachment ${attachmentId}: send its attachment.add first`);
    const appeal = await db.selectFrom('appeals').select('doc').where('id', '=', row.appeal_id).executeTakeFirst();
    if (!appeal || !inScope(user, appealFromRow(appeal))) throw refusal('OUT_OF_SCOPE', `attachment ${attachmentId} is outside your scope`);
    return row;
  }

  private async authorise(header: string | null, attachmentId: string): Promise<void> {
    const user = await this.user(header);
    const row = await this.scopedAttachment(user, attachmentId);
    if (row.uploaded_at !== null) throw refusal('ALREADY_UPLOADED', `the bytes of ${attachmentId} are on the server`);
  }

  private async checkCreate(upload: Upload): Promise<void> {
    const row = await this.deps.store.db.selectFrom('attachments').selectAll().where('id', '=', upload.id).executeTakeFirstOrThrow();
    const type = upload.metadata?.filetype ?? '';
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
      throw refusal('TYPE_NOT_ALLOWED', `type ${type || '(none)'} is not allowed; allowed: ${ATTACHMENT_TYPES.join(', ')}`);
    }
    if (type !== row.type) throw refusal('TYPE_NOT_ALLOWED', `type ${type} differs from the attachment's ${row.type}`);
    if (upload.size === undefined) throw refusal('SIZE_MISMATCH', 'Upload-Length is required');
    if (upload.size !== Number(row.size)) throw refusal('SIZE_MISMATCH', `Upload-Length ${upload.size} differs from the attachment's size ${row.size}`);
  }

  /** All bytes are in: hash them; a match moves them into the blob store and marks the attachment (and its twins) uploaded. */
  private async finish(upload: Upload): Promise<void> {
    const row = await this.deps.store.db.selectFrom('attachments').selectAll().where('id', '=', upload.id).executeTakeFirstOrThrow();
    const partial = join(this.partialDir, upload.id);
    const sha256 = await sha256OfFile(partial);
    if (sha256 !== row.sha256) {
      // refused bytes never count and never stay: the console starts the upload again from its own copy
      await this.datastore.remove(upload.id).catch(() => undefined);
      throw refusal('CHECKSUM_MISMATCH', `the bytes hash to ${sha256}, the attachment declared ${row.sha256}`);
    }
    const target = this.blobPath(sha256);
    await mkdir(join(this.blobDir, sha256.slice(0, 2)), { recursive: true });
    // content-addressed: the same bytes uploaded twice are stored once
    if (existsSync(target)) await unlink(partial);
    else await rename(partial, target);
    await this.datastore.configstore.delete(upload.id);
    await this.markUploaded(sha256, (await stat(target)).size);
  }

  /** Marks every attachment waiting for these bytes as uploaded, appends their changes and pokes their scopes. */
  async markUploaded(sha256: string, size: number): Promise<void> {
    const now = new Date().toISOString();
    const pokes = new Map<string, number>();
    await this.deps.store.write(async (trx) => {
      await trx.insertInto('blobs').values({ sha256, size, created_at: now }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      const waiting = await trx.selectFrom('attachments').select(['id', 'appeal_id']).where('sha256', '=', sha256).where('uploaded_at', 'is', null).execute();
      if (waiting.length === 0) return;
      await trx.updateTable('attachments').set({ uploaded_at: now }).where('sha256', '=', sha256).where('uploaded_at', 'is', null).execute();
      const rows: ChangeRow[] = [];
      for (const w of waiting) {
        const appealRow = await trx.selectFrom('appeals').select('doc').where('id', '=', w.appeal_id).executeTakeFirstOrThrow();
        const appeal = appealFromRow(appealRow);
        rows.push({ entity: 'attachment', entity_id: w.id, appeal_id: appeal.id, org_id: appeal.organisationId, prev_org_id: null, region_id: appeal.regionId });
      }
      const last = await appendChanges(trx, rows);
      if (last === null) return;
      for (const r of rows) {
        pokes.set(orgRoom(r.org_id), last);
        pokes.set(regionRoom(r.region_id), last);
      }
    });
    this.deps.poke(pokes);
  }

  /** GET /api/attachments/:id/content: the original bytes, authorised and scoped. */
  async download(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<FastifyReply> {
    let row: AttachmentsTable;
    try {
      row = await this.scopedAttachment(await this.user(request.headers.authorization), request.params.id);
    } catch (error) {
      if (isRefusal(error)) return reply.status(error.status_code).type('application/json').send(error.body);
      throw error;
    }
    if (row.uploaded_at === null) {
      const r = refusal('NOT_UPLOADED', `the bytes of ${row.id} have not reached the server yet`);
      return reply.status(r.status_code).type('application/json').send(r.body);
    }
    const path = this.blobPath(row.sha256);
    return reply
      .header('Content-Type', row.type)
      .header('Content-Length', String(row.size))
      // personal data: no shared cache may keep it; the content never changes under its id
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .header('ETag', `"${row.sha256}"`)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
      .send(createReadStream(path));
  }
}

/** Mounts tus at /uploads/ (raw request and response, its own body handling) and the download route. */
export async function registerUploads(app: FastifyInstance, deps: UploadDeps): Promise<AttachmentBytes> {
  const bytes = new AttachmentBytes(deps);
  await mkdir(bytes.partialDir, { recursive: true });
  await mkdir(bytes.blobDir, { recursive: true });
  const cleanup = setInterval(() => {
    bytes.tus.cleanUpExpiredUploads().catch((error: unknown) => deps.log.warn({ err: error }, 'expired upload cleanup failed'));
  }, CLEANUP_EVERY_MS);
  cleanup.unref();
  app.addHook('onClose', async () => clearInterval(cleanup));
  await app.register(async (scope) => {
    // tus reads the body itself: leave the stream untouched (and outside Fastify's bodyLimit)
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      await bytes.tus.handle(request.raw, reply.raw);
    };
    const methods = ['POST', 'HEAD', 'PATCH', 'OPTIONS', 'DELETE'];
    const base = UPLOADS_PATH.replace(/\/$/, '');
    scope.route({ method: methods, url: base, handler, exposeHeadRoute: false });
    scope.route({ method: methods, url: `${base}/*`, handler, exposeHeadRoute: false });
  });
  app.get<{ Params: { id: string } }>('/api/attachments/:id/content', (request, reply) => bytes.download(request, reply));
  return bytes;
}
