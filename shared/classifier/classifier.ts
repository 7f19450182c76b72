// Category suggestion: multinomial Naive Bayes over stemmed unigrams and bigrams, trained from labelled appeals.
import { CATEGORIES, type Category } from '../domain.js';
import type { LabelledAppeal } from './dataset.js';
import { contentStems } from './text.js';

export const MODEL_FORMAT = 1;

/**
 * The trained model as stored in model.json. Raw counts rather than log-probabilities, so a model is
 * readable, diffable and can be merged with a region's own data later.
 */
export interface ClassifierModel {
  format: typeof MODEL_FORMAT;
  categories: Category[];
  /** Additive smoothing. */
  alpha: number;
  /** Training documents per category (the prior). */
  documents: number[];
  /** Sum of feature counts per category. */
  featureTotals: number[];
  /** feature → flat [categoryIndex, count, categoryIndex, count, …]; sparse because most features belong to one category. */
  features: Record<string, number[]>;
  /** Where it came from, for the evaluate report and for humans. */
  trainedOn: { examples: number; note: string };
}

export interface CategoryScore {
  category: Category;
  /** Posterior probability, 0…1; the list sums to 1. */
  score: number;
}

/**
 * Stemmed unigrams, adjacent bigrams and character 4-grams of each stem. Bigrams catch phrases
 * whose words alone mislead ("не вывоз", "детск площадк"); the 4-grams let a misspelt word
 * ("отоплние") still share most of its pieces with the right one, which stemming alone cannot.
 * Each counted once per text: a repeated word in a short appeal is emphasis, not extra evidence.
 */
export function extractFeatures(text: string): string[] {
  const stems = contentStems(text);
  const out = new Set<string>(stems);
  for (let i = 1; i < stems.length; i++) out.add(`${stems[i - 1]} ${stems[i]}`);
  for (const s of stems) {
    const padded = `<${s}>`;
    for (let i = 0; i + 4 <= padded.length; i++) out.add(`#${padded.slice(i, i + 4)}`);
  }
  return [...out];
}

export interface TrainOptions {
  alpha?: number;
  /** Bigrams seen fewer times than this are dropped: they are mostly noise and bloat the model. */
  minBigramCount?: number;
  note?: string;
}

export function trainClassifier(examples: readonly LabelledAppeal[], options: TrainOptions = {}): ClassifierModel {
  const categories = [...CATEGORIES];
  const index = new Map(categories.map((c, i) => [c, i]));
  const documents = categories.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const example of examples) {
    const ci = index.get(example.category);
    if (ci === undefined) throw new Error(`unknown category ${example.category}`);
    documents[ci]++;
    for (const f of extractFeatures(example.text)) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = categories.map(() => 0)));
      row[ci]++;
    }
  }
  const minBigram = options.minBigramCount ?? 2;
  // Bigrams only: 4-grams carry the typo robustness and are cheap.
  const features: Record<string, number[]> = {};
  const featureTotals = categories.map(() => 0);
  for (const f of [...counts.keys()].sort()) {
    const row = counts.get(f)!;
    if (f.includes(' ') && row.reduce((a, b) => a + b, 0) < minBigram) continue;
    const sparse: number[] = [];
    row.forEach((n, ci) => {
      if (n > 0) {
        sparse.push(ci, n);
        featureTotals[ci] += n;
      }
    });
    features[f] = sparse;
  }
  return {
    format: MODEL_FORMAT,
    categories,
    alpha: options.alpha ?? 0.1,
    documents,
    featureTotals,
    features,
    trainedOn: { examples: examples.length, note: options.note ?? '' },
  };
}

/** The model unpacked for scoring; built once per model object. */
interface Prepared {
  logPrior: number[];
  /** log P(feature | category) for a feature never seen with the category. */
  logUnseen: number[];
  logLikelihood: Map<string, number[]>;
}

const prepared = new WeakMap<ClassifierModel, Prepared>();

function prepare(model: ClassifierModel): Prepared {
  const cached = prepared.get(model);
  if (cached) return cached;
  const k = model.categories.length;
  const vocabulary = Object.keys(model.features).length;
  const totalDocs = model.documents.reduce((a, b) => a + b, 0);
  const logPrior = model.documents.map((n) => Math.log((n + 1) / (totalDocs + k)));
  const denominators = model.featureTotals.map((t) => Math.log(t + model.alpha * vocabulary));
  const logUnseen = denominators.map((d) => Math.log(model.alpha) - d);
  const logLikelihood = new Map<string, number[]>();
  for (const [f, sparse] of Object.entries(model.features)) {
    const row = [...logUnseen];
    for (let i = 0; i < sparse.length; i += 2) row[sparse[i]] = Math.log(sparse[i + 1] + model.alpha) - denominators[sparse[i]];
    logLikelihood.set(f, row);
  }
  const p = { logPrior, logUnseen, logLikelihood };
  prepared.set(model, p);
  return p;
}

/**
 * Categories ranked by how well they fit `text`, best first. Features the model never saw are
 * ignored; a text with no known words gets the prior (every category equal), which the UI should
 * read as "no suggestion".
 */
export function suggestCategory(text: string, model: ClassifierModel): CategoryScore[] {
  const p = prepare(model);
  const logScores = [...p.logPrior];
  for (const f of extractFeatures(text)) {
    const row = p.logLikelihood.get(f);
    if (!row) continue;
    for (let c = 0; c < row.length; c++) logScores[c] += row[c];
  }
  const max = Math.max(...logScores);
  const exp = logScores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return model.categories
    .map((category, i) => ({ category, score: exp[i] / sum }))
    .sort((a, b) => b.score - a.score || model.categories.indexOf(a.category) - model.categories.indexOf(b.category));
}
