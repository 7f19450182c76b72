// A clock for countdowns: one shared timer per interval, so a hundred rows do not start a hundred timers.
import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  subscribe: (notify: () => void) => () => void;
  read: () => number;
}

const tickers = new Map<number, Ticker>();

function createTicker(intervalMs: number): Ticker {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const ticker: Ticker = {
    now: Date.now(),
    // stable functions: a new subscribe per render would make React resubscribe every time
    subscribe(notify) {
      listeners.add(notify);
      // an idle clock is stale: catch up once when it starts ticking again
      if (timer === null) ticker.now = Date.now();
      timer ??= setInterval(() => {
        ticker.now = Date.now();
        for (const l of listeners) l();
      }, intervalMs);
      return () => {
        listeners.delete(notify);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    read: () => ticker.now,
  };
  return ticker;
}

/** Current time in ms, re-rendering the caller every `intervalMs` (first value: when the clock was first asked for). */
export function useNow(intervalMs = 30_000): number {
  let ticker = tickers.get(intervalMs);
  if (!ticker) tickers.set(intervalMs, (ticker = createTicker(intervalMs)));
  return useSyncExternalStore(ticker.subscribe, ticker.read);
}
