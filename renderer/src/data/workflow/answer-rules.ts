// What the composer checks before an answer may go out, and how it will read once published: pure functions over shared rules.
import { checkAnswerProof, type Attachment } from '../../../../shared/attachments.js';
import { findPlaceholders, renderTemplate, type TemplateContext } from '../../../../shared/templates.js';
import type { Category } from '../../../../shared/domain.js';
import type { AnswerTemplate } from '../../../../shared/workflow.js';

export type ProofKind = 'before' | 'after';
type ProofRow = Pick<Attachment, 'kind' | 'uploadedAt'>;

/**
 * Which uploaded photos the answer still lacks, by the shared proof rule: a kind is missing when adding an
 * uploaded photo of the other kind alone would not satisfy checkAnswerProof.
 */
export function missingProof(rows: readonly ProofRow[]): ProofKind[] {
  if (checkAnswerProof(rows) === null) return [];
  const uploaded = '1970-01-01T00:00:00.000Z';
  return (['before', 'after'] as const).filter((kind) => {
    const other: ProofKind = kind === 'before' ? 'after' : 'before';
    return checkAnswerProof([...rows, { kind: other, uploadedAt: uploaded }]) !== null;
  });
}

/** Templates an appeal may use: its organisation's or the region's, for its category or for any. */
export function templatesFor(templates: readonly AnswerTemplate[], organisationId: string, category: Category | null): AnswerTemplate[] {
  return templates
    .filter((t) => (t.organisationId === null || t.organisationId === organisationId) && (t.category === null || t.category === category))
    .sort((a, b) => a.title.localeCompare(b.title, 'ru'));
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * A template filled for the composer: every placeholder that renders is replaced; the ones that do not
 * (unknown, or no value for this appeal) stay visibly as {{name}} and are listed, so nothing turns into a
 * silent blank and the operator sees where to write.
 */
export function fillTemplate(body: string, context: TemplateContext): { text: string; problems: string[] } {
  const whole = renderTemplate(body, context);
  if (whole.ok) return { text: whole.value, problems: [] };
  const text = body.replace(PLACEHOLDER, (match) => {
    const one = renderTemplate(match, context);
    return one.ok ? one.value : match;
  });
  return { text, problems: whole.problems.map((p) => (p.problem === 'unclosed' ? p.placeholder : `{{${p.placeholder}}}`)) };
}

/** Placeholders still in the text: an answer must not go out with any. */
export function leftoverPlaceholders(text: string): string[] {
  return [...new Set(findPlaceholders(text).map((p) => `{{${p}}}`))];
}

/** The answer as citizens will read it: the text, then the organisation's signature label and the region's hashtag. */
export function publishedPreview(text: string, signature: string, hashtag: string): string {
  const tail = [signature.trim(), hashtag.trim()].filter(Boolean).join('\n');
  return tail === '' ? text.trim() : `${text.trim()}\n\n${tail}`;
}
