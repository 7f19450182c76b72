// Attachment rows for pull pages (by id) and snapshot pages (by appeal), in chunks below the bound-parameter limit.
import type { Kysely } from 'kysely';
import type { Attachment } from '../../shared/index.js';
import { MAX_PARAMS } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { attachmentFromRow } from './schema.js';

export async function attachmentsWhere(db: Kysely<Database>, column: 'id' | 'appeal_id', ids: readonly string[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  const size = MAX_PARAMS / 2;
  for (let i = 0; i < ids.length; i += size) {
    const rows = await db.selectFrom('attachments').selectAll().where(column, 'in', ids.slice(i, i + size)).execute();
    for (const row of rows) out.push(attachmentFromRow(row));
  }
  return out;
}
