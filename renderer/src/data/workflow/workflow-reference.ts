// Workflow reference data (templates, routing rules, category and region settings) as the console reads it from the reference response.
import { WorkflowReference } from '../../../../shared/workflow.js';

/**
 * The server sends the workflow reference inside GET /api/reference. Read leniently: under `workflow`, or
 * as top-level fields; null when the server predates it (the console then works without templates).
 */
export function workflowOf(reference: unknown): WorkflowReference | null {
  if (reference === null || typeof reference !== 'object') return null;
  const nested = (reference as { workflow?: unknown }).workflow;
  const parsed = WorkflowReference.safeParse(nested ?? reference);
  return parsed.success ? parsed.data : null;
}
