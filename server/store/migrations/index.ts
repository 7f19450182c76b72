// Every migration in order. Numbered files are never edited once released; a change is a new file listed here.
import type { Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../dialect.js';
import { initialMigration } from './0001-initial.js';
import { attachmentsMigration } from './0002-attachments.js';
import { workflowMigration } from './0003-workflow.js';
import { adminChangesMigration } from './0004-admin-changes.js';
import { appendOnlyHistoryMigration } from './0005-append-only-history.js';

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-initial': initialMigration(dialect),
        '0002-attachments': attachmentsMigration(),
        '0003-workflow': workflowMigration(),
        '0004-admin-changes': adminChangesMigration(),
        '0005-append-only-history': appendOnlyHistoryMigration(dialect),
      };
    },
  };
}
