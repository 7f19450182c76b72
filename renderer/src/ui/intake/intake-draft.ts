// The intake form's draft and what it becomes: appeal.create args, the duplicate-search candidate, the first-reaction deadline read to the caller.
import { kindForChannel, type AppealKind, type Category, type Channel, type MutationArgsInput, type Priority } from '../../../../shared/index.js';
import { computeDeadlines } from '../../../../shared/deadlines.js';
import type { DuplicateCandidate } from '../../../../shared/hotline/duplicates.js';
import { normalisePhone } from '../../../../shared/hotline/phone.js';
import type { HintPriority } from '../../../../shared/hotline/priority-hints.js';
import { composeAddress, findSettlement, type DirectorySettlement } from './address-directory.js';

/** Channels logged through this form: calls, personal reception, paper letters. */
export const INTAKE_CHANNELS = ['phone', 'personal', 'letter'] as const satisfies readonly Channel[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export interface IntakeDraft {
  channel: IntakeChannel;
  /** As typed; normalised to +7… when the field is left. */
  phone: string;
  name: string;
  /** The settlement field's text: a label picked from the directory or typed freely. */
  settlement: string;
  street: string;
  /** House, flat or a described place («у магазина»). */
  house: string;
  text: string;
  /** Null until the operator accepts a suggestion or picks one: the classifier only suggests. */
  category: Category | null;
  /** Null = follow the priority hint from the text. */
  priority: Priority | null;
  /** Null = from the channel (kindForChannel). */
  kind: AppealKind | null;
  consent: boolean;
  /** Earlier appeals the operator linked this one to as possible duplicates. */
  linked: LinkedAppeal[];
}

/** An earlier appeal linked as a possible duplicate, with the number the link names, as it was on screen. */
export interface LinkedAppeal {
  id: string;
  number: string;
}

export function emptyDraft(channel: IntakeChannel = 'phone'): IntakeDraft {
  return { channel, phone: '', name: '', settlement: '', street: '', house: '', text: '', category: null, priority: null, kind: null, consent: false, linked: [] };
}

/** Whether closing the form would lose something the operator typed or chose (the channel alone is not worth asking about). */
export function draftIsBlank(draft: IntakeDraft): boolean {
  const empty = emptyDraft(draft.channel);
  return (Object.keys(empty) as (keyof IntakeDraft)[]).every((field) => JSON.stringify(draft[field]) === JSON.stringify(empty[field]));
}

/** Links an offered duplicate, or unlinks it when it already is (a checkbox and Alt+D both toggle). */
export function toggleLinked(linked: readonly LinkedAppeal[], appeal: LinkedAppeal): LinkedAppeal[] {
  return linked.some((l) => l.id === appeal.id) ? linked.filter((l) => l.id !== appeal.id) : [...linked, { id: appeal.id, number: appeal.number }];
}

export const resolvedPriority = (draft: IntakeDraft, hint: HintPriority | null): Priority => draft.priority ?? hint ?? 'standard';
export const resolvedKind = (draft: IntakeDraft): AppealKind => draft.kind ?? kindForChannel(draft.channel);

/** What stops saving, or null. Only the text is required: a caller may refuse to give a name or a number. */
export function draftProblem(draft: IntakeDraft): 'text_required' | null {
  return draft.text.trim() === '' ? 'text_required' : null;
}

/** A phone that is typed but is not a Russian number: saved as typed, with a warning to check it. */
export function phoneLooksWrong(phone: string): boolean {
  return phone.trim() !== '' && normalisePhone(phone) === null;
}

export function draftAddress(draft: IntakeDraft): string {
  return composeAddress(draft.settlement, draft.street, draft.house);
}

export function draftSettlement(draft: IntakeDraft): DirectorySettlement | null {
  return findSettlement(draft.settlement);
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export interface CreateIdentity {
  id: string;
  number: string;
  /** ISO instant. */
  receivedAt: string;
}

export function createArgs(draft: IntakeDraft, hint: HintPriority | null, identity: CreateIdentity): MutationArgsInput<'appeal.create'> {
  return {
    ...identity,
    channel: draft.channel,
    citizen: { name: orNull(draft.name), phone: normalisePhone(draft.phone) ?? orNull(draft.phone), email: null, handle: null },
    originalText: draft.text.trim(),
    address: draftAddress(draft),
    municipalityId: draftSettlement(draft)?.municipalityId ?? null,
    category: draft.category,
    priority: resolvedPriority(draft, hint),
    kind: resolvedKind(draft),
    consent: draft.consent,
  };
}

export function duplicateCandidate(draft: IntakeDraft, category: Category | null, receivedAt: string): DuplicateCandidate {
  const settlement = draftSettlement(draft);
  return {
    text: draft.text,
    address: draftAddress(draft),
    municipalityId: settlement?.municipalityId ?? null,
    settlement: settlement?.name ?? null,
    category,
    receivedAt,
  };
}

/** The first-reaction deadline the operator reads to the caller, in the organisation's zone (the server recomputes its own). */
export function firstReactionDue(args: MutationArgsInput<'appeal.create'>, timezone: string): string {
  return computeDeadlines({
    receivedAt: args.receivedAt,
    priority: args.priority ?? 'standard',
    kind: args.kind ?? kindForChannel(args.channel),
    category: args.category ?? null,
    timezone,
  }).firstReactionDueAt;
}
