// Bundles the shell: electron/main.ts → dist/electron/main.js (ESM) and electron/preload.ts → dist/electron/preload.cjs (CommonJS).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  // Electron 41 ships Node 24 and Chromium 146
  target: 'node24',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

export async function buildElectron(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'main.ts')],
      outfile: path.join(outdir, 'main.js'),
      // package.json says "type": "module", so main.js is loaded as ESM
      format: 'esm',
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      // a sandboxed preload cannot load ES modules or other files: one CommonJS file requiring only 'electron'
      format: 'cjs',
    }),
  ]);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
  console.log(`electron: built ${path.relative(root, outdir)}/main.js and preload.cjs`);
}
