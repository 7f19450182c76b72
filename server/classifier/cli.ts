// `npm run classifier -- evaluate | train | export | build`: the category classifier's command line (build is the `npm run build:classifier` step).
import { once } from 'node:events';
import { relative, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainClassifier } from '../../shared/classifier/classifier.js';
import { splitDataset, type LabelledAppeal } from '../../shared/classifier/dataset.js';
import { evaluateClassifier, formatReport } from '../../shared/classifier/evaluate.js';
import { DATA_DIR, dataFiles, describeProblem, MODEL_PATH, trainShippedModel, writeModelIfChanged } from './build-model.js';
import { describeSkipped, readLabelled, readModel, serialiseModel, trainingNote } from './model-file.js';

const USAGE = `usage:
  npm run classifier -- evaluate FILE.jsonl [--model model.json] [--held-out]
      accuracy, per-category precision / recall and the confusion matrix of the model on FILE;
      --held-out keeps only the lines of FILE the deterministic split holds out from training
  npm run classifier -- train [--from FILE.jsonl ...] [--out model.json] [--all]
      trains on the training split of the files (default: every file in shared/classifier/data/) and
      reports the held-out split; --all trains on every line (nothing left to evaluate on)
  npm run classifier -- export [--data DIR | --database-url URL] [--region ID] > appeals.jsonl
      the store's answered and closed appeals with their category, one labelled line each, for
      train --from (store flags and environment as for the server); the lines are citizens' own
      words, personal data: keep the file where the appeals are kept
  npm run classifier -- build [--dataset DIR] [--out model.json]
      the build step: trains the console's model from every file in the data folder and fails on a
      bad line, a category without lines or held-out accuracy below the target; writes only on change`;

/** Where a command writes and what it reads from the environment; the tests pass their own. */
export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

const line = (stream: Writable, text: string) => stream.write(`${text}\n`);
const shortName = (file: string) => relative(process.cwd(), file) || file;

function readTolerantly(file: string, ctx: CliContext): LabelledAppeal[] {
  const { examples, errors } = readLabelled(file);
  if (errors.length > 0) line(ctx.stderr, describeSkipped(file, errors));
  return examples;
}

function evaluate(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { model: { type: 'string' }, 'held-out': { type: 'boolean' } } });
  if (positionals.length !== 1) {
    line(ctx.stderr, USAGE);
    return 2;
  }
  const modelFile = values.model ?? MODEL_PATH;
  const model = readModel(modelFile);
  let examples = readTolerantly(positionals[0]!, ctx);
  if (values['held-out']) examples = splitDataset(examples).heldOut;
  if (examples.length === 0) {
    line(ctx.stderr, 'no labelled lines to evaluate');
    return 1;
  }
  line(ctx.stdout, `${positionals[0]}${values['held-out'] ? ' (held-out split)' : ''}, model ${modelFile} (trained on ${model.trainedOn.examples} lines)`);
  line(ctx.stdout, formatReport(evaluateClassifier(model, examples)));
  return 0;
}

function train(args: string[], ctx: CliContext): number {
  const { values } = parseArgs({ args, options: { from: { type: 'string', multiple: true }, out: { type: 'string' }, all: { type: 'boolean' } } });
  const files = values.from ?? dataFiles();
  const examples = files.flatMap((f) => readTolerantly(f, ctx));
  const { train, heldOut } = values.all ? { train: examples, heldOut: [] } : splitDataset(examples);
  if (train.length === 0) {
    line(ctx.stderr, 'no labelled lines to train on');
    return 1;
  }
  const note = trainingNote(files, values.all ?? false);
  const model = trainClassifier(train, { note });
  const out = values.out ?? MODEL_PATH;
  writeModelIfChanged(out, serialiseModel(model));
  line(ctx.stdout, `trained on ${train.length} lines (${note}), ${Object.keys(model.features).length} features → ${out}`);
  if (heldOut.length > 0) {
    line(ctx.stdout, `\nheld-out split, ${heldOut.length} lines:`);
    line(ctx.stdout, formatReport(evaluateClassifier(model, heldOut)));
  }
  return 0;
}

function build(args: string[], ctx: CliContext): number {
  const started = performance.now();
  const { values } = parseArgs({ args, options: { dataset: { type: 'string' }, out: { type: 'string' } } });
  const out = values.out ?? MODEL_PATH;
  const result = trainShippedModel(dataFiles(values.dataset ?? DATA_DIR));
  if (!result.ok) {
    line(ctx.stderr, `classifier: ${shortName(out)} NOT built:`);
    for (const p of result.error.slice(0, 20)) line(ctx.stderr, `  ${describeProblem(p)}`);
    if (result.error.length > 20) line(ctx.stderr, `  … and ${result.error.length - 20} more`);
    return 1;
  }
  const { model, text, heldOut } = result.value;
  const written = writeModelIfChanged(out, text);
  const figures = `${model.trainedOn.examples} lines (${model.trainedOn.note}), held-out accuracy ${(heldOut.accuracy * 100).toFixed(1)} % on ${heldOut.total} lines, ${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (written === 'rewritten') {
    // the committed model did not match the data it says it came from: the console now gets the right one, the repository must too
    line(ctx.stderr, `classifier: ${shortName(out)} REWRITTEN: the data set changed since the model was trained; commit the model with the data`);
  }
  line(ctx.stdout, `classifier: ${shortName(out)} ${written === 'unchanged' ? 'up to date' : 'trained'}: ${figures}`);
  return 0;
}

async function exportAppeals(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, 'database-url': { type: 'string' }, region: { type: 'string' } } });
  // loaded here: the store's drivers would add most of a second to every build
  const [{ configFromCli }, { Store }, { labelledAppeals }] = await Promise.all([import('../config.js'), import('../store/store.js'), import('./export-appeals.js')]);
  // the store is chosen exactly as the server chooses it, environment included
  const storeFlags = [...(values.data ? ['--data', values.data] : []), ...(values['database-url'] ? ['--database-url', values['database-url']] : [])];
  const config = configFromCli(storeFlags, ctx.env);
  const store = await Store.open({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const appeals = labelledAppeals(store.db, { regionId: values.region ?? null });
    let next = await appeals.next();
    while (!next.done) {
      if (!ctx.stdout.write(`${JSON.stringify(next.value)}\n`)) await once(ctx.stdout, 'drain');
      next = await appeals.next();
    }
    const { exported, skipped } = next.value;
    line(ctx.stderr, `exported ${exported} answered or closed appeal(s) from ${store.dialect}${skipped > 0 ? `, left out ${skipped} without a known category or text` : ''}`);
    return exported > 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'evaluate':
      return evaluate(rest, ctx);
    case 'train':
      return train(rest, ctx);
    case 'build':
      return build(rest, ctx);
    case 'export':
      return exportAppeals(rest, ctx);
    default:
      line(ctx.stderr, USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  });
}
