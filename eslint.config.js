// Lint: TypeScript rules plus the layer rules of architecture.md (a forbidden import fails `npm run lint`).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'stream', 'events', 'util', 'worker_threads'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'data/**', 'bench/results/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node built-ins' })),
        patterns: [
          pattern(['node:*'], 'shared/ is pure TypeScript: no Node built-ins'),
          pattern(['electron', 'electron/*'], 'shared/ may not import electron'),
          pattern(['react', 'react-dom', 'react-dom/*', 'dexie'], 'shared/ may not import DOM-side libraries'),
          pattern(['**/server/**', '**/renderer/**', '**/electron/**', '../server/*', '../renderer/*', '../electron/*'], 'shared/ imports nothing of ours'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'renderer/ runs in a browser: no Node built-ins' })),
        patterns: [
          pattern(['node:*'], 'renderer/ runs in a browser: no Node built-ins'),
          pattern(['electron', 'electron/*'], 'renderer/ talks to the shell only through the preload bridge'),
          pattern(['**/server/**', '**/electron/**'], 'renderer/ imports only shared/'),
        ],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(['electron', 'electron/*'], 'server/ may not import electron'),
          pattern(['**/renderer/**', '**/electron/**'], 'server/ imports only shared/'),
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [pattern(['**/renderer/**', '**/server/**'], 'electron/ imports only shared/')],
      }],
    },
  },
);
