// End-to-end administration in a real console (Chromium) against the demo server: admin1 edits municipalities, organisations and their answer label, users and roles, category terms, the region's hashtag, SLA and calendar; each save is a mutation that syncs and lands on the server.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureConsoleBuilt,
  idbMeta,
  launchConsole,
  loginInPage,
  newProfileDir,
  openConsole,
  pageErrors,
  removeProfile,
  sqlite,
  until,
  waitForFirstSync,
  waitForPending,
  type ConsoleBrowser,
} from './support/browser.js';
import { login as apiLogin } from './support/client.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const MUNICIPALITY = { id: 'mun-e2e-sosnovka', name: 'Сосновский муниципальный округ' };
const ORGANISATION = { id: 'org-e2e-sosnovka', name: 'Администрация Сосновского округа', prefix: 'СОС', signature: 'Ответ администрации Сосновского округа' };
const LABEL = 'Ответ администрации Сосновского муниципального округа';
const USER = { login: 'e2e-sosnovka', displayName: 'Сосновская Анна Ильинична', password: 'сосновка-2027' };
const HASHTAG = '#сосновкарешает';

let server: ServerProcess;
let console1: ConsoleBrowser;
let admin: Page;
const profile = newProfileDir('admin1');
const screenshots = process.env.OTKLIK_SCREENSHOTS ?? '/tmp';

function diagnostics(): string {
  return ['--- admin1 ---', ...(console1?.logs.slice(-30) ?? []), '--- server ---', server?.output().slice(-3000) ?? ''].join('\n');
}

const section = (name: string) => admin.locator(`[data-testid="admin-${name}"]`);
const row = (name: string, id: string) => section(name).locator(`[data-testid="admin-${name}-row"][data-id="${id}"]`);

async function openSection(name: string): Promise<Locator> {
  await admin.click(`[data-testid="admin-nav-${name}"]`);
  await section(name).waitFor({ timeout: 10_000 });
  return section(name);
}

/** A new row's form, or an existing row's. */
async function openForm(name: string, id?: string): Promise<Locator> {
  if (id === undefined) await section(name).locator(`[data-testid="admin-${name}-add"]`).click();
  else await row(name, id).locator(`[data-testid="admin-${name}-edit"]`).click();
  const form = section(name).locator(`[data-testid="admin-${name}-form"]`);
  await form.waitFor({ timeout: 5_000 });
  return form;
}

const field = (form: Locator, key: string) => form.locator(`[data-testid="admin-field-${key}"]`);

/**
 * Saves the form: the console queues the mutation (the form closes and says so), the outbox empties once the server
 * has applied it, and the console refetches the reference data that shows the row.
 */
async function save(name: string, form: Locator, id: string): Promise<void> {
  await form.locator(`[data-testid="admin-${name}-save"]`).click();
  await section(name).locator('[data-testid="admin-saved"]').waitFor({ timeout: 10_000 });
  await waitForPending(admin, (n) => n === 0, 'zero', 30_000);
  await row(name, id).waitFor({ timeout: 20_000 });
}

async function cellTexts(locator: Locator): Promise<string[]> {
  return locator.locator('td').allTextContents();
}

/** Polls the server's SQLite until the query returns a row matching `expected`. */
async function serverHas(query: string, params: unknown[], expected: Record<string, unknown>): Promise<void> {
  const matches = (r: Record<string, unknown>) => Object.entries(expected).every(([k, v]) => r[k] === v);
  await until(() => sqlite<Record<string, unknown>>(server.dataDir, query, ...params).some(matches), `server row ${JSON.stringify(expected)}`, 10_000);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startServerProcess({ args: ['--demo'] });
  console1 = await launchConsole(profile, server.url);
  admin = console1.page;
  await openConsole(admin, server.url);
  await loginInPage(admin, server.url, 'admin1');
  await waitForFirstSync(admin);
  await admin.click('[data-testid="admin-button"]');
  await admin.locator('[data-testid="admin-screen"]').waitFor({ timeout: 10_000 });
}, 300_000);

afterAll(async () => {
  await console1?.close().catch(() => undefined);
  await server?.stop();
  removeProfile(profile);
});

describe('administration screens in a real console', () => {
  it('adds a municipality', async () => {
    await openSection('municipalities');
    const form = await openForm('municipalities');
    await field(form, 'id').fill(MUNICIPALITY.id);
    await field(form, 'name').fill(MUNICIPALITY.name);
    await field(form, 'kind').selectOption('municipal_okrug');
    await field(form, 'rural').check();
    await save('municipalities', form, MUNICIPALITY.id);
    expect(await cellTexts(row('municipalities', MUNICIPALITY.id))).toEqual(expect.arrayContaining([MUNICIPALITY.name, 'муниципальный округ', 'да']));
    await serverHas('select * from municipalities where id = ?', [MUNICIPALITY.id], { name: MUNICIPALITY.name, kind: 'municipal_okrug', rural: 1 });
  }, 60_000);

  it('adds an organisation in it whose answers are reviewed, then changes its answer label', async () => {
    await openSection('organisations');
    const form = await openForm('organisations');
    await field(form, 'id').fill(ORGANISATION.id);
    await field(form, 'name').fill(ORGANISATION.name);
    await field(form, 'prefix').fill(ORGANISATION.prefix);
    await field(form, 'signature').fill(ORGANISATION.signature);
    await field(form, 'municipalityId').selectOption(MUNICIPALITY.id);
    await field(form, 'answerReview').check();
    await save('organisations', form, ORGANISATION.id);
    await serverHas('select * from organisations where id = ?', [ORGANISATION.id], {
      municipality_id: MUNICIPALITY.id, prefix: ORGANISATION.prefix, signature: ORGANISATION.signature, answer_review: 1,
    });

    const edit = await openForm('organisations', ORGANISATION.id);
    // an id is chosen once
    expect(await field(edit, 'id').isDisabled()).toBe(true);
    await field(edit, 'signature').fill(LABEL);
    await save('organisations', edit, ORGANISATION.id);
    await until(async () => (await cellTexts(row('organisations', ORGANISATION.id))).includes(LABEL), 'the new label in the table', 20_000);
    await serverHas('select * from organisations where id = ?', [ORGANISATION.id], { signature: LABEL, answer_review: 1 });
    await admin.screenshot({ path: `${screenshots}/admin-organisations.png` });
  }, 60_000);

  it('adds an operator on duty to it, who can then log in, and makes them a supervisor', async () => {
    await openSection('users');
    const form = await openForm('users');
    await field(form, 'login').fill(USER.login);
    await field(form, 'displayName').fill(USER.displayName);
    await field(form, 'role').selectOption('operator');
    await field(form, 'organisationId').selectOption(ORGANISATION.id);
    await field(form, 'onDuty').check();
    await field(form, 'password').fill(USER.password);
    await form.locator('[data-testid="admin-users-save"]').click();
    await section('users').locator('[data-testid="admin-saved"]').waitFor({ timeout: 10_000 });
    await waitForPending(admin, (n) => n === 0, 'zero', 30_000);
    // the console chose the id: find it on the server by login
    const [created] = await until(() => sqlite<{ id: string; role: string; organisation_id: string; on_duty: number }>(server.dataDir, 'select * from users where login = ?', USER.login), 'the user on the server', 10_000);
    expect(created).toMatchObject({ role: 'operator', organisation_id: ORGANISATION.id, on_duty: 1 });
    await row('users', created!.id).waitFor({ timeout: 20_000 });
    expect((await apiLogin(server.url, USER.login, USER.password)).user).toMatchObject({ id: created!.id, organisationId: ORGANISATION.id });

    const edit = await openForm('users', created!.id);
    await field(edit, 'role').selectOption('supervisor');
    await field(edit, 'onDuty').uncheck();
    await save('users', edit, created!.id);
    await serverHas('select * from users where id = ?', [created!.id], { role: 'supervisor', on_duty: 0 });
    // no new password given: the old one still opens a session
    await expect(apiLogin(server.url, USER.login, USER.password)).resolves.toMatchObject({ user: { role: 'supervisor' } });
  }, 60_000);

  it('gives roads six working days for fast-track appeals', async () => {
    await openSection('categories');
    const form = await openForm('categories', 'roads');
    await field(form, 'fastTrackDays').fill('6');
    await save('categories', form, 'roads');
    await until(async () => (await cellTexts(row('categories', 'roads'))).includes('6'), 'six days in the table', 20_000);
    await serverHas('select * from category_settings where category = ?', ['roads'], { fast_track_days: 6 });
  }, 60_000);

  it('changes the region’s hashtag, incident term and calendar, and the calendars screen shows the region’s holidays', async () => {
    const region = await openSection('region');
    const regionId = await region.locator('[data-testid="admin-region-row"]').getAttribute('data-id');
    expect(regionId).toBeTruthy();
    const form = await openForm('region', regionId!);
    await field(form, 'hashtag').fill(HASHTAG);
    await field(form, 'incidentResolutionWorkingDays').fill('12');
    await field(form, 'calendarRegionCode').selectOption('RU-TA');
    await save('region', form, regionId!);
    await until(async () => (await cellTexts(row('region', regionId!))).includes(HASHTAG), 'the hashtag in the table', 20_000);
    await serverHas('select hashtag from regions where id = ?', [regionId], { hashtag: HASHTAG });
    await serverHas('select * from region_settings where region_id = ?', [regionId], { incident_resolution_working_days: 12, calendar_region_code: 'RU-TA' });

    const calendars = await openSection('calendars');
    const year = (y: number) => calendars.locator(`[data-testid="admin-calendar-row"][data-year="${y}"]`);
    await until(async () => ((await year(2026).locator('td').nth(2).textContent()) ?? '').includes('Татарстан'), 'Tatarstan’s law for 2026', 10_000);
    expect(await year(2027).getAttribute('data-fallback')).toBe('false');
    expect(await year(2027).locator('td').nth(1).textContent()).toContain('№ 1187');
    await admin.screenshot({ path: `${screenshots}/admin-calendars.png` });
  }, 60_000);

  it('sent every change as a mutation from this console, logged on the server with its device', async () => {
    const clientId = await idbMeta<string>(admin, 'clientId');
    const [adminUser] = sqlite<{ id: string }>(server.dataDir, 'select id from users where login = ?', 'admin1');
    const log = sqlite<{ action: string; device_id: string; actor_id: string }>(server.dataDir, 'select action, device_id, actor_id from admin_changes order by at');
    expect(log.map((c) => c.action)).toEqual([
      'admin.municipality.save',
      'admin.organisation.save',
      'admin.organisation.save',
      'admin.user.save',
      'admin.user.save',
      'admin.category.save',
      'admin.region.save',
    ]);
    expect(new Set(log.map((c) => `${c.device_id} ${c.actor_id}`))).toEqual(new Set([`${clientId} ${adminUser!.id}`]));
    expect(pageErrors(console1), diagnostics()).toEqual([]);
  });
});
