/**
 * Everything a campaign needs on one machine: a Temporal dev server, PostgreSQL (local server or
 * embedded), the sandbox channel platform and a worker. `campaign dev` and the demo run on it.
 */
import path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { startSandboxPlatform, type SandboxPlatform } from '../sandbox/platform.js';
import type { Config } from '../platform/config.js';
import { createPool } from '../platform/database.js';
import { resolveRecordsDatabase } from '../store/databases.js';
import { migrateDatabase } from '../store/migrations.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { startDevServer, type DevServer } from './dev-server.js';
import { isListening } from './free-port.js';
import { installTemporalRuntime } from '../platform/logger.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { createCampaignWorker } from './worker.js';

export interface DevStack {
  temporalAddress: string;
  uiUrl: string | undefined;
  databaseUrl: string;
  embeddedDatabase: boolean;
  sandboxUrl: string;
  pool: Pool;
  stop(): Promise<void>;
}

export interface DevStackOptions {
  config: Config;
  log: Logger;
  /** Where the Temporal SQLite file (and an embedded database) are kept. */
  dataDir: string;
  /** Preferred gRPC port; another free one is taken when it is busy. */
  temporalPort?: number;
  ui?: boolean;
}

const PREFERRED_UI_OFFSET = 1000;

export async function startDevStack(opts: DevStackOptions): Promise<DevStack> {
  const { config, log } = opts;
  installTemporalRuntime(log);
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
      cli, log, dbFile: path.join(opts.dataDir, 'temporal.sqlite'), ui: opts.ui ?? false,
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

    let sandboxUrl = config.sandboxUrl;
    if (!sandboxUrl) {
      const sandbox: SandboxPlatform = await startSandboxPlatform({ seed: 'dev' });
      stops.push(sandbox.close);
      sandboxUrl = sandbox.url;
    }

    const worker = await createCampaignWorker({
      temporalAddress: server.address, namespace: config.namespace, pool, sandboxUrl, log, smtp: config.smtp,
      channelWebhookSecret: config.channelWebhookSecret,
    });
    const running = worker.run();
    stops.push(async () => {
      if (worker.worker.getState() === 'RUNNING') worker.worker.shutdown();
      await running;
    });
    log.info({ temporal: server.address, ui: server.uiUrl, sandbox: sandboxUrl, embeddedDatabase: database.embedded }, 'dev stack ready');
    return {
      temporalAddress: server.address,
      uiUrl: server.uiUrl,
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      sandboxUrl,
      pool,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
