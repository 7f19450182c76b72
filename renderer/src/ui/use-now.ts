// A clock for countdowns: one shared timer per interval, so a hundred rows do not start a hundred timers.
import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}

const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) tickers.set(intervalMs, (ticker = { now: Date.now(), listeners: new Set(), timer: null }));
  return ticker;
}

/** Current time in ms, re-rendering the caller every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const ticker = tickerFor(intervalMs);
  return useSyncExternalStore(
    (notify) => {
      ticker.listeners.add(notify);
      if (ticker.timer === null) {
        ticker.now = Date.now();
        ticker.timer = setInterval(() => {
          ticker.now = Date.now();
          for (const l of ticker.listeners) l();
        }, intervalMs);
      }
      return () => {
        ticker.listeners.delete(notify);
        if (ticker.listeners.size === 0 && ticker.timer !== null) {
          clearInterval(ticker.timer);
          ticker.timer = null;
        }
      };
    },
    () => ticker.now,
  );
}
