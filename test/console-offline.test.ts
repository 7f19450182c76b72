// End-to-end: offline work in the real console (Chromium, IndexedDB) survives a restart, reaches the real server exactly once, shows up on a colleague's console, and logout warns then wipes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attentionCount,
  commentOpenAppeal,
  connectionState,
  createAppealInUi,
  ensureConsoleBuilt,
  idbAll,
  idbAppeals,
  idbCounts,
  idbMeta,
  launchConsole,
  loginInPage,
  newProfileDir,
  openAppeal,
  openConsole,
  pageErrors,
  pendingCount,
  removeProfile,
  scrollToRow,
  sqlite,
  toggleFacet,
  triageOpenAppeal,
  until,
  visibleRowIds,
  waitForConnection,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const tag = randomBytes(3).toString('hex');
let server: ServerProcess;
let op1: ConsoleBrowser | null = null;
let op2: ConsoleBrowser | null = null;
const profile1 = newProfileDir('op1');
const profile2 = newProfileDir('op2');

/** What the offline session did, for the later tests. */
interface Work {
  clientId: string;
  triaged: { id: string; category: string; priority: string }[];
  comments: { appealId: string; text: string }[];
  created: { id: string; text: string };
}

function diagnostics(): string {
  return [
    '--- operator1 console ---',
    ...(op1?.logs.slice(-40) ?? []),
    '--- operator2 console ---',
    ...(op2?.logs.slice(-40) ?? []),
    '--- server ---',
    server?.output().slice(-4000) ?? '',
  ].join('\n');
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
}, 240_000);

afterAll(async () => {
  await op1?.close().catch(() => undefined);
  await op2?.close().catch(() => undefined);
  await server?.stop();
  removeProfile(profile1);
  removeProfile(profile2);
});

describe('an operator working offline', () => {
  it('is served the built console by the sync server at /app/ (the tests load the same files from a private copy)', async () => {
    const response = await fetch(`${server.url}/app/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'index.html refers to a script bundle').toBeTruthy();
    const asset = await fetch(`${server.url}/app/${script}`);
    expect(asset.status).toBe(200);
    // hashed file names: kept by the browser (and its compiled code) without asking again; the page itself is asked for each time
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('cache-control')).not.toContain('immutable');
  });

  it('keeps triage, comments and a new appeal across a restart while offline, sends each exactly once, and a colleague sees them within a second', async () => {
    try {
      // operator2 (same organisation) is online the whole time
      op2 = await launchConsole(profile2, server.url);
      await openConsole(op2.page, server.url);
      await loginInPage(op2.page, server.url, 'operator2');
      await waitForFirstSync(op2.page);

      op1 = await launchConsole(profile1, server.url);
      await openConsole(op1.page, server.url);
      await loginInPage(op1.page, server.url, 'operator1');
      await waitForFirstSync(op1.page);
      const clientId = await idbMeta<string>(op1.page, 'clientId');
      expect(clientId, 'the console keeps a clientId in IndexedDB meta').toBeTruthy();

      // three new appeals of the organisation
      await toggleFacet(op1.page, 'status', 'new');
      await op1.page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="queue-row"]')];
        return rows.length >= 3 && rows.every((r) => r.getAttribute('data-status') === 'new');
      });
      const ids = (await visibleRowIds(op1.page)).slice(0, 3);
      expect(ids).toHaveLength(3);
      const triageEventsBefore = new Map(
        ids.map((id) => [id, sqlite<{ n: number }>(server.dataDir, `SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND action = 'appeal.triage'`, id)[0]!.n]),
      );

      await op1.context.setOffline(true);
      await waitForConnection(op1.page, 'offline', 15_000);

      const work: Work = { clientId: clientId!, triaged: [], comments: [], created: { id: '', text: '' } };
      for (const [i, id] of ids.entries()) {
        await openAppeal(op1.page, id);
        const current = await op1.page.locator('[data-testid="triage-category"]').inputValue();
        const currentPriority = await op1.page.locator('[data-testid="triage-priority"]').inputValue();
        const category = current === 'roads' ? 'waste' : 'roads';
        const priority = currentPriority === 'fast_track' ? 'emergency' : 'fast_track';
        await triageOpenAppeal(op1.page, { category, priority });
        work.triaged.push({ id, category, priority });
        const text = `Офлайн-проверка ${tag}: позвонили заявителю, уточнили адрес (${i + 1})`;
        await commentOpenAppeal(op1.page, text);
        work.comments.push({ appealId: id, text });
      }
      const createdText = `Офлайн ${tag}: во дворе дома 7 по улице Школьной провалился люк, дети рядом играют.`;
      const createdId = await createAppealInUi(op1.page, {
        name: 'Сидорова Анна Павловна',
        phone: '+79001112233',
        text: createdText,
        subject: `Провалился люк ${tag}`,
        address: 'ул. Школьная, 7',
      });
      work.created = { id: createdId, text: createdText };

      // the status bar: offline, 7 changes waiting (3 triage + 3 comments + 1 create); the outbox also holds
      // one audit.view per opened appeal, which travels but is not counted as unsent work
      expect(await connectionState(op1.page)).toBe('offline');
      const outbox = await idbAll<{ mutationId: number; name: string; status: string }>(op1.page, 'outbox');
      const work7 = outbox.filter((r) => r.name !== 'audit.view');
      expect(work7.map((r) => r.name).sort()).toEqual(['appeal.comment', 'appeal.comment', 'appeal.comment', 'appeal.create', 'appeal.triage', 'appeal.triage', 'appeal.triage']);
      expect(outbox.every((r) => r.status === 'pending')).toBe(true);
      const pendingOffline = await pendingCount(op1.page);
      expect(pendingOffline).toBe(work7.length);
      expect(pendingOffline).toBeGreaterThanOrEqual(7);
      // nothing reached the server
      expect(sqlite(server.dataDir, 'SELECT * FROM mutation_results WHERE client_id = ?', clientId)).toEqual([]);

      // restart the console with the same profile, still offline
      await op1.close();
      op1 = await launchConsole(profile1, server.url, { offline: true });
      await openConsole(op1.page, server.url);
      await op1.page.waitForSelector('[data-testid="status-bar"]', { timeout: 15_000 });
      expect(await connectionState(op1.page)).toBe('offline');
      expect(await pendingCount(op1.page)).toBe(pendingOffline);
      for (const t of work.triaged) {
        await openAppeal(op1.page, t.id);
        const panel = op1.page.locator(`[data-testid="appeal-panel"][data-appeal-id="${t.id}"]`);
        await expect(panel.locator('[data-testid="unsent-mark"]').count()).resolves.toBe(1);
        expect(await panel.locator('[data-testid="triage-category"]').inputValue()).toBe(t.category);
        expect(await panel.locator('[data-testid="priority-badge"]').first().getAttribute('data-priority')).toBe(t.priority);
        const comment = work.comments.find((c) => c.appealId === t.id)!;
        expect(await panel.locator('[data-testid="comment"]', { hasText: comment.text }).count()).toBe(1);
        const row = op1.page.locator(`[data-testid="queue-row"][data-appeal-id="${t.id}"]`);
        await scrollToRow(op1.page, t.id);
        // soft: the queue's per-row mark depends on the store's pendingAppealIds; the rest of the flow must still run
        expect.soft(await row.getAttribute('data-pending'), 'queue row marked unsent (data-pending)').toBe('true');
      }
      expect(await scrollToRow(op1.page, createdId)).toBe(true);
      expect.soft(await op1.page.locator(`[data-testid="queue-row"][data-appeal-id="${createdId}"]`).getAttribute('data-pending'), 'new appeal row marked unsent').toBe('true');

      // operator2 has the first appeal open and the whole scope listed
      await openAppeal(op2.page, work.triaged[0]!.id);
      const op2CountBefore = Number(await op2.page.getAttribute('[data-testid="queue-count"]', 'data-count'));

      // online: the server gets everything; operator2 sees it without a reload
      const queued = (await idbAll<{ mutationId: number; name: string }>(op1.page, 'outbox')).length;
      const serverHasAll = until(
        () => (sqlite<{ n: number }>(server.dataDir, 'SELECT COUNT(*) AS n FROM mutation_results WHERE client_id = ?', clientId)[0]!.n >= queued ? Date.now() : 0),
        `the server recording all ${queued} mutations`,
        30_000,
        10,
      );
      const first = work.triaged[0]!;
      const op2Sees = op2.page
        .waitForFunction(
          ({ id, category, priority, comment, count }) => {
            const panel = document.querySelector(`[data-testid="appeal-panel"][data-appeal-id="${id}"]`);
            if (!panel) return false;
            const select = panel.querySelector<HTMLSelectElement>('[data-testid="triage-category"]');
            const badge = panel.querySelector('[data-testid="priority-badge"]');
            const hasComment = [...panel.querySelectorAll('[data-testid="comment"]')].some((c) => c.textContent?.includes(comment));
            const listed = Number(document.querySelector('[data-testid="queue-count"]')?.getAttribute('data-count'));
            return select?.value === category && badge?.getAttribute('data-priority') === priority && hasComment && listed === count;
          },
          { id: first.id, category: first.category, priority: first.priority, comment: work.comments[0]!.text, count: op2CountBefore + 1 },
          { polling: 'raf', timeout: 30_000 },
        )
        .then(() => Date.now());
      await op1.context.setOffline(false);
      const [tServer, tOp2] = await Promise.all([serverHasAll, op2Sees]);
      console.info(`operator2 showed operator1's changes ${tOp2 - tServer} ms after the server had all of them`);
      expect(tOp2 - tServer, 'operator2 sees the change this long after the server has it (ms)').toBeLessThanOrEqual(1000);
      // the appeal's timeline on operator2's screen has the triage as a line of its history, with who did it
      const triageLine = op2.page.locator(`[data-testid="appeal-panel"][data-appeal-id="${first.id}"] [data-testid="history-event"][data-action="appeal.triage"]`);
      await triageLine.first().waitFor({ timeout: 10_000 });
      expect(await triageLine.count()).toBeGreaterThanOrEqual(1);

      await waitForConnection(op1.page, 'online', 20_000);
      await waitForPending(op1.page, (n) => n === 0, '0', 20_000);
      expect(await attentionCount(op1.page)).toBe(0);

      // a second sync round must not send anything again
      await op1.page.click('[data-testid="sync-now"]');
      await op1.page.waitForTimeout(1_000);

      const results = sqlite<{ mutation_id: number; status: string; code: string | null }>(
        server.dataDir,
        'SELECT mutation_id, status, code FROM mutation_results WHERE client_id = ? ORDER BY mutation_id',
        clientId,
      );
      expect(results.map((r) => r.status)).toEqual(Array(queued).fill('applied'));
      expect(new Set(results.map((r) => r.mutation_id)).size).toBe(queued);
      for (const c of work.comments) {
        expect(sqlite<{ n: number }>(server.dataDir, 'SELECT COUNT(*) AS n FROM comments WHERE text = ? AND appeal_id = ?', c.text, c.appealId)[0]!.n).toBe(1);
      }
      for (const t of work.triaged) {
        const [row] = sqlite<{ category: string; priority: string }>(server.dataDir, 'SELECT category, priority FROM appeals WHERE id = ?', t.id);
        expect(row).toEqual({ category: t.category, priority: t.priority });
        const events = sqlite<{ n: number }>(server.dataDir, `SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND action = 'appeal.triage'`, t.id)[0]!.n;
        expect(events).toBe(triageEventsBefore.get(t.id)! + 1);
      }
      expect(sqlite<{ n: number }>(server.dataDir, 'SELECT COUNT(*) AS n FROM appeals WHERE original_text = ?', createdText)[0]!.n).toBe(1);
      expect(sqlite<{ id: string }>(server.dataDir, 'SELECT id FROM appeals WHERE original_text = ?', createdText)[0]!.id).toBe(createdId);
      // the console no longer marks them unsent
      expect(await idbAll(op1.page, 'outbox')).toEqual([]);
      await openAppeal(op1.page, first.id);
      expect(await op1.page.locator('[data-testid="appeal-panel"] [data-testid="unsent-mark"]').count()).toBe(0);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });

  it('warns about unsent changes on logout and then leaves IndexedDB without any of the user\'s data', async () => {
    try {
      expect(op1, 'the first test leaves operator1 signed in').not.toBeNull();
      const page = op1!.page;
      await op1!.context.setOffline(true);
      await waitForConnection(page, 'offline', 15_000);
      const [id] = await visibleRowIds(page);
      await openAppeal(page, id!);
      const lost = `Этот комментарий не дойдёт ${tag}`;
      await commentOpenAppeal(page, lost);
      const unsent = await pendingCount(page);
      expect(unsent).toBeGreaterThanOrEqual(1);

      await page.click('[data-testid="logout-button"]');
      const warning = page.locator('[data-testid="logout-unsent-warning"]');
      await warning.waitFor({ timeout: 5_000 });
      expect(await warning.getAttribute('data-count')).toBe(String(unsent));
      // staying keeps everything
      await page.click('[data-testid="logout-stay"]');
      await page.waitForSelector('[data-testid="logout-dialog"]', { state: 'detached' });
      expect(await pendingCount(page)).toBe(unsent);
      expect((await idbAppeals(page)).length).toBeGreaterThan(0);

      await page.click('[data-testid="logout-button"]');
      await page.click('[data-testid="logout-confirm"]');
      await page.waitForSelector('[data-testid="login-form"]', { timeout: 15_000 });
      const counts = await idbCounts(page);
      // every table but meta (clientId and its numbering stay) is empty
      expect(counts.appeals, 'the appeals table exists').toBeDefined();
      const left = Object.entries(counts).filter(([table, n]) => table !== 'meta' && n > 0);
      expect(left, 'tables still holding rows after logout').toEqual([]);
      const metaKeys = (await idbAll<{ key: string }>(page, 'meta')).map((r) => r.key);
      for (const key of ['session', 'cursor', 'reference', 'ownerId', 'snapshot', 'lastSyncAt']) expect(metaKeys).not.toContain(key);

      // a reload shows the sign-in screen, not the old queue
      await page.reload();
      await page.waitForSelector('[data-testid="login-form"]', { timeout: 15_000 });
      expect(await page.locator('[data-testid="queue-row"]').count()).toBe(0);

      await op1!.context.setOffline(false);
      await page.waitForTimeout(500);
      expect(sqlite<{ n: number }>(server.dataDir, 'SELECT COUNT(*) AS n FROM comments WHERE text = ?', lost)[0]!.n).toBe(0);
      for (const b of [op1, op2]) if (b) expect(pageErrors(b), 'uncaught errors in a console page').toEqual([]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });
});
