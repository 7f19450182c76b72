// Retraining from a region's own appeals: export from a real SQLite store, then train and evaluate on the export through the command line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal } from '../../shared/index.js';
import { parseJsonl } from '../../shared/classifier/dataset.js';
import { cliContext } from '../../test/support/cli-output.js';
import { buildFixture, fixtureAppeal, ORG_A, ORG_B, REGION_ID, seedFixture } from '../../test/support/fixtures.js';
import { Store } from '../store/store.js';
import { main } from './cli.js';
import { labelledAppeals } from './export-appeals.js';
import { readModel } from './model-file.js';

/** Finished appeals in both organisations, and the ones an export must leave out. */
const APPEALS: [id: string, org: string, overrides: Partial<Appeal>][] = [
  ['ap-1', ORG_A, { status: 'closed', category: 'housing', originalText: 'В квартире холодно, батареи еле тёплые' }],
  ['ap-2', ORG_B, { status: 'answered', category: 'roads', originalText: 'Яма на дороге у остановки, машины бьют колёса' }],
  ['ap-3', ORG_A, { status: 'closed', category: 'waste', originalText: 'Не вывозят мусор, контейнеры переполнены' }],
  ['ap-4', ORG_B, { status: 'closed', category: 'housing', originalText: 'Нет горячей воды, батареи холодные вторую неделю' }],
  ['ap-5', ORG_A, { status: 'answered', category: 'waste', originalText: 'Мусорные баки не вывозили неделю' }],
  // not yet done: the category is still an intake guess
  ['ap-6', ORG_A, { status: 'in_progress', category: 'roads', originalText: 'Не горят фонари во дворе' }],
  // declined: nobody acted on the category
  ['ap-7', ORG_A, { status: 'declined', declineReason: 'spam', category: 'waste', originalText: 'Купите окна со скидкой' }],
  ['ap-8', ORG_B, { status: 'closed', category: null, originalText: 'Спасибо за помощь' }],
];
const EXPORTED = ['ap-1', 'ap-2', 'ap-3', 'ap-4', 'ap-5'];

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-export-'));
  const data = buildFixture({ appealsPerOrganisation: 0 });
  data.appeals = APPEALS.map(([id, org, overrides]) => fixtureAppeal(id, org, overrides));
  await seedFixture({ dataDir }, data);
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const textOf = (id: string) => APPEALS.find(([appealId]) => appealId === id)![2].originalText;
const categoryOf = (id: string) => APPEALS.find(([appealId]) => appealId === id)![2].category;

describe('labelledAppeals', () => {
  it('yields each answered or closed appeal with a category once, as the citizen wrote it, across pages', async () => {
    const store = await Store.open({ dataDir });
    try {
      const lines = [];
      // pages of two: the keyset must neither repeat nor skip an appeal at a page boundary
      const appeals = labelledAppeals(store.db, { pageSize: 2 });
      let next = await appeals.next();
      while (!next.done) {
        lines.push(next.value);
        next = await appeals.next();
      }
      expect(lines).toEqual(EXPORTED.map((id) => ({ text: textOf(id), category: categoryOf(id) })));
      expect(next.value).toEqual({ exported: 5, skipped: 0 });
    } finally {
      await store.close();
    }
  });
});

describe('npm run classifier -- export', () => {
  it('writes the store as labelled JSONL that train --from turns into a model suggesting the region’s categories', async () => {
    const exported = cliContext();
    expect(await main(['export', '--data', dataDir], exported)).toBe(0);
    expect(exported.stderr.text).toContain('exported 5 answered or closed appeal(s) from sqlite');
    const parsed = parseJsonl(exported.stdout.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.examples).toEqual(EXPORTED.map((id) => ({ text: textOf(id), category: categoryOf(id) })));

    const file = join(dataDir, 'region.jsonl');
    const modelFile = join(dataDir, 'region-model.json');
    writeFileSync(file, exported.stdout.text);
    const trained = cliContext();
    expect(await main(['train', '--from', file, '--all', '--out', modelFile], trained)).toBe(0);
    expect(trained.stdout.text).toContain('trained on 5 lines (all lines of region.jsonl)');
    const model = readModel(modelFile);
    expect(Object.fromEntries(model.categories.map((c, i) => [c, model.documents[i]]).filter(([, n]) => n !== 0))).toEqual({ housing: 2, roads: 1, waste: 2 });

    const evaluated = cliContext();
    expect(await main(['evaluate', file, '--model', modelFile], evaluated)).toBe(0);
    expect(evaluated.stdout.text).toContain('accuracy: 100.0 % (5 of 5)');
    expect(JSON.parse(readFileSync(modelFile, 'utf8')).trainedOn).toEqual({ examples: 5, note: 'all lines of region.jsonl' });
  });

  it('keeps to the region it is given', async () => {
    const own = cliContext();
    expect(await main(['export', '--data', dataDir, '--region', REGION_ID], own)).toBe(0);
    expect(parseJsonl(own.stdout.text).examples).toHaveLength(5);

    const other = cliContext();
    expect(await main(['export', '--data', dataDir, '--region', 'reg-elsewhere'], other)).toBe(1);
    expect(other.stdout.text).toBe('');
    expect(other.stderr.text).toContain('exported 0');
  });

  it('refuses a flag it does not know instead of exporting from a default store', async () => {
    await expect(main(['export', '--dta', dataDir], cliContext())).rejects.toThrow(/Unknown option '--dta'/);
  });
});
