// End-to-end: an appeal redirected to another organisation leaves operator1's running console (queue and IndexedDB) without a reload; an offline change to it gets a visible answer first.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attentionCount,
  commentOpenAppeal,
  ensureConsoleBuilt,
  idbAll,
  idbPacks,
  idbMeta,
  launchConsole,
  loginInPage,
  newProfileDir,
  openAppeal,
  openConsole,
  pageErrors,
  removeProfile,
  sqlite,
  visibleRowIds,
  waitForConnection,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { connectClient, login, MutationSequence, unwrap, type SyncClient } from './support/client.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/** Another organisation of the demo region (operator3 works there). */
const OTHER_ORGANISATION = 'org-adm-kamenogorsk';

const tag = randomBytes(3).toString('hex');
let server: ServerProcess;
let op1: ConsoleBrowser | null = null;
let supervisor: SyncClient | null = null;
let sequence: MutationSequence;
const profile = newProfileDir('evict-op1');

function diagnostics(): string {
  return ['--- operator1 console ---', ...(op1?.logs.slice(-30) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

/** supervisor1 redirects the appeal to another organisation over the sync protocol. */
async function redirect(appealId: string): Promise<void> {
  const answer = unwrap(await supervisor!.push([sequence.next('appeal.assign', { appealId, organisationId: OTHER_ORGANISATION, assigneeId: null })]));
  expect(answer.results[0]).toMatchObject({ status: 'applied' });
  const [row] = sqlite<{ organisation_id: string }>(server.dataDir, 'SELECT organisation_id FROM appeals WHERE id = ?', appealId);
  expect(row?.organisation_id).toBe(OTHER_ORGANISATION);
}

/** Where the console holds the appeal as a whole: its own row, or inside a pack of the first sync. */
const AS_APPEAL = ['appeals', 'appealPacks'];

/** Whether the appeal is anywhere in the console's IndexedDB tables of confirmed data. */
async function heldLocally(appealId: string): Promise<string[]> {
  const where: string[] = [];
  for (const [table, key] of [['appeals', 'id'], ['comments', 'appealId'], ['events', 'appealId'], ['attachments', 'appealId']] as const) {
    const rows = await idbAll<Record<string, unknown>>(op1!.page, table);
    if (rows.some((r) => r[key] === appealId)) where.push(table);
  }
  // the first sync packs the rest of the scope one record per page: a packed copy is held data too
  const packs = await idbPacks(op1!.page);
  if (packs.some((p) => p.appeals.some((a) => a.id === appealId) || [...p.comments, ...p.events].some((x) => x.appealId === appealId))) where.push('appealPacks');
  return where;
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
  const session = await login(server.url, 'supervisor1', 'demo');
  supervisor = await connectClient(server.url, session);
  sequence = new MutationSequence(supervisor.clientId);
  op1 = await launchConsole(profile, server.url);
  await openConsole(op1.page, server.url);
  await loginInPage(op1.page, server.url, 'operator1');
  await waitForFirstSync(op1.page);
}, 240_000);

afterAll(async () => {
  await supervisor?.close().catch(() => undefined);
  await op1?.close().catch(() => undefined);
  await server?.stop();
  removeProfile(profile);
});

describe('an appeal redirected to another organisation', () => {
  it('disappears from the running console\'s queue and IndexedDB without a reload', async () => {
    try {
      const page = op1!.page;
      const [id] = await visibleRowIds(page);
      expect(id).toBeTruthy();
      expect((await heldLocally(id!)).filter((t) => AS_APPEAL.includes(t))).toHaveLength(1);
      const countBefore = Number(await page.getAttribute('[data-testid="queue-count"]', 'data-count'));
      // a marker that survives only if the page is not reloaded
      await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

      await redirect(id!);

      await page.waitForSelector(`[data-testid="queue-row"][data-appeal-id="${id}"]`, { state: 'detached', timeout: 10_000 });
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="queue-count"]')?.getAttribute('data-count')) === n, countBefore - 1, { timeout: 10_000 });
      expect(await heldLocally(id!)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });

  it('shows an offline comment on an appeal redirected meanwhile as refused in "needs attention", then drops the appeal', async () => {
    try {
      const page = op1!.page;
      const clientId = await idbMeta<string>(page, 'clientId');
      const [id] = await visibleRowIds(page);
      await openAppeal(page, id!);
      // opening logs an audit.view; let the server take it first, so that the comment is the only change waiting. The
      // unsent count leaves access-log entries out, so the outbox itself is watched
      await waitForPending(page, (n) => n === 0, '0', 20_000);
      const accessLogged = async () => sqlite<{ n: number }>(server.dataDir, `SELECT COUNT(*) AS n FROM mutation_results WHERE client_id = ?`, clientId)[0]!.n;
      for (const deadline = Date.now() + 20_000; (await idbAll<{ status: string }>(page, 'outbox')).some((r) => r.status === 'pending'); ) {
        if (Date.now() > deadline) throw new Error(`the audit.view of opening the appeal was not sent (${await accessLogged()} results on the server)`);
        await page.waitForTimeout(100);
      }
      await op1!.context.setOffline(true);
      await waitForConnection(page, 'offline', 15_000);
      const text = `Комментарий до перенаправления ${tag}`;
      await commentOpenAppeal(page, text);
      expect(await waitForPending(page, (n) => n === 1, '1', 5_000)).toBe(1);

      await redirect(id!);
      // offline, the console cannot know yet: the appeal and the unsent work stay
      await page.waitForTimeout(500);
      expect((await heldLocally(id!)).filter((t) => AS_APPEAL.includes(t))).toHaveLength(1);

      await op1!.context.setOffline(false);
      await waitForConnection(page, 'online', 20_000);
      await waitForPending(page, (n) => n === 0, '0', 20_000);
      // the server answered the comment (refused: the appeal is no longer in operator1's scope), exactly once
      const results = sqlite<{ status: string; code: string | null; appeal_id: string | null }>(
        server.dataDir,
        `SELECT status, code, appeal_id FROM mutation_results WHERE client_id = ? AND status != 'applied'`,
        clientId,
      );
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'OUT_OF_SCOPE' });
      expect(sqlite<{ n: number }>(server.dataDir, 'SELECT COUNT(*) AS n FROM comments WHERE text = ?', text)[0]!.n).toBe(0);
      // the refusal is shown, not swallowed; the appeal itself is gone
      await page.waitForSelector('[data-testid="attention-count"][data-count="1"]', { state: 'attached', timeout: 10_000 });
      expect(await attentionCount(page)).toBe(1);
      await page.waitForSelector(`[data-testid="queue-row"][data-appeal-id="${id}"]`, { state: 'detached', timeout: 10_000 });
      expect(await heldLocally(id!)).toEqual([]);
      const attention = await idbAll<{ appealId: string | null; args: { text?: string } }>(page, 'attention');
      expect(attention.map((a) => [a.appealId, a.args.text])).toEqual([[id, text]]);
      expect(pageErrors(op1!), 'uncaught errors in the console page').toEqual([]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnostics()}`, { cause: error });
    }
  });
});
