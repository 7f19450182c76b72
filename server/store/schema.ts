// Row types of the server database as Kysely sees them (snake_case columns, JSON kept as TEXT).
import type { AttachmentsTable, BlobsTable } from '../uploads/schema.js';
import type {
  AdminChangesTable,
  AlertsTable,
  AnswersTable,
  AnswerTemplatesTable,
  AuditViewsTable,
  CategorySettingsTable,
  RegionSettingsTable,
  RoutingRulesTable,
} from './workflow-rows.js';
export interface RegionsTable {
  id: string;
  name: string;
  timezone: string;
  hashtag: string;
}

export interface MunicipalitiesTable {
  id: string;
  region_id: string;
  name: string;
  kind: string;
  rural: number;
}

export interface SettlementsTable {
  id: string;
  municipality_id: string;
  name: string;
  kind: string;
  /** JSON array of street names. */
  streets: string;
}

export interface OrganisationsTable {
  id: string;
  region_id: string;
  municipality_id: string | null;
  name: string;
  prefix: string;
  signature: string;
  timezone: string;
  answer_review: number;
}

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  role: string;
  organisation_id: string;
  region_id: string;
  disabled: number;
  password_hash: string;
  /** 0/1: on duty for automatic assignment (migration 0003). */
  on_duty: number;
}

export interface RefreshTokensTable {
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AppealsTable {
  id: string;
  number: string;
  channel: string;
  external_ref: string | null;
  citizen: string;
  original_text: string;
  subject: string;
  summary: string;
  address: string;
  region_id: string;
  municipality_id: string | null;
  category: string | null;
  priority: string;
  kind: string;
  status: string;
  organisation_id: string;
  assignee_id: string | null;
  decline_reason: string | null;
  duplicate_of_id: string | null;
  consent: number;
  received_at: string;
  first_reaction_due_at: string | null;
  resolution_due_at: string | null;
  first_reaction_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The whole Appeal as JSON, written with the columns above from the same object: reads take it in one piece. */
  doc: string;
  /** JSON array of the appeal's AppealEvents, oldest first: the snapshot sends history without a row per event. */
  history: string;
}

export interface CommentsTable {
  id: string;
  appeal_id: string;
  author_id: string;
  author_name: string;
  text: string;
  created_at: string;
}

export interface AppealEventsTable {
  id: string;
  appeal_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string;
  device_id: string | null;
  /** JSON object field → [before, after]. */
  changes: string;
  reason: string | null;
  at: string;
}

/** 'reference' rows belong to no appeal: appeal_id is '' and org_id is REGION_WIDE_ORG (sync/scope.ts). */
export type ChangeEntity = 'appeal' | 'comment' | 'event' | 'attachment' | 'answer' | 'alert' | 'reference';

export interface ChangesTable {
  seq: number;
  entity: ChangeEntity;
  entity_id: string;
  appeal_id: string;
  org_id: string;
  prev_org_id: string | null;
  region_id: string;
}

export interface ClientsTable {
  client_id: string;
  user_id: string;
  last_mutation_id: number;
}

export interface MutationResultsTable {
  client_id: string;
  mutation_id: number;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  seq: number | null;
  appeal_id: string | null;
  /** The answer an answer.save conflict was about (migration 0003). */
  answer_id?: string | null;
}

export interface Database {
  regions: RegionsTable;
  municipalities: MunicipalitiesTable;
  settlements: SettlementsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  appeals: AppealsTable;
  comments: CommentsTable;
  appeal_events: AppealEventsTable;
  changes: ChangesTable;
  clients: ClientsTable;
  mutation_results: MutationResultsTable;
  attachments: AttachmentsTable;
  blobs: BlobsTable;
  answers: AnswersTable;
  answer_templates: AnswerTemplatesTable;
  routing_rules: RoutingRulesTable;
  category_settings: CategorySettingsTable;
  region_settings: RegionSettingsTable;
  alerts: AlertsTable;
  audit_views: AuditViewsTable;
  admin_changes: AdminChangesTable;
}

