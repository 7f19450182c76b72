// The classifier's command line: what `evaluate` prints for a labelled file, and how it treats bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonl, type LabelledAppeal } from '../../shared/classifier/dataset.js';
import { cliContext } from '../../test/support/cli-output.js';
import { main } from './cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const TRAINING: LabelledAppeal[] = [
  { text: 'батареи холодные в квартире', category: 'housing' },
  { text: 'нет отопления, батареи ледяные', category: 'housing' },
  { text: 'яма на дороге', category: 'roads' },
  { text: 'разбитый асфальт, ямы на дороге', category: 'roads' },
  { text: 'мусор не вывозят', category: 'waste' },
  { text: 'контейнеры с мусором переполнены', category: 'waste' },
];

/**
 * Two right, two wrong: a heating complaint labelled `roads` (the model says housing) and a text with no
 * word the model knows, which gets the prior, where housing wins the tie by coming first.
 */
const EVALUATED: LabelledAppeal[] = [
  { text: 'огромная яма на дороге', category: 'roads' },
  { text: 'мусор не вывозят неделю', category: 'waste' },
  { text: 'батареи холодные', category: 'roads' },
  { text: 'дети', category: 'education' },
];

/** What evaluate must say about EVALUATED, worked out by hand from the comment above. */
const REPORT = `accuracy: 50.0 % (2 of 4)

category     support  precision   recall
housing            0      0.0 %        —
roads              2    100.0 %   50.0 %
improvement        0          —        —
waste              1    100.0 %  100.0 %
health             0          —        —
education          1          —    0.0 %
social             0          —        —
ecology            0          —        —
safety             0          —        —
other              0          —        —

confusion matrix (rows: actual, columns: predicted)
actual \\ predicted  housin  roads  improv  waste  health  educat  social  ecolog  safety  other
housing                  0      0       0      0       0       0       0       0       0      0
roads                    1      1       0      0       0       0       0       0       0      0
improvement              0      0       0      0       0       0       0       0       0      0
waste                    0      0       0      1       0       0       0       0       0      0
health                   0      0       0      0       0       0       0       0       0      0
education                1      0       0      0       0       0       0       0       0      0
social                   0      0       0      0       0       0       0       0       0      0
ecology                  0      0       0      0       0       0       0       0       0      0
safety                   0      0       0      0       0       0       0       0       0      0
other                    0      0       0      0       0       0       0       0       0      0`;

let dir: string;
let model: string;
let labelled: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otklik-classifier-cli-'));
  model = join(dir, 'model.json');
  labelled = join(dir, 'labelled.jsonl');
  writeFileSync(join(dir, 'train.jsonl'), toJsonl(TRAINING));
  writeFileSync(labelled, toJsonl(EVALUATED));
  const ctx = cliContext();
  if ((await main(['train', '--all', '--from', join(dir, 'train.jsonl'), '--out', model], ctx)) !== 0) throw new Error(ctx.stderr.text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run classifier -- evaluate', () => {
  it('prints accuracy, precision and recall of every category, and the confusion matrix', async () => {
    const ctx = cliContext();
    expect(await main(['evaluate', labelled, '--model', model], ctx)).toBe(0);
    const [title, ...report] = ctx.stdout.text.trimEnd().split('\n');
    expect(title).toBe(`${labelled}, model ${model} (trained on 6 lines)`);
    expect(report.join('\n')).toBe(REPORT);
    expect(ctx.stderr.text).toBe('');
  });

  it('runs as `npm run classifier -- evaluate` from a shell, with the same report', () => {
    const run = spawnSync('npm', ['run', '-s', 'classifier', '--', 'evaluate', labelled, '--model', model], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toBe(`${labelled}, model ${model} (trained on 6 lines)\n${REPORT}\n`);
  }, 60_000);

  it('evaluates the lines it can read and names the ones it skipped', async () => {
    const dirty = join(dir, 'dirty.jsonl');
    writeFileSync(dirty, `${toJsonl(EVALUATED.slice(0, 2))}not json\n{"text":"яма","category":"potholes"}\n`);
    const ctx = cliContext();
    expect(await main(['evaluate', dirty, '--model', model], ctx)).toBe(0);
    expect(ctx.stderr.text).toBe(`${dirty}: skipped 2 line(s): 3 bad_json, 4 unknown_category\n`);
    expect(ctx.stdout.text).toContain('accuracy: 100.0 % (2 of 2)');
  });

  it('refuses a model file that is not a model', async () => {
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ format: 1, categories: ['housing'], alpha: 0.1, documents: [1, 2], featureTotals: [1], features: {}, trainedOn: { examples: 1, note: '' } }));
    await expect(main(['evaluate', labelled, '--model', bogus], cliContext())).rejects.toThrow(/is not a classifier model[\s\S]*one count per category/);
  });

  it('answers a missing file argument with the usage and exit code 2', async () => {
    const ctx = cliContext();
    expect(await main(['evaluate'], ctx)).toBe(2);
    expect(ctx.stderr.text).toContain('npm run classifier -- evaluate FILE.jsonl');
  });
});
