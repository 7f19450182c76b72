import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OtklikDb } from './db.js';
import { readOutbox, writeMutation } from './outbox.js';
import { mirrorJson, parseMirror, restoreFromMirror } from './outbox-mirror.js';
import { uniqueDbName } from './testing/fixtures.js';

async function mirrorOf(clientId: string) {
  const db = new OtklikDb(uniqueDbName());
  await db.setMeta('clientId', clientId);
  await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c1', text: 'Не потерять' });
  await writeMutation(db, 'appeal.comment', { appealId: 'a1', commentId: 'c2', text: 'И это' });
  return mirrorJson(clientId, 'u-op', 3, await readOutbox(db));
}

describe('outbox mirror', () => {
  it('restores unsent work into a wiped profile with the same clientId and numbering', async () => {
    const json = await mirrorOf('dev-1');
    const wiped = new OtklikDb(uniqueDbName());
    expect(await restoreFromMirror(wiped, parseMirror(json))).toBe(2);
    expect((await readOutbox(wiped)).map((r) => r.mutationId)).toEqual([1, 2]);
    expect(await wiped.getMeta('clientId')).toBe('dev-1');
    expect(await wiped.getMeta('nextMutationId')).toBe(3);
  });

  it('does not restore into a profile of another clientId or one whose outbox has rows', async () => {
    const json = await mirrorOf('dev-1');
    const other = new OtklikDb(uniqueDbName());
    await other.setMeta('clientId', 'dev-2');
    expect(await restoreFromMirror(other, parseMirror(json))).toBe(0);
    const busy = new OtklikDb(uniqueDbName());
    await writeMutation(busy, 'appeal.comment', { appealId: 'a1', commentId: 'x', text: 'своё' });
    expect(await restoreFromMirror(busy, parseMirror(json))).toBe(0);
  });

  it('ignores a torn or foreign mirror file', () => {
    expect(parseMirror('{"clientId":')).toBeNull();
    expect(parseMirror('{"hello":1}')).toBeNull();
    expect(parseMirror(null)).toBeNull();
  });
});
