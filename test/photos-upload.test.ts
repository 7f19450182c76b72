// Photo bytes over tus against the real server process: a cut link, a restarted console, a corrupted file, scope, limits and de-duplication.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentContentPath, MAX_ATTACHMENT_BYTES, UPLOADS_PATH, type Attachment, type MutationResult, type Session } from '../shared/index.js';
import { sqlite } from './support/browser.js';
import { connectClient, login, MutationSequence, randomId, type SyncClient } from './support/client.js';
import { FIXTURE_PASSWORD, seedFixture, USERS } from './support/fixtures.js';
import { MemoryUrlStorage, nodeUpload, startBadLink, type BadLink } from './support/photos-link.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const MB = 1024 * 1024;
const APPEAL_A = 'org-a-ap-1';

let server: ServerProcess;
let dataDir: string;
let opA: Session;
let opB: Session;
let client: SyncClient;
let seq: MutationSequence;
const links: BadLink[] = [];

/** A JPEG-looking file of `size` bytes (the server checks length and hash, not pixels). */
function photoBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  return bytes;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Pushes attachment.add for `bytes` (or a declared hash) as operator A; returns the attachment id. */
async function addAttachment(bytes: Buffer, over: { sha256?: string; kind?: 'before' | 'after' | 'document'; appealId?: string } = {}): Promise<string> {
  const attachmentId = randomId('att');
  const result = await client.push([
    seq.next('attachment.add', {
      attachmentId,
      appealId: over.appealId ?? APPEAL_A,
      kind: over.kind ?? 'before',
      sha256: over.sha256 ?? sha256(bytes),
      size: bytes.length,
      type: 'image/jpeg',
      fileName: `${attachmentId}.jpg`,
      takenAt: new Date().toISOString(),
      gps: { lat: 56.01, lon: 92.87 },
      thumbnail: null,
    }),
  ]);
  if (!result.ok) throw new Error(result.error.message);
  const outcome = result.value.results[0] as MutationResult;
  expect(outcome.status, JSON.stringify(outcome)).toBe('applied');
  return attachmentId;
}

function attachmentRow(id: string): { uploaded_at: string | null; sha256: string } | undefined {
  return sqlite<{ uploaded_at: string | null; sha256: string }>(dataDir, 'SELECT uploaded_at, sha256 FROM attachments WHERE id = ?', id)[0];
}

async function serverOffset(url: string, token: string): Promise<number> {
  const response = await fetch(new URL(url, server.url), { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return Number(response.headers.get('upload-offset'));
}

/** A bare tus creation request, for the refusals that come before any byte. */
async function createRaw(token: string | null, fields: { attachmentId: string; length: number; type: string }) {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const headers: Record<string, string> = {
    'Tus-Resumable': '1.0.0',
    'Upload-Length': String(fields.length),
    'Upload-Metadata': `attachmentId ${b64(fields.attachmentId)},filetype ${b64(fields.type)},filename ${b64('x.jpg')}`,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${UPLOADS_PATH}`, { method: 'POST', headers });
  const text = await response.text();
  return { status: response.status, code: (text.startsWith('{') ? (JSON.parse(text) as { error: { code: string } }).error.code : null) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-photos-'));
  await seedFixture({ dataDir });
  server = await startServerProcess({ dataDir });
  opA = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
  opB = await login(server.url, USERS.operatorB.login, FIXTURE_PASSWORD);
  client = await connectClient(server.url, opA);
  seq = new MutationSequence(client.clientId);
}, 120_000);

afterAll(async () => {
  for (const link of links) await link.close();
  await client?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('photo upload over tus', () => {
  it('completes a 10 MB photo through a link cut every 3 s, sending at most 1.25 times its size', async () => {
    const bytes = photoBytes(10 * MB);
    const id = await addAttachment(bytes);
    // 1.5 MB/s: about seven seconds of upload, so the link is cut at least twice on the way
    const link = await startBadLink({ targetPort: server.port, bytesPerSecond: 1.5 * MB, cutEveryMs: 3_000 });
    links.push(link);
    const outcome = await nodeUpload({ baseUrl: link.url, token: opA.accessToken, attachmentId: id, bytes, type: 'image/jpeg' });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
    expect(link.cuts).toBeGreaterThanOrEqual(2);
    expect(link.bytesSent / bytes.length).toBeLessThanOrEqual(1.25);
    expect(attachmentRow(id)?.uploaded_at).toBeTruthy();

    const download = await fetch(`${server.url}${attachmentContentPath(id)}`, { headers: { Authorization: `Bearer ${opA.accessToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toContain('private');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
  }, 120_000);

  it('resumes from the server offset when a restarted console uploads again with the URL it stored', async () => {
    const bytes = photoBytes(6 * MB);
    const id = await addAttachment(bytes);
    const link = await startBadLink({ targetPort: server.port, bytesPerSecond: 2 * MB });
    links.push(link);
    const storage = new MemoryUrlStorage();
    const first = await nodeUpload({ baseUrl: link.url, token: opA.accessToken, attachmentId: id, bytes, type: 'image/jpeg', urlStorage: storage, abortAfterBytes: 2 * MB });
    expect(first).toMatchObject({ ok: false, aborted: true });
    const stored = [...storage.rows.values()][0];
    expect(stored?.uploadUrl, 'the upload URL is kept for the attachment').toBeTruthy();
    const offset = await serverOffset(stored!.uploadUrl!, opA.accessToken);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(bytes.length);

    // a new client, as after a restart: nothing in memory but the stored URL
    const requests: { method: string; offset: string | undefined }[] = [];
    const second = await nodeUpload({
      baseUrl: server.url, token: opA.accessToken, attachmentId: id, bytes, type: 'image/jpeg', urlStorage: storage,
      onRequest: (method, headers) => requests.push({ method, offset: headers.offset }),
    });
    expect(second).toMatchObject({ ok: true });
    expect(requests.map((r) => r.method)).not.toContain('POST');
    expect(requests.find((r) => r.method === 'PATCH')?.offset).toBe(String(offset));
    expect(attachmentRow(id)?.uploaded_at).toBeTruthy();
  }, 120_000);

  it('refuses bytes that do not hash to the declared sha256, deletes them and leaves the attachment not uploaded', async () => {
    const declared = photoBytes(256 * 1024);
    const corrupted = Buffer.from(declared);
    corrupted[1000] = corrupted[1000]! ^ 0xff;
    const id = await addAttachment(declared);
    const outcome = await nodeUpload({ baseUrl: server.url, token: opA.accessToken, attachmentId: id, bytes: corrupted, type: 'image/jpeg' });
    expect(outcome).toMatchObject({ ok: false, aborted: false, status: 460, code: 'CHECKSUM_MISMATCH' });
    expect(attachmentRow(id)?.uploaded_at).toBeNull();
    expect(existsSync(join(dataDir, 'uploads', 'partial', id)), 'refused bytes are deleted').toBe(false);

    // the console then sends its own intact copy, and that one counts
    const retry = await nodeUpload({ baseUrl: server.url, token: opA.accessToken, attachmentId: id, bytes: declared, type: 'image/jpeg' });
    expect(retry).toMatchObject({ ok: true });
    expect(attachmentRow(id)?.uploaded_at).toBeTruthy();
  }, 60_000);

  it('refuses uploads and downloads outside the caller scope, and callers without a token', async () => {
    const bytes = photoBytes(64 * 1024);
    const id = await addAttachment(bytes);
    const stranger = await nodeUpload({ baseUrl: server.url, token: opB.accessToken, attachmentId: id, bytes, type: 'image/jpeg' });
    expect(stranger).toMatchObject({ ok: false, status: 403, code: 'OUT_OF_SCOPE' });
    expect(await createRaw(null, { attachmentId: id, length: bytes.length, type: 'image/jpeg' })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await createRaw(opA.accessToken, { attachmentId: randomId('nope'), length: 10, type: 'image/jpeg' })).toEqual({ status: 404, code: 'NOT_FOUND' });

    expect(await nodeUpload({ baseUrl: server.url, token: opA.accessToken, attachmentId: id, bytes, type: 'image/jpeg' })).toMatchObject({ ok: true });
    const asB = await fetch(`${server.url}${attachmentContentPath(id)}`, { headers: { Authorization: `Bearer ${opB.accessToken}` } });
    expect(asB.status).toBe(403);
    expect(((await asB.json()) as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    const anonymous = await fetch(`${server.url}${attachmentContentPath(id)}`);
    expect(anonymous.status).toBe(401);
  }, 60_000);

  it('answers size and type limits with their own codes before any byte is stored', async () => {
    const bytes = photoBytes(32 * 1024);
    const id = await addAttachment(bytes);
    expect(await createRaw(opA.accessToken, { attachmentId: id, length: MAX_ATTACHMENT_BYTES + 1, type: 'image/jpeg' })).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(await createRaw(opA.accessToken, { attachmentId: id, length: bytes.length, type: 'application/x-msdownload' })).toEqual({ status: 415, code: 'TYPE_NOT_ALLOWED' });
    expect(await createRaw(opA.accessToken, { attachmentId: id, length: bytes.length + 1, type: 'image/jpeg' })).toEqual({ status: 400, code: 'SIZE_MISMATCH' });

    // the metadata mutation holds the same limits
    const tooBig = await client.push([
      seq.next('attachment.add', {
        attachmentId: randomId('att'), appealId: APPEAL_A, kind: 'document', sha256: 'b'.repeat(64), size: MAX_ATTACHMENT_BYTES + 1,
        type: 'application/pdf', fileName: 'big.pdf', takenAt: null, gps: null, thumbnail: null,
      }),
    ]);
    expect(tooBig.ok && tooBig.value.results[0]).toMatchObject({ status: 'rejected', code: 'BAD_MESSAGE' });
  }, 60_000);

  it('stores the same bytes once: a second attachment with a known sha256 counts as uploaded at once and needs no upload', async () => {
    const bytes = photoBytes(128 * 1024);
    const first = await addAttachment(bytes);
    expect(await nodeUpload({ baseUrl: server.url, token: opA.accessToken, attachmentId: first, bytes, type: 'image/jpeg' })).toMatchObject({ ok: true });
    const cursor = client.hello.cursor;
    const second = await addAttachment(bytes, { kind: 'after', appealId: 'org-a-ap-2' });
    expect(attachmentRow(second)?.uploaded_at, 'marked uploaded by the mutation itself').toBeTruthy();
    const again = await nodeUpload({ baseUrl: server.url, token: opA.accessToken, attachmentId: second, bytes, type: 'image/jpeg' });
    expect(again).toMatchObject({ ok: false, status: 409, code: 'ALREADY_UPLOADED' });

    const blobs = readdirSync(join(dataDir, 'uploads', 'blobs', sha256(bytes).slice(0, 2)));
    expect(blobs.filter((f) => f === sha256(bytes))).toHaveLength(1);
    expect(sqlite<{ n: number }>(dataDir, 'SELECT COUNT(*) AS n FROM blobs WHERE sha256 = ?', sha256(bytes))[0]!.n).toBe(1);

    // other consoles learn it through ordinary sync
    const { changes } = await client.pullAll(cursor);
    const synced = changes.flatMap((c) => (c.type === 'attachment' && c.attachment.id === second ? [c.attachment] : [])) as Attachment[];
    expect(synced.at(-1)?.uploadedAt).toBeTruthy();
  }, 60_000);
});
