// Fourth schema: the append-only log of administration changes (who, when, from which device, the row before and after).
import type { Kysely, Migration } from 'kysely';

export function adminChangesMigration(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('admin_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        // JSON of the row as it was (null: created) and as it is (null: deleted); password hashes never
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('admin_changes_region_at').on('admin_changes').columns(['region_id', 'at']).execute();
    },
  };
}
