/**
 * Builds the campaign worker: Temporal connection, activities with their dependencies, workflow
 * code. Shared by `campaign worker`, `campaign dev`, the demo and the tests.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createActivities } from '../activities/index.js';
import { createSandboxAdapter } from '../activities/channels/sandbox-adapter.js';
import { channelRegistry } from '../activities/channels/registry.js';
import { createWebhookAdapter } from '../activities/channels/webhook-adapter.js';
import type { SmtpSettings } from '../platform/config.js';
import { temporalConnectionOptions, type TemporalConnectionOptions } from '../platform/temporal-connection.js';
import type { TemporalTarget } from '../platform/temporal-profile.js';
import { TemporalUnreachableError, unreachableMessage } from '../platform/temporal-reachability.js';
import { createStore } from '../store/index.js';
import { TASK_QUEUE } from '../workflows/contract.js';
import { bundleWorkflows } from './bundle.js';
import type { WorkerSecrets } from './secrets.js';
import { startSelfHealing, type SelfHealing } from './self-heal.js';

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
  /** Where and how to reach Temporal (`Config.temporal`); both of the worker's connections use it. */
  temporal: TemporalTarget;
  pool: Pool;
  sandboxUrl: string;
  log: Logger;
  smtp?: SmtpSettings | undefined;
  /**
   * Notify targets by name and webhook channels' signing secrets (workers/secrets.ts); without
   * them, named targets and webhook channels fail with a message that says where to define them.
   */
  secrets?: WorkerSecrets | undefined;
  taskQueue?: string;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled now. */
  workflowBundle?: WorkflowBundleOption;
  /**
   * Self-healing (workers/self-heal.ts): on unless `false`. A campaign whose history its code
   * cannot replay is repaired by this worker.
   */
  selfHealing?: false | { sweepEveryMs?: number; reapplyWithinMs?: number };
}

export interface CampaignWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Undefined when self-healing is off. */
  selfHealing: SelfHealing | undefined;
  /** Resolves when the worker has drained and stopped. */
  run(): Promise<void>;
}

export async function createCampaignWorker(opts: CampaignWorkerOptions): Promise<CampaignWorker> {
  const options = temporalConnectionOptions(opts.temporal);
  const connection = await connected(opts.temporal, options, () => NativeConnection.connect(options));
  const store = createStore(opts.pool);
  // Bundled once, for the worker and for the replays self-healing runs on the same code.
  const workflowBundle = opts.workflowBundle ?? { code: await bundleWorkflows(WORKFLOWS_PATH, opts.log) };
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const notifyTargets = opts.secrets?.notify ?? new Map();
  const activities = createActivities({
    store,
    channels: channelRegistry({
      sandbox: createSandboxAdapter({ baseUrl: opts.sandboxUrl }),
      webhook: createWebhookAdapter({ secretFor: (channelId) => opts.secrets?.channelWebhookSecret(channelId) }),
    }),
    log: opts.log,
    smtp: opts.smtp,
    notifyTargets,
  });
  const worker = await Worker.create({
    connection,
    namespace: opts.temporal.namespace,
    taskQueue,
    activities,
    workflowBundle,
    // A stopping worker lets running activities finish their current call before it exits.
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
  });
  let healing: { client: Client; selfHealing: SelfHealing } | undefined;
  if (opts.selfHealing !== false) {
    const healingConnection = await connected(opts.temporal, options, () => Connection.connect(options));
    const client = new Client({ connection: healingConnection, namespace: opts.temporal.namespace });
    const selfHealing = startSelfHealing({
      client, store, taskQueue, workflowBundle, log: opts.log, smtp: opts.smtp, notifyTargets,
      ...(opts.selfHealing?.sweepEveryMs !== undefined ? { sweepEveryMs: opts.selfHealing.sweepEveryMs } : {}),
      ...(opts.selfHealing?.reapplyWithinMs !== undefined ? { reapplyWithinMs: opts.selfHealing.reapplyWithinMs } : {}),
    });
    healing = { client, selfHealing };
  }
  return {
    worker,
    connection,
    selfHealing: healing?.selfHealing,
    async run() {
      try {
        await worker.run();
      } finally {
        await healing?.selfHealing.stop();
        await healing?.client.connection.close();
        await connection.close();
      }
    },
  };
}

/** A connection, or a TemporalUnreachableError that says why not in terms of the settings. */
async function connected<C>(target: TemporalTarget, options: TemporalConnectionOptions, connect: () => Promise<C>): Promise<C> {
  try {
    return await connect();
  } catch (err) {
    throw new TemporalUnreachableError(await unreachableMessage(target, options, err), { cause: err });
  }
}
