// Domain vocabulary of Otklik: channels, categories, priority classes, statuses, roles (see domain.md).
import { z } from 'zod';

export const CHANNELS = ['vk', 'ok', 'telegram', 'max', 'phone', 'email', 'web_form', 'personal', 'letter'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Channels that identify the citizen: appeals through them are formal under 59-ФЗ since 30.03.2025. */
export const FORMAL_CHANNELS: readonly Channel[] = ['email', 'web_form', 'personal', 'letter'];
export const SOCIAL_CHANNELS: readonly Channel[] = ['vk', 'ok', 'telegram', 'max'];

export const APPEAL_KINDS = ['formal', 'incident'] as const;
export const AppealKind = z.enum(APPEAL_KINDS);
export type AppealKind = z.infer<typeof AppealKind>;

export function kindForChannel(channel: Channel): AppealKind {
  return FORMAL_CHANNELS.includes(channel) ? 'formal' : 'incident';
}

export const CATEGORIES = [
  'housing', 'roads', 'improvement', 'waste', 'health', 'education', 'social', 'ecology', 'safety', 'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ['emergency', 'fast_track', 'standard'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const STATUSES = [
  'new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'answered', 'closed',
  'declined', 'redirected', 'reopened',
] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/**
 * Statuses in which an appeal still waits for work; the rest are done. `redirected` is open: the appeal
 * now sits in the receiving organisation's queue until it picks it up.
 */
export const OPEN_STATUSES: readonly Status[] = [
  'new', 'triaged', 'assigned', 'in_progress', 'answer_draft', 'answer_review', 'reopened', 'redirected',
];

export const DECLINE_REASONS = ['rude', 'spam', 'not_our_competence', 'duplicate'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const ROLES = ['operator', 'hotline', 'field', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles whose scope is the whole region rather than one organisation. */
export const REGION_ROLES: readonly Role[] = ['supervisor', 'admin'];
