// End-to-end in headless Chromium: every way a photo gets into the console (drop, paste, the camera) lands in the appeal's list with its kind; the original is kept byte for byte beside a bounded screen copy; and the console asks the browser to keep its data.
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
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
  waitForFirstSync,
  type ConsoleBrowser,
} from './support/browser.js';
import {
  appealForPhotos,
  attachByDrop,
  attachByPaste,
  attachByPicker,
  attachWith,
  blobFile,
  drawJpeg,
  FAKE_CAMERA_ARGS,
  launchConsoleWithFlags,
  photoCards,
  serverAttachment,
  storedPhoto,
  sha256,
  withDiagnostics,
} from './support/photos-console.js';
import { withExif } from './support/photos-jpeg.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/** The longest side of the screen copy the console makes (photo-intake.ts). */
const SCREEN_SIDE = 1600;

let server: ServerProcess;
let field: ConsoleBrowser | null = null;
let camera: ConsoleBrowser | null = null;
let keeper: ConsoleBrowser | null = null;
const profiles: string[] = [];
let appealId = '';

function diagnostics(): string {
  const logs = (label: string, browser: ConsoleBrowser | null) => [`--- ${label} ---`, ...(browser?.logs.slice(-30) ?? [])];
  return [...logs('field1', field), ...logs('camera', camera), ...logs('keeper', keeper), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

/** field1 signed in, first sync done, the appeal open. */
async function fieldConsole(launch: (profile: string) => Promise<ConsoleBrowser>, prepare?: (browser: ConsoleBrowser) => Promise<void>): Promise<ConsoleBrowser> {
  const profile = newProfileDir('field1');
  profiles.push(profile);
  const browser = await launch(profile);
  await prepare?.(browser);
  await openConsole(browser.page, server.url);
  await loginInPage(browser.page, server.url, 'field1');
  await waitForFirstSync(browser.page);
  await openAppeal(browser.page, appealId);
  return browser;
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
  appealId = appealForPhotos(server.dataDir);
  field = await fieldConsole((profile) => launchConsole(profile, server.url));
}, 300_000);

afterAll(async () => {
  await field?.close().catch(() => undefined);
  await camera?.close().catch(() => undefined);
  await keeper?.close().catch(() => undefined);
  await server?.stop();
  for (const profile of profiles) removeProfile(profile);
});

describe('attaching photos in the console', () => {
  it('takes a photo dropped onto the photo section as the kind marked, keeping its file name', () =>
    withDiagnostics(diagnostics, async () => {
      const page = field!.page;
      const bytes = await drawJpeg(page, { sky: '#9cc3e6', mark: '#c0392b' });
      const id = await attachByDrop(page, 'before', { name: 'yama-dropped.jpg', bytes });
      const card = page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"]`);
      expect(await card.getAttribute('data-kind')).toBe('before');
      expect(await card.locator('.photo-name').textContent()).toBe('yama-dropped.jpg');
      expect(await card.locator('[data-testid="photo-thumb"]').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
      expect((await storedPhoto(page, id))?.originalSha256).toBe(sha256(bytes));
    }));

  it('takes a photo pasted into the photo section as the kind marked, naming it when the clipboard gives no name', () =>
    withDiagnostics(diagnostics, async () => {
      const page = field!.page;
      const bytes = await drawJpeg(page, { sky: '#b7dcb0', mark: '#27ae60' });
      const beforeCount = await photoCards(page, 'before').count();
      // an image pasted from the clipboard comes as a nameless blob
      const id = await attachByPaste(page, 'after', { name: '', bytes });
      const card = page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"]`);
      expect(await card.getAttribute('data-kind')).toBe('after');
      expect(await card.locator('.photo-name').textContent()).toBe('paste-1.jpeg');
      expect((await storedPhoto(page, id))?.originalSha256).toBe(sha256(bytes));
      expect(await photoCards(page, 'before').count(), 'nothing added to the other kinds').toBe(beforeCount);
    }));

  it('takes a frame from the camera as a document photo timed by this computer, and uploads it', () =>
    withDiagnostics(diagnostics, async () => {
      camera = await fieldConsole((profile) => launchConsoleWithFlags(FAKE_CAMERA_ARGS, profile, server.url));
      const page = camera.page;
      const startedAt = Date.now();
      const id = await attachWith(page, 'document', async () => {
        await page.click('[data-testid="photo-camera"]');
        // the preview plays the fake device's frames once getUserMedia is granted
        await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="camera-dialog"] video')?.videoWidth ?? 0) > 0, undefined, { timeout: 15_000 });
        await page.click('[data-testid="camera-shoot"]');
        await page.waitForSelector('[data-testid="camera-dialog"]', { state: 'detached', timeout: 10_000 });
      });
      const card = page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"]`);
      expect(await card.getAttribute('data-kind')).toBe('document');
      expect(await card.locator('.photo-name').textContent()).toMatch(/^camera-.*\.jpg$/);
      // a canvas frame has no EXIF: the time comes from the computer's clock, so no "no time" warning; no GPS is said so
      expect(await card.locator('[data-testid="photo-taken-at"]').count()).toBe(1);
      expect(await card.locator('[data-warning="no_gps"]').count()).toBe(1);
      const stored = await storedPhoto(page, id);
      expect(stored?.screen?.width, 'the frame is a real image the browser can draw').toBeGreaterThan(0);

      const uploaded = await until(() => {
        const row = serverAttachment(server.dataDir, id);
        return row?.uploaded_at ? row : null;
      }, 'the camera frame uploaded and verified', 60_000, 250);
      expect(uploaded.kind).toBe('document');
      expect(uploaded.sha256).toBe(stored?.originalSha256);
      expect(sha256(readFileSync(blobFile(server.dataDir, uploaded.sha256)))).toBe(uploaded.sha256);
      expect(Date.parse(uploaded.taken_at ?? '')).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(pageErrors(camera)).toEqual([]);
    }));

  it('keeps the original byte for byte with its EXIF and makes a screen copy no longer than 1600 px on its longest side', () =>
    withDiagnostics(diagnostics, async () => {
      const page = field!.page;
      const large = withExif(await drawJpeg(page, { sky: '#d0d8e0', mark: '#8e44ad', width: 4000, height: 3000 }), { takenAt: '2026:11:21 09:00:00', lat: 55.75, lon: 37.62 });
      const id = await attachByPicker(page, 'after', { name: 'bolshoe.jpg', bytes: large });
      const stored = await storedPhoto(page, id);
      expect(stored?.originalSha256, 'the original is the file as given, EXIF and all').toBe(sha256(large));
      expect(stored?.originalSize).toBe(large.length);
      expect(stored?.screen).toEqual({ width: SCREEN_SIDE, height: 1200, type: 'image/jpeg' });
      expect(await page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"] [data-testid="photo-gps"]`).textContent()).toContain('55.75000');

      // a photo already smaller than a screen is not blown up
      const small = await drawJpeg(page, { sky: '#f0e0c0', mark: '#d35400', width: 800, height: 600 });
      const smallId = await attachByPicker(page, 'after', { name: 'malenkoe.jpg', bytes: small });
      expect((await storedPhoto(page, smallId))?.screen).toEqual({ width: 800, height: 600, type: 'image/jpeg' });

      // the own photo opens from the screen copy on this computer, not the 12-megapixel original
      await page.locator(`[data-testid="photo-card"][data-attachment-id="${id}"] [data-testid="photo-full"]`).click();
      const full = page.locator('[data-testid="photo-full-image"]');
      await full.waitFor({ timeout: 20_000 });
      await expect.poll(() => full.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(SCREEN_SIDE);
      await page.keyboard.press('Escape');
      await full.waitFor({ state: 'hidden', timeout: 10_000 });
      expect(pageErrors(field!)).toEqual([]);
    }));

  it('asks the browser once per session to keep its data, and the data is persisted when Chromium allows it', () =>
    withDiagnostics(diagnostics, async () => {
      let cdp: CDPSession | null = null;
      keeper = await fieldConsole(
        (profile) => launchConsole(profile, server.url),
        async ({ context, page }) => {
          // Chromium allows persistence by its own heuristics (bookmarks, engagement), which a fresh test profile never meets:
          // grant it as an installed console would have it (the grant lasts while this session is attached)
          cdp = await context.newCDPSession(page);
          await cdp.send('Browser.grantPermissions', { origin: new URL(server.url).origin, permissions: ['durableStorage'] });
          // count the console's requests and what Chromium answered, passing each on
          await context.addInitScript({
            content: `(() => {
              const persist = StorageManager.prototype.persist;
              globalThis.__persistAnswers = [];
              StorageManager.prototype.persist = function () {
                const answer = persist.call(this);
                answer.then((granted) => globalThis.__persistAnswers.push(granted));
                return answer;
              };
            })()`,
          });
        },
      );
      const page = keeper.page;
      const answers = () => page.evaluate(() => (globalThis as unknown as { __persistAnswers: boolean[] }).__persistAnswers);
      expect(await answers(), 'nothing asked before a photo').toEqual([]);
      await attachByPicker(page, 'document', { name: 'akt-1.jpg', bytes: await drawJpeg(page, { sky: '#ffffff', mark: '#000000' }) });
      await attachByPicker(page, 'document', { name: 'akt-2.jpg', bytes: await drawJpeg(page, { sky: '#eeeeee', mark: '#333333' }) });
      await expect.poll(answers).toEqual([true]);
      expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
      await (cdp as CDPSession | null)?.detach();
    }));
});
