import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Rows a copy of the database file alone holds: what has been checkpointed out of the log. */
function rowsInMainFile(file: string, dir: string): number {
  const copy = join(dir, 'copy.sqlite');
  copyFileSync(file, copy);
  const db = new SqliteDatabase(copy, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from notes').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('startCheckpointer', () => {
  it('moves committed pages from the write-ahead log into the database file while the main connection only commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-checkpoint-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table notes (id integer primary key, text text)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const insert = db.prepare('insert into notes (text) values (?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`заметка ${i}`);
    })();
    expect(rowsInMainFile(file, dir)).toBe(0);
    const errors: string[] = [];
    const checkpointer = startCheckpointer(file, (error) => errors.push(error));
    try {
      await expect.poll(() => rowsInMainFile(file, dir), { timeout: 5_000 }).toBe(500);
    } finally {
      await checkpointer.close();
      db.close();
    }
    expect(errors).toEqual([]);
  });
});
