/**
 * `campaign worker`: one long-running worker process against the configured Temporal and
 * PostgreSQL. SIGINT/SIGTERM drain it (Runtime.install's shutdown signals): polling stops, the
 * sticky queue is released so other workers take this worker's campaigns at once, running
 * activities finish within SHUTDOWN_GRACE_MS, then the process exits 0 (docs/architecture.md,
 * "Processes").
 */
import type { Logger } from 'pino';
import { startSandboxPlatform } from '../sandbox/platform.js';
import type { Config } from '../platform/config.js';
import { createPool } from '../platform/database.js';
import { resolveRecordsDatabase } from '../store/databases.js';
import { migrateDatabase } from '../store/migrations.js';
import { installTemporalRuntime } from '../platform/logger.js';
import { createStore } from '../store/index.js';
import { loadWorkerSecrets, warnAboutSecretGaps } from './secrets.js';
import { createCampaignWorker } from './worker.js';

const BUILT_IN_SIMULATOR_WARNING = 'SANDBOX_URL is not set: channels with adapter: sandbox go to a simulator built into this worker, '
  + 'on this machine, and nothing reaches a real platform. For real channels set adapter: webhook and the url of your bridge on each, '
  + 'with its webhookSecret in CAMPAIGN_SECRETS_FILE (docs/execution.md, "Webhook channels"); set SANDBOX_URL to share one sandbox between workers.';

export async function runWorker(config: Config, log: Logger, dataDir: string): Promise<void> {
  // Before anything starts: a mistake in the secrets file stops the worker with its fix.
  const secrets = loadWorkerSecrets(config, log);
  installTemporalRuntime(log);
  const database = await resolveRecordsDatabase({
    dataDir, log, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await migrateDatabase(database.url, log);
  const max = config.databaseMaxConnections ?? database.maxConnections;
  const pool = createPool(database.url, { log, ...(max ? { max } : {}) });
  // Without a sandbox to talk to, the worker brings its own (rehearsals on one machine). Said out
  // loud: a plan that left its channels on the default adapter would otherwise look live.
  const sandbox = config.sandboxUrl ? undefined : await startSandboxPlatform({ seed: 'worker' });
  const sandboxUrl = config.sandboxUrl ?? sandbox!.url;
  if (sandbox) log.warn({ sandbox: sandbox.url }, BUILT_IN_SIMULATOR_WARNING);
  try {
    await warnAboutSecretGaps(createStore(pool), secrets, log);
    const worker = await createCampaignWorker({
      temporal: config.temporal, taskQueue: config.taskQueue,
      pool, sandboxUrl, log, smtp: config.smtp, secrets,
    });
    log.info({ temporal: config.temporal.address, namespace: config.temporal.namespace, taskQueue: config.taskQueue, sandbox: sandboxUrl }, 'worker running; Ctrl-C drains and stops it');
    await worker.run();
    log.info('worker stopped');
  } finally {
    await pool.end();
    await sandbox?.close();
  }
}
