/**
 * A real environment for one test file: its own task queue and sandbox platform, a worker on the
 * shared dev server, a client, and a pool on the run's database.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { inject } from 'vitest';
import { CampaignError, closeClient, connectClient } from '../../client/campaigns.js';
import { startSandboxPlatform, type SandboxPlatform } from '../../sandbox/platform.js';
import { createPool } from '../../platform/database.js';
import { localTemporalTarget } from '../../platform/temporal-profile.js';
import { createStore, type RecordsStore } from '../../store/index.js';
import { createLogger, installTemporalRuntime } from '../../platform/logger.js';
import { createCampaignWorker, type CampaignWorker, type CampaignWorkerOptions } from '../../workers/worker.js';

export interface CampaignTestEnv {
  client: Client;
  pool: Pool;
  /** The records store on `pool`: with `client`, where campaigns are read from (`campaignStatus(env, id)`). */
  store: RecordsStore;
  sandbox: SandboxPlatform;
  taskQueue: string;
  temporalAddress: string;
  databaseUrl: string;
  /**
   * Starts an in-process worker (tests that run their own worker process skip this), on the test
   * bundle unless told otherwise. `finished` resolves when it has stopped.
   */
  startWorker(options?: Pick<CampaignWorkerOptions, 'workflowBundle' | 'selfHealing' | 'secrets'>): Promise<CampaignWorker & { finished: Promise<void> }>;
  stop(): Promise<void>;
}

export const testLog = createLogger({ logLevel: 'warn', prettyLogs: false });

export async function campaignTestEnv(name: string): Promise<CampaignTestEnv> {
  installTemporalRuntime(testLog);
  const temporalAddress = inject('temporalAddress');
  const databaseUrl = inject('databaseUrl');
  const taskQueue = `test-${name}-${randomUUID().slice(0, 8)}`;
  const [client, sandbox] = await Promise.all([
    connectClient(localTemporalTarget(temporalAddress)),
    startSandboxPlatform({ seed: name }),
  ]);
  const pool = createPool(databaseUrl, { max: 4 });
  const workers: Array<{ worker: CampaignWorker; running: Promise<void> }> = [];
  return {
    client, pool, store: createStore(pool), sandbox, taskQueue, temporalAddress, databaseUrl,
    async startWorker(options = {}) {
      const worker = await createCampaignWorker({
        temporal: localTemporalTarget(temporalAddress), pool, sandboxUrl: sandbox.url, log: testLog, taskQueue,
        workflowBundle: { codePath: inject('workflowBundlePath') }, ...options,
      });
      const running = worker.run();
      workers.push({ worker, running });
      return { ...worker, finished: running };
    },
    async stop() {
      for (const { worker, running } of workers) {
        if (worker.worker.getState() === 'RUNNING') worker.worker.shutdown();
        await running;
      }
      await closeClient(client);
      await pool.end();
      await sandbox.close();
    },
  };
}

/** Polls until `probe` returns a value (not undefined) or the deadline passes: no sleeps. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** The failure type of an action (the client may refuse before sending); undefined when it succeeds. */
export async function refusalOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (err) {
    return err instanceof CampaignError ? err.type : String(err);
  }
}
