/** `campaign worker` and `campaign dev`: the long-running processes. */
import { once } from 'node:events';
import { Command } from 'commander';
import { config } from '../../client/cli/context.js';
import { createLogger } from '../../platform/logger.js';
import { DATA_DIR } from '../../platform/paths.js';
import { startDevStack } from '../dev-stack.js';
import { runWorker } from '../run-worker.js';

export function workerCommand(): Command {
  return new Command('worker')
    .description('run a campaign worker against TEMPORAL_ADDRESS and DATABASE_URL')
    .action(async () => {
      const cfg = config();
      await runWorker(cfg, createLogger(cfg), DATA_DIR);
    });
}

export function devCommand(): Command {
  return new Command('dev')
    .description('run everything locally: Temporal dev server with UI, database, sandbox channels, worker')
    .option('--port <port>', 'Temporal gRPC port', (v) => Number(v), 7233)
    .action(async (opts: { port: number }) => {
      const cfg = config();
      const log = createLogger(cfg);
      const stack = await startDevStack({ config: cfg, log, dataDir: DATA_DIR, temporalPort: opts.port, ui: true });
      process.stdout.write(
        [
          '',
          `Temporal     ${stack.temporalAddress}${stack.uiUrl ? `  (UI ${stack.uiUrl})` : ''}`,
          `PostgreSQL   ${stack.embeddedDatabase ? 'embedded (PGlite) in .data/pglite' : stack.databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
          `Sandbox      ${stack.sandboxUrl}`,
          '',
          `In another terminal:  export TEMPORAL_ADDRESS=${stack.temporalAddress}`,
          '  npx campaign start examples/spring-tea.zh.yaml --time-scale 2880',
          '  npx campaign status spring-tea-2027',
          'Ctrl-C stops everything.',
          '',
        ].join('\n'),
      );
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await stack.stop();
    });
}
