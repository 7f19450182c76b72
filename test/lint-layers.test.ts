// The layer rules of architecture.md are lint errors: each forbidden import fails `npm run lint`, each allowed one passes.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['shared/layer-probe.ts', "import x from 'node:fs';", 'no Node built-ins'],
    ['shared/layer-probe.ts', "import x from 'electron';", 'may not import electron'],
    ['shared/layer-probe.ts', "import x from 'dexie';", 'DOM-side libraries'],
    ['shared/layer-probe.ts', "import x from '../server/app.js';", 'imports nothing of ours'],
    ['renderer/src/layer-probe.ts', "import x from 'node:path';", 'runs in a browser'],
    ['renderer/src/layer-probe.ts', "import x from 'electron';", 'preload bridge'],
    ['renderer/src/layer-probe.ts', "import x from '../../server/app.js';", 'imports only shared/'],
    ['server/layer-probe.ts', "import x from '../renderer/src/data/db.js';", 'imports only shared/'],
    ['server/layer-probe.ts', "import x from 'electron';", 'may not import electron'],
    ['electron/layer-probe.ts', "import x from '../server/app.js';", 'imports only shared/'],
  ])('refuses in %s: %s', async (filePath, source, message) => {
    const errors = await importErrors(filePath, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ['shared/layer-probe.ts', "import x from 'zod';"],
    ['renderer/src/layer-probe.ts', "import x from '../../shared/index.js';"],
    ['server/layer-probe.ts', "import x from 'node:fs';"],
    ['electron/layer-probe.ts', "import x from 'node:path';"],
  ])('allows in %s: %s', async (filePath, source) => {
    expect(await importErrors(filePath, source)).toEqual([]);
  });
});
