// Driving the hotline intake in a real console by keys alone: one call from phone number to the number read back, and a watch for any mouse input.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface Call {
  phone: string;
  name: string;
  /** Typed into the settlement field, then the first completion is taken with Enter (or after `arrows` ArrowDowns). */
  settlement: string;
  street: string;
  arrows?: number;
  house: string;
  text: string;
  /** How the category is taken: Tab out of the text takes the first suggestion, Alt+2 the second. */
  accept: 'tab' | 'alt2';
  consent?: boolean;
  /** Shift+Tab to the channel and this many ArrowDowns (phone → personal → letter), or ArrowUps when negative; the channel stays for the next call. */
  channelSteps?: number;
  /** The number of an earlier appeal the intake must offer first as a possible duplicate; Alt+D links it before saving. */
  linkDuplicate?: string;
}

export interface LoggedCall {
  /** The number shown to be read to the caller. */
  number: string;
  /** The first-reaction deadline shown, ISO. */
  due: string;
  /** Numbers in the caller's history as the phone number was typed. */
  history: string[];
  /** The reasons shown beside the linked duplicate, e.g. «тот же адрес, та же категория». */
  linkReasons: string | null;
}

/** Counts real mouse input in the page: pointer and mouse events, and clicks that did not come from a key. */
export async function countMouseInput(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { mouseInput: string[] };
    w.mouseInput = [];
    for (const type of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'dblclick', 'auxclick', 'contextmenu']) {
      window.addEventListener(type, () => w.mouseInput.push(type), true);
    }
    // a button or checkbox activated by a key also fires «click», but with no pointer behind it
    window.addEventListener('click', (e) => {
      if ((e as PointerEvent).pointerType) w.mouseInput.push(`click:${(e as PointerEvent).pointerType}`);
    }, true);
  });
}

export const mouseInput = (page: Page) => page.evaluate(() => (window as unknown as { mouseInput: string[] }).mouseInput);

async function confirmedNumber(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="intake-confirmation"]', 'data-number').catch(() => null);
}

/** Links the first offered duplicate by Alt+D once it is the expected one; returns the reasons shown for it. */
async function linkFirstDuplicate(page: Page, number: string): Promise<string> {
  const first = page.locator('[data-testid="intake-duplicate"]').first();
  await page
    .waitForFunction((n) => document.querySelector('[data-testid="intake-duplicate"]')?.getAttribute('data-number') === n, number, { timeout: 10_000 })
    .catch(async (error: Error) => {
      const offered = await page.$$eval('[data-testid="intake-duplicate"]', (items) => items.map((i) => i.getAttribute('data-number')));
      const section = await page.locator('[data-testid="intake-duplicates"]').innerText();
      throw new Error(`${number} was not offered first; offered: ${JSON.stringify(offered)}, section: «${section}»`, { cause: error });
    });
  expect(await first.locator('[data-testid="intake-duplicate-link"]').isChecked()).toBe(false);
  await page.keyboard.press('Alt+D');
  await page.waitForFunction(
    () => document.querySelector<HTMLInputElement>('[data-testid="intake-duplicate"] [data-testid="intake-duplicate-link"]')?.checked === true,
    undefined,
    { timeout: 5_000 },
  );
  return (await first.locator('.intake-link').innerText()).trim();
}

/** One call in an open intake, keys only; returns what the operator read to the caller. */
export async function logCall(page: Page, call: Call): Promise<LoggedCall> {
  const kb = page.keyboard;
  const before = (await page.locator('[data-testid="intake-confirmation"]').count()) > 0 ? await confirmedNumber(page) : null;
  if (call.channelSteps) {
    await kb.press('Shift+Tab');
    for (let i = 0; i < Math.abs(call.channelSteps); i++) await kb.press(call.channelSteps > 0 ? 'ArrowDown' : 'ArrowUp');
    await kb.press('Tab');
  }
  await kb.type(call.phone);
  const history = await page.$$eval('[data-testid="intake-history-item"]', (items) => items.map((i) => i.getAttribute('data-number') ?? ''));
  await kb.press('Tab');
  if (call.name) await kb.type(call.name);
  await kb.press('Tab');
  await kb.type(call.settlement);
  await page.waitForSelector('[data-testid="intake-settlement-options"]');
  await kb.press('Enter'); // picks the settlement; focus moves to the street
  await kb.type(call.street);
  await page.waitForSelector('[data-testid="intake-street-options"]');
  for (let i = 0; i < (call.arrows ?? 0); i++) await kb.press('ArrowDown');
  await kb.press('Enter'); // picks the street; focus moves to the house
  await kb.type(call.house);
  await kb.press('Tab');
  await kb.type(call.text);
  await page.waitForSelector('[data-testid="intake-suggestion"]');
  if (call.accept === 'alt2') await kb.press('Alt+2');
  await kb.press('Tab'); // to the category (taking the first suggestion when none is chosen)
  const linkReasons = call.linkDuplicate === undefined ? null : await linkFirstDuplicate(page, call.linkDuplicate);
  if (call.consent) {
    for (let i = 0; i < 3; i++) await kb.press('Tab'); // priority, kind, consent
    await kb.press('Space');
  }
  await kb.press('Enter');
  // the number shows at once; «saved» follows when the local write has committed
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="intake-confirmation"]');
      const n = el?.getAttribute('data-number');
      return n != null && n !== prev && el?.getAttribute('data-state') === 'saved';
    },
    before,
    { timeout: 10_000 },
  );
  const number = (await confirmedNumber(page))!;
  const due = (await page.getAttribute('[data-testid="intake-confirmation-due"]', 'data-at'))!;
  // what the caller hears is what is on screen, in big type
  expect(await page.textContent('[data-testid="intake-confirmation-number"]')).toBe(number);
  return { number, due, history, linkReasons };
}
