// The build step of the classifier: the committed model is what the build trains, and bad data or poor accuracy fail the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../shared/domain.js';
import { splitDataset, toJsonl, type LabelledAppeal } from '../../shared/classifier/dataset.js';
import { cliContext } from '../../test/support/cli-output.js';
import { dataFiles, MODEL_PATH, trainShippedModel, writeModelIfChanged } from './build-model.js';
import { main } from './cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One word that gives each category away: a set the model must learn perfectly. */
const GIVEAWAY: Record<Category, string> = {
  housing: 'батареи', roads: 'ямы', improvement: 'скамейки', waste: 'мусор', health: 'поликлиника',
  education: 'школа', social: 'пенсия', ecology: 'собаки', safety: 'пожар', other: 'разное',
};
const FILLERS = ['альфа', 'браво', 'чарли', 'дельта', 'эхо', 'фокстрот', 'гольф', 'отель', 'индия', 'джульетта'];

const cleanSet = (categories: readonly Category[] = CATEGORIES): LabelledAppeal[] =>
  categories.flatMap((category) => FILLERS.map((filler) => ({ text: `${GIVEAWAY[category]} ${filler}`, category })));

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A data folder holding the given files, and a path for the model beside it. */
function dataFolder(files: Record<string, string>): { dataset: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'otklik-classifier-'));
  dirs.push(root);
  const dataset = join(root, 'data');
  mkdirSync(dataset);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dataset, name), content);
  return { dataset, out: join(root, 'model.json') };
}

describe('the shipped model', () => {
  it('is committed exactly as the build trains it from the data folder', () => {
    const built = trainShippedModel(dataFiles());
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    // a failure here means the data changed without the model: `npm run build:classifier` and commit model.json
    expect(built.value.text === readFileSync(MODEL_PATH, 'utf8')).toBe(true);
    expect(built.value.heldOut.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('npm run build:classifier', () => {
  it('trains a model from a clean data folder, then leaves the file alone while the data stays the same', async () => {
    const { dataset, out } = dataFolder({ 'a.jsonl': toJsonl(cleanSet()) });
    const first = cliContext();
    expect(await main(['build', '--dataset', dataset, '--out', out], first)).toBe(0);
    const { train, heldOut } = splitDataset(cleanSet());
    const reported = first.stdout.text.match(/trained: (\d+) lines \(training split of a\.jsonl\), held-out accuracy ([\d.]+) % on (\d+) lines/);
    expect(reported?.slice(1).map(Number)).toEqual([train.length, expect.any(Number), heldOut.length]);
    expect(Number(reported![2])).toBeGreaterThanOrEqual(85);
    const written = statSync(out).mtimeMs;

    const second = cliContext();
    expect(await main(['build', '--dataset', dataset, '--out', out], second)).toBe(0);
    expect(second.stdout.text).toContain('up to date');
    expect(second.stderr.text).toBe('');
    expect(statSync(out).mtimeMs).toBe(written);
  });

  it('rewrites a model that no longer matches the data, and says so on stderr', async () => {
    const { dataset, out } = dataFolder({ 'a.jsonl': toJsonl(cleanSet()) });
    writeFileSync(out, '{"stale": true}\n');
    const ctx = cliContext();
    expect(await main(['build', '--dataset', dataset, '--out', out], ctx)).toBe(0);
    expect(ctx.stderr.text).toContain('REWRITTEN');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 1, trainedOn: { note: 'training split of a.jsonl' } });
  });

  it('fails on a bad line, naming the file and the line, and keeps the model it had', async () => {
    const lines = toJsonl(cleanSet()).split('\n');
    lines.splice(1, 0, '{"text": "яма", "category": "roads"'); // line 2: cut off
    lines.splice(4, 0, '{"text": "яма", "category": "potholes"}'); // line 5
    const { dataset, out } = dataFolder({ 'a.jsonl': toJsonl(cleanSet()), 'b.jsonl': lines.join('\n') });
    writeFileSync(out, 'the model before\n');
    const ctx = cliContext();
    expect(await main(['build', '--dataset', dataset, '--out', out], ctx)).toBe(1);
    expect(ctx.stderr.text).toContain('NOT built');
    expect(ctx.stderr.text).toContain(`${join(dataset, 'b.jsonl')}:2: bad_json`);
    expect(ctx.stderr.text).toContain(`${join(dataset, 'b.jsonl')}:5: unknown_category`);
    expect(ctx.stderr.text).not.toContain('a.jsonl');
    expect(readFileSync(out, 'utf8')).toBe('the model before\n');
  });

  it('stops `npm run build` with a failing exit code when the data is bad', () => {
    const { dataset, out } = dataFolder({ 'a.jsonl': '{"text": "яма"\n' });
    const run = spawnSync('npm', ['run', '-s', 'build:classifier', '--', '--dataset', dataset, '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dataset, 'a.jsonl')}:1: bad_json`);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('trainShippedModel', () => {
  it('refuses an empty data folder', () => {
    expect(trainShippedModel([])).toEqual({ ok: false, error: [{ code: 'no_data' }] });
  });

  it('refuses data without a category, which the model could then never suggest', () => {
    const { dataset } = dataFolder({ 'a.jsonl': toJsonl(cleanSet(CATEGORIES.filter((c) => c !== 'social' && c !== 'other'))) });
    expect(trainShippedModel(dataFiles(dataset))).toEqual({
      ok: false,
      error: [{ code: 'missing_category', category: 'social' }, { code: 'missing_category', category: 'other' }],
    });
  });

  it('refuses a model whose held-out accuracy is below 85 %', () => {
    // words that say nothing of the label: the held-out lines can only be guessed
    const noise = Array.from({ length: 200 }, (_, i): LabelledAppeal => ({ text: `шум${i} гул${(i * 37) % 200}`, category: CATEGORIES[(i * 7) % 10]! }));
    const { dataset } = dataFolder({ 'noise.jsonl': toJsonl(noise) });
    const result = trainShippedModel(dataFiles(dataset));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([{ code: 'below_target', accuracy: expect.any(Number) }]);
    expect((result.error[0] as { accuracy: number }).accuracy).toBeLessThan(0.85);
  });

  it('reads the data folder in name order, whatever order the files were written in', () => {
    const { dataset } = dataFolder({ 'b.jsonl': '', 'a.jsonl': '', 'notes.txt': '' });
    expect(dataFiles(dataset)).toEqual([join(dataset, 'a.jsonl'), join(dataset, 'b.jsonl')]);
  });
});

describe('writeModelIfChanged', () => {
  it('tells a new file from a rewritten one and from one already up to date', () => {
    const { out } = dataFolder({});
    expect(writeModelIfChanged(out, 'x')).toBe('created');
    expect(writeModelIfChanged(out, 'x')).toBe('unchanged');
    expect(writeModelIfChanged(out, 'y')).toBe('rewritten');
    expect(readFileSync(out, 'utf8')).toBe('y');
  });
});
