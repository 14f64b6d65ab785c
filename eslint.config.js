// Lint rules that guard the architecture (DESIGN.md §1): workflow and domain code must stay
// deterministic, so they may not import anything that performs I/O; every SQL statement lives in
// store/ (and the schema in db/migrations); platform/ is infrastructure that knows nothing of ours.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'pg', 'pino', 'pino-pretty', 'node-pg-migrate', 'commander', '@temporalio/client',
  '@temporalio/worker', '@temporalio/activity', '@electric-sql/*',
];
const nodeBuiltins = [
  'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'dns',
  'process', 'stream', 'timers', 'timers/*', 'worker_threads', 'cluster', 'readline', 'url',
];
const deterministicImports = {
  patterns: [
    { group: ['node:*'], message: 'Workflow and domain code may not use Node built-ins (no I/O, no clock).' },
    { group: nodeBuiltins, message: 'Workflow and domain code may not use Node built-ins (no I/O, no clock).' },
    { group: ioModules, message: 'Workflow and domain code may not import I/O libraries; do the I/O in an activity.' },
    { group: ['**/client/**', '**/workers/**', '**/sandbox/**'], message: 'Workflow and domain code may not import process or client code.' },
  ],
};

/** Who may import whom, beyond the workflow and domain rules. */
const layer = (message, ...groups) => ({ group: groups, message });
const layerImports = {
  'platform/**/*.ts': [
    layer('platform/ is shared infrastructure: it imports libraries only.',
      '**/domain/**', '**/store/**', '**/activities/**', '**/workflows/**', '**/client/**', '**/workers/**', '**/sandbox/**', '**/bench/**'),
  ],
  'store/**/*.ts': [
    layer('store/ may import domain/, platform/ and libraries only.',
      '**/activities/**', '**/workflows/**', '**/client/**', '**/workers/**', '**/sandbox/**', '**/bench/**'),
  ],
  'activities/**/*.ts': [
    layer('activities/ may import domain/, store/, platform/ and libraries (and types of workflows/contract.ts).',
      '**/client/**', '**/workers/**', '**/bench/**'),
  ],
  'client/**/*.ts': [
    layer('client/ reaches the records through store/ and the infrastructure through platform/, never activities/.', '**/activities/**'),
  ],
};

// Statements written as strings; a SQL keyword in a message is written in lower case.
const SQL = '/\\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|ON CONFLICT)\\b/';
const noSqlOutsideStore = {
  files: ['activities/**/*.ts', 'client/**/*.ts', 'workers/**/*.ts', 'bench/**/*.ts', 'sandbox/**/*.ts', 'platform/**/*.ts', 'domain/**/*.ts', 'workflows/**/*.ts'],
  rules: {
    'no-restricted-syntax': ['error',
      { selector: `Literal[value=${SQL}]`, message: 'SQL lives in store/: add a function to the records store and call it.' },
      { selector: `TemplateElement[value.raw=${SQL}]`, message: 'SQL lives in store/: add a function to the records store and call it.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', deterministicImports],
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
    // Workflow code gets a deterministic clock from the SDK; domain code gets the time passed in.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Pass a seeded random source in.' },
        { object: 'Date', property: 'now', message: 'Pass the time in.' },
      ],
    },
  },
  ...Object.entries(layerImports).map(([files, patterns]) => ({
    files: [files],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: false })) }] },
  })),
  noSqlOutsideStore,
  {
    // Activities reach workflows only as types: a value import would bundle I/O into the sandbox.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/activities/**'], allowTypeImports: true, message: 'Import activities into workflows with `import type` only.' }],
      }],
    },
  },
);
