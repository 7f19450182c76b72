// End-to-end in headless Chromium over a slow link: the upload queue shows progress per file and in total, a console closed mid-upload and started again goes on from the server's offset, and an upload stopped by going offline goes on when the page comes back online, without a reload.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureConsoleBuilt,
  launchConsole,
  loginInPage,
  newProfileDir,
  openAppeal,
  openConsole,
  pageErrors,
  removeProfile,
  until,
  waitForConnection,
  waitForFirstSync,
  type ConsoleBrowser,
} from './support/browser.js';
import {
  appealForPhotos,
  attachAllByPicker,
  attachByPicker,
  blobFile,
  drawJpeg,
  padJpeg,
  partialBytes,
  recordTus,
  serverAttachment,
  type TusRequest,
  sha256,
  withDiagnostics,
} from './support/photos-console.js';
import { startBadLink, type BadLink } from './support/photos-link.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const MB = 1024 * 1024;
/** Upload speed of the link: slow enough to catch an upload halfway, fast enough for a short test. */
const LINK_BYTES_PER_SECOND = 2 * MB;

let server: ServerProcess;
let link: BadLink;
let field: ConsoleBrowser | null = null;
const profile = newProfileDir('field1');
let appealId = '';

function diagnostics(): string {
  return ['--- field1 ---', ...(field?.logs.slice(-40) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

/** A photo of `size` bytes, different every time (the server stores equal bytes once and would skip the upload). */
async function photo(size: number, mark: string): Promise<Buffer> {
  return padJpeg(await drawJpeg(field!.page, { sky: '#9cc3e6', mark }), size);
}

/** Waits until the server holds at least `bytes` of the attachment's upload; returns how many it holds. */
function serverHolds(attachmentId: string, bytes: number): Promise<number> {
  return until(() => {
    const held = partialBytes(server.dataDir, attachmentId);
    return held !== null && held >= bytes ? held : null;
  }, `the server holding ${bytes} bytes of ${attachmentId}`, 60_000, 20);
}

/** Waits until the server's copy of the upload stops growing (the cut request is over); returns its size. */
async function settledOffset(attachmentId: string): Promise<number> {
  let last = -1;
  return until(async () => {
    const now = partialBytes(server.dataDir, attachmentId) ?? 0;
    const settled = now === last;
    last = now;
    await new Promise((r) => setTimeout(r, 300));
    return settled ? now : null;
  }, `the upload of ${attachmentId} at rest on the server`, 20_000, 0);
}

/** Waits until the server has verified the upload; checks the bytes it keeps against the photo. */
async function expectUploaded(attachmentId: string, bytes: Buffer): Promise<void> {
  const row = await until(() => {
    const found = serverAttachment(server.dataDir, attachmentId);
    return found?.uploaded_at ? found : null;
  }, `${attachmentId} uploaded and verified`, 60_000, 100);
  expect(row.sha256).toBe(sha256(bytes));
  expect(sha256(readFileSync(blobFile(server.dataDir, row.sha256)))).toBe(sha256(bytes));
}

/** Starts field1's console; `watch` sees the page before the console loads (and starts uploading). */
async function openField(watch: (page: Page) => void = () => undefined): Promise<ConsoleBrowser> {
  // everything the console sends goes through the slow link: the API, the socket and the uploads
  field = await launchConsole(profile, link.url);
  watch(field.page);
  await openConsole(field.page, link.url);
  return field;
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
  link = await startBadLink({ targetPort: server.port, bytesPerSecond: LINK_BYTES_PER_SECOND });
  appealId = appealForPhotos(server.dataDir);
  const browser = await openField();
  await loginInPage(browser.page, link.url, 'field1');
  await waitForFirstSync(browser.page);
  await openAppeal(browser.page, appealId);
}, 300_000);

afterAll(async () => {
  await field?.close().catch(() => undefined);
  await link?.close();
  await server?.stop();
  removeProfile(profile);
});

describe('photo uploads from the console over a slow link', () => {
  it("shows each file's progress and the total while the queue uploads them one after the other", () =>
    withDiagnostics(diagnostics, async () => {
      const page = field!.page;
      await openAppeal(page, appealId);
      // the first file is larger than what loopback socket buffers take in at once: the browser counts bytes handed to
      // the socket as sent, and a 4 MB file could show 100 % before the slow link had carried a quarter of it
      const files = [
        { name: 'dvor-1.jpg', bytes: await photo(10 * MB, '#8e44ad') },
        { name: 'dvor-2.jpg', bytes: await photo(3 * MB, '#d35400') },
      ];
      const total = files[0]!.bytes.length + files[1]!.bytes.length;
      const ids = await attachAllByPicker(page, 'before', files);
      const bar = page.locator('[data-testid="upload-queue"]');
      await bar.waitFor({ timeout: 20_000 });
      expect(Number(await bar.getAttribute('data-total'))).toBe(total);

      // sampled while the link carries the first file: it moves, the second waits its turn, the total follows
      const samples: { sent: number; files: string[] }[] = [];
      await until(async () => {
        const sent = Number(await bar.getAttribute('data-sent'));
        const lines = await bar.locator('[data-testid="upload-queue-file"]').allTextContents();
        samples.push({ sent, files: lines });
        return sent > 1 * MB ? sent : null;
      }, 'the total moving past 1 MB', 30_000, 100);
      const last = samples.at(-1)!;
      expect(last.files).toHaveLength(2);
      expect(last.files[0]).toMatch(/^dvor-1\.jpg: ([1-9]\d?)%$/);
      expect(last.files[1]).toBe('dvor-2.jpg: 0%');
      expect(await bar.locator('progress').getAttribute('max')).toBe(String(total));
      expect(await bar.textContent()).toMatch(/0 из 2 · [1-9]\d?%/);
      const uploading = page.locator(`[data-testid="photo-card"][data-attachment-id="${ids[0]}"] [data-testid="photo-state"]`);
      expect(await uploading.getAttribute('data-state')).toBe('uploading');
      expect(Number(await uploading.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
      const increasing = samples.map((s) => s.sent);
      expect(increasing, 'the total only grows').toEqual([...increasing].sort((a, b) => a - b));

      await expectUploaded(ids[0]!, files[0]!.bytes);
      await expectUploaded(ids[1]!, files[1]!.bytes);
      // the bar goes once nothing is left to send
      await bar.waitFor({ state: 'detached', timeout: 20_000 });
    }));

  it('resumes an upload cut by closing the console from the offset the server holds, sending only the rest', () =>
    withDiagnostics(diagnostics, async () => {
      await openAppeal(field!.page, appealId);
      const bytes = await photo(12 * MB, '#c0392b');
      const id = await attachByPicker(field!.page, 'before', { name: 'bolshoe-do.jpg', bytes });
      await serverHolds(id, 3 * MB);
      // the link stalls and the console is closed: what the server holds is where the upload stands
      link.hold();
      const offset = await settledOffset(id);
      await field!.close();
      field = null;
      link.cut();
      link.release();
      expect(partialBytes(server.dataDir, id)).toBe(offset);
      expect(offset, 'cut halfway').toBeLessThan(bytes.length / 2);

      link.resetCounters();
      let tus: TusRequest[] = [];
      const browser = await openField((page) => (tus = recordTus(page)));
      await expectUploaded(id, bytes);
      expect(tus[0]?.method, 'it asks the server where the upload stands first').toBe('HEAD');
      expect(tus.filter((r) => r.method === 'PATCH').map((r) => r.offset), 'and sends once, from there').toEqual([offset]);
      const remainder = bytes.length - offset;
      expect(link.bytesSent).toBeGreaterThanOrEqual(remainder);
      // the rest of the photo plus requests, headers and the socket: far from the whole photo again
      expect(link.bytesSent).toBeLessThan(remainder + 256 * 1024);

      await openAppeal(browser.page, appealId);
      const state = browser.page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"] [data-testid="photo-state"]`);
      await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
      expect(pageErrors(browser)).toEqual([]);
    }));

  it('goes on with an upload stopped by going offline as soon as the page is back online, without a reload', () =>
    withDiagnostics(diagnostics, async () => {
      const { page, context } = field!;
      // the socket stays down while this test says so: its reconnect would also restart uploads, and this is about the
      // `online` event (the route takes effect from the next page load)
      let socketDown = false;
      await context.routeWebSocket(/\/socket\.io\//, (ws) => (socketDown ? ws.close() : ws.connectToServer()));
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForConnection(page, 'online', 30_000);
      await openAppeal(page, appealId);
      const tus = recordTus(page);
      await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));

      const bytes = await photo(8 * MB, '#27ae60');
      const id = await attachByPicker(page, 'after', { name: 'posle.jpg', bytes });
      const state = page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"] [data-testid="photo-state"]`);
      await serverHolds(id, 2 * MB);
      socketDown = true;
      await context.setOffline(true);
      const offlineAt = Date.now();
      link.cut();
      await expect.poll(() => state.getAttribute('data-state'), { timeout: 10_000 }).toBe('waiting');
      const offset = await settledOffset(id);
      expect(offset).toBeLessThan(bytes.length);

      // offline, the queue looks again only on its periodic pass (every 10 s), and each look fails at once: come back
      // online just after such a look, so that the next one is far off and only the `online` event explains a quick restart
      const looks = tus.length;
      await until(() => tus.length > looks && tus.at(-1)!.outcome === 'failed', 'a look at the queue while offline', 15_000, 50);
      await context.setOffline(false);
      const onlineAt = Date.now();
      await expectUploaded(id, bytes);
      const failedOffline = tus.filter((r) => r.outcome === 'failed' && r.at >= offlineAt && r.at < onlineAt);
      expect(failedOffline.length, 'no retry loop while offline').toBeLessThanOrEqual(Math.ceil((onlineAt - offlineAt) / 10_000) + 1);
      const resumed = tus.find((r) => r.method === 'PATCH' && r.at >= onlineAt);
      expect(resumed?.offset, 'from where the server stood').toBe(offset);
      expect(resumed!.at - onlineAt, 'restarted on the online event, not by the next look').toBeLessThan(5_000);
      expect(await page.locator('[data-testid="connection-state"]').getAttribute('data-state'), 'with the socket still down').not.toBe('online');
      expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), 'the page was not reloaded').toBe(true);
      await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
      socketDown = false;
    }));
});
