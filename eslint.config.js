// Lint rules that guard the architecture: workflow and domain code must stay deterministic, so
// they may not import anything that performs I/O (DESIGN.md §1).
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
