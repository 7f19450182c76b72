// Which section of the console is showing (the queue or administration): a tiny external store the header and the shell share.
import { useSyncExternalStore } from 'react';

export type ConsoleView = 'queue' | 'admin';

let view: ConsoleView = 'queue';
const listeners = new Set<() => void>();

export function setConsoleView(next: ConsoleView): void {
  if (next === view) return;
  view = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useConsoleView(): ConsoleView {
  return useSyncExternalStore(subscribe, () => view);
}
