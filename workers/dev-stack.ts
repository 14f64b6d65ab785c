/**
 * Everything a campaign needs on one machine: a Temporal dev server, PostgreSQL (local server or
 * embedded), the sandbox channel platform and a worker. `campaign dev` and the demo run on it;
 * `campaign dev --no-worker` leaves the worker out and hands its settings to one started apart.
 */
import path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { startSandboxPlatform, type SandboxPlatform } from '../sandbox/platform.js';
import type { Config } from '../platform/config.js';
import { TASK_QUEUE } from '../workflows/contract.js';
import { createPool } from '../platform/database.js';
import { resolveRecordsDatabase } from '../store/databases.js';
import { migrateDatabase } from '../store/migrations.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { startDevServer, type DevServer } from './dev-server.js';
import { isListening } from './free-port.js';
import { installTemporalRuntime } from '../platform/logger.js';
import { localTemporalTarget } from '../platform/temporal-profile.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { loadWorkerSecrets } from './secrets.js';
import { createCampaignWorker } from './worker.js';
import { ensureDevKeys, type DevKeys } from '../client/keys.js';

export interface DevStack {
  temporalAddress: string;
  uiUrl: string | undefined;
  databaseUrl: string;
  embeddedDatabase: boolean;
  sandboxUrl: string;
  pool: Pool;
  /** Whether a worker runs in this process. */
  worker: boolean;
  /** What `campaign worker` in another process needs in its environment to serve this stack. */
  workerEnvironment: WorkerEnvironment;
  /** The signing keys this stack made for itself (docs/security.md): the keyring, the CLI's key, the API's key. */
  keys: DevKeys;
  stop(): Promise<void>;
}

/** Variables by name, in the order they are best read; `notes` say what a shell must add itself. */
export interface WorkerEnvironment {
  variables: Array<[name: string, value: string]>;
  notes: string[];
}

export interface DevStackOptions {
  config: Config;
  log: Logger;
  /** Where the Temporal SQLite file (and an embedded database) are kept. */
  dataDir: string;
  /** Preferred gRPC port; another free one is taken when it is busy. */
  temporalPort?: number;
  ui?: boolean;
  /** Run a worker in this process (default); without one, start `campaign worker` apart. */
  worker?: boolean;
}

const PREFERRED_UI_OFFSET = 1000;

export async function startDevStack(opts: DevStackOptions): Promise<DevStack> {
  const { config, log } = opts;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((err: unknown) => log.warn({ err }, 'stopping a dev stack part failed'));
  };
  try {
    const cli = await ensureTemporalCli({ configured: config.temporalCli, log });
    const preferred = opts.temporalPort;
    const port = preferred && !(await isListening('127.0.0.1', preferred)) ? preferred : undefined;
    if (preferred && !port) log.warn({ port: preferred }, 'port busy; the dev server takes another one');
    const uiPort = port && opts.ui && !(await isListening('127.0.0.1', port + PREFERRED_UI_OFFSET)) ? port + PREFERRED_UI_OFFSET : undefined;
    const server: DevServer = await startDevServer({
      cli, log, dbFile: path.join(opts.dataDir, 'temporal.sqlite'), ui: opts.ui ?? false, namespaces: [config.temporal.namespace],
      ...(port ? { port } : {}), ...(uiPort ? { uiPort } : {}),
    });
    stops.push(server.stop);

    const database = await resolveRecordsDatabase({
      dataDir: path.join(opts.dataDir, 'pglite'), log, startEmbedded: startEmbeddedPostgres,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    });
    stops.push(database.stop);
    await migrateDatabase(database.url, log);
    const pool = createPool(database.url, { log, ...(database.maxConnections ? { max: database.maxConnections } : {}) });
    stops.push(() => pool.end());

    // Decisions on this stack are signed like anywhere else: with keys it makes once, beside its data.
    const keys = await ensureDevKeys(path.join(opts.dataDir, 'keys'));

    let sandboxUrl = config.sandboxUrl;
    if (!sandboxUrl) {
      const sandbox: SandboxPlatform = await startSandboxPlatform({ seed: 'dev' });
      stops.push(sandbox.close);
      sandboxUrl = sandbox.url;
    }

    const withWorker = opts.worker ?? true;
    if (withWorker) {
      // Only a process that runs a worker installs Temporal's native runtime: once installed, it
      // keeps the process alive until its last worker or connection is gone.
      installTemporalRuntime(log);
      const worker = await createCampaignWorker({
        temporal: localTemporalTarget(server.address, config.temporal.namespace), taskQueue: config.taskQueue, pool, sandboxUrl, log,
        smtp: config.smtp, secrets: loadWorkerSecrets(config, log),
      });
      const running = worker.run();
      stops.push(async () => {
        if (worker.worker.getState() === 'RUNNING') worker.worker.shutdown();
        await running;
      });
    }
    log.info({ temporal: server.address, ui: server.uiUrl, sandbox: sandboxUrl, embeddedDatabase: database.embedded, worker: withWorker }, 'dev stack ready');
    return {
      temporalAddress: server.address,
      uiUrl: server.uiUrl,
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      sandboxUrl,
      pool,
      worker: withWorker,
      workerEnvironment: workerEnvironment(config, {
        temporalAddress: server.address, databaseUrl: database.url, sandboxUrl, maxConnections: database.maxConnections, keys,
      }),
      keys,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The settings `campaign worker` reads (platform/config.ts) for this stack. Secrets are named, not
 * printed: a terminal's scrollback is no place for them.
 */
export function workerEnvironment(
  config: Config,
  stack: { temporalAddress: string; databaseUrl: string; sandboxUrl: string; maxConnections: number | undefined; keys: DevKeys },
): WorkerEnvironment {
  const notes: string[] = [];
  const variables: Array<[string, string]> = [
    ['TEMPORAL_ADDRESS', stack.temporalAddress],
    ['TEMPORAL_NAMESPACE', config.temporal.namespace],
  ];
  if (new URL(stack.databaseUrl).password) notes.push('DATABASE_URL (it holds a password) is set here: set it in the worker\'s shell too.');
  else variables.push(['DATABASE_URL', stack.databaseUrl]);
  variables.push(['SANDBOX_URL', stack.sandboxUrl]);
  if (config.taskQueue !== TASK_QUEUE) variables.push(['TASK_QUEUE', config.taskQueue]);
  // An embedded database admits one connection at a time: a wider pool would wait on itself.
  const maxConnections = config.databaseMaxConnections ?? stack.maxConnections;
  if (maxConnections !== undefined) variables.push(['DATABASE_MAX_CONNECTIONS', String(maxConnections)]);
  // Paths, not keys: the CLI in that shell signs with the stack's operator key, campaigns trust its keyring.
  variables.push(['CAMPAIGN_TRUSTED_KEYS', stack.keys.keyring], ['CAMPAIGN_SIGNING_KEY', stack.keys.operator]);
  if (config.smtp) variables.push(['SMTP_FROM', config.smtp.from]);
  if (config.smtp) notes.push('SMTP_URL is set here: set it in the worker\'s shell too, for e-mail notifications.');
  // A path, not a secret: the file itself holds the robots' keys.
  if (config.secretsFile) variables.push(['CAMPAIGN_SECRETS_FILE', config.secretsFile]);
  if (config.channelWebhookSecret) notes.push('CHANNEL_WEBHOOK_SECRET (deprecated) is set here: set it in the worker\'s shell too, or move it to the secrets file.');
  return { variables, notes };
}
