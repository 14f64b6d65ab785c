/** `campaign worker` and `campaign dev`: the long-running processes. */
import path from 'node:path';
import { once } from 'node:events';
import { Command } from 'commander';
import { CampaignError } from '../../client/campaigns.js';
import { config } from '../../client/cli/context.js';
import { createLogger } from '../../platform/logger.js';
import { DATA_DIR } from '../../platform/paths.js';
import { startDevStack, type DevStack } from '../dev-stack.js';
import { runWorker } from '../run-worker.js';
import { SecretsFileError } from '../secrets.js';

/** A secrets file with mistakes is invalid input (exit 2), said with its entries and fixes. */
function invalidSecrets(err: unknown): never {
  throw err instanceof SecretsFileError ? new CampaignError(err.message, 2) : err;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('run a campaign worker against TEMPORAL_ADDRESS and DATABASE_URL')
    .action(async () => {
      const cfg = config();
      await runWorker(cfg, createLogger(cfg), DATA_DIR).catch(invalidSecrets);
    });
}

interface DevOptions {
  port: number;
  dataDir: string;
  ui: boolean;
  worker: boolean;
}

export function devCommand(): Command {
  return new Command('dev')
    .description('run everything locally: Temporal dev server with UI, database, sandbox channels, worker')
    .option('--port <port>', 'Temporal gRPC port', (v) => Number(v), 7233)
    .option('--data-dir <dir>', 'where the Temporal dev server (and an embedded database) keep their files', DATA_DIR)
    .option('--no-ui', 'run the Temporal dev server without its Web UI')
    .option('--no-worker', 'start no worker; print the environment for `campaign worker` in another shell as export lines')
    .action(async (opts: DevOptions) => {
      const cfg = config();
      // Without a worker, stdout carries only shell lines (`eval`, or `. file`); logs go to stderr.
      const log = opts.worker ? createLogger(cfg) : createLogger(cfg, process.stderr);
      const stack = await startDevStack({
        config: cfg, log, dataDir: opts.dataDir, temporalPort: opts.port, ui: opts.ui, worker: opts.worker,
      }).catch(invalidSecrets);
      process.stdout.write(opts.worker ? withWorkerBanner(stack) : workerlessBanner(stack));
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await stack.stop();
    });
}

function withWorkerBanner(stack: DevStack): string {
  return [
    '',
    ...stackLines(stack),
    '',
    `In another terminal:  export TEMPORAL_ADDRESS=${stack.temporalAddress}`,
    '  npx campaign start examples/spring-tea.zh.yaml --time-scale 2880',
    '  npx campaign status spring-tea-2027',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/**
 * Comments and `export` lines only, so the whole output can be evaluated by a shell:
 * `campaign dev --no-worker > dev.env &` here, `. dev.env && npx campaign worker` there.
 */
function workerlessBanner(stack: DevStack): string {
  const { variables, notes } = stack.workerEnvironment;
  return [
    ...stackLines(stack).map((line) => `# ${line}`),
    '# No worker runs here. For `npx campaign worker` (and the CLI) in another shell:',
    ...notes.map((note) => `# ${note}`),
    ...variables.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    '# Ctrl-C stops the stack; a worker started apart is stopped on its own.',
    '',
  ].join('\n');
}

function stackLines(stack: DevStack): string[] {
  return [
    `Temporal     ${stack.temporalAddress}${stack.uiUrl ? `  (UI ${stack.uiUrl})` : ''}`,
    `PostgreSQL   ${stack.embeddedDatabase ? 'embedded (PGlite)' : stack.databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
    `Sandbox      ${stack.sandboxUrl}`,
    `Signing      keyring ${stack.keys.keyring}; the CLI signs with ${path.basename(stack.keys.operator)}, \`campaign api\` with ${path.basename(stack.keys.api)}`,
  ];
}

/** A value a POSIX shell reads back unchanged: single quotes, with any single quote spelled '\''. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
