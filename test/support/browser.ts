// Browser harness for end-to-end console tests: builds the console when stale, launches persistent headless Chromium profiles, logs in, waits on data-testids, reads IndexedDB and the server's SQLite.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built console; OTKLIK_CONSOLE_DIST points at another build (e.g. an unminified one for diagnosis). */
export const DIST = process.env.OTKLIK_CONSOLE_DIST ?? join(ROOT, 'renderer', 'dist');
export const CHROMIUM_PATH = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // background tabs of a second context must keep their timers running at full speed
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // the console's files are served by route.fulfill (no IP address): Chromium would count the page as public and
  // block its socket to 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS)
  '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets',
];

/** Demo logins (server --demo): operator1 and operator2 share an organisation, operator3 is in another. */
export const DEMO_PASSWORD = 'demo';

// ------------------------------------------------------------------ build

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Sources the console bundle is built from. */
function sourcesMtime(): number {
  return Math.max(
    newestMtime(join(ROOT, 'renderer', 'src')),
    newestMtime(join(ROOT, 'renderer', 'index.html')),
    newestMtime(join(ROOT, 'shared')),
    newestMtime(join(ROOT, 'vite.config.ts')),
  );
}

function distIsFresh(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return false;
  const assets = join(DIST, 'assets');
  if (!existsSync(assets) || !readdirSync(assets).some((f) => f.endsWith('.js'))) return false;
  return statSync(index).mtimeMs >= sourcesMtime();
}

/**
 * Builds renderer/dist with `npx vite build` when it is missing or older than its sources (serialised with
 * flock between test files), then copies it to a private folder that launchConsole serves; returns that folder.
 */
export function ensureConsoleBuilt(): string {
  if (process.env.OTKLIK_CONSOLE_DIST) return (bundleDir = DIST);
  if (!(process.env.OTKLIK_SKIP_BUILD === '1' && existsSync(join(DIST, 'index.html'))) && !distIsFresh()) build();
  bundleDir = snapshotDist();
  return bundleDir;
}

/** The copy of the built console that launchConsole serves (set by ensureConsoleBuilt). */
let bundleDir: string | null = null;

/** Files index.html refers to (./assets/…). */
function referencedAssets(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
}

/**
 * Copies renderer/dist to a private folder: other engineers rebuild the shared tree while tests run, and vite
 * empties the folder first, which would break a page that loads during the rebuild.
 */
function snapshotDist(): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const copy = mkdtempSync(join(tmpdir(), 'otklik-console-dist-'));
    try {
      cpSync(DIST, copy, { recursive: true });
      const missing = referencedAssets(copy).filter((f) => !existsSync(join(copy, f)));
      if (missing.length === 0) {
        process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
        return copy;
      }
    } catch {
      // caught mid-rebuild: try again
    }
    rmSync(copy, { recursive: true, force: true });
    execFileSync('sleep', ['2']);
  }
  throw new Error(`renderer/dist never held a complete build (index.html refers to missing assets)`);
}

function build(): void {
  const lock = join(tmpdir(), 'otklik-vite-build.lock');
  const script = `cd "${ROOT}" && npx vite build --logLevel warn`;
  // vitest sets NODE_ENV=test, which would give a development build of React: build as `npm run build` does
  execFileSync('flock', [lock, 'sh', '-c', script], { stdio: 'inherit', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('npx vite build finished but renderer/dist/index.html is missing');
}

// ------------------------------------------------------------------ browser

export interface LaunchOptions {
  /** Start with the network cut (context option `offline`). */
  offline?: boolean;
  /**
   * Serve the console's files (/app/…) from the copy of renderer/dist on disk, as the desktop shell does, so that the
   * console starts while offline. The API and the socket still go to the real server. Default true.
   */
  localBundle?: boolean;
  /** Collect console messages and page errors (default true). */
  collectLogs?: boolean;
  bypassCSP?: boolean;
}

export interface ConsoleBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly profileDir: string;
  /** Console messages and page errors, for failure messages. */
  readonly logs: string[];
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A fresh, empty profile folder; removed by removeProfile. */
export function newProfileDir(label = 'profile'): string {
  const base = join(tmpdir(), 'otklik-e2e');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${label}-`));
}

export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Launches headless Chromium on a persistent profile (IndexedDB survives close and relaunch with the same folder). */
export async function launchConsole(profileDir: string, serverUrl: string, options: LaunchOptions = {}): Promise<ConsoleBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    offline: options.offline ?? false,
    viewport: { width: 1440, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    bypassCSP: options.bypassCSP ?? false,
  });
  // tsx and vitest compile with esbuild's keepNames: functions passed to page.evaluate may call __name()
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const logs: string[] = [];
  if (options.localBundle ?? true) {
    await context.route(`${serverUrl}/app/**`, async (route) => {
      const url = new URL(route.request().url());
      let rel = decodeURIComponent(url.pathname.slice('/app/'.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const root = bundleDir ?? DIST;
      const file = normalize(join(root, rel));
      if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
        await route.fulfill({ status: 404, body: 'not found' });
        return;
      }
      await route.fulfill({ status: 200, contentType: MIME[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.collectLogs ?? true) {
    page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  }
  return {
    context,
    page,
    profileDir,
    logs,
    async close() {
      await context.close();
    },
  };
}

/** Uncaught errors the page raised so far (console messages such as failed socket connects are not counted). */
export function pageErrors(browser: ConsoleBrowser): string[] {
  return browser.logs.filter((l) => l.startsWith('[pageerror]'));
}

export function consoleUrl(serverUrl: string): string {
  return `${serverUrl}/app/`;
}

/** Opens the console page and waits until it has read its local data (splash gone). */
export async function openConsole(page: Page, serverUrl: string, timeoutMs = 30_000): Promise<void> {
  await page.goto(consoleUrl(serverUrl), { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('[data-testid="login-form"], [data-testid="status-bar"]', { timeout: timeoutMs });
}

/** Fills the login form and waits for the console screen. */
export async function loginInPage(page: Page, serverUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.waitForSelector('[data-testid="login-form"]', { timeout: 30_000 });
  await page.fill('[data-testid="login-server"]', serverUrl);
  await page.fill('[data-testid="login-login"]', login);
  await page.fill('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
  const outcome = await Promise.race([
    page.waitForSelector('[data-testid="status-bar"]', { timeout: 30_000 }).then(() => 'ok' as const),
    page.waitForSelector('[data-testid="login-error"]', { timeout: 30_000 }).then(async (el) => `login refused: ${await el.getAttribute('data-code')} ${await el.textContent()}`),
  ]);
  if (outcome !== 'ok') throw new Error(outcome);
}

export async function connectionState(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="connection-state"]', 'data-state');
}

export async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="pending-count"]', 'data-count'));
}

export async function attentionCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="attention-count"]', 'data-count'));
}

export async function waitForConnection(page: Page, state: 'online' | 'offline' | 'connecting' | 'signed_out', timeoutMs = 20_000): Promise<void> {
  await page.waitForSelector(`[data-testid="connection-state"][data-state="${state}"]`, { state: 'attached', timeout: timeoutMs });
}

export async function waitForPending(page: Page, predicate: (n: number) => boolean, description: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = NaN;
  while (Date.now() < deadline) {
    last = await pendingCount(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`pending count never became ${description} within ${timeoutMs} ms (last ${last})`);
}

/** The first sync is over: online, no progress bar, a last-sync time, and at least one queue row. */
export async function waitForFirstSync(page: Page, timeoutMs = 60_000): Promise<void> {
  await waitForConnection(page, 'online', timeoutMs);
  await page.waitForSelector('[data-testid="last-sync"][data-at]', { state: 'attached', timeout: timeoutMs });
  await page.waitForSelector('[data-testid="sync-progress"]', { state: 'detached', timeout: timeoutMs });
  await page.waitForSelector('[data-testid="queue-row"]', { timeout: timeoutMs });
}

/** Ids of the queue rows now in the DOM (the list is virtualised: only the visible ones). */
export async function visibleRowIds(page: Page, selector = '[data-testid="queue-row"]'): Promise<string[]> {
  return page.$$eval(selector, (rows) => rows.map((r) => r.getAttribute('data-appeal-id') ?? ''));
}

/** Types into the search box and waits for the queue to follow (Enter skips the debounce). */
export async function search(page: Page, text: string): Promise<void> {
  await page.fill('[data-testid="search-input"]', text);
  await page.press('[data-testid="search-input"]', 'Enter');
}

/**
 * Brings a queue row into the DOM: the list is virtualised, so it scrolls the list page by page until the row
 * is rendered. Returns false when the row is not in the list at all.
 */
export async function scrollToRow(page: Page, appealId: string): Promise<boolean> {
  const selector = `[data-testid="queue-row"][data-appeal-id="${appealId}"]`;
  if ((await page.locator(selector).count()) > 0) return true;
  return page.evaluate(async (selector) => {
    const box = document.querySelector<HTMLElement>('[data-testid="queue-list"]');
    if (!box) return false;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    for (let y = 0; y <= box.scrollHeight; y += Math.max(100, box.clientHeight * 0.8)) {
      box.scrollTop = y;
      await frame();
      const row = document.querySelector(selector);
      if (row) {
        row.scrollIntoView({ block: 'center' });
        await frame();
        return true;
      }
    }
    return false;
  }, selector);
}

/** Opens an appeal by clicking its queue row (scrolling the virtualised list to it first). */
export async function openAppeal(page: Page, appealId: string): Promise<void> {
  if (!(await scrollToRow(page, appealId))) throw new Error(`appeal ${appealId} is not in the queue`);
  await page.locator(`[data-testid="queue-row"][data-appeal-id="${appealId}"]`).click({ timeout: 10_000 });
  await page.waitForSelector(`[data-testid="appeal-panel"][data-appeal-id="${appealId}"] [data-testid="appeal-number"]`, { timeout: 10_000 });
}

/** Toggles a facet checkbox of the filter sidebar, e.g. facetFilter(page, 'status', 'new'). */
export async function toggleFacet(page: Page, facet: string, value: string): Promise<void> {
  await page.locator(`[data-testid="filter-${facet}-${value}"]`).click();
}

export async function closeAppeal(page: Page): Promise<void> {
  if ((await page.locator('[data-testid="appeal-panel"]').count()) === 0) return;
  await page.click('[data-testid="appeal-close"]');
  await page.waitForSelector('[data-testid="appeal-panel"]', { state: 'detached', timeout: 5_000 });
}

/** Triage of the open appeal through its form. */
export async function triageOpenAppeal(page: Page, fields: { category: string; priority: string }): Promise<void> {
  const form = page.locator('[data-testid="triage-form"]');
  await form.locator('[data-testid="triage-category"]').selectOption(fields.category);
  await form.locator('[data-testid="triage-priority"]').selectOption(fields.priority);
  await form.locator('[data-testid="triage-save"]').click();
  // the form resets its draft once the mutation is local
  await page.waitForFunction(
    ({ category, priority }) => {
      const c = document.querySelector<HTMLSelectElement>('[data-testid="triage-category"]');
      const p = document.querySelector<HTMLSelectElement>('[data-testid="triage-priority"]');
      const badge = document.querySelector('[data-testid="appeal-panel"] [data-testid="unsent-mark"]');
      return c?.value === category && p?.value === priority && badge !== null;
    },
    fields,
    { timeout: 10_000 },
  );
}

/** Adds an internal comment to the open appeal and waits for it in the list. */
export async function commentOpenAppeal(page: Page, text: string): Promise<void> {
  await page.fill('[data-testid="comment-input"]', text);
  await page.click('[data-testid="comment-save"]');
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('[data-testid="comment"]')].some((c) => c.textContent?.includes(t)),
    text,
    { timeout: 10_000 },
  );
}

/** Edits the open appeal's summary (appeal.update against the version seen). */
export async function editSummary(page: Page, summary: string): Promise<void> {
  await page.click('[data-testid="edit-text"]');
  await page.fill('[data-testid="edit-summary"]', summary);
  await page.click('[data-testid="save-text"]');
  await page.waitForSelector('[data-testid="text-form"]', { state: 'detached', timeout: 10_000 });
  await page.waitForFunction((s) => document.querySelector('[data-testid="appeal-summary"]')?.textContent === s, summary, { timeout: 10_000 });
}

/** Creates an appeal through "Новое обращение"; returns the id of the appeal it opens. */
export async function createAppealInUi(page: Page, fields: { name: string; phone: string; text: string; subject: string; address: string }): Promise<string> {
  await page.click('[data-testid="new-appeal-button"]');
  await page.waitForSelector('[data-testid="new-appeal-dialog"]', { timeout: 5_000 });
  await page.fill('[data-testid="new-appeal-name"]', fields.name);
  await page.fill('[data-testid="new-appeal-phone"]', fields.phone);
  await page.fill('[data-testid="new-appeal-text"]', fields.text);
  await page.fill('[data-testid="new-appeal-subject"]', fields.subject);
  await page.fill('[data-testid="new-appeal-address"]', fields.address);
  await page.click('[data-testid="new-appeal-save"]');
  await page.waitForSelector('[data-testid="new-appeal-dialog"]', { state: 'detached', timeout: 10_000 });
  const panel = await page.waitForSelector('[data-testid="appeal-panel"] [data-testid="appeal-number"]', { timeout: 10_000 });
  void panel;
  const id = await page.getAttribute('[data-testid="appeal-panel"]', 'data-appeal-id');
  if (!id) throw new Error('the new appeal did not open');
  return id;
}

// ------------------------------------------------------------------ IndexedDB from the page

/** Every row of an object store of the console's database (raw IndexedDB, no Dexie needed). */
export async function idbAll<T = unknown>(page: Page, store: string, dbName = 'otklik'): Promise<T[]> {
  return page.evaluate(
    ({ store, dbName }) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains(store)) {
            idb.close();
            resolve([]);
            return;
          }
          const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => {
            idb.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    { store, dbName },
  );
}

/**
 * Every appeal the console holds: its rows, and the snapshot packs of the first sync for appeals that have no
 * row (renderer/src/data/appeal-store.ts).
 */
export async function idbAppeals<T extends { id: string } = { id: string }>(page: Page): Promise<T[]> {
  const rows = await idbAll<T>(page, 'appeals');
  const packs = await idbPacks<T>(page);
  const withRows = new Set(rows.map((a) => a.id));
  return [...rows, ...packs.flatMap((p) => p.appeals.filter((a) => !withRows.has(a.id)))];
}

/**
 * The first sync's packs as their appeals, comments and history lines: a pack of a packed snapshot page is stored
 * as the gzip bytes it came in, and is unpacked here, in the page.
 */
export async function idbPacks<T extends { id: string } = { id: string }>(
  page: Page,
): Promise<Array<{ id: string; appeals: T[]; comments: Array<{ appealId: string }>; events: Array<{ appealId: string }> }>> {
  const rows = await idbAll<{ id: string; gzip?: Uint8Array; appeals?: T[] }>(page, 'appealPacks');
  if (rows.every((r) => r.gzip === undefined)) return rows as never;
  return page.evaluate(async () => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('otklik');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const stored = await new Promise<Array<{ id: string; gzip?: Uint8Array }>>((resolve, reject) => {
        const req = idb.transaction('appealPacks', 'readonly').objectStore('appealPacks').getAll();
        req.onsuccess = () => resolve(req.result as Array<{ id: string; gzip?: Uint8Array }>);
        req.onerror = () => reject(req.error);
      });
      return Promise.all(
        stored.map(async (row) =>
          row.gzip === undefined
            ? row
            : { id: row.id, ...(await new Response(new Blob([row.gzip as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).json()) },
        ),
      );
    } finally {
      idb.close();
    }
  }) as never;
}

/** How many appeals the console holds, counted in the page (no copy of 100 000 appeals crosses to the test). */
export async function idbAppealCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const all = <T,>(idb: IDBDatabase, store: string, keysOnly: boolean) =>
      new Promise<T[]>((resolve, reject) => {
        if (!idb.objectStoreNames.contains(store)) return resolve([]);
        const s = idb.transaction(store, 'readonly').objectStore(store);
        const req = keysOnly ? s.getAllKeys() : s.getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('otklik');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const ids = new Set(await all<string>(idb, 'appeals', true));
      for (const row of await all<{ ids: string[] }>(idb, 'appealPackIds', false)) for (const id of row.ids) ids.add(id);
      return ids.size;
    } finally {
      idb.close();
    }
  });
}

/** Row counts of every object store of a database, as the page sees it. */
export async function idbCounts(page: Page, dbName = 'otklik'): Promise<Record<string, number>> {
  return page.evaluate(
    (dbName) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          const counts: Record<string, number> = {};
          if (names.length === 0) {
            idb.close();
            resolve(counts);
            return;
          }
          const tx = idb.transaction(names, 'readonly');
          for (const name of names) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => (counts[name] = req.result);
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(counts);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    dbName,
  );
}

export async function idbMeta<T = unknown>(page: Page, key: string): Promise<T | undefined> {
  const rows = await idbAll<{ key: string; value: T }>(page, 'meta');
  return rows.find((r) => r.key === key)?.value;
}

// ------------------------------------------------------------------ the server's SQLite

/** Runs a read-only query on the server's SQLite file (WAL: safe beside the running server). */
export function sqlite<T = Record<string, unknown>>(dataDir: string, query: string, ...params: unknown[]): T[] {
  const file = join(dataDir, 'otklik.sqlite');
  if (!existsSync(file)) throw new Error(`no SQLite file at ${file}: ${readdirSync(dataDir).join(', ')}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Polls fn until it returns a truthy value; returns it (or throws with the last value). */
export async function until<T>(fn: () => T | Promise<T>, description: string, timeoutMs = 10_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${description}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}
