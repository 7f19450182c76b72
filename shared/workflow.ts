// Workflow contract: answers, templates, routing rules, SLA settings, supervisor alerts, and their mutations.
import { z } from 'zod';
import { Category } from './domain.js';
import { Id, Instant, LongText, Municipality, Organisation, ShortText } from './entities.js';

export const ANSWER_STATUSES = ['draft', 'review', 'sent'] as const;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

/** The reply to the citizen. One current answer per appeal; every sent one stays in the history. */
export const Answer = z.object({
  id: Id,
  appealId: Id,
  /** The text as the operator wrote it (no signature, no hashtag). */
  text: LongText,
  /** The text as published: with the organisation's signature label and the region's hashtag; set when sent. */
  publishedText: LongText.nullable(),
  /** The answer reports finished work: then it needs a before and an after photo (checkAnswerProof). */
  reportsWork: z.boolean(),
  status: AnswerStatus,
  /** Bumped on every save; the precondition for the next save (no silent overwrite). */
  version: z.number().int().nonnegative(),
  templateId: Id.nullable(),
  authorId: Id,
  authorName: ShortText,
  approvedById: Id.nullable(),
  sentAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Answer = z.infer<typeof Answer>;

/** An answer template (шаблон ответа); placeholders like {{citizen_name}} — see shared/templates.ts. */
export const AnswerTemplate = z.object({
  id: Id,
  regionId: Id,
  /** null = every organisation of the region. */
  organisationId: Id.nullable(),
  /** null = every category. */
  category: Category.nullable(),
  title: ShortText.min(1),
  body: LongText.min(1),
  reportsWork: z.boolean(),
  updatedAt: Instant,
});
export type AnswerTemplate = z.infer<typeof AnswerTemplate>;

/** category × municipality → executor organisation; municipalityId null = any municipality. */
export const RoutingRule = z.object({
  id: Id,
  regionId: Id,
  category: Category,
  municipalityId: Id.nullable(),
  organisationId: Id,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/** Per-category settings: fast-track resolution in working days (2–8, domain.md). */
export const CategorySetting = z.object({
  regionId: Id,
  category: Category,
  fastTrackDays: z.number().int().min(2).max(8),
});
export type CategorySetting = z.infer<typeof CategorySetting>;

/** Region-wide SLA and presentation settings. */
export const RegionSettings = z.object({
  regionId: Id,
  /** ISO 3166-2 code for regional holidays in the production calendar (e.g. RU-TA); null = federal only. */
  calendarRegionCode: z.string().max(16).nullable(),
  incidentResolutionWorkingDays: z.number().int().min(1).max(60),
  hashtag: ShortText,
});
export type RegionSettings = z.infer<typeof RegionSettings>;

/** A supervisor alert: an appeal passed (or nears) its target. Delivered through the change log. */
export const Alert = z.object({
  id: Id,
  kind: z.enum(['overdue']),
  appealId: Id,
  appealNumber: z.string().max(40),
  organisationId: Id,
  regionId: Id,
  deadline: z.enum(['first_reaction', 'resolution']),
  dueAt: Instant,
  at: Instant,
});
export type Alert = z.infer<typeof Alert>;

/** Workflow reference data a console holds besides organisations and users. */
export const WorkflowReference = z.object({
  templates: z.array(AnswerTemplate),
  routingRules: z.array(RoutingRule),
  categorySettings: z.array(CategorySetting),
  regionSettings: RegionSettings,
});
export type WorkflowReference = z.infer<typeof WorkflowReference>;

// ---- mutations ----

export const AnswerSaveArgs = z.object({
  appealId: Id,
  answerId: Id,
  text: LongText,
  reportsWork: z.boolean(),
  templateId: Id.nullable().default(null),
  /** The answer version the author saw; 0 for a new answer. */
  expectedVersion: z.number().int().nonnegative(),
});

/** Extends a formal appeal's resolution deadline by 30 days, once, with a reason (notice to the citizen). */
export const AppealExtendArgs = z.object({ appealId: Id, reason: ShortText.min(1) });

/** Opening an appeal's personal data: logged (152-ФЗ), not a change of the appeal. */
export const AuditViewArgs = z.object({ appealId: Id, at: Instant });

export const AdminRoutingSaveArgs = z.object({ rule: RoutingRule });
export const AdminRoutingDeleteArgs = z.object({ ruleId: Id });
export const AdminTemplateSaveArgs = z.object({ template: AnswerTemplate.omit({ updatedAt: true }) });
export const AdminTemplateDeleteArgs = z.object({ templateId: Id });
export const AdminCategorySaveArgs = z.object({ setting: CategorySetting });
export const AdminRegionSaveArgs = z.object({ settings: RegionSettings });
export const AdminOrganisationSaveArgs = z.object({ organisation: Organisation });
export const AdminMunicipalitySaveArgs = z.object({ municipality: Municipality });
export const AdminUserSaveArgs = z.object({
  user: z.object({
    id: Id,
    login: z.string().min(1).max(64),
    displayName: ShortText.min(1),
    role: z.enum(['operator', 'hotline', 'field', 'supervisor', 'admin']),
    organisationId: Id,
    disabled: z.boolean(),
    onDuty: z.boolean(),
  }),
  /** Set or reset the password; null keeps the current one (required for a new user). */
  password: z.string().min(4).max(256).nullable(),
});
/** A user marks themselves (or a supervisor marks them) on or off duty for automatic assignment. */
export const UserSetOnDutyArgs = z.object({ userId: Id, onDuty: z.boolean() });

export const WORKFLOW_MUTATION_ARGS = {
  'answer.save': AnswerSaveArgs,
  'appeal.extend': AppealExtendArgs,
  'audit.view': AuditViewArgs,
  'admin.routing.save': AdminRoutingSaveArgs,
  'admin.routing.delete': AdminRoutingDeleteArgs,
  'admin.template.save': AdminTemplateSaveArgs,
  'admin.template.delete': AdminTemplateDeleteArgs,
  'admin.category.save': AdminCategorySaveArgs,
  'admin.region.save': AdminRegionSaveArgs,
  'admin.organisation.save': AdminOrganisationSaveArgs,
  'admin.municipality.save': AdminMunicipalitySaveArgs,
  'admin.user.save': AdminUserSaveArgs,
  'user.set-on-duty': UserSetOnDutyArgs,
} as const;
