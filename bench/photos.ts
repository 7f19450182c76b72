// `npm run bench -- photos`: a 10 MB photo over a link cut every 3 s (bytes sent per byte of photo) and upload speed on a clean link, against the real server.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, login, MutationSequence, randomId, type SyncClient } from '../test/support/client.js';
import { FIXTURE_PASSWORD, seedFixture, USERS } from '../test/support/fixtures.js';
import { nodeUpload, startBadLink } from '../test/support/photos-link.js';
import { startServerProcess } from '../test/support/server-process.js';
import { report } from './support.js';

const MB = 1024 * 1024;
const PHOTO_BYTES = 10 * MB;

async function attach(client: SyncClient, seq: MutationSequence, bytes: Buffer): Promise<string> {
  const attachmentId = randomId('att');
  const result = await client.push([
    seq.next('attachment.add', {
      attachmentId, appealId: 'org-a-ap-1', kind: 'after', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length,
      type: 'image/jpeg', fileName: 'bench.jpg', takenAt: null, gps: null, thumbnail: null,
    }),
  ]);
  if (!result.ok || result.value.results[0]?.status !== 'applied') throw new Error(`attachment.add refused: ${JSON.stringify(result)}`);
  return attachmentId;
}

export async function main(args: string[]): Promise<void> {
  // --rate <MB/s> of the bad link (default 1.5: seven seconds of upload, two or three cuts)
  const rateIndex = args.indexOf('--rate');
  const rate = rateIndex >= 0 ? Number(args[rateIndex + 1]) : 1.5;
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-photos-'));
  await seedFixture({ dataDir });
  const server = await startServerProcess({ dataDir });
  try {
    const session = await login(server.url, USERS.operatorA.login, FIXTURE_PASSWORD);
    const client = await connectClient(server.url, session);
    const seq = new MutationSequence(client.clientId);

    const photo = randomBytes(PHOTO_BYTES);
    const link = await startBadLink({ targetPort: server.port, bytesPerSecond: rate * MB, cutEveryMs: 3_000 });
    const cutStarted = performance.now();
    const cut = await nodeUpload({ baseUrl: link.url, token: session.accessToken, attachmentId: await attach(client, seq, photo), bytes: photo, type: 'image/jpeg' });
    const cutSeconds = (performance.now() - cutStarted) / 1000;
    await link.close();
    if (!cut.ok) throw new Error(`the upload over the cut link failed: ${JSON.stringify(cut)}`);
    const ratio = link.bytesSent / PHOTO_BYTES;
    console.log(`cut link: ${link.cuts} cuts, ${link.bytesSent} bytes sent for ${PHOTO_BYTES}, ${cutSeconds.toFixed(1)} s at ${rate} MB/s`);

    // clean link: best of three, each a fresh photo (same bytes would be de-duplicated)
    const speeds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const bytes = randomBytes(PHOTO_BYTES);
      const id = await attach(client, seq, bytes);
      const started = performance.now();
      const clean = await nodeUpload({ baseUrl: server.url, token: session.accessToken, attachmentId: id, bytes, type: 'image/jpeg' });
      if (!clean.ok) throw new Error(`clean upload failed: ${JSON.stringify(clean)}`);
      speeds.push(PHOTO_BYTES / MB / ((performance.now() - started) / 1000));
    }
    await client.close();
    report('photos', [
      { key: 'bytes_sent_ratio', value: ratio, unit: 'x', budget: '≤ 1.25 (10 MB, cut every 3 s)' },
      { key: 'cut_link_cuts', value: link.cuts, unit: 'cuts' },
      { key: 'cut_link_seconds', value: cutSeconds, unit: 's' },
      { key: 'upload_mb_per_s', value: Math.max(...speeds), unit: 'MB/s', budget: 'clean link, incl. sha256 check' },
    ]);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
