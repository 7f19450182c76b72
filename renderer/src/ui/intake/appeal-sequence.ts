// Per-console appeal sequence for human-readable numbers: a counter kept in localStorage by clientId, never behind the numbers this console already issued.
import { consoleCodeFromClientId, parseAppealNumber } from '../../../../shared/hotline/appeal-number.js';

export type SequenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const key = (clientId: string) => `otklik.appealSeq.${clientId}`;

/**
 * The next sequence number: one past both the stored counter and the highest sequence among `issued`
 * numbers carrying this console's code. The second guard covers a counter lost with the browser's
 * storage while the appeals survived in IndexedDB (or came back from the server).
 */
export function nextSequence(stored: number, issued: Iterable<string>, consoleCode: string): number {
  let highest = stored;
  for (const number of issued) {
    const parts = parseAppealNumber(number);
    if (parts && parts.consoleCode === consoleCode && parts.seq > highest) highest = parts.seq;
  }
  return highest + 1;
}

/** Takes the next sequence number for this console and remembers it at once, so it is never given twice. */
export function takeSequence(storage: SequenceStorage, clientId: string, issued: Iterable<string>): number {
  const raw = Number(storage.getItem(key(clientId)) ?? '0');
  const stored = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
  const seq = nextSequence(stored, issued, consoleCodeFromClientId(clientId));
  storage.setItem(key(clientId), String(seq));
  return seq;
}
