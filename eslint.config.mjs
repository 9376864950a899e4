import tseslint from 'typescript-eslint';

/** Layers (DESIGN.md §4, STYLE.md): only main/ and preload/ touch Electron; the renderer sees the contract only. */
const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'net', 'stream', 'zlib', 'url'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.electron-native/**', 'test-results/**', 'playwright-report/**', 'db/divisions/data.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer talks to the main side only through window.ledger.' },
            { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node modules.' },
            { group: ['**/db/**', '**/db', '**/main/services/**', 'better-sqlite3', 'kysely'], message: 'The renderer may import only the contract (main/contract).' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/contract/**/*.ts', 'main/cli/**/*.ts', 'db/**/*.ts', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'electron/*'], message: 'Services, the contract, the CLI and db/ are Electron-free.' }] },
      ],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The contract is Electron-free.' },
            { group: [...nodeBuiltins, '**/services/**', '**/db/**', 'better-sqlite3', 'kysely'], message: 'The contract is imported by the renderer: pure TypeScript and zod only.' },
          ],
        },
      ],
    },
  },
);
