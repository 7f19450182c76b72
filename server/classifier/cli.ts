// `npm run classifier -- evaluate FILE.jsonl` and `npm run classifier -- train [--from FILE.jsonl] [--out FILE]`: the category classifier's command line.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainClassifier, type ClassifierModel } from '../../shared/classifier/classifier.js';
import { parseJsonl, splitDataset, type LabelledAppeal } from '../../shared/classifier/dataset.js';
import { evaluateClassifier, formatReport } from '../../shared/classifier/evaluate.js';

const DEFAULT_DATASET = fileURLToPath(new URL('../../shared/classifier/data/appeals-ru.jsonl', import.meta.url));
const DEFAULT_MODEL = fileURLToPath(new URL('../../shared/classifier/model.json', import.meta.url));

const USAGE = `usage:
  npm run classifier -- evaluate FILE.jsonl [--model model.json] [--held-out]
      accuracy, per-category precision / recall and the confusion matrix of the model on FILE;
      --held-out keeps only the lines of FILE the deterministic split holds out from training
  npm run classifier -- train [--from FILE.jsonl ...] [--out model.json] [--all]
      trains on the training split of the files (default: the bundled data set) and reports the
      held-out split; --all trains on every line (nothing left to evaluate on)`;

function readExamples(file: string): LabelledAppeal[] {
  const { examples, errors } = parseJsonl(readFileSync(file, 'utf8'));
  if (errors.length > 0) {
    console.error(`${file}: skipped ${errors.length} line(s): ${errors.slice(0, 5).map((e) => `${e.line} ${e.error}`).join(', ')}${errors.length > 5 ? ', …' : ''}`);
  }
  return examples;
}

/** One feature per line: the committed model stays diffable. */
function serialiseModel(model: ClassifierModel): string {
  const { features, ...head } = model;
  const lines = Object.entries(features).map(([f, counts]) => `    ${JSON.stringify(f)}: ${JSON.stringify(counts)}`);
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headJson},\n  "features": {\n${lines.join(',\n')}\n  }\n}\n`;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'evaluate') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { model: { type: 'string' }, 'held-out': { type: 'boolean' } } });
    if (positionals.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    const model = JSON.parse(readFileSync(values.model ?? DEFAULT_MODEL, 'utf8')) as ClassifierModel;
    let examples = readExamples(positionals[0]);
    if (values['held-out']) examples = splitDataset(examples).heldOut;
    if (examples.length === 0) {
      console.error('no labelled lines to evaluate');
      return 1;
    }
    console.log(`${positionals[0]}${values['held-out'] ? ' (held-out split)' : ''}, model ${values.model ?? DEFAULT_MODEL} (trained on ${model.trainedOn.examples} lines)`);
    console.log(formatReport(evaluateClassifier(model, examples)));
    return 0;
  }
  if (command === 'train') {
    const { values } = parseArgs({ args: rest, options: { from: { type: 'string', multiple: true }, out: { type: 'string' }, all: { type: 'boolean' } } });
    const files = values.from ?? [DEFAULT_DATASET];
    const examples = files.flatMap(readExamples);
    const { train, heldOut } = values.all ? { train: examples, heldOut: [] } : splitDataset(examples);
    if (train.length === 0) {
      console.error('no labelled lines to train on');
      return 1;
    }
    const note = `${values.all ? 'all lines' : 'training split'} of ${files.map((f) => f.split(/[\\/]/).pop()).join(', ')}`;
    const model = trainClassifier(train, { note });
    const out = values.out ?? DEFAULT_MODEL;
    writeFileSync(out, serialiseModel(model));
    console.log(`trained on ${train.length} lines (${note}), ${Object.keys(model.features).length} features → ${out}`);
    if (heldOut.length > 0) {
      console.log(`\nheld-out split, ${heldOut.length} lines:`);
      console.log(formatReport(evaluateClassifier(model, heldOut)));
    }
    return 0;
  }
  console.error(USAGE);
  return command === undefined || command === '--help' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
