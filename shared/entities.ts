// Rows that client and server agree on: appeals, comments, history events, reference data.
import { z } from 'zod';
import { AppealKind, Category, Channel, DeclineReason, Priority, Role, Status } from './domain.js';

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id: letters, digits, _ and - only');
export type Id = z.infer<typeof Id>;

/** ISO-8601 instant, always UTC with a Z, e.g. 2026-11-23T17:30:00.000Z. */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

export const ShortText = z.string().max(500);
export const LongText = z.string().max(20_000);

export const ExternalRef = z.object({
  id: z.string().max(200).nullable(),
  url: z.url().max(2000).nullable(),
});
export type ExternalRef = z.infer<typeof ExternalRef>;

export const Citizen = z.object({
  name: ShortText.nullable(),
  /** Normalised +7XXXXXXXXXX where known. */
  phone: z.string().max(32).nullable(),
  email: z.string().max(320).nullable(),
  /** Social-network handle or profile link. */
  handle: z.string().max(200).nullable(),
});
export type Citizen = z.infer<typeof Citizen>;

export const Appeal = z.object({
  id: Id,
  /** Human-readable number given to the citizen, unique across consoles (e.g. "ЗРЧ-7F3A-0042"). */
  number: z.string().min(1).max(40),
  channel: Channel,
  externalRef: ExternalRef.nullable(),
  citizen: Citizen,
  /** The text as the citizen wrote or said it; never edited. */
  originalText: LongText,
  /** Operator's short subject line. */
  subject: ShortText,
  /** Operator's working summary; editable with a version check. */
  summary: LongText,
  address: ShortText,
  regionId: Id,
  municipalityId: Id.nullable(),
  category: Category.nullable(),
  priority: Priority,
  kind: AppealKind,
  status: Status,
  /** Executor organisation: decides whose consoles see the appeal. */
  organisationId: Id,
  assigneeId: Id.nullable(),
  declineReason: DeclineReason.nullable(),
  duplicateOfId: Id.nullable(),
  consent: z.boolean(),
  receivedAt: Instant,
  firstReactionDueAt: Instant.nullable(),
  resolutionDueAt: Instant.nullable(),
  firstReactionAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  /** Bumped by the server on every applied change; the precondition for text edits. */
  version: z.number().int().nonnegative(),
  /**
   * Years the deadlines were counted through without production-calendar data (Monday–Friday assumed):
   * the console says so beside the deadline. Absent or empty when every year had data.
   */
  calendarFallbackYears: z.array(z.number().int()).optional(),
  /** When the formal term was extended by 30 days (once, appeal.extend); absent or null when it was not. */
  extendedAt: Instant.nullable().optional(),
  /** Why it was extended (the citizen is told it). */
  extensionReason: ShortText.nullable().optional(),
  /** Appeals merged into this one as its duplicates (each has duplicateOfId pointing here). */
  duplicateIds: z.array(Id).optional(),
});
export type Appeal = z.infer<typeof Appeal>;

export const Comment = z.object({
  id: Id,
  appealId: Id,
  authorId: Id,
  authorName: ShortText,
  text: LongText,
  createdAt: Instant,
});
export type Comment = z.infer<typeof Comment>;

/** One append-only line of an appeal's history: who, when, from which device, what changed, why. */
export const AppealEvent = z.object({
  id: Id,
  appealId: Id,
  /** The mutation name that caused it, e.g. "appeal.triage". */
  action: z.string().max(64),
  actorId: Id.nullable(),
  actorName: ShortText,
  deviceId: z.string().max(64).nullable(),
  /** Field → [before, after]. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  reason: ShortText.nullable(),
  at: Instant,
});
export type AppealEvent = z.infer<typeof AppealEvent>;

export const Region = z.object({ id: Id, name: ShortText, timezone: z.string().max(64), hashtag: ShortText });
export type Region = z.infer<typeof Region>;

export const Municipality = z.object({
  id: Id,
  regionId: Id,
  name: ShortText,
  kind: z.enum(['urban_okrug', 'municipal_okrug', 'municipal_district']),
  rural: z.boolean(),
});
export type Municipality = z.infer<typeof Municipality>;

export const Organisation = z.object({
  id: Id,
  regionId: Id,
  municipalityId: Id.nullable(),
  name: ShortText,
  /** Short prefix for appeal numbers, e.g. "ЗРЧ". */
  prefix: z.string().min(1).max(8),
  /** Signature label added to answers, e.g. «Ответ администрации». */
  signature: ShortText,
  timezone: z.string().max(64),
  answerReview: z.boolean(),
});
export type Organisation = z.infer<typeof Organisation>;

export const User = z.object({
  id: Id,
  login: z.string().min(1).max(64),
  displayName: ShortText,
  role: Role,
  organisationId: Id,
  regionId: Id,
  disabled: z.boolean(),
  /** On duty for automatic assignment (operators); absent from servers before the workflow, meaning false. */
  onDuty: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/** What a console needs besides appeals: who and what it can route to. */
export const Reference = z.object({
  region: Region,
  municipalities: z.array(Municipality),
  organisations: z.array(Organisation),
  /** Users visible to the caller (own organisation; region for supervisors). */
  users: z.array(User),
});
export type Reference = z.infer<typeof Reference>;
