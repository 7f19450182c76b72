// Category classifier: held-out accuracy on the bundled data set, ranking, speed, and the split that keeps rewordings together.
import { describe, expect, it } from 'vitest';
import datasetText from './data/appeals-ru.jsonl?raw';
import committedModel from './model.json';
import { suggestCategory, trainClassifier, type ClassifierModel } from './classifier.js';
import { isHeldOut, parseJsonl, splitDataset } from './dataset.js';
import { evaluateClassifier, formatReport } from './evaluate.js';

const { examples, errors } = parseJsonl(datasetText);
const { train, heldOut } = splitDataset(examples);
const model = trainClassifier(train);

describe('the labelled data set', () => {
  it('has at least 1 800 clean lines covering all ten categories in reasonable balance', () => {
    expect(errors).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(1800);
    const counts = new Map<string, number>();
    for (const e of examples) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    expect(counts.size).toBe(10);
    expect(Math.min(...counts.values()) / Math.max(...counts.values())).toBeGreaterThan(0.5);
  });

  it('never splits a template family between training and held-out lines', () => {
    const sides = new Map<string, boolean>();
    for (const e of examples) {
      const side = isHeldOut(e);
      expect(sides.get(e.group!) ?? side).toBe(side);
      sides.set(e.group!, side);
    }
    expect(heldOut.length / examples.length).toBeGreaterThan(0.15);
    expect(heldOut.length / examples.length).toBeLessThan(0.3);
  });

  it('puts texts differing only in case, punctuation and numbers on the same side when there is no family', () => {
    const a = { text: 'Не вывозят мусор на Ленина 5!', category: 'waste' as const };
    const b = { text: 'не вывозят мусор на ленина 17', category: 'waste' as const };
    expect(isHeldOut(a)).toBe(isHeldOut(b));
  });
});

describe('suggestCategory', () => {
  it('reaches at least 85 % accuracy on the held-out split when trained on the rest', () => {
    const report = evaluateClassifier(model, heldOut);
    expect(report.total).toBe(heldOut.length);
    expect(report.accuracy, formatReport(report)).toBeGreaterThanOrEqual(0.85);
  });

  it('ships a committed model that also reaches 85 % on the held-out split', () => {
    const report = evaluateClassifier(committedModel as ClassifierModel, heldOut);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('ranks every category with scores that sum to one, best first', () => {
    const ranked = suggestCategory('третий день не вывозят мусор, баки переполнены', model);
    expect(ranked).toHaveLength(10);
    expect(ranked[0].category).toBe('waste');
    expect(ranked.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
  });

  it.each([
    ['в квартире холодно батареи не греют', 'housing'],
    ['на дороге яма на яме, колесо пробил', 'roads'],
    ['стая бродячих собак бегает возле школы', 'ecology'],
    ['сильно пахнет газом в подъезде', 'safety'],
    ['не могу записаться к терапевту', 'health'],
    ['ребенка не берут в детский сад', 'education'],
  ] as const)('suggests the obvious category for «%s» even unseen', (text, category) => {
    expect(suggestCategory(text, model)[0].category).toBe(category);
  });

  it('survives typos that defeat the stemmer', () => {
    expect(suggestCategory('батарии холодные отоплние не дали', model)[0].category).toBe('housing');
  });

  it('answers within 5 ms for a paragraph', () => {
    const paragraph = 'Здравствуйте! Пишу от имени жителей дома 12 по улице Садовой. Уже третью неделю во дворе не вывозят мусор, контейнеры переполнены, пакеты растаскивают собаки, запах стоит на весь двор. Обращались в управляющую компанию и к региональному оператору, толку нет. Примите меры пожалуйста, дети гуляют рядом.';
    suggestCategory(paragraph, model);
    const runs = 200;
    const start = performance.now();
    for (let i = 0; i < runs; i++) suggestCategory(`${paragraph} ${i}`, model);
    expect((performance.now() - start) / runs).toBeLessThan(5);
  });
});

describe('parseJsonl', () => {
  it('reports bad lines by number instead of failing the whole file', () => {
    const parsed = parseJsonl('{"text":"яма","category":"roads"}\nnot json\n{"text":"x","category":"weather"}\n{"category":"roads"}\n');
    expect(parsed.examples).toEqual([{ text: 'яма', category: 'roads' }]);
    expect(parsed.errors).toEqual([
      { line: 2, error: 'bad_json' },
      { line: 3, error: 'unknown_category' },
      { line: 4, error: 'no_text' },
    ]);
  });
});
