// Answer templates: {{placeholder}} rendering with the appeal's data, where an unknown or empty placeholder is an error, never a blank.
import type { Appeal, Organisation } from './entities.js';

export const TEMPLATE_PLACEHOLDERS = [
  'citizen_name',
  'address',
  'appeal_number',
  'received_date',
  'due_date',
  'organisation',
  'today',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** Values by placeholder; null or blank means "not known for this appeal" (reported, not left blank). */
export type TemplateContext = Partial<Record<TemplatePlaceholder, string | null>>;

export interface PlaceholderProblem {
  /** As written between the braces, trimmed (or the unclosed fragment). */
  placeholder: string;
  problem: 'unknown' | 'missing' | 'unclosed';
}

export type RenderResult =
  | { ok: true; value: string }
  | { ok: false; error: { code: 'VALIDATION_FAILED'; message: string }; problems: PlaceholderProblem[] };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isKnown(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every {{…}} left in a text, known or not: an answer must not go out with any. */
export function findPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

function describe(problems: PlaceholderProblem[]): string {
  const unknown = problems.filter((p) => p.problem === 'unknown').map((p) => `{{${p.placeholder}}}`);
  const missing = problems.filter((p) => p.problem === 'missing').map((p) => `{{${p.placeholder}}}`);
  const unclosed = problems.filter((p) => p.problem === 'unclosed').map((p) => p.placeholder);
  return [
    unknown.length > 0 && `неизвестная подстановка ${unknown.join(', ')}`,
    missing.length > 0 && `нет данных для ${missing.join(', ')}`,
    unclosed.length > 0 && `незакрытая подстановка ${unclosed.join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Fills every {{placeholder}} of a template body. All problems are collected, so the admin or the
 * operator fixes them in one go: an unknown name (a typo like {{citizen}}), a known one this appeal has
 * no value for (no citizen name on an anonymous post), or "{{" never closed.
 */
export function renderTemplate(body: string, context: TemplateContext): RenderResult {
  const problems: PlaceholderProblem[] = [];
  const seen = new Set<string>();
  const report = (problem: PlaceholderProblem) => {
    const key = `${problem.problem}:${problem.placeholder}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  };
  const value = body.replace(PLACEHOLDER, (_match, raw: string) => {
    const name = raw.trim();
    if (!isKnown(name)) {
      report({ placeholder: name, problem: 'unknown' });
      return '';
    }
    const filled = context[name];
    if (filled === undefined || filled === null || filled.trim() === '') {
      report({ placeholder: name, problem: 'missing' });
      return '';
    }
    return filled;
  });
  const unclosed = value.indexOf('{{');
  if (unclosed >= 0) report({ placeholder: value.slice(unclosed, unclosed + 20), problem: 'unclosed' });
  if (problems.length > 0) return { ok: false, error: { code: 'VALIDATION_FAILED', message: describe(problems) }, problems };
  return { ok: true, value };
}

/** A date as Russian answers write it (23.11.2026), on the organisation's wall clock. */
export function russianDate(instant: string | Date, timezone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: timezone }).format(date);
}

/** The values of an appeal for its templates; dates in the organisation's time zone. */
export function templateContext(
  appeal: Pick<Appeal, 'citizen' | 'address' | 'number' | 'receivedAt' | 'resolutionDueAt'>,
  organisation: Pick<Organisation, 'name' | 'timezone'>,
  now: string | Date,
): TemplateContext {
  return {
    citizen_name: appeal.citizen.name,
    address: appeal.address,
    appeal_number: appeal.number,
    received_date: russianDate(appeal.receivedAt, organisation.timezone),
    due_date: appeal.resolutionDueAt === null ? null : russianDate(appeal.resolutionDueAt, organisation.timezone),
    organisation: organisation.name,
    today: russianDate(now, organisation.timezone),
  };
}

/**
 * The answer as citizens see it: the operator's text, then the organisation's signature label and the
 * region's campaign hashtag (domain.md, "What an answer must have"), each on its own line so that the
 * official answer stands out in a long comment thread. An empty label or hashtag is left out.
 */
export function composePublishedText(text: string, signature: string, hashtag: string): string {
  const footer = [signature.trim(), hashtag.trim()].filter((part) => part !== '').join('\n');
  return footer === '' ? text.trim() : `${text.trim()}\n\n${footer}`;
}
