// Tests the built shell: the preload runs where a sandboxed preload runs (CommonJS, only 'electron' to require), and main.js imports nothing outside Electron and Node.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, BRIDGE_KEYS } from '../shared/ipc.js';
import { buildElectron } from './build.js';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'electron');

beforeAll(async () => {
  await buildElectron();
}, 60_000);

describe('built shell', () => {
  it('runs the preload as a sandboxed preload would, exposing exactly the declared keys', async () => {
    const code = await readFile(path.join(out, 'preload.cjs'), 'utf8');
    const exposed: Record<string, object> = {};
    const requested: string[] = [];
    const sandboxRequire = (name: string) => {
      requested.push(name);
      // a sandboxed preload gets 'electron' (and a few timers/events shims), never the file system
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return { contextBridge: { exposeInMainWorld: (key: string, api: object) => (exposed[key] = api) }, ipcRenderer: { invoke: async () => ({ ok: true, value: null }) } };
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(requested).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(exposed[BRIDGE_GLOBAL]!).sort()).toEqual([...BRIDGE_KEYS].sort());
  });

  it('keeps zod out of the preload: it needs the channel names, not the schemas', async () => {
    const size = (await readFile(path.join(out, 'preload.cjs'))).length;
    expect(size).toBeLessThan(20_000);
  });

  it('bundles main.js as ESM importing only electron and Node built-ins', async () => {
    const code = await readFile(path.join(out, 'main.js'), 'utf8');
    const specifiers = [...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((match) => match[1]!);
    expect(specifiers).toContain('electron');
    const builtins = new Set(builtinModules);
    for (const specifier of specifiers) expect(specifier === 'electron' || specifier.startsWith('node:') || builtins.has(specifier), specifier).toBe(true);
    // a CommonJS require in an ESM bundle fails at runtime ("Dynamic require of … is not supported")
    expect(code).not.toMatch(/require\(/);
  });
});
