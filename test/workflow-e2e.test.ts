// End-to-end workflow in real consoles (Chromium) against the real server: a templated answer approved by a supervisor, an overdue alert, an admin's routing rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  scrollToRow,
  triageOpenAppeal,
  sqlite,
  until,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { connectClient, createAppealArgs, login as apiLogin, MutationSequence, randomId } from './support/client.js';
import { buildFixture, FIXTURE_PASSWORD, fixtureAppeal, MUNICIPALITY_A, ORG_A, ORG_B, seedFixture, USERS } from './support/fixtures.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const NOW = Date.now();
const MINUTE = 60_000;
/** Answered with a template and approved: its first reaction is near-due when the test starts. */
const ANSWERED = 'wf-answer';
/** Assigned to operator A, received three hours ago: reclassified as an emergency (one hour to react), it is overdue at once. */
const OVERDUE = 'wf-overdue';
/** A formal appeal (59-ФЗ, 30 days) in progress: extended by 30 days, its term lies in a year no calendar file covers. */
const FORMAL = 'wf-formal';
/**
 * Received in 2031, so that the extended term is counted without calendar data whatever year the test runs in
 * (a term from today would run into next year, which may have its file by then).
 */
const FORMAL_RECEIVED_AT = '2031-03-03T07:00:00.000Z';
const NO_CALENDAR_YEAR = 2031;
const TEMPLATE_TITLE = 'Проверка: вывоз мусора';
const TEMPLATE_BODY = 'Здравствуйте, {{citizen_name}}! По обращению {{appeal_number}} по адресу {{address}} мусор вывезен.';

let server: ServerProcess;
let dataDir: string;
const browsers: ConsoleBrowser[] = [];
const profiles: string[] = [];
const screenshots = process.env.OTKLIK_SCREENSHOTS ?? '/tmp';

function diagnostics(): string {
  return [...browsers.flatMap((b, i) => [`--- console ${i} ---`, ...b.logs.slice(-30)]), '--- server ---', server?.output().slice(-4000) ?? ''].join('\n');
}

/** Replaces the page's Notification with a recorder, so the test sees what the console would have shown. */
const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
  };
`;

async function signIn(login: string): Promise<Page> {
  const profile = newProfileDir(login);
  profiles.push(profile);
  const browser = await launchConsole(profile, server.url);
  browsers.push(browser);
  await browser.context.addInitScript({ content: RECORD_NOTIFICATIONS });
  await openConsole(browser.page, server.url);
  await loginInPage(browser.page, server.url, login, FIXTURE_PASSWORD);
  await waitForFirstSync(browser.page);
  return browser.page;
}

const panel = (page: Page) => page.locator('[data-testid="appeal-panel"]');
const statusOf = (page: Page) => panel(page).locator('[data-testid="status-badge"]').getAttribute('data-status');

async function waitForStatus(page: Page, status: string): Promise<void> {
  await panel(page).locator(`[data-testid="status-badge"][data-status="${status}"]`).waitFor({ timeout: 20_000 });
}

async function synced(page: Page): Promise<void> {
  await waitForPending(page, (n) => n === 0, 'zero', 30_000);
}

async function act(page: Page, to: string): Promise<void> {
  await panel(page).locator(`[data-testid="action-${to}"]`).click();
  await waitForStatus(page, to);
}

async function queueUrgency(page: Page, appealId: string): Promise<string | null> {
  await scrollToRow(page, appealId);
  return page.locator(`[data-testid="queue-row"][data-appeal-id="${appealId}"] [data-testid="time-left"]`).getAttribute('data-urgency');
}

/** Waits until the element's text contains `text` (playwright-core has no web-first assertions). */
async function expectText(locator: Locator, text: string, timeoutMs = 10_000): Promise<void> {
  await until(async () => ((await locator.first().textContent({ timeout: timeoutMs })) ?? '').includes(text), `text “${text}”`, timeoutMs);
}

async function expectValue(locator: Locator, wanted: string | RegExp, timeoutMs = 10_000): Promise<void> {
  let value = '';
  await until(async () => {
    value = await locator.inputValue({ timeout: timeoutMs });
    return typeof wanted === 'string' ? value === wanted : wanted.test(value);
  }, `value ${String(wanted)}`, timeoutMs).catch((e: Error) => {
    throw new Error(`${e.message}; the field holds “${value}”`);
  });
}

async function expectCount(locator: Locator, count: number, timeoutMs = 10_000): Promise<void> {
  await until(async () => (await locator.count()) === count, `${count} elements`, timeoutMs);
}

async function openAdmin(page: Page, section: string): Promise<void> {
  if ((await page.locator('[data-testid="admin-screen"]').count()) === 0) await page.click('[data-testid="admin-button"]');
  await page.click(`[data-testid="admin-nav-${section}"]`);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-workflow-e2e-'));
  const data = buildFixture({ appealsPerOrganisation: 1 });
  // organisation A has its answers approved by a supervisor
  data.organisations = data.organisations.map((o) => (o.id === ORG_A ? { ...o, answerReview: true } : o));
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  data.appeals.push(
    fixtureAppeal(ANSWERED, ORG_A, { number: 'ЗРЧ-ОТВЕТ', firstReactionDueAt: at(40 * MINUTE), resolutionDueAt: at(5 * 24 * 60 * MINUTE) }, new Date(NOW)),
    fixtureAppeal(FORMAL, ORG_A, { number: 'ЗРЧ-ПИСЬМО', channel: 'email', kind: 'formal', status: 'in_progress', assigneeId: USERS.operatorA.id, receivedAt: FORMAL_RECEIVED_AT, firstReactionAt: at(0), resolutionDueAt: '2031-04-02T20:59:59.999Z' }, new Date(NOW)),
    fixtureAppeal(OVERDUE, ORG_A, { number: 'ЗРЧ-ПРОСРОЧ', status: 'assigned', assigneeId: USERS.operatorA.id, receivedAt: at(-3 * 60 * MINUTE), firstReactionDueAt: at(5 * 60 * MINUTE), resolutionDueAt: at(24 * 60 * MINUTE) }, new Date(NOW - 3 * 60 * MINUTE)),
  );
  await seedFixture({ dataDir }, data);
  // the overdue job looks every second here instead of every half minute
  server = await startServerProcess({ dataDir, env: { OTKLIK_OVERDUE_INTERVAL_SECONDS: '1' } });
}, 300_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  for (const p of profiles) removeProfile(p);
});

describe('the appeal workflow in real consoles', () => {
  let admin: Page;
  let operator: Page;
  let supervisor: Page;

  it('lets an admin add an answer template that reaches an operator’s console', async () => {
    admin = await signIn(USERS.admin.login);
    await openAdmin(admin, 'templates');
    await admin.click('[data-testid="admin-templates-add"]');
    const form = admin.locator('[data-testid="admin-templates-form"]');
    await form.locator('[data-testid="admin-field-title"]').fill(TEMPLATE_TITLE);
    await form.locator('[data-testid="admin-field-category"]').selectOption('waste');
    await form.locator('[data-testid="admin-field-body"]').fill('Здравствуйте, {{citizen}}!');
    // an unknown placeholder is an error before anything is sent
    await expectText(form.locator('[data-testid="admin-why"]'), '{{citizen}}');
    await admin.screenshot({ path: `${screenshots}/workflow-admin-template-form.png` });
    await form.locator('[data-testid="admin-field-body"]').fill(TEMPLATE_BODY);
    await expectCount(form.locator('[data-testid="admin-why"]'), 0);
    await form.locator('[data-testid="admin-templates-save"]').click();
    await synced(admin);
    await admin.locator('[data-testid="admin-templates-row"]').first().waitFor({ timeout: 20_000 });
    await admin.screenshot({ path: `${screenshots}/workflow-admin-templates.png` });

    operator = await signIn(USERS.operatorA.login);
    await openAppeal(operator, ANSWERED);
    await until(
      async () => (await idbMeta<{ workflow?: { templates: { title: string }[] } }>(operator, 'reference'))?.workflow?.templates.some((x) => x.title === TEMPLATE_TITLE),
      'the template in the operator’s reference data',
      20_000,
    );
  }, 240_000);

  it('takes an appeal from new to answered with a template, approved by a supervisor, and the deadline badge changes', async () => {
    expect(await queueUrgency(operator, ANSWERED)).toBe('near');
    await act(operator, 'triaged');
    await act(operator, 'assigned');
    await act(operator, 'in_progress');

    const composer = panel(operator).locator('[data-testid="answer-composer"]');
    await composer.locator('[data-testid="answer-template"]').selectOption({ label: TEMPLATE_TITLE });
    const text = composer.locator('[data-testid="answer-text"]');
    await expectValue(text, 'Здравствуйте, Иванова Мария Петровна! По обращению ЗРЧ-ОТВЕТ по адресу ул. Ленина, 5 мусор вывезен.');
    await text.press('End');
    await text.type(' Контейнеры будут вывозить ежедневно.');
    await expectText(composer.locator('[data-testid="answer-preview"]'), 'Ответ администрации');
    await expectText(composer.locator('[data-testid="answer-preview"]'), '#тест');
    // reporting finished work needs before and after photos, which this appeal does not have
    await composer.locator('[data-testid="answer-reports-work"]').check();
    await expectText(composer.locator('[data-testid="answer-why-answer_review"]'), '«было»');
    await composer.scrollIntoViewIfNeeded();
    await operator.screenshot({ path: `${screenshots}/workflow-composer.png` });
    await composer.locator('[data-testid="answer-reports-work"]').uncheck();
    await composer.locator('[data-testid="answer-send-review"]').click();
    await waitForStatus(operator, 'answer_review');
    await synced(operator);
    // the operator may not approve their own answer, and says why
    await expectText(panel(operator).locator('[data-testid="answer-why-approve"]'), 'Только руководитель может одобрить ответ');
    await operator.screenshot({ path: `${screenshots}/workflow-operator-review.png` });

    supervisor = await signIn(USERS.supervisor.login);
    await openAppeal(supervisor, ANSWERED);
    const review = panel(supervisor).locator('[data-testid="answer-composer"][data-answer-status="review"]');
    await review.waitFor({ timeout: 20_000 });
    await expectValue(review.locator('[data-testid="answer-text"]'), /Контейнеры будут вывозить ежедневно\.$/);
    await review.locator('[data-testid="answer-approve"]').click();
    await waitForStatus(supervisor, 'answered');
    await synced(supervisor);

    await waitForStatus(operator, 'answered');
    const sent = panel(operator).locator('[data-testid="sent-answer"]');
    await sent.first().waitFor({ timeout: 20_000 });
    await expectText(sent.first(), 'Контейнеры будут вывозить ежедневно.');
    await until(async () => (await queueUrgency(operator, ANSWERED)) !== 'near', 'the badge of the answered appeal leaves near-due', 20_000);
    expect(await statusOf(operator)).toBe('answered');
    // both opened the citizen's personal data, and the server logged it (152-ФЗ)
    const viewers = sqlite<{ user_id: string }>(dataDir, 'select distinct user_id from audit_views where appeal_id = ? order by user_id', ANSWERED).map((r) => r.user_id);
    expect(viewers).toEqual([USERS.operatorA.id, USERS.supervisor.id].sort());
    await panel(operator).locator('[data-testid="section-answer"]').scrollIntoViewIfNeeded();
    await operator.screenshot({ path: `${screenshots}/workflow-answered.png` });
    expect(pageErrors(browsers[1]!)).toEqual([]);
  }, 240_000);

  it('tells a supervisor’s console when an appeal becomes overdue: a desktop notification and the alerts list', async () => {
    // the operator finds it is an emergency: the server counts one hour from receipt, long past
    await openAppeal(operator, OVERDUE);
    await triageOpenAppeal(operator, { category: 'waste', priority: 'emergency' });
    await synced(operator);
    await until(async () => Number(await supervisor.getAttribute('[data-testid="alerts-button"]', 'data-count')) > 0, 'an unread alert', 30_000);
    const notifications = await until(
      async () => {
        const shown = await supervisor.evaluate(() => (window as unknown as { __notifications: { title: string }[] }).__notifications);
        return shown.some((n) => n.title.includes('ЗРЧ-ПРОСРОЧ')) ? shown : null;
      },
      'a notification about the overdue appeal',
      10_000,
    );
    expect(notifications.filter((n) => n.title.includes('ЗРЧ-ПРОСРОЧ'))).toHaveLength(1);
    await supervisor.click('[data-testid="alerts-button"]');
    await expectCount(supervisor.locator(`[data-testid="alert-item"][data-appeal-id="${OVERDUE}"]`), 1);
    await supervisor.screenshot({ path: `${screenshots}/workflow-alerts.png` });
    await supervisor.click('[data-testid="alerts-mark-read"]');
    await until(async () => (await supervisor.getAttribute('[data-testid="alerts-button"]', 'data-count')) === '0', 'alerts read', 5_000);
  }, 120_000);

  it('extends a formal appeal once, with a reason, and says when a year of its term has no production calendar', async () => {
    await openAppeal(operator, FORMAL);
    const deadlines = panel(operator).locator('[data-testid="section-deadlines"]');
    const before = await deadlines.locator('[data-testid="deadline-resolution"]').textContent();
    // the seeded term carries no note; the one the server counts on extension will
    await expectCount(deadlines.locator('[data-testid="calendar-fallback"]'), 0);
    await deadlines.locator('[data-testid="extend-button"]').click();
    // no reason, no extension: the button says so
    await expectText(deadlines.locator('[data-testid="extend-form"] [data-testid="why"]'), 'Нужна причина');
    await deadlines.locator('[data-testid="extend-reason"]').fill('Нужен ответ подрядчика о сроках ремонта');
    await deadlines.locator('[data-testid="extend-confirm"]').click();
    await synced(operator);
    await expectText(deadlines.locator('[data-testid="deadline-extended"]'), 'Нужен ответ подрядчика о сроках ремонта');
    await until(async () => (await deadlines.locator('[data-testid="deadline-resolution"]').textContent()) !== before, 'the resolution deadline moves', 20_000);
    await expectText(deadlines.locator('[data-testid="extend-why"]'), 'Срок уже продлевали');
    // the server says which years it counted Monday to Friday; the console repeats it
    const [appeal] = (await idbAll<{ id: string; calendarFallbackYears?: number[] }>(operator, 'appeals')).filter((a) => a.id === FORMAL);
    expect(appeal?.calendarFallbackYears).toEqual([NO_CALENDAR_YEAR]);
    await expectText(deadlines.locator('[data-testid="calendar-fallback"]'), `нет данных производственного календаря на ${NO_CALENDAR_YEAR} г. — считаем пн–пт`);
    await deadlines.scrollIntoViewIfNeeded();
    await operator.screenshot({ path: `${screenshots}/workflow-extension.png` });
  }, 120_000);

  it('routes a new appeal by the rule an admin has just added', async () => {
    await openAdmin(admin, 'routing');
    await admin.click('[data-testid="admin-routing-add"]');
    const form = admin.locator('[data-testid="admin-routing-form"]');
    await form.locator('[data-testid="admin-field-category"]').selectOption('roads');
    await form.locator('[data-testid="admin-field-municipalityId"]').selectOption(MUNICIPALITY_A);
    await form.locator('[data-testid="admin-field-organisationId"]').selectOption(ORG_B);
    await form.locator('[data-testid="admin-routing-save"]').click();
    await synced(admin);
    await admin.locator('[data-testid="admin-routing-row"]').first().waitFor({ timeout: 20_000 });
    await admin.screenshot({ path: `${screenshots}/workflow-admin-routing.png` });

    // a hotline call about a road in municipality A, logged from another device
    const session = await apiLogin(server.url, USERS.hotlineA.login, FIXTURE_PASSWORD);
    const client = await connectClient(server.url, session);
    try {
      const id = randomId('road');
      const sequence = new MutationSequence(client.clientId);
      const pushed = await client.push([sequence.next('appeal.create', createAppealArgs({ id, category: 'roads', municipalityId: MUNICIPALITY_A, originalText: 'Яма на дороге у школы' }))]);
      expect(pushed.ok && pushed.value.results[0]?.status).toBe('applied');
      const [row] = sqlite<{ organisation_id: string }>(dataDir, 'select organisation_id from appeals where id = ?', id);
      expect(row?.organisation_id).toBe(ORG_B);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('left no uncaught errors in any console', () => {
    expect(browsers.flatMap(pageErrors), diagnostics()).toEqual([]);
  });
});
