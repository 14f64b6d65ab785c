/**
 * The throwaway world a benchmark or chaos run works in: its own Temporal dev server (on a SQLite
 * file it can restart on), a fresh PostgreSQL database with our migrations, a sandbox platform and
 * the two workflow bundles (campaign, baseline) built once and handed to worker processes as files.
 * Nothing is shared with `npm run dev` or other runs, so the numbers are not mixed with theirs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { loadConfig } from '../platform/config.js';
import { createFreshTestDatabase, type TestDatabase } from '../store/databases.js';
import { createStore, type RecordsStore } from '../store/index.js';
import { createPool } from '../platform/database.js';
import { migrateDatabase } from '../store/migrations.js';
import { startDevServer, type DevServer } from '../workers/dev-server.js';
import { bundleWorkflows } from '../workers/bundle.js';
import { ensureTemporalCli } from '../workers/temporal-cli.js';
import { WORKFLOWS_PATH } from '../workers/worker.js';

export const BASELINE_WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export async function buildBundle(workflowsPath: string, file: string, log: Logger): Promise<string> {
  await writeFile(file, await bundleWorkflows(workflowsPath, log));
  return file;
}

export interface TemporalServer {
  address: string;
  port: number;
  dbFile: string;
  cli: string;
  /** The running server process (replaced by restart). */
  current: DevServer;
  /** SIGKILL: the server dies mid-write, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same SQLite file and port: campaigns carry on where they stood. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTemporal(opts: { dir: string; log: Logger; name?: string }): Promise<TemporalServer> {
  const cli = await ensureTemporalCli({ configured: loadConfig().temporalCli, log: opts.log });
  const dbFile = path.join(opts.dir, `${opts.name ?? 'temporal'}.sqlite`);
  const first = await startDevServer({ cli, log: opts.log, dbFile });
  const port = Number(first.address.split(':')[1]);
  const server: TemporalServer = {
    address: first.address, port, dbFile, cli, current: first,
    async kill() {
      const child = server.current.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      // The port can stay in TIME_WAIT for a moment after a kill: retry briefly.
      let lastError: unknown;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          server.current = await startDevServer({ cli, log: opts.log, dbFile, port });
          return;
        } catch (err) {
          lastError = err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      throw lastError;
    },
    stop: () => server.current.stop(),
  };
  return server;
}

export async function connect(address: string, namespace = 'default'): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  return new Client({ connection, namespace });
}

export interface BenchStack {
  dir: string;
  temporal: TemporalServer;
  database: TestDatabase;
  client: Client;
  /** The records store on the bench database: with `client`, where campaigns are read from. */
  store: RecordsStore;
  campaignBundle: string;
  baselineBundle: string;
  stop(): Promise<void>;
}

/** Server, database and both bundles in parallel: start-up is a minute of CPU on 2 cores otherwise. */
export async function startBenchStack(log: Logger, opts: { campaignBundle?: string } = {}): Promise<BenchStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-bench-'));
  const [temporal, database, campaignBundle, baselineBundle] = await Promise.all([
    startTemporal({ dir, log }),
    createFreshTestDatabase(),
    opts.campaignBundle ?? buildBundle(WORKFLOWS_PATH, path.join(dir, 'campaign-bundle.js'), log),
    buildBundle(BASELINE_WORKFLOWS_PATH, path.join(dir, 'baseline-bundle.js'), log),
  ]);
  await migrateDatabase(database.url);
  const client = await connect(temporal.address);
  // Named apart from the engine, so a fault that cuts the engine's connections spares the harness.
  const pool = createPool(database.url, { max: 4, applicationName: 'bench-harness' });
  return {
    dir, temporal, database, client, store: createStore(pool), campaignBundle, baselineBundle,
    async stop() {
      await client.connection.close().catch(() => {});
      await pool.end().catch(() => {});
      await temporal.stop().catch(() => {});
      await database.drop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
