/**
 * `npm run chaos:replay-defect`: reproduces, without any campaign code, the replay defect the
 * chaos trials found (docs/benchmarks.md, "Known finding"). Each iteration runs the smallest
 * workflow that meets it (bench/workflows `timersAndUpdate`):
 *
 *   1. a worker starts the workflow (an activity, two 2 s timers) and is SIGKILLed at 0.8 s;
 *   2. a new worker starts polling at once; the timers fire onto the dead worker's sticky queue;
 *   3. an Update arrives 3.5–5 s in, around the moment the task moves to the new worker;
 *   4. the history it leaves is replayed on the same bundle; one that fails is repaired the way
 *      `campaign repair` does (workers/repair.ts): reset, the Update sent again by the repair, and
 *      the reset run must finish and replay.
 *
 * Half the iterations query the workflow every 50 ms throughout (as the CLI, the API and the
 * chaos driver do), half never query it. Prints one JSON document: how many histories of each
 * half fail to replay, and how many of those replay after the repair; each history that failed is
 * kept as .data/bench/replay-defect-<n>-history.json. Exit code 1 while any does, so an SDK or server upgrade can be checked with
 * one command.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { repairWorkflow } from '../workers/repair.js';
import { createLogger, installTemporalRuntime } from '../platform/logger.js';
import { TEMPORAL_CLI_VERSION } from '../workers/temporal-cli.js';
import { keepHistory } from './chaos/replay-check.js';
import { BASELINE_WORKFLOWS_PATH, buildBundle, connect, startTemporal } from './stack.js';
import { startWorkerChild } from './worker-child.js';
import { recoveryStatusQuery, recoveryUpdate } from './workflows/index.js';

const TASK_QUEUE = 'replay-defect';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { iterations: { type: 'string' } } });
  const iterations = Number(values.iterations ?? 8);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error('--iterations: use a whole number of at least 1');
  const log = createLogger({ logLevel: 'warn', prettyLogs: false }, process.stderr);
  installTemporalRuntime(log);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'replay-defect-'));
  const temporal = await startTemporal({ dir, log, name: 'replay-defect' });
  const client = await connect(temporal.address);
  const bundlePath = await buildBundle(BASELINE_WORKFLOWS_PATH, path.join(dir, 'bundle.js'), log);
  const worker = () => startWorkerChild({ kind: 'baseline', temporalAddress: temporal.address, taskQueue: TASK_QUEUE, bundlePath });
  const results = { queried: { runs: 0, notReplaying: 0, reapplied: 0, repaired: 0 }, notQueried: { runs: 0, notReplaying: 0, reapplied: 0, repaired: 0 } };
  try {
    for (let i = 0; i < 2 * iterations; i++) {
      const queried = i % 2 === 0;
      const updateAtMs = 3_500 + (Math.floor(i / 2) % 4) * 500;
      const first = await worker();
      const t0 = Date.now();
      const handle = await client.workflow.start('timersAndUpdate', { taskQueue: TASK_QUEUE, workflowId: `replay-defect-${i}` });
      let querying = queried;
      const queries = (async () => {
        while (querying) {
          await handle.query(recoveryStatusQuery).catch(() => {});
          await pause(50);
        }
      })();
      await pause(800);
      await first.kill();
      const second = await worker();
      await pause(updateAtMs - (Date.now() - t0));
      await handle.executeUpdate(recoveryUpdate);
      await handle.result();
      querying = false;
      await queries;
      const half = queried ? results.queried : results.notQueried;
      half.runs++;
      const history = await handle.fetchHistory();
      const repair = await repairWorkflow(client, handle.workflowId, { workflowBundle: { codePath: bundlePath }, evenIfClosed: true });
      if (!repair.replays) {
        half.notReplaying++;
        // Kept for a bug report upstream and for test/fixtures/replay-defect.
        await keepHistory(handle.workflowId, historyToJSON(history));
        // The reset run does the rejected task again; the repair sent the recorded Update again (same
        // id, same input), so it finishes by itself, and its history must replay.
        if (repair.reset !== 'dry-run' && repair.reapplied.length) half.reapplied++;
        await client.workflow.getHandle(handle.workflowId).result();
        if ((await repairWorkflow(client, handle.workflowId, { workflowBundle: { codePath: bundlePath }, dryRun: true })).replays) half.repaired++;
      }
      await second.kill();
    }
  } finally {
    await client.connection.close();
    await temporal.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const sdk = JSON.parse(await readFile(new URL('../node_modules/@temporalio/worker/package.json', import.meta.url), 'utf8')) as { version: string };
  const report = { benchmark: 'replay-defect', temporalSdk: sdk.version, temporalCli: TEMPORAL_CLI_VERSION, ...results };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(results.queried.notReplaying + results.notQueried.notReplaying === 0 ? 0 : 1);
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

main().catch((err: unknown) => {
  process.stderr.write(`replay-defect run failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
