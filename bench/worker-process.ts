/**
 * Entry of a worker child process for the benchmarks and chaos trials. A worker runs in its own
 * process so that its RSS can be read from /proc and so that a trial can SIGKILL it like a crash.
 * Configured by the environment (BENCH_WORKER_*), it tells its parent over IPC when it polls.
 *
 *   campaign: the real campaign worker (workers/worker.ts) with its activities, PostgreSQL pool and
 *             sandbox adapter, on a prebuilt bundle;
 *   baseline: bench/workflows on their own bundle, no activities.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createPool } from '../platform/database.js';
import { createLogger, installTemporalRuntime } from '../platform/logger.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';
import { localTemporalTarget } from '../platform/temporal-profile.js';
import { createCampaignWorker, STICKY_QUEUE_TIMEOUT } from '../workers/worker.js';
import * as baselineActivities from './baseline-activities.js';

const env = process.env;
const kind = env.BENCH_WORKER_KIND ?? 'campaign';
const log = createLogger({ logLevel: (env.LOG_LEVEL as 'warn' | undefined) ?? 'warn', prettyLogs: false }, process.stderr);
installTemporalRuntime(log);
// The dev server the benchmark started (bench/stack.ts): on loopback, without TLS, whatever
// Temporal settings the shell that runs the benchmark has.
const temporal = localTemporalTarget(required('TEMPORAL_ADDRESS'), env.TEMPORAL_NAMESPACE ?? 'default');
const taskQueue = required('TASK_QUEUE');
const codePath = required('BENCH_WORKER_BUNDLE');

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`worker-process: ${name} is not set`);
  return value;
}

let worker: Worker;
let done: Promise<void>;
let cleanup = async () => {};
if (kind === 'baseline') {
  const connection = await NativeConnection.connect(temporalConnectionOptions(temporal));
  worker = await Worker.create({
    connection, namespace: temporal.namespace, taskQueue, workflowBundle: { codePath }, activities: baselineActivities, stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
  });
  done = worker.run().finally(() => connection.close());
} else {
  const pool = createPool(required('DATABASE_URL'), { log });
  const sweepEveryMs = env.BENCH_SELF_HEAL_SWEEP_MS ? Number(env.BENCH_SELF_HEAL_SWEEP_MS) : undefined;
  const campaign = await createCampaignWorker({
    temporal, taskQueue, pool, sandboxUrl: required('SANDBOX_URL'), log, workflowBundle: { codePath },
    selfHealing: sweepEveryMs ? { sweepEveryMs } : {},
  });
  worker = campaign.worker;
  done = campaign.run();
  cleanup = () => pool.end();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
}
// Runtime state RUNNING means the pollers are up: the parent may start sending work.
const readyTimer = setInterval(() => {
  if (worker.getState() === 'RUNNING') {
    clearInterval(readyTimer);
    process.send?.({ ready: true });
  }
}, 20);
try {
  await done;
} finally {
  clearInterval(readyTimer);
  await cleanup();
}
process.exit(0);
