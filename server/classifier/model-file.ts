// The classifier's files on disk: model.json written diffable and read back through a schema, labelled JSONL read with its bad lines reported.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { Category } from '../../shared/domain.js';
import { MODEL_FORMAT, type ClassifierModel } from '../../shared/classifier/classifier.js';
import { parseJsonl, type ParsedDataset } from '../../shared/classifier/dataset.js';

const Count = z.number().int().nonnegative();

/** model.json as a file: any model given with --model is checked before it is trusted. */
const ModelFile = z
  .object({
    format: z.literal(MODEL_FORMAT),
    categories: z.array(Category).min(1),
    alpha: z.number().positive(),
    documents: z.array(Count),
    featureTotals: z.array(Count),
    features: z.record(z.string(), z.array(Count)),
    trainedOn: z.object({ examples: Count, note: z.string() }),
  })
  .refine((m) => m.documents.length === m.categories.length && m.featureTotals.length === m.categories.length, 'one count per category');

/** One feature per line: a retrained model's diff shows which words moved. */
export function serialiseModel(model: ClassifierModel): string {
  const { features, ...head } = model;
  const lines = Object.entries(features).map(([f, counts]) => `    ${JSON.stringify(f)}: ${JSON.stringify(counts)}`);
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headJson},\n  "features": {\n${lines.join(',\n')}\n  }\n}\n`;
}

export function readModel(file: string): ClassifierModel {
  const parsed = ModelFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a classifier model: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function readLabelled(file: string): ParsedDataset {
  return parseJsonl(readFileSync(file, 'utf8'));
}

/** «file: skipped 2 line(s): 3 bad_json, 7 unknown_category» — what a tolerant command prints for a dirty export. */
export function describeSkipped(file: string, errors: ParsedDataset['errors']): string {
  const shown = errors.slice(0, 5).map((e) => `${e.line} ${e.error}`).join(', ');
  return `${file}: skipped ${errors.length} line(s): ${shown}${errors.length > 5 ? ', …' : ''}`;
}

/** The model's own note of what it learnt from, e.g. «training split of appeals-ru.jsonl». */
export function trainingNote(files: readonly string[], allLines: boolean): string {
  return `${allLines ? 'all lines' : 'training split'} of ${files.map((f) => basename(f)).join(', ')}`;
}
