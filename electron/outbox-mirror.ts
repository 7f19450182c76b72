// The outbox's file copy in the user-data folder, so that a wiped browser profile does not lose unsent work.
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from './atomic-file.js';

export const OUTBOX_MIRROR_FILE = 'outbox-mirror.json';

export interface OutboxMirror {
  readonly file: string;
  /** Replaces the mirror with `json`; refuses text that is not JSON so a bad call cannot destroy a good copy. */
  write(json: string): Promise<void>;
  /** The mirrored JSON, or null when there is none yet. */
  read(): Promise<string | null>;
}

export function createOutboxMirror(userDataDir: string): OutboxMirror {
  const file = path.join(userDataDir, OUTBOX_MIRROR_FILE);
  // writes are chained: two overlapping writes must land in call order, the last one winning
  let last: Promise<void> = Promise.resolve();
  return {
    file,
    async write(json) {
      JSON.parse(json); // throws SyntaxError, as a rejection, before anything is touched
      const next = last.catch(() => undefined).then(() => writeFileAtomic(file, json));
      last = next;
      await next;
    },
    async read() {
      await last.catch(() => undefined);
      return readFileIfExists(file);
    },
  };
}
