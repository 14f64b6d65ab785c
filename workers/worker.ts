/**
 * Builds the campaign worker: Temporal connection, activities with their dependencies, workflow
 * code. Shared by `campaign worker`, `campaign dev`, the demo and the tests.
 */
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createActivities } from '../activities/index.js';
import { createSandboxAdapter } from '../activities/channels/sandbox-adapter.js';
import { channelRegistry } from '../activities/channels/registry.js';
import { createWebhookAdapter } from '../activities/channels/webhook-adapter.js';
import type { SmtpSettings } from '../platform/config.js';
import { createStore } from '../store/index.js';
import { TASK_QUEUE } from '../workflows/contract.js';

/**
 * A campaign's next workflow task first goes to the worker that cached it; when that worker died,
 * Temporal waits this long before handing the task to any worker. The 10 s default was most of
 * the recovery time after a worker crash in the chaos trials.
 */
export const STICKY_QUEUE_TIMEOUT = '3s';

/**
 * How long a stopping worker (SIGTERM, SIGINT) waits for running activities to finish before it
 * cancels them; its workflow tasks finish too, and the process exits when all are done.
 */
export const SHUTDOWN_GRACE_MS = 10_000;

export const WORKFLOWS_PATH = new URL('../workflows/index.ts', import.meta.url).pathname;

export interface CampaignWorkerOptions {
  temporalAddress: string;
  namespace: string;
  pool: Pool;
  sandboxUrl: string;
  log: Logger;
  smtp?: SmtpSettings | undefined;
  /** Signs requests to webhook channels (CHANNEL_WEBHOOK_SECRET); without it this worker has no webhook adapter. */
  channelWebhookSecret?: string | undefined;
  taskQueue?: string;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled now. */
  workflowBundle?: WorkflowBundleOption;
}

export interface CampaignWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Resolves when the worker has drained and stopped. */
  run(): Promise<void>;
}

export async function createCampaignWorker(opts: CampaignWorkerOptions): Promise<CampaignWorker> {
  const connection = await NativeConnection.connect({ address: opts.temporalAddress });
  const activities = createActivities({
    store: createStore(opts.pool),
    channels: channelRegistry({
      sandbox: createSandboxAdapter({ baseUrl: opts.sandboxUrl }),
      ...(opts.channelWebhookSecret ? { webhook: createWebhookAdapter({ secret: opts.channelWebhookSecret }) } : {}),
    }),
    log: opts.log,
    smtp: opts.smtp,
  });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    activities,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
  });
  return {
    worker,
    connection,
    async run() {
      try {
        await worker.run();
      } finally {
        await connection.close();
      }
    },
  };
}
