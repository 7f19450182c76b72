// Conversions between database rows and the shared entities (JSON columns, 0/1 booleans, snake_case).
import type {
  Appeal,
  AppealEvent,
  Comment,
  Municipality,
  Organisation,
  Region,
  User,
} from '../../shared/index.js';
import type {
  AppealEventsTable,
  AppealsTable,
  CommentsTable,
  MunicipalitiesTable,
  OrganisationsTable,
  RegionsTable,
  UsersTable,
} from './schema.js';

// Rows come from our own writes, so the enum-typed fields are trusted rather than re-parsed on every read.
type AppealRow = AppealsTable;

export function appealFromRow(r: AppealRow): Appeal {
  return {
    id: r.id,
    number: r.number,
    channel: r.channel as Appeal['channel'],
    externalRef: r.external_ref === null ? null : (JSON.parse(r.external_ref) as Appeal['externalRef']),
    citizen: JSON.parse(r.citizen) as Appeal['citizen'],
    originalText: r.original_text,
    subject: r.subject,
    summary: r.summary,
    address: r.address,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    category: r.category as Appeal['category'],
    priority: r.priority as Appeal['priority'],
    kind: r.kind as Appeal['kind'],
    status: r.status as Appeal['status'],
    organisationId: r.organisation_id,
    assigneeId: r.assignee_id,
    declineReason: r.decline_reason as Appeal['declineReason'],
    duplicateOfId: r.duplicate_of_id,
    consent: Boolean(r.consent),
    receivedAt: r.received_at,
    firstReactionDueAt: r.first_reaction_due_at,
    resolutionDueAt: r.resolution_due_at,
    firstReactionAt: r.first_reaction_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

export function appealToRow(a: Appeal): AppealRow {
  return {
    id: a.id,
    number: a.number,
    channel: a.channel,
    external_ref: a.externalRef === null ? null : JSON.stringify(a.externalRef),
    citizen: JSON.stringify(a.citizen),
    original_text: a.originalText,
    subject: a.subject,
    summary: a.summary,
    address: a.address,
    region_id: a.regionId,
    municipality_id: a.municipalityId,
    category: a.category,
    priority: a.priority,
    kind: a.kind,
    status: a.status,
    organisation_id: a.organisationId,
    assignee_id: a.assigneeId,
    decline_reason: a.declineReason,
    duplicate_of_id: a.duplicateOfId,
    consent: a.consent ? 1 : 0,
    received_at: a.receivedAt,
    first_reaction_due_at: a.firstReactionDueAt,
    resolution_due_at: a.resolutionDueAt,
    first_reaction_at: a.firstReactionAt,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    version: a.version,
  };
}

export function commentFromRow(r: CommentsTable): Comment {
  return {
    id: r.id,
    appealId: r.appeal_id,
    authorId: r.author_id,
    authorName: r.author_name,
    text: r.text,
    createdAt: r.created_at,
  };
}

export function commentToRow(c: Comment): CommentsTable {
  return {
    id: c.id,
    appeal_id: c.appealId,
    author_id: c.authorId,
    author_name: c.authorName,
    text: c.text,
    created_at: c.createdAt,
  };
}

export function eventFromRow(r: AppealEventsTable): AppealEvent {
  return {
    id: r.id,
    appealId: r.appeal_id,
    action: r.action,
    actorId: r.actor_id,
    actorName: r.actor_name,
    deviceId: r.device_id,
    changes: JSON.parse(r.changes) as AppealEvent['changes'],
    reason: r.reason,
    at: r.at,
  };
}

export function eventToRow(e: AppealEvent): AppealEventsTable {
  return {
    id: e.id,
    appeal_id: e.appealId,
    action: e.action,
    actor_id: e.actorId,
    actor_name: e.actorName,
    device_id: e.deviceId,
    changes: JSON.stringify(e.changes),
    reason: e.reason,
    at: e.at,
  };
}

export function userFromRow(r: UsersTable): User {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    role: r.role as User['role'],
    organisationId: r.organisation_id,
    regionId: r.region_id,
    disabled: Boolean(r.disabled),
  };
}

export function regionFromRow(r: RegionsTable): Region {
  return { id: r.id, name: r.name, timezone: r.timezone, hashtag: r.hashtag };
}

export function regionToRow(r: Region): RegionsTable {
  return { id: r.id, name: r.name, timezone: r.timezone, hashtag: r.hashtag };
}

export function municipalityFromRow(r: MunicipalitiesTable): Municipality {
  return {
    id: r.id,
    regionId: r.region_id,
    name: r.name,
    kind: r.kind as Municipality['kind'],
    rural: Boolean(r.rural),
  };
}

export function municipalityToRow(m: Municipality): MunicipalitiesTable {
  return { id: m.id, region_id: m.regionId, name: m.name, kind: m.kind, rural: m.rural ? 1 : 0 };
}

export function organisationFromRow(r: OrganisationsTable): Organisation {
  return {
    id: r.id,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    name: r.name,
    prefix: r.prefix,
    signature: r.signature,
    timezone: r.timezone,
    answerReview: Boolean(r.answer_review),
  };
}

export function organisationToRow(o: Organisation): OrganisationsTable {
  return {
    id: o.id,
    region_id: o.regionId,
    municipality_id: o.municipalityId,
    name: o.name,
    prefix: o.prefix,
    signature: o.signature,
    timezone: o.timezone,
    answer_review: o.answerReview ? 1 : 0,
  };
}
