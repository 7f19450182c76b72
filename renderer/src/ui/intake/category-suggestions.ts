// The category suggestions the intake shows while the operator types: the classifier's top three, or none while the text says too little.
import type { Category } from '../../../../shared/index.js';
import { suggestCategory, type ClassifierModel, type CategoryScore } from '../../../../shared/classifier/classifier.js';
import { contentStems } from '../../../../shared/classifier/text.js';

/** Below two content words (a greeting, a name) the classifier guesses from letter shapes: no suggestion. */
export const MIN_CONTENT_WORDS = 2;
export function categorySuggestions(text: string, model: ClassifierModel, count = 3): CategoryScore[] {
  if (contentStems(text).length < MIN_CONTENT_WORDS) return [];
  return suggestCategory(text, model).slice(0, count);
}

/** Prepares the model's tables ahead of the first keystroke (the first suggestion would otherwise pay for it). */
export function warmClassifier(model: ClassifierModel): void {
  suggestCategory('прогрев', model);
}

/** Which suggestion Alt+1…Alt+3 picks: the digit of the physical key (Digit1 or Numpad1), or null. */
export function suggestionIndexForKey(code: string): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return m ? Number(m[1]) - 1 : null;
}

export type { Category };
