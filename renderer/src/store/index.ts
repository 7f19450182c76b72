// The console's one Zustand store, built from slices; `useConsole` for React, `consoleStore` for everything else.
import { useStore } from 'zustand';
import { getBridge, serverUrlFromLocation } from '../bridge/index.js';
import { db } from '../data/db.js';
import { createConsoleStore, type ConsoleDeps } from './create-store.js';
import type { ConsoleStore } from './contract.js';

export type { ConsoleStore } from './contract.js';
export { createConsoleStore } from './create-store.js';

function pageLocation(): ConsoleDeps['location'] {
  return typeof location === 'undefined' ? null : { protocol: location.protocol, origin: location.origin };
}

const env = import.meta.env as Record<string, string | undefined> | undefined;

export const consoleStore = createConsoleStore({
  db,
  bridge: getBridge(),
  fetch: (url, init) => fetch(url, init),
  location: pageLocation(),
  serverFromQuery: typeof location === 'undefined' ? null : serverUrlFromLocation(location),
  envServerUrl: env?.VITE_OTKLIK_SERVER,
  windowEvents: typeof window === 'undefined' ? null : window,
});

export function useConsole<T>(selector: (state: ConsoleStore) => T): T {
  return useStore(consoleStore, selector);
}
