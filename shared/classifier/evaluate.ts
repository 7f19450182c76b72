// Classifier quality on a labelled set: accuracy, per-category precision / recall, confusion matrix, as data and as a text table.
import type { Category } from '../domain.js';
import { suggestCategory, type ClassifierModel } from './classifier.js';
import type { LabelledAppeal } from './dataset.js';

export interface CategoryQuality {
  category: Category;
  /** Lines labelled with this category. */
  support: number;
  /** Null when the model never predicted the category (precision undefined). */
  precision: number | null;
  /** Null when the file has no line of the category. */
  recall: number | null;
}

export interface EvaluationReport {
  total: number;
  correct: number;
  accuracy: number;
  categories: Category[];
  perCategory: CategoryQuality[];
  /** confusion[actual][predicted], indexes into `categories`. */
  confusion: number[][];
}

export function evaluateClassifier(model: ClassifierModel, examples: readonly LabelledAppeal[]): EvaluationReport {
  const categories = model.categories;
  const index = new Map(categories.map((c, i) => [c, i]));
  const confusion = categories.map(() => categories.map(() => 0));
  let correct = 0;
  for (const e of examples) {
    const predicted = suggestCategory(e.text, model)[0].category;
    if (predicted === e.category) correct++;
    confusion[index.get(e.category)!][index.get(predicted)!]++;
  }
  const perCategory = categories.map((category, i): CategoryQuality => {
    const support = confusion[i].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i], 0);
    return {
      category,
      support,
      precision: predicted === 0 ? null : confusion[i][i] / predicted,
      recall: support === 0 ? null : confusion[i][i] / support,
    };
  });
  return { total: examples.length, correct, accuracy: examples.length ? correct / examples.length : 0, categories, perCategory, confusion };
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Plain-text report for a terminal: the figures an admin needs to decide whether to trust a retrained model. */
export function formatReport(report: EvaluationReport): string {
  const quality = table([
    ['category', 'support', 'precision', 'recall'],
    ...report.perCategory.map((q) => [q.category, String(q.support), pct(q.precision), pct(q.recall)]),
  ]);
  const short = report.categories.map((c) => c.slice(0, 6));
  const confusion = table([
    ['actual \\ predicted', ...short],
    ...report.categories.map((c, i) => [c, ...report.confusion[i].map(String)]),
  ]);
  return [
    `accuracy: ${pct(report.accuracy)} (${report.correct} of ${report.total})`,
    '',
    quality,
    '',
    'confusion matrix (rows: actual, columns: predicted)',
    confusion,
  ].join('\n');
}
