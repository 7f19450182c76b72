// End-to-end: a hotline operator logs 10 calls offline by keyboard alone in the real console (Chromium, IndexedDB); after reconnecting each is on the server exactly once with the number the caller was told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureConsoleBuilt,
  idbMeta,
  launchConsole,
  loginInPage,
  newProfileDir,
  openConsole,
  pendingCount,
  removeProfile,
  sqlite,
  until,
  waitForConnection,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { countMouseInput, logCall, mouseInput, type Call } from './support/hotline-intake.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/** A call, and what the server must hold afterwards. */
interface CheckedCall extends Call {
  expect: { phone: string; address: string | RegExp; priority?: string; channel?: string; kind?: string };
}

const CALLS: CheckedCall[] = [
  { phone: '8 (912) 100-00-01', name: 'Иванова Анна', settlement: 'берёзов', street: 'лен', house: '5', text: 'Третий день не вывозят мусор, контейнеры переполнены', accept: 'tab', consent: true,
    expect: { phone: '+79121000001', address: 'с. Берёзовка, ул. Ленина, д. 5' } },
  { phone: '+7 912 100 00 02', name: 'Петров Иван', settlement: 'зарече', street: 'лен', house: '12, кв. 4', text: 'Горит сарай во дворе, сильный дым', accept: 'tab',
    expect: { phone: '+79121000002', address: 'г. Зареченск, ул. Ленина, д. 12, кв. 4', priority: 'emergency' } },
  { phone: '89121000003', name: 'Сидорова', settlement: 'троиц', street: 'пушк', house: '1', text: 'На дороге огромная яма, машины объезжают по встречке', accept: 'alt2',
    expect: { phone: '+79121000003', address: 'с. Троицкое, ул. Пушкина, д. 1' } },
  { phone: '9121000004', name: 'Кузнецов Пётр', settlement: 'озёр', street: 'мир', house: '7', text: 'В квартире нет горячей воды вторую неделю', accept: 'tab', consent: true,
    expect: { phone: '+79121000004', address: 'рп Озёрный, ул. Мира, д. 7' } },
  { phone: '8 912 100 00 05', name: 'Новикова', settlement: 'каменногорск', street: 'сад', house: '3', text: 'Открытый люк у школы, дети ходят мимо', accept: 'tab',
    expect: { phone: '+79121000005', address: 'г. Каменногорск, ул. Садовая, д. 3', priority: 'fast_track' } },
  { phone: '8 (3512) 22-33-44', name: 'Морозов', settlement: 'рудн', street: 'цен', house: '9', text: 'Бродячие собаки кидаются на людей у остановки', accept: 'tab', channelSteps: 1,
    expect: { phone: '+73512223344', address: 'рп Рудный, ул. Центральная, д. 9', channel: 'personal', kind: 'formal' } },
  { phone: '8-912-100-00-07', name: 'Волков', settlement: 'михайл', street: 'наг', house: '2', text: 'Не горят фонари на всей улице, вечером темно', accept: 'tab', channelSteps: 1,
    expect: { phone: '+79121000007', address: 'с. Михайловка, ул. Нагорная, д. 2', channel: 'letter', kind: 'formal' } },
  { phone: '8 912 100 00 08', name: 'Лебедева', settlement: 'зарече', street: 'мол', house: '15', arrows: 1, text: 'В поликлинике не записаться к терапевту, телефон не отвечает', accept: 'tab', channelSteps: -2,
    expect: { phone: '+79121000008', address: /^г\. Зареченск, [^,]+ Молод[^,]+, д\. 15$/ } },
  { phone: '8 912 100 00 09', name: '', settlement: 'ивановк', street: 'луг', house: '4', text: 'Прорвало трубу, затопило подвал дома', accept: 'tab', consent: true,
    expect: { phone: '+79121000009', address: 'д. Ивановка, ул. Луговая, д. 4', priority: 'emergency' } },
  // the first caller again, typed another way: the history shows the first call
  { phone: '+7 (912) 100-00-01', name: '', settlement: 'берёзов', street: 'лен', house: '5', text: 'Мусор так и не вывезли, контейнеры переполнены, крысы', accept: 'tab',
    expect: { phone: '+79121000001', address: 'с. Берёзовка, ул. Ленина, д. 5' } },
];

let server: ServerProcess;
let hotline: ConsoleBrowser | null = null;
const profile = newProfileDir('hotline');

function diagnostics(): string {
  return ['--- console ---', ...(hotline?.logs.slice(-40) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'], startTimeoutMs: 90_000 }); // a shared machine can be slow to seed the demo
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

describe('hotline intake, offline, keyboard only', () => {
  it('logs ten calls offline by keys alone and the server gets each once with the number the caller was given', async () => {
    const page = hotline!.page;
    try {
      const clientId = await idbMeta<string>(page, 'clientId');
      expect(clientId).toBeTruthy();
      await countMouseInput(page);
      await hotline!.context.setOffline(true);
      await waitForConnection(page, 'offline', 15_000);

      await page.keyboard.press('F2');
      await page.waitForSelector('[data-testid="intake"][open]');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-phone');
      // the keys are on screen, not only in a manual
      const keys = await page.locator('[data-testid="intake"] .intake-footer').innerText();
      for (const key of ['Enter', 'Esc', 'F2', 'Alt+D', 'Shift+Tab']) expect(keys).toContain(key);

      const told: { number: string; due: string; history: string[] }[] = [];
      for (const [i, call] of CALLS.entries()) {
        told.push(await logCall(page, call).catch((e: Error) => Promise.reject(new Error(`call ${i + 1}: ${e.message}`))));
      }

      const numbers = told.map((t) => t.number);
      expect(new Set(numbers).size).toBe(10);
      for (const n of numbers) expect(n).toMatch(/^ЗРЧ-[0-9A-HJKMNP-TV-Z]{7}-\d{4}$/);
      // the tenth caller is the first one again: their earlier appeal was on screen as the number was typed
      expect(told[9]!.history).toContain(numbers[0]);
      expect(await mouseInput(page)).toEqual([]);
      expect(await pendingCount(page)).toBe(10);

      // Esc with a half-typed call asks first; Esc again goes back to the form; Esc, Enter closes
      await page.keyboard.type('8 912');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="intake-discard"]');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="intake-discard"]', { state: 'detached' });
      expect(await page.inputValue('[data-testid="intake-phone"]')).toBe('8 912');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="intake"]', { state: 'detached' });
      expect(await mouseInput(page)).toEqual([]);

      await hotline!.context.setOffline(false);
      // socket.io's backoff reaches 60 s (±50 %) after a minute offline, and the sync client's nudge on «online»
      // cannot cut it short (Socket.connect() does nothing while the manager is reconnecting): allow the full wait
      await waitForConnection(page, 'online', 100_000);
      await waitForPending(page, (n) => n === 0, '0', 30_000);

      const rows = await until(() => {
        const found = sqlite<{ number: string; n: number }>(
          server.dataDir,
          `SELECT number, COUNT(*) AS n FROM appeals WHERE number IN (${numbers.map(() => '?').join(',')}) GROUP BY number`,
          ...numbers,
        );
        return found.length === numbers.length ? found : null;
      }, 'all ten appeals on the server', 20_000);
      expect(Object.fromEntries(rows.map((r) => [r.number, r.n]))).toEqual(Object.fromEntries(numbers.map((n) => [n, 1])));

      const results = sqlite<{ status: string; n: number }>(server.dataDir, 'SELECT status, COUNT(*) AS n FROM mutation_results WHERE client_id = ? GROUP BY status', clientId);
      expect(results).toEqual([{ status: 'applied', n: 10 }]);

      const saved = sqlite<{ number: string; citizen: string; address: string; priority: string; channel: string; kind: string; category: string | null; consent: number; received_at: string }>(
        server.dataDir,
        `SELECT number, citizen, address, priority, channel, kind, category, consent, received_at FROM appeals WHERE number IN (${numbers.map(() => '?').join(',')})`,
        ...numbers,
      );
      const byNumber = new Map(saved.map((r) => [r.number, r]));
      CALLS.forEach((call, i) => {
        const row = byNumber.get(numbers[i]!)!;
        expect({ call: i + 1, phone: (JSON.parse(row.citizen) as { phone: string }).phone }).toEqual({ call: i + 1, phone: call.expect.phone });
        if (typeof call.expect.address === 'string') expect({ call: i + 1, address: row.address }).toEqual({ call: i + 1, address: call.expect.address });
        else expect(row.address).toMatch(call.expect.address);
        // the deadline read to the caller: an hour for an emergency, eight hours otherwise, from the moment of the call
        expect({ call: i + 1, hours: (Date.parse(told[i]!.due) - Date.parse(row.received_at)) / 3_600_000 }).toEqual({ call: i + 1, hours: row.priority === 'emergency' ? 1 : 8 });
        expect(row.category, `call ${i + 1} has a category`).not.toBeNull();
        if (call.expect.priority) expect({ call: i + 1, priority: row.priority }).toEqual({ call: i + 1, priority: call.expect.priority });
        expect({ call: i + 1, channel: row.channel, kind: row.kind }).toEqual({ call: i + 1, channel: call.expect.channel ?? 'phone', kind: call.expect.kind ?? 'incident' });
        expect({ call: i + 1, consent: row.consent }).toEqual({ call: i + 1, consent: call.consent ? 1 : 0 });
      });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${diagnostics()}`, { cause: e });
    }
  }, 300_000);
});
