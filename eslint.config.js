import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
];

/**
 * The layers of the app, enforced as VS Code enforces its own: only main.ts and preload.ts touch
 * Electron; the renderer sees shared/ and itself; shared/ sees neither Node nor Electron.
 */
const layerRules = {
  electronOnlyInShell: {
    paths: [
      {
        name: 'electron',
        message: 'Only electron/main.ts and electron/preload.ts may import electron; put the logic in the Node core.',
      },
    ],
  },
  renderer: {
    paths: [
      {
        name: 'electron',
        message: 'The renderer talks to the core only through the typed contract (renderer/lib/api.ts).',
      },
    ],
    patterns: [
      {
        group: ['**/electron/**', '**/electron'],
        message: 'The renderer may import only shared/ and its own files, never electron/.',
      },
      { group: ['**/test/**'], message: 'The renderer may import only shared/ and its own files.' },
      { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node modules.' },
      {
        group: ['**/shared/contract', '**/shared/contract/*', 'zod'],
        allowTypeImports: true,
        message:
          "The renderer takes only types from the contract: its zod schemas would run in the page, whose CSP forbids zod's eval check. Put a value the screens need in shared/ (limits.ts and the like).",
      },
    ],
  },
  shared: {
    paths: [{ name: 'electron', message: 'shared/ is used by both sides and may not import electron.' }],
    patterns: [
      {
        group: ['**/electron/**', '**/renderer/**', '**/test/**'],
        message: 'shared/ may import only shared/ and plain libraries.',
      },
      { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node modules.' },
    ],
  },
};

/**
 * The core's own layers: each folder of electron/core may import the folders named here, the core's
 * base (its root files: clock, errors, events; csv/ and log/) and shared/; never the composition root, the hosts, or a folder
 * beside or above it. The sandbox stands apart: it plays Instacart and the shop, and knows no console.
 */
const coreBase = ['csv', 'log'];
const coreLayers = {
  connect: [],
  environments: ['connect'],
  store: [],
  search: ['store'],
  audit: ['store'],
  orders: ['store', 'search', 'audit', 'connect', 'environments'],
  cache: ['store', 'search', 'audit', 'orders'],
  staging: ['cache', 'orders', 'store', 'search', 'audit', 'connect', 'environments'],
  'shop-import': ['cache', 'orders', 'store', 'search', 'audit', 'connect', 'environments'],
  labels: ['cache', 'orders', 'store', 'environments'],
  watch: ['cache', 'orders', 'store', 'search', 'audit', 'connect', 'environments'],
  team: ['cache', 'orders', 'store', 'search', 'audit', 'connect', 'environments'],
  csv: [],
  log: [],
  sandbox: [],
};

function coreLayerConfig(folder, allowed) {
  const forbidden = Object.keys(coreLayers).filter(
    (other) => other !== folder && !allowed.includes(other) && !coreBase.includes(other),
  );
  const may = allowed.length > 0 ? `only ${allowed.join(', ')} and the base` : 'only the base';
  return {
    files: [`electron/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: layerRules.electronOnlyInShell.paths,
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `electron/core/${folder}/ may import ${may} of the core (see coreLayers in eslint.config.js); pass what it needs in as an argument instead.`,
            },
            {
              regex: '^(\\.\\./)+(create-core|app-status)$|^(\\.\\./)+(cli|launch|ipc|desktop)(/|$)',
              message: `electron/core/${folder}/ sits below the composition root and the hosts: they hand it what it needs.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', layerRules.electronOnlyInShell] },
  },
  ...Object.entries(coreLayers).map(([folder, allowed]) => coreLayerConfig(folder, allowed)),
  {
    files: ['electron/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcMain'][property.name!='handle']",
          message: 'Register channels only with ipcMain.handle in the registration loop.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', layerRules.renderer] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', layerRules.shared] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layerRules.electronOnlyInShell] },
  },
);
