// Row types of the workflow tables (migration 0003) and their conversions to the shared workflow entities.
import type { Alert, Answer, AnswerTemplate, CategorySetting, RoutingRule } from '../../shared/index.js';

export interface AnswersTable {
  id: string;
  appeal_id: string;
  text: string;
  published_text: string | null;
  reports_work: number;
  status: string;
  version: number;
  template_id: string | null;
  author_id: string;
  author_name: string;
  approved_by_id: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AnswerTemplatesTable {
  id: string;
  region_id: string;
  organisation_id: string | null;
  category: string | null;
  title: string;
  body: string;
  reports_work: number;
  updated_at: string;
}

export interface RoutingRulesTable {
  id: string;
  region_id: string;
  category: string;
  municipality_id: string | null;
  organisation_id: string;
}

export interface CategorySettingsTable {
  region_id: string;
  category: string;
  fast_track_days: number;
}

export interface RegionSettingsTable {
  region_id: string;
  calendar_region_code: string | null;
  incident_resolution_working_days: number;
}

export interface AlertsTable {
  id: string;
  kind: string;
  appeal_id: string;
  appeal_number: string;
  organisation_id: string;
  region_id: string;
  deadline: string;
  due_at: string;
  at: string;
}

export interface AuditViewsTable {
  id: string;
  appeal_id: string;
  organisation_id: string;
  region_id: string;
  user_id: string;
  user_name: string;
  device_id: string;
  viewed_at: string;
  logged_at: string;
}

export interface AdminChangesTable {
  id: string;
  region_id: string;
  action: string;
  entity_id: string;
  actor_id: string;
  actor_name: string;
  device_id: string;
  before: string | null;
  after: string | null;
  at: string;
}

export function answerFromRow(r: AnswersTable): Answer {
  return {
    id: r.id,
    appealId: r.appeal_id,
    text: r.text,
    publishedText: r.published_text,
    reportsWork: Boolean(r.reports_work),
    status: r.status as Answer['status'],
    version: Number(r.version),
    templateId: r.template_id,
    authorId: r.author_id,
    authorName: r.author_name,
    approvedById: r.approved_by_id,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function answerToRow(a: Answer): AnswersTable {
  return {
    id: a.id,
    appeal_id: a.appealId,
    text: a.text,
    published_text: a.publishedText,
    reports_work: a.reportsWork ? 1 : 0,
    status: a.status,
    version: a.version,
    template_id: a.templateId,
    author_id: a.authorId,
    author_name: a.authorName,
    approved_by_id: a.approvedById,
    sent_at: a.sentAt,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function templateFromRow(r: AnswerTemplatesTable): AnswerTemplate {
  return {
    id: r.id,
    regionId: r.region_id,
    organisationId: r.organisation_id,
    category: r.category as AnswerTemplate['category'],
    title: r.title,
    body: r.body,
    reportsWork: Boolean(r.reports_work),
    updatedAt: r.updated_at,
  };
}

export function templateToRow(t: AnswerTemplate): AnswerTemplatesTable {
  return {
    id: t.id,
    region_id: t.regionId,
    organisation_id: t.organisationId,
    category: t.category,
    title: t.title,
    body: t.body,
    reports_work: t.reportsWork ? 1 : 0,
    updated_at: t.updatedAt,
  };
}

export function routingRuleFromRow(r: RoutingRulesTable): RoutingRule {
  return {
    id: r.id,
    regionId: r.region_id,
    category: r.category as RoutingRule['category'],
    municipalityId: r.municipality_id,
    organisationId: r.organisation_id,
  };
}

export function routingRuleToRow(r: RoutingRule): RoutingRulesTable {
  return { id: r.id, region_id: r.regionId, category: r.category, municipality_id: r.municipalityId, organisation_id: r.organisationId };
}

export function categorySettingFromRow(r: CategorySettingsTable): CategorySetting {
  return { regionId: r.region_id, category: r.category as CategorySetting['category'], fastTrackDays: Number(r.fast_track_days) };
}

export function alertFromRow(r: AlertsTable): Alert {
  return {
    id: r.id,
    kind: r.kind as Alert['kind'],
    appealId: r.appeal_id,
    appealNumber: r.appeal_number,
    organisationId: r.organisation_id,
    regionId: r.region_id,
    deadline: r.deadline as Alert['deadline'],
    dueAt: r.due_at,
    at: r.at,
  };
}

export function alertToRow(a: Alert): AlertsTable {
  return {
    id: a.id,
    kind: a.kind,
    appeal_id: a.appealId,
    appeal_number: a.appealNumber,
    organisation_id: a.organisationId,
    region_id: a.regionId,
    deadline: a.deadline,
    due_at: a.dueAt,
    at: a.at,
  };
}
