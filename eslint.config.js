// Lint rules that guard the architecture (docs/architecture.md, "Folders"): each folder imports only
// what its row of the folder table allows; workflow and domain code stay deterministic (no I/O, no
// clock, no randomness); every SQL statement lives in store/ (and the schema in db/migrations);
// settings are read from the environment in platform/config.ts only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'pg', 'pino', 'pino-pretty', 'node-pg-migrate', 'commander', 'fastify', 'nodemailer',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@electric-sql/*',
];
const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'dns',
  'process', 'stream', 'timers', 'timers/*', 'worker_threads', 'cluster', 'readline', 'url',
];
const deterministic = [
  { group: nodeBuiltins, message: 'Workflow and domain code may not use Node built-ins (no I/O, no clock).' },
  { group: ioModules, message: 'Workflow and domain code may not import I/O libraries; do the I/O in an activity.' },
];

const FOLDERS = ['domain', 'workflows', 'activities', 'store', 'platform', 'workers', 'client', 'sandbox', 'bench', 'test'];
/** How a folder appears in a relative import path. */
const inFolder = (folder) => [`**/${folder}/**`];

/**
 * One row of the folder table: `folder` may import the folders in `may` (besides itself and
 * libraries); `typesOf` folders and `typesFrom` files it may import types from; `only` narrows a
 * folder to some of its files.
 */
function row(folder, { may = [], only = {}, typesFrom = [], typesOf = [], extra = [] }) {
  const allowedText = may.length ? may.map((f) => (only[f] ? only[f].join(', ') : `${f}/`)).join(', ') : 'libraries only';
  const message = `${folder}/ may import ${allowedText} (docs/architecture.md, "Folders").`;
  const patterns = FOLDERS.filter((f) => f !== folder).flatMap((f) => {
    if (may.includes(f) && !only[f]) return [];
    if (typesOf.includes(f)) return [{ group: inFolder(f), message: `${message} Types only from ${f}/: a value import would bundle its I/O.`, allowTypeImports: true }];
    const exceptions = [...(only[f] ?? []), ...typesFrom.filter((file) => file.startsWith(`${f}/`))];
    const group = [...inFolder(f), ...exceptions.map((file) => `!**/${file.replace(/\.ts$/, '.js')}`)];
    const typeOnly = typesFrom.some((file) => file.startsWith(`${f}/`)) && !only[f];
    return [{ group, message, allowTypeImports: false }, ...(typeOnly ? typeRule(f, typesFrom, message) : [])];
  });
  return {
    files: [`${folder}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }] },
  };
}

/** Files of `folder` that may be imported for their types only. */
function typeRule(folder, typesFrom, message) {
  const files = typesFrom.filter((file) => file.startsWith(`${folder}/`));
  return [{ group: files.map((file) => `**/${file.replace(/\.ts$/, '.js')}`), allowTypeImports: true, message: `${message} Types only.` }];
}

// Statements written as strings; a SQL keyword in a message is written in lower case.
const SQL = '/\\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|ON CONFLICT)\\b/';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // The folder table.
  row('domain', { extra: deterministic }),
  row('workflows', { may: ['domain'], typesOf: ['activities'], extra: deterministic }),
  row('activities', { may: ['domain', 'store', 'platform'], typesFrom: ['workflows/contract.ts'] }),
  row('store', { may: ['domain', 'platform'] }),
  row('platform', {}),
  row('client', { may: ['domain', 'workflows', 'store', 'platform'], only: { workflows: ['workflows/contract.ts'] } }),
  row('sandbox', { may: ['domain', 'platform'], typesFrom: ['activities/channels/adapter.ts'] }),

  {
    // Deterministic code: time and randomness come from the SDK (workflows) or are passed in (domain).
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow, or pass time in.' },
        { name: 'setInterval', message: 'Use durable timers in workflows.' },
        { name: 'fetch', message: 'Network I/O belongs in an activity.' },
        { name: 'process', message: 'Configuration reaches workflows through their input.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Pass a seeded random source in.' },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Pass a seeded random source in.' },
        { object: 'Date', property: 'now', message: 'Pass the time in.' },
      ],
    },
  },
  {
    // Activities reach workflows only as types: a value import would bundle I/O into the sandbox.
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'error' },
  },
  {
    files: ['**/*.ts'],
    ignores: ['store/**', 'test/**'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: `Literal[value=${SQL}]`, message: 'SQL lives in store/: add a function to the records store and call it.' },
        { selector: `TemplateElement[value.raw=${SQL}]`, message: 'SQL lives in store/: add a function to the records store and call it.' },
      ],
    },
  },
  {
    // Settings are read once, by platform/config.ts; everything else is handed them.
    files: ['**/*.ts'],
    ignores: ['platform/**', 'test/**', 'bench/**', 'vitest.config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through platform/config.ts.' }],
    },
  },
);
