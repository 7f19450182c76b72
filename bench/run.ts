// `npm run bench -- <name>`: runs bench/<name>.ts, which prints a table and writes bench/results/<name>.json.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'support.ts')
  .map((f) => f.replace(/\.ts$/, ''));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const file = join(here, `${name}.ts`);
if (!existsSync(file)) throw new Error(`no bench ${name}`);
const bench = (await import(pathToFileURL(file).href)) as { main?: (args: string[]) => Promise<void> };
if (typeof bench.main !== 'function') throw new Error(`bench/${name}.ts must export main()`);
await bench.main(process.argv.slice(3));
