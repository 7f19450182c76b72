// End-to-end: a hotline operator taking a call is offered an earlier appeal at the same address and category as a possible repeat, links it by keyboard, and after sync the server holds the link on the new appeal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  ensureConsoleBuilt,
  idbMeta,
  launchConsole,
  loginInPage,
  newProfileDir,
  openConsole,
  removeProfile,
  sqlite,
  until,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { connectClient, createAppealArgs, login, MutationSequence, unwrap } from './support/client.js';
import { countMouseInput, logCall, mouseInput } from './support/hotline-intake.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const DAY_MS = 86_400_000;

let server: ServerProcess;
let hotline: ConsoleBrowser | null = null;
const profile = newProfileDir('hotline-link');

function diagnostics(): string {
  return ['--- console ---', ...(hotline?.logs.slice(-40) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'], startTimeoutMs: 90_000 });
  hotline = await launchConsole(profile, server.url);
  await openConsole(hotline.page, server.url);
  await loginInPage(hotline.page, server.url, 'hotline1');
  await waitForFirstSync(hotline.page);
});

afterAll(async () => {
  await hotline?.close();
  removeProfile(profile);
  await server?.stop();
});

describe('hotline intake, linking a possible repeat', () => {
  it('offers an appeal taken elsewhere at the same address and category, links it by Alt+D, and the server has the link on the new appeal', async () => {
    const page = hotline!.page;
    try {
      // Three days ago a colleague of the same organisation took the complaint at reception; the hotline console
      // has synced it since, and the intake is opened only afterwards, as when a call comes in.
      const operator = await connectClient(server.url, await login(server.url, 'operator1', DEMO_PASSWORD));
      const earlier = createAppealArgs({
        channel: 'personal',
        address: 'г. Зареченск, ул. Гагарина, д. 117',
        municipalityId: 'mun-zarechensk',
        category: 'waste',
        originalText: 'Во дворе дома 117 на Гагарина не вывозят мусор, контейнеры переполнены',
        receivedAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
      });
      const pushed = unwrap(await operator.push([new MutationSequence(operator.clientId).next('appeal.create', earlier)]));
      await operator.close();
      const created = pushed.results[0]!;
      if (created.status !== 'applied') throw new Error(`the earlier appeal was not created: ${JSON.stringify(created)}`);
      await until(async () => ((await idbMeta<number>(page, 'cursor')) ?? 0) >= created.seq! || null, 'the earlier appeal on the hotline console', 20_000);

      await countMouseInput(page);
      const clientId = await idbMeta<string>(page, 'clientId');
      await page.keyboard.press('F2');
      await page.waitForSelector('[data-testid="intake"][open]');
      const call = await logCall(page, {
        phone: '8 912 200-00-17',
        name: 'Орлова Нина',
        settlement: 'зарече',
        street: 'гагар',
        house: '117',
        text: 'Мусор не вывозят уже неделю, баки во дворе переполнены',
        accept: 'tab',
        linkDuplicate: earlier.number,
      });
      expect(call.linkReasons).toContain('тот же адрес');
      expect(call.linkReasons).toContain('та же категория');
      expect(await mouseInput(page)).toEqual([]);

      await waitForPending(page, (n) => n === 0, '0', 30_000);
      const appeal = await until(
        () => sqlite<{ id: string; category: string; address: string }>(server.dataDir, 'SELECT id, category, address FROM appeals WHERE number = ?', call.number)[0],
        'the new appeal on the server',
        20_000,
      );
      expect(appeal).toMatchObject({ category: 'waste', address: 'г. Зареченск, ул. Гагарина, д. 117' });

      // the link: a comment on the new appeal naming the earlier one, by the hotline operator, in the appeal's history for whoever triages it
      const comments = sqlite<{ text: string; author_name: string }>(server.dataDir, 'SELECT text, author_name FROM comments WHERE appeal_id = ?', appeal.id);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.text).toContain(`№ ${earlier.number}`);
      expect(comments[0]!.author_name).toBe('Волкова Светлана Юрьевна');
      // the earlier appeal is left as it was: merging is the triaging operator's decision
      expect(sqlite(server.dataDir, 'SELECT id FROM comments WHERE appeal_id = ?', earlier.id)).toEqual([]);
      const results = sqlite<{ status: string; n: number }>(server.dataDir, 'SELECT status, COUNT(*) AS n FROM mutation_results WHERE client_id = ? GROUP BY status', clientId);
      expect(results).toEqual([{ status: 'applied', n: 2 }]);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${diagnostics()}`, { cause: e });
    }
  }, 180_000);
});
