// First schema: reference data, users and sessions, appeals with comments and history, change log, client bookkeeping.
import type { Kysely, Migration } from 'kysely';
import { seqColumnType, type DialectName } from '../dialect.js';

export function initialMigration(dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('regions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('hashtag', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('municipalities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('rural', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settlements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('streets', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('answer_review', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('disabled', 'integer', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_organisation').on('users').columns(['organisation_id']).execute();
      await db.schema.createIndex('users_region').on('users').columns(['region_id']).execute();

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('refresh_tokens_user').on('refresh_tokens').columns(['user_id']).execute();

      await db.schema
        .createTable('appeals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('external_ref', 'text')
        .addColumn('citizen', 'text', (c) => c.notNull())
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('municipality_id', 'text', (c) => c.references('municipalities.id'))
        .addColumn('category', 'text')
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
        .addColumn('decline_reason', 'text')
        .addColumn('duplicate_of_id', 'text')
        .addColumn('consent', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('first_reaction_due_at', 'text')
        .addColumn('resolution_due_at', 'text')
        .addColumn('first_reaction_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('history', 'text', (c) => c.notNull())
        .execute();
      // Snapshot pages walk a scope by id: one index per scope kind, plus the caller's own queue.
      await db.schema.createIndex('appeals_org_id').on('appeals').columns(['organisation_id', 'id']).execute();
      await db.schema.createIndex('appeals_region_id').on('appeals').columns(['region_id', 'id']).execute();
      await db.schema.createIndex('appeals_assignee_id').on('appeals').columns(['assignee_id', 'id']).execute();
      await db.schema.createIndex('appeals_number').on('appeals').columns(['number']).execute();

      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_appeal').on('comments').columns(['appeal_id']).execute();

      await db.schema
        .createTable('appeal_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appeal_events_appeal').on('appeal_events').columns(['appeal_id']).execute();

      await db.schema
        .createTable('changes')
        .addColumn('seq', seqColumnType(dialect), (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('appeal_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('prev_org_id', 'text')
        .addColumn('region_id', 'text', (c) => c.notNull())
        .execute();
      // Pull scans the log by seq within a scope: organisation (current or previous) or region.
      await db.schema.createIndex('changes_org_seq').on('changes').columns(['org_id', 'seq']).execute();
      await db.schema.createIndex('changes_prev_org_seq').on('changes').columns(['prev_org_id', 'seq']).execute();
      await db.schema.createIndex('changes_region_seq').on('changes').columns(['region_id', 'seq']).execute();

      await db.schema
        .createTable('clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('last_mutation_id', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mutation_results')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('mutation_id', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('message', 'text')
        .addColumn('seq', seqColumnType(dialect))
        .addColumn('appeal_id', 'text')
        .addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'mutation_id'])
        .execute();
    },
  };
}
