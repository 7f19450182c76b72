// End-to-end: a field worker attaches before/after photos offline in the real console, closes it, reopens online; the uploads finish and an operator sees both side by side, thumbnails first and the full image on demand; the operator's "work done" answer is refused until both photos are uploaded, then goes for approval and out once supervisor1 approves.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswerProof, type AttachmentKind } from '../shared/index.js';
import {
  ensureConsoleBuilt,
  idbAll,
  launchConsole,
  loginInPage,
  newProfileDir,
  openAppeal,
  openConsole,
  pageErrors,
  removeProfile,
  sqlite,
  until,
  visibleRowIds,
  waitForConnection,
  waitForFirstSync,
  type ConsoleBrowser,
} from './support/browser.js';
import { appealForPhotos, attachByPicker, drawJpeg } from './support/photos-console.js';
import { withExif } from './support/photos-jpeg.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let server: ServerProcess;
let field: ConsoleBrowser | null = null;
let operator: ConsoleBrowser | null = null;
let supervisor: ConsoleBrowser | null = null;
const fieldProfile = newProfileDir('field1');
const operatorProfile = newProfileDir('operator1');
const supervisorProfile = newProfileDir('supervisor1');
const ANSWER_TEXT = 'Яма на проезжей части заделана, фото до и после работ приложены.';

function diagnostics(): string {
  return ['--- field1 ---', ...(field?.logs.slice(-30) ?? []), '--- operator1 ---', ...(operator?.logs.slice(-30) ?? []), '--- supervisor1 ---', ...(supervisor?.logs.slice(-30) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
}, 300_000);

afterAll(async () => {
  await field?.close().catch(() => undefined);
  await operator?.close().catch(() => undefined);
  await supervisor?.close().catch(() => undefined);
  await server?.stop();
  removeProfile(fieldProfile);
  removeProfile(operatorProfile);
  removeProfile(supervisorProfile);
});

const composerOf = (browser: ConsoleBrowser) => browser.page.locator('[data-testid="appeal-panel"] [data-testid="answer-composer"]');
const statusBadge = (browser: ConsoleBrowser) => browser.page.locator('[data-testid="appeal-panel"] [data-testid="status-badge"]');


describe('field photos end to end', () => {
  it('keeps offline before/after photos across a restart, uploads them once online, shows them side by side to the operator, whose work-done answer then goes out', async () => {
    try {
      field = await launchConsole(fieldProfile, server.url);
      await openConsole(field.page, server.url);
      await loginInPage(field.page, server.url, 'field1');
      await waitForFirstSync(field.page);
      // an appeal of field1's organisation (answers reviewed there) in progress, with no photos or answer yet, so the operator can answer it
      const appealId = appealForPhotos(server.dataDir);
      expect(await visibleRowIds(field.page)).not.toHaveLength(0);

      const withGps = withExif(await drawJpeg(field.page, { sky: '#9cc3e6', mark: '#c0392b' }), { takenAt: '2026:11:20 10:15:30', lat: 56.0102, lon: 92.8526 });
      const noExif = await drawJpeg(field.page, { sky: '#b7dcb0', mark: '#27ae60' });

      await field.context.setOffline(true);
      await waitForConnection(field.page, 'offline', 15_000);
      await openAppeal(field.page, appealId);
      await attachByPicker(field.page, 'before', { name: 'yama-do.jpg', bytes: withGps });
      const beforeCard = field.page.locator('[data-testid="photos-before"] [data-testid="photo-card"]').first();
      await expect.poll(() => beforeCard.locator('[data-testid="photo-gps"]').textContent()).toContain('56.01020');
      expect(await beforeCard.locator('[data-testid="photo-taken-at"]').count()).toBe(1);
      expect(await beforeCard.locator('[data-testid="photo-thumb"]').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);

      // a photo with no EXIF is taken all the same, with visible warnings
      await attachByPicker(field.page, 'after', { name: 'yama-posle.jpg', bytes: noExif });
      const afterCard = field.page.locator('[data-testid="photos-after"] [data-testid="photo-card"]').first();
      expect(await afterCard.locator('[data-testid="photo-warning"][data-warning="no_time"]').count()).toBe(1);
      expect(await afterCard.locator('[data-testid="photo-warning"][data-warning="no_gps"]').count()).toBe(1);
      expect(await field.page.locator('[data-testid="photo-state"][data-state="waiting"]').count()).toBe(2);

      const uploads = await idbAll<{ id: string; state: string; size: number }>(field.page, 'uploads');
      expect(uploads.map((u) => u.state).sort()).toEqual(['waiting', 'waiting']);
      const blobs = await idbAll<{ id: string }>(field.page, 'attachmentBlobs');
      expect(blobs).toHaveLength(2);
      const ids = uploads.map((u) => u.id);

      // the console closes while still offline, and opens again with the link back
      await field.close();

      // meanwhile operator1 writes the answer, but a "work done" answer without uploaded photos may not go out
      operator = await launchConsole(operatorProfile, server.url);
      await openConsole(operator.page, server.url);
      await loginInPage(operator.page, server.url, 'operator1');
      await waitForFirstSync(operator.page);
      await openAppeal(operator.page, appealId);
      const composer = composerOf(operator);
      await composer.locator('[data-testid="answer-text"]').fill(ANSWER_TEXT);
      await composer.locator('[data-testid="answer-reports-work"]').check();
      const proof = composer.locator('[data-testid="answer-proof"]');
      await expect.poll(() => proof.getAttribute('data-missing')).toBe('before,after');
      expect(await proof.textContent()).toContain('Не хватает загруженных фото');
      const sendReview = composer.locator('[data-testid="answer-send-review"]');
      expect(await sendReview.getAttribute('aria-disabled')).toBe('true');
      expect(await composer.locator('[data-testid="answer-why-answer_review"]').textContent()).toContain('Не хватает загруженных фото');
      // Playwright treats aria-disabled as disabled: force the click to show the console itself refuses
      await sendReview.click({ force: true });
      await operator.page.waitForTimeout(500);
      expect(await statusBadge(operator).getAttribute('data-status')).toBe('in_progress');
      expect(sqlite<{ status: string }>(server.dataDir, 'SELECT status FROM appeals WHERE id = ?', appealId)[0]?.status).toBe('in_progress');
      expect(sqlite(server.dataDir, 'SELECT id FROM answers WHERE appeal_id = ?', appealId)).toEqual([]);

      field = await launchConsole(fieldProfile, server.url);
      await openConsole(field.page, server.url);
      await waitForConnection(field.page, 'online', 30_000);
      const rows = await until(
        () => {
          const found = sqlite<{ id: string; kind: string; sha256: string; uploaded_at: string | null; taken_at: string | null; gps: string | null }>(
            server.dataDir,
            `SELECT id, kind, sha256, uploaded_at, taken_at, gps FROM attachments WHERE appeal_id = ?`,
            appealId,
          );
          return found.length === 2 && found.every((r) => r.uploaded_at !== null) ? found : null;
        },
        'both photos uploaded and verified',
        60_000,
        250,
      );
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      const before = rows.find((r) => r.kind === 'before')!;
      expect(before.sha256).toBe(createHash('sha256').update(withGps).digest('hex'));
      expect(JSON.parse(before.gps!)).toEqual({ lat: expect.closeTo(56.0102, 4), lon: expect.closeTo(92.8526, 4) });
      expect(checkAnswerProof(rows.map((r) => ({ kind: r.kind as AttachmentKind, uploadedAt: r.uploaded_at })))).toBeNull();
      await until(async () => (await idbAll<{ state: string }>(field!.page, 'uploads')).every((u) => u.state === 'done'), 'the field console sees its uploads done', 20_000, 250);

      // operator1 (same organisation), with the appeal still open: thumbnails arrive with sync, the original on demand
      const opBefore = operator.page.locator('[data-testid="photos-before"] [data-testid="photo-card"]');
      const opAfter = operator.page.locator('[data-testid="photos-after"] [data-testid="photo-card"]');
      await opBefore.first().waitFor({ timeout: 20_000 });
      await opAfter.first().waitFor({ timeout: 20_000 });
      expect(await opBefore.locator('[data-testid="photo-thumb"]').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
      expect(await opBefore.locator('[data-testid="photo-state"]').getAttribute('data-state')).toBe('done');
      const left = await operator.page.locator('[data-testid="photos-before"]').boundingBox();
      const right = await operator.page.locator('[data-testid="photos-after"]').boundingBox();
      expect(left && right && left.x < right.x && Math.abs(left.y - right.y) < 5, 'before and after side by side').toBe(true);

      // for people reviewing the layout (test-results is not committed)
      await operator.page.locator('[data-testid="section-photos"]').screenshot({ path: 'test-results/photos-operator.png' });
      await opBefore.locator('[data-testid="photo-full"]').click();
      const full = operator.page.locator('[data-testid="photo-full-image"]');
      await full.waitFor({ timeout: 20_000 });
      await expect.poll(() => full.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1200);
      await operator.page.keyboard.press('Escape');
      await full.waitFor({ state: 'hidden', timeout: 10_000 });

      // with both photos uploaded the answer reporting finished work can be sent: for approval, as the organisation reviews answers
      await expect.poll(() => proof.getAttribute('data-missing'), { timeout: 20_000 }).toBe('');
      expect(await composer.locator('[data-testid="answer-text"]').inputValue()).toBe(ANSWER_TEXT);
      expect(await composer.locator('[data-testid="answer-reports-work"]').isChecked()).toBe(true);
      expect(await composer.locator('[data-testid="answer-why-answer_review"]').count()).toBe(0);
      expect(await sendReview.getAttribute('aria-disabled')).toBe('false');
      await sendReview.click();
      await statusBadge(operator).and(operator.page.locator('[data-status="answer_review"]')).waitFor({ timeout: 20_000 });
      await until(() => sqlite<{ status: string }>(server.dataDir, 'SELECT status FROM appeals WHERE id = ?', appealId)[0]?.status === 'answer_review', 'the appeal in review on the server', 20_000, 250);

      // supervisor1 approves it, and it goes out with the text
      supervisor = await launchConsole(supervisorProfile, server.url);
      await openConsole(supervisor.page, server.url);
      await loginInPage(supervisor.page, server.url, 'supervisor1');
      await waitForFirstSync(supervisor.page);
      await openAppeal(supervisor.page, appealId);
      const review = supervisor.page.locator('[data-testid="appeal-panel"] [data-testid="answer-composer"][data-answer-status="review"]');
      await review.waitFor({ timeout: 20_000 });
      await expect.poll(() => review.locator('[data-testid="answer-proof"]').getAttribute('data-missing'), { timeout: 20_000 }).toBe('');
      await review.locator('[data-testid="answer-approve"]').click();
      await statusBadge(supervisor).and(supervisor.page.locator('[data-status="answered"]')).waitFor({ timeout: 20_000 });
      const answered = await until(
        () => {
          const appeal = sqlite<{ status: string }>(server.dataDir, 'SELECT status FROM appeals WHERE id = ?', appealId)[0];
          const answer = sqlite<{ status: string; reports_work: number; published_text: string | null }>(server.dataDir, 'SELECT status, reports_work, published_text FROM answers WHERE appeal_id = ?', appealId);
          return appeal?.status === 'answered' && answer.length === 1 ? answer[0] : null;
        },
        'the appeal answered on the server',
        20_000,
        250,
      );
      expect(answered.published_text).toContain(ANSWER_TEXT);
      expect(answered.reports_work).toBe(1);
      await statusBadge(operator).and(operator.page.locator('[data-status="answered"]')).waitFor({ timeout: 20_000 });
      expect(await operator.page.locator('[data-testid="appeal-panel"] [data-testid="sent-answer"]').first().textContent()).toContain(ANSWER_TEXT);

      expect(pageErrors(field)).toEqual([]);
      expect(pageErrors(operator)).toEqual([]);
      expect(pageErrors(supervisor)).toEqual([]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  }, 300_000);
});
