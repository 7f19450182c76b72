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

// Rows come from our own writes, so their JSON is trusted rather than re-parsed with zod on every read.
export function appealFromRow(r: Pick<AppealsTable, 'doc'>): Appeal {
  return JSON.parse(r.doc) as Appeal;
}

/** Appends one event to a history column without parsing the events already there. */
export function appendHistory(history: string, event: AppealEvent): string {
  const json = JSON.stringify(event);
  return history === '[]' ? `[${json}]` : `${history.slice(0, -1)},${json}]`;
}

/** Columns of an appeal row; history is written separately (appendHistory). */
export function appealToRow(a: Appeal): Omit<AppealsTable, 'history'> {
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
    doc: JSON.stringify(a),
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
    onDuty: Boolean(r.on_duty),
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
