// End-to-end: two operators edit the same appeal's summary offline; the first to reconnect wins, the other sees the conflict with both versions in "needs attention", and redo and discard resolve it without losing anything silently.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attentionCount,
  editSummary,
  ensureConsoleBuilt,
  idbAll,
  idbMeta,
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
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const tag = randomBytes(3).toString('hex');
let server: ServerProcess;
let op1: ConsoleBrowser | null = null;
let op2: ConsoleBrowser | null = null;
const profile1 = newProfileDir('conflict-op1');
const profile2 = newProfileDir('conflict-op2');
let clientId2 = '';
let appealIds: string[] = [];

function diagnostics(): string {
  return [
    '--- operator1 console ---',
    ...(op1?.logs.slice(-30) ?? []),
    '--- operator2 console ---',
    ...(op2?.logs.slice(-30) ?? []),
    '--- server ---',
    server?.output().slice(-3000) ?? '',
  ].join('\n');
}

const summaryOnServer = (id: string) => sqlite<{ summary: string; version: number }>(server.dataDir, 'SELECT summary, version FROM appeals WHERE id = ?', id)[0]!;

/** Both operators edit the appeal's summary offline; operator1 reconnects first, then operator2. */
async function editBothOffline(appealId: string, mine1: string, mine2: string): Promise<void> {
  for (const [browser, text] of [[op1!, mine1], [op2!, mine2]] as const) {
    await openAppeal(browser.page, appealId);
    // opening logs an audit.view; let it go out first, so that the edit is the only change waiting
    await waitForPending(browser.page, (n) => n === 0, '0', 20_000);
    await browser.context.setOffline(true);
    await waitForConnection(browser.page, 'offline', 15_000);
    await editSummary(browser.page, text);
    expect(await waitForPending(browser.page, (n) => n === 1, '1', 5_000)).toBe(1);
  }
  await op1!.context.setOffline(false);
  await waitForConnection(op1!.page, 'online', 20_000);
  await waitForPending(op1!.page, (n) => n === 0, '0', 20_000);
  expect(summaryOnServer(appealId).summary).toBe(mine1);
  await op2!.context.setOffline(false);
  await waitForConnection(op2!.page, 'online', 20_000);
  await waitForPending(op2!.page, (n) => n === 0, '0', 20_000);
  await op2!.page.waitForSelector('[data-testid="attention-count"][data-count="1"]', { state: 'attached', timeout: 10_000 });
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
  op1 = await launchConsole(profile1, server.url);
  op2 = await launchConsole(profile2, server.url);
  await openConsole(op1.page, server.url);
  await openConsole(op2.page, server.url);
  await loginInPage(op1.page, server.url, 'operator1');
  await loginInPage(op2.page, server.url, 'operator2');
  await waitForFirstSync(op1.page);
  await waitForFirstSync(op2.page);
  clientId2 = (await idbMeta<string>(op2.page, 'clientId')) ?? '';
  appealIds = (await visibleRowIds(op1.page)).slice(0, 2);
}, 240_000);

afterAll(async () => {
  await op1?.close().catch(() => undefined);
  await op2?.close().catch(() => undefined);
  await server?.stop();
  removeProfile(profile1);
  removeProfile(profile2);
});

describe('two operators editing the same summary offline', () => {
  it('keeps the first reconnected edit, shows the second operator both versions in "needs attention", and redo applies the second edit on top', async () => {
    try {
      expect(clientId2).not.toBe('');
      const id = appealIds[0]!;
      const olga = `Версия Ольги ${tag}: заявитель просит убрать мусор у контейнерной площадки.`;
      const andrey = `Версия Андрея ${tag}: мусор у площадки не вывозят неделю, нужна проверка подрядчика.`;
      const before = summaryOnServer(id);
      await editBothOffline(id, olga, andrey);

      // operator1's edit won; operator2's was rejected as a conflict and is kept, not overwritten silently
      const won = summaryOnServer(id);
      expect(won.summary).toBe(olga);
      expect(won.version).toBe(before.version + 1);
      const rejected = sqlite<{ status: string; code: string }>(
        server.dataDir,
        `SELECT status, code FROM mutation_results WHERE client_id = ? AND status != 'applied' ORDER BY mutation_id`,
        clientId2,
      );
      expect(rejected).toEqual([{ status: 'rejected', code: 'VERSION_CONFLICT' }]);
      expect(await attentionCount(op2!.page)).toBe(1);
      expect(await attentionCount(op1!.page)).toBe(0);
      const stored = await idbAll<{ args: { patch: { summary: string } } }>(op2!.page, 'attention');
      expect(stored.map((r) => r.args.patch.summary)).toEqual([andrey]);

      // the dialog: the reason and both versions side by side
      await op2!.page.click('[data-testid="attention-count"]');
      const item = op2!.page.locator('[data-testid="attention-item"]');
      await item.waitFor({ timeout: 5_000 });
      expect(await item.count()).toBe(1);
      expect(await item.getAttribute('data-code')).toBe('VERSION_CONFLICT');
      const field = item.locator('[data-testid="conflict-field"][data-field="summary"]');
      expect(await field.count()).toBe(1);
      expect((await field.locator('[data-testid="conflict-mine"]').textContent())?.replace(/\s+/g, ' ').trim()).toBe(andrey);
      expect((await field.locator('[data-testid="conflict-theirs"]').textContent())?.replace(/\s+/g, ' ').trim()).toBe(olga);

      // redo: the same edit against the version now seen, applied on top of operator1's
      await item.locator('[data-testid="attention-redo"]').click();
      await op2!.page.waitForSelector('[data-testid="attention-empty"]', { timeout: 10_000 });
      await waitForPending(op2!.page, (n) => n === 0, '0', 20_000);
      await until(() => summaryOnServer(id).summary === andrey, 'the redone edit on the server', 10_000);
      expect(summaryOnServer(id).version).toBe(before.version + 2);
      expect(await attentionCount(op2!.page)).toBe(0);
      // both edits are in the appeal's history on the server
      const updates = sqlite<{ changes: string }>(server.dataDir, `SELECT changes FROM appeal_events WHERE appeal_id = ? AND action = 'appeal.update' ORDER BY at`, id);
      expect(updates.map((u) => u.changes).join('\n')).toContain(olga);
      expect(updates.map((u) => u.changes).join('\n')).toContain(andrey);
      // operator1, online, follows without a reload
      await op1!.page.waitForFunction(
        ({ id, text }) =>
          document.querySelector(`[data-testid="appeal-panel"][data-appeal-id="${id}"] [data-testid="appeal-summary"]`)?.textContent === text,
        { id, text: andrey },
        { timeout: 10_000 },
      );
      await op2!.page.keyboard.press('Escape');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });

  it('discard drops the losing edit on the losing console only after the person chooses, leaving the winner on the server and in both consoles', async () => {
    try {
      const id = appealIds[1]!;
      const olga = `Ольга ${tag}: яма на дороге у остановки, нужен ямочный ремонт.`;
      const andrey = `Андрей ${tag}: яма у остановки, уже передано в дорожную службу.`;
      await editBothOffline(id, olga, andrey);
      expect(summaryOnServer(id).summary).toBe(olga);

      // until a decision the losing edit stays visible in "needs attention"
      await op2!.page.waitForTimeout(1_500);
      expect(await attentionCount(op2!.page)).toBe(1);

      await op2!.page.click('[data-testid="attention-count"]');
      const item = op2!.page.locator('[data-testid="attention-item"]');
      await item.waitFor({ timeout: 5_000 });
      expect((await item.locator('[data-testid="conflict-mine"]').textContent())?.replace(/\s+/g, ' ').trim()).toBe(andrey);
      await item.locator('[data-testid="attention-discard"]').click();
      await op2!.page.waitForSelector('[data-testid="attention-empty"]', { timeout: 10_000 });
      await op2!.page.keyboard.press('Escape');
      expect(await attentionCount(op2!.page)).toBe(0);
      expect(await idbAll(op2!.page, 'attention')).toEqual([]);
      expect(await idbAll(op2!.page, 'outbox')).toEqual([]);

      // operator2's console shows the server's (operator1's) text; nothing of the discarded edit was applied
      await openAppeal(op2!.page, id);
      await op2!.page.waitForFunction(
        ({ id, text }) =>
          document.querySelector(`[data-testid="appeal-panel"][data-appeal-id="${id}"] [data-testid="appeal-summary"]`)?.textContent === text,
        { id, text: olga },
        { timeout: 10_000 },
      );
      await op2!.page.waitForTimeout(1_000);
      expect(summaryOnServer(id).summary).toBe(olga);
      const applied = sqlite<{ n: number }>(server.dataDir, `SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND action = 'appeal.update' AND changes LIKE ?`, id, `%${andrey}%`);
      expect(applied[0]!.n).toBe(0);
      for (const b of [op1, op2]) if (b) expect(pageErrors(b), 'uncaught errors in a console page').toEqual([]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });
});
