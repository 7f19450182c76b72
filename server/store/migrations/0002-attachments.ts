// Second schema: attachment metadata (bytes arrive later over tus) and the content-addressed blobs they point to.
import type { Kysely, Migration } from 'kysely';

export function attachmentsMigration(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text')
        .addColumn('gps', 'text')
        .addColumn('thumbnail', 'text')
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // null until the bytes arrived and hashed to sha256
        .addColumn('uploaded_at', 'text')
        .execute();
      await db.schema.createIndex('attachments_appeal').on('attachments').columns(['appeal_id']).execute();
      await db.schema.createIndex('attachments_sha256').on('attachments').columns(['sha256']).execute();

      // One row per distinct content: the same bytes attached twice are stored once.
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
