// The model the console ships: trained by the build from every labelled file in shared/classifier/data/, refused when the data or its held-out accuracy falls short.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../shared/domain.js';
import { trainClassifier, type ClassifierModel } from '../../shared/classifier/classifier.js';
import { splitDataset, type LabelledAppeal, type ParsedDataset } from '../../shared/classifier/dataset.js';
import { evaluateClassifier, type EvaluationReport } from '../../shared/classifier/evaluate.js';
import { readLabelled, serialiseModel, trainingNote } from './model-file.js';

/** A region's own export dropped here beside the bundled set is part of the next build. */
export const DATA_DIR = fileURLToPath(new URL('../../shared/classifier/data/', import.meta.url));
export const MODEL_PATH = fileURLToPath(new URL('../../shared/classifier/model.json', import.meta.url));

/** The bar for the shipped model, measured on the held-out split. */
export const TARGET_ACCURACY = 0.85;

/** The labelled files of a data folder, in an order that does not depend on the file system or locale. */
export function dataFiles(dir: string = DATA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

export type ShippedModelProblem =
  | { code: 'no_data' }
  | { code: 'bad_line'; file: string; line: number; error: ParsedDataset['errors'][number]['error'] }
  | { code: 'missing_category'; category: Category }
  | { code: 'below_target'; accuracy: number };

export interface ShippedModel {
  model: ClassifierModel;
  /** model.json's exact content. */
  text: string;
  heldOut: EvaluationReport;
}

export type ShippedModelResult = { ok: true; value: ShippedModel } | { ok: false; error: ShippedModelProblem[] };

/**
 * Trains on the training split only, so the held-out figure the build checks is the figure of the very
 * model that ships. Unlike `train`, a bad line is not skipped: the bundled data is ours and must be clean.
 */
export function trainShippedModel(files: readonly string[]): ShippedModelResult {
  if (files.length === 0) return { ok: false, error: [{ code: 'no_data' }] };
  const examples: LabelledAppeal[] = [];
  const badLines: ShippedModelProblem[] = [];
  for (const file of files) {
    const parsed = readLabelled(file);
    examples.push(...parsed.examples);
    for (const e of parsed.errors) badLines.push({ code: 'bad_line', file, line: e.line, error: e.error });
  }
  if (badLines.length > 0) return { ok: false, error: badLines };
  const { train, heldOut } = splitDataset(examples);
  const trained = new Set(train.map((e) => e.category));
  const missing = CATEGORIES.filter((c) => !trained.has(c)).map((category): ShippedModelProblem => ({ code: 'missing_category', category }));
  if (missing.length > 0) return { ok: false, error: missing };
  const model = trainClassifier(train, { note: trainingNote(files, false) });
  const report = evaluateClassifier(model, heldOut);
  if (!(report.accuracy >= TARGET_ACCURACY)) return { ok: false, error: [{ code: 'below_target', accuracy: report.accuracy }] };
  return { ok: true, value: { model, text: serialiseModel(model), heldOut: report } };
}

export function describeProblem(p: ShippedModelProblem): string {
  switch (p.code) {
    case 'no_data':
      return 'no labelled .jsonl file in the data folder';
    case 'bad_line':
      return `${p.file}:${p.line}: ${p.error}`;
    case 'missing_category':
      return `no training line of category ${p.category}: the model could never suggest it`;
    case 'below_target':
      return `held-out accuracy ${(p.accuracy * 100).toFixed(1)} % is below the ${TARGET_ACCURACY * 100} % target`;
  }
}

export type ModelWrite = 'unchanged' | 'created' | 'rewritten';

/**
 * Writes the model only when it differs, so an unchanged model keeps its file time (the console bundle is
 * rebuilt by its sources' age) and a clean checkout stays clean.
 */
export function writeModelIfChanged(out: string, text: string): ModelWrite {
  const existed = existsSync(out);
  if (existed && readFileSync(out, 'utf8') === text) return 'unchanged';
  writeFileSync(out, text);
  return existed ? 'rewritten' : 'created';
}
