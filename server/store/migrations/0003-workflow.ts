// Third schema: answers, templates, routing rules, category and region SLA settings, supervisor alerts, the personal-data access log, users on duty.
import type { Kysely, Migration } from 'kysely';

export function workflowMigration(): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('answers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('published_text', 'text')
        .addColumn('reports_work', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('template_id', 'text')
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('approved_by_id', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('answers_appeal').on('answers').columns(['appeal_id']).execute();

      await db.schema
        .createTable('answer_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('organisation_id', 'text')
        .addColumn('category', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('reports_work', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('answer_templates_region').on('answer_templates').columns(['region_id']).execute();

      await db.schema
        .createTable('routing_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text')
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('routing_rules_region').on('routing_rules').columns(['region_id', 'category']).execute();

      await db.schema
        .createTable('category_settings')
        .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('fast_track_days', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('category_settings_pk', ['region_id', 'category'])
        .execute();

      // The hashtag stays in regions.hashtag (one place); the SLA settings live here.
      await db.schema
        .createTable('region_settings')
        .addColumn('region_id', 'text', (c) => c.primaryKey().references('regions.id'))
        .addColumn('calendar_region_code', 'text')
        .addColumn('incident_resolution_working_days', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('appeal_number', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('region_id', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // Once per appeal, deadline and due moment, whatever restarts or concurrent servers do.
      await db.schema.createIndex('alerts_once').on('alerts').columns(['appeal_id', 'deadline', 'due_at']).unique().execute();

      await db.schema
        .createTable('audit_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('region_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        // when the console opened it (client clock, shown) and when the server logged it
        .addColumn('viewed_at', 'text', (c) => c.notNull())
        .addColumn('logged_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_views_appeal').on('audit_views').columns(['appeal_id', 'logged_at']).execute();

      await db.schema.alterTable('users').addColumn('on_duty', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // A rejected answer.save retried later gets the answer as it is then.
      await db.schema.alterTable('mutation_results').addColumn('answer_id', 'text').execute();

      // The overdue job walks open appeals by due time.
      await db.schema.createIndex('appeals_status_first_due').on('appeals').columns(['status', 'first_reaction_due_at']).execute();
      await db.schema.createIndex('appeals_status_resolution_due').on('appeals').columns(['status', 'resolution_due_at']).execute();
    },
  };
}
