// Shared helpers for benchmarks: percentiles, a printed table, and the JSON results file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Figure {
  key: string;
  value: number;
  unit: string;
  budget?: string;
}

/** Prints a table of figures and writes bench/results/<name>.json with the figures and the machine. */
export function report(name: string, figures: Figure[]): void {
  const rows = figures.map((f) => [f.key, round(f.value).toString(), f.unit, f.budget ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'value', 'unit', 'budget'][i]!.length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(['figure', 'value', 'unit', 'budget']));
  for (const r of rows) console.log(line(r));
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    bench: name,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ...Object.fromEntries(figures.map((f) => [f.key, round(f.value)])),
  };
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  console.log(`\nwritten bench/results/${name}.json`);
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}
