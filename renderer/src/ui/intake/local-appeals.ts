// What the intake knows of local appeals without asking the server: the caller index by phone, the last weeks for duplicates, this console's issued numbers; read from IndexedDB with pending changes on top.
import type { Appeal } from '../../../../shared/index.js';
import { consoleCodeFromClientId } from '../../../../shared/hotline/appeal-number.js';
import { readAllAppeals } from '../../data/appeal-store.js';
import { db } from '../../data/db.js';
import { ensureClientId, readOutbox } from '../../data/outbox.js';
import { consoleStore } from '../store-access.js';
import { CallerIndex } from './caller-index.js';

/** Duplicates look 14 days back; keeping a little more lets the form stay open past midnight. */
const RECENT_DAYS = 16;
/** Local changes (a pull, an edit elsewhere) refresh the index this long after the last one, not on every change. */
const REFRESH_AFTER_MS = 1500;

export interface LocalAppeals {
  callers: CallerIndex;
  /** Appeals received in the last RECENT_DAYS days, for the duplicate search. */
  recent: Appeal[];
  clientId: string;
  /** Numbers this console issued (its console code), for numbering after a lost counter. */
  ownNumbers: string[];
}

let current: LocalAppeals | null = null;
/**
 * The console store's revision `current` was read at. A later one means appeals changed since, also the ones
 * synced while the intake was closed and nothing followed the store: without this, a call would not be offered
 * an appeal that arrived after the last read as a duplicate, nor see it in the caller's history.
 */
let currentRevision = -1;
let loading: Promise<LocalAppeals> | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();
let version = 0;

async function read(): Promise<LocalAppeals> {
  const [clientId, confirmed, outbox] = await Promise.all([ensureClientId(db), readAllAppeals(db), readOutbox(db)]);
  const { getAppeal } = consoleStore.getState();
  const byId = new Map<string, Appeal>();
  for (const row of confirmed) byId.set(row.id, getAppeal(row.id) ?? row);
  // created here and not yet confirmed by the server: only the overlay has them
  for (const m of outbox) {
    if (m.name !== 'appeal.create' || m.appealId === null || byId.has(m.appealId)) continue;
    const appeal = getAppeal(m.appealId);
    if (appeal) byId.set(appeal.id, appeal);
  }
  const callers = new CallerIndex();
  const recent: Appeal[] = [];
  const ownNumbers: string[] = [];
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
  const ownCode = `-${consoleCodeFromClientId(clientId)}-`;
  for (const appeal of byId.values()) {
    callers.upsert(appeal);
    if (appeal.receivedAt >= since) recent.push(appeal);
    if (appeal.number.includes(ownCode)) ownNumbers.push(appeal.number);
  }
  return { callers, recent, clientId, ownNumbers };
}

function notify(): void {
  version++;
  for (const l of listeners) l();
}

/** Reads (or re-reads, when local data changed since) the local appeals; concurrent callers share one read. */
export function loadLocalAppeals(): Promise<LocalAppeals> {
  const revision = consoleStore.getState().revision;
  if (current && currentRevision === revision) return Promise.resolve(current);
  if (!loading) {
    // taken before reading: a change during the read leaves it behind, so the next call reads again
    currentRevision = revision;
    loading = read()
      .then((fresh) => {
        current = fresh;
        notify();
        return fresh;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

/** Grows with every change of what the intake knows, for useSyncExternalStore. */
export function localAppealsVersion(): number {
  return version;
}

/** The last read, or null before the first one finished. */
export function localAppealsNow(): LocalAppeals | null {
  return current;
}

/** A just-saved appeal counts at once, before any re-read. */
export function rememberSaved(appeal: Appeal): void {
  if (!current) return;
  current.callers.upsert(appeal);
  current.recent.push(appeal);
  current.ownNumbers.push(appeal.number);
  notify();
}

/** Re-render when the local appeals were re-read. */
export function subscribeLocalAppeals(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** While the intake is in use, re-reads the index in the background shortly after the console's appeals change. */
export function followLocalChanges(): () => void {
  let revision = consoleStore.getState().revision;
  const unsubscribe = consoleStore.subscribe((state) => {
    if (state.revision === revision) return;
    revision = state.revision;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void loadLocalAppeals(), REFRESH_AFTER_MS);
  });
  return () => {
    unsubscribe();
    if (refreshTimer) clearTimeout(refreshTimer);
  };
}

/** Signing out forgets everything read (152-ФЗ: nothing of the previous user's data lingers in memory). */
export function forgetLocalAppeals(): void {
  current = null;
  currentRevision = -1;
  notify();
}
