/**
 * A planned stop (SIGTERM to `campaign worker`) drains the worker and releases its sticky queue:
 * the campaign's next workflow task goes to another worker at once. A crash (SIGKILL) does not
 * release it: the task waits on the dead worker's sticky queue until its schedule-to-start timeout.
 * Both are read from the workflow's history (which worker started each task, which tasks timed
 * out), not from timings.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal as T } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId, decideUpdate, decisionUpdateId } from '../../workflows/contract.js';
import { SHUTDOWN_GRACE_MS } from '../../workers/worker.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { spawnWorker } from '../helpers/cli.js';
import { gatePlan, rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';

type HistoryEvent = T.api.history.v1.IHistoryEvent;
const { EventType, PendingActivityState, TaskQueueKind, TaskQueueType, TimeoutType } = proto.temporal.api.enums.v1;

/** Process teardown after the drain (database pool, connection), on a shared 2-core machine. */
const EXIT_MARGIN_MS = 5_000;

let env: CampaignTestEnv;
let workerEnv: Record<string, string>;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  env = await campaignTestEnv('graceful');
  workerEnv = { TEMPORAL_ADDRESS: env.temporalAddress, DATABASE_URL: env.databaseUrl, TASK_QUEUE: env.taskQueue, SANDBOX_URL: env.sandbox.url };
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await env?.stop();
});

/** A worker's identity as Temporal records it: the SDK's default, `<pid>@<host>`. */
const identityOf = (worker: ChildProcess) => `${worker.pid}@${os.hostname()}`;

function startWorker(): ChildProcess {
  const worker = spawnWorker(workerEnv);
  workers.push(worker);
  return worker;
}

async function pollingWorkers(): Promise<string[]> {
  const { pollers } = await env.client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: env.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (pollers ?? []).map((p) => p.identity ?? '');
}

async function events(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

/** A campaign whose workflow tasks the given worker runs, waiting at its first gate. */
async function campaignOn(worker: ChildProcess): Promise<WorkflowHandle> {
  const campaignId = uniqueCampaignId('graceful');
  // At plan speed nothing but people's decisions moves the campaign during the test.
  await startCampaign(env.client, { plan: rehearsalPlan(), campaignId, timeScale: 1, taskQueue: env.taskQueue });
  const handle = env.client.workflow.getHandle(campaignWorkflowId(campaignId));
  await eventually(async () => {
    const started = (await events(handle)).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    const completed = (await events(handle)).some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    return completed && started.at(-1)?.workflowTaskStartedEventAttributes?.identity === identityOf(worker) ? true : undefined;
  }, 'the campaign\'s first workflow task on its worker', 90_000);
  return handle;
}

/** The first gate's decision, as the CLI sends it. */
function approvePlatforms(handle: WorkflowHandle) {
  const input = { gate: 'platforms', decision: 'approve' as const, by: 'zhao.lei' };
  return handle.executeUpdate(decideUpdate, { args: [input], updateId: decisionUpdateId(input.gate, 1, input.decision, input.by) });
}

function exitOf(worker: ChildProcess, withinMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = once(worker, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`worker ${worker.pid} still running after ${withinMs} ms`)), withinMs));
  return Promise.race([exited, late]);
}

/** The workflow tasks recorded after `from`: the queue each went to, who started them, those that timed out. */
function tasksAfter(history: HistoryEvent[], from: number) {
  const later = history.filter((e) => Number(e.eventId) > from);
  return {
    queues: later.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED).map((e) => e.workflowTaskScheduledEventAttributes?.taskQueue?.kind),
    startedBy: later.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED).map((e) => e.workflowTaskStartedEventAttributes?.identity),
    timedOut: later.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT),
  };
}

describe('stopping a campaign worker', () => {
  let a: ChildProcess;
  let b: ChildProcess;

  it('SIGTERM drains: an activity running when the signal comes finishes on that worker, which then exits 0', async () => {
    const worker = startWorker();
    await eventually(async () => ((await pollingWorkers()).includes(identityOf(worker)) ? true : undefined), 'the worker polling', 90_000);
    // The platform is slow: the campaign's first budget call is still running when SIGTERM comes.
    env.sandbox.setFaults({ delayMs: 4_000, routes: ['budget'] });
    const campaignId = uniqueCampaignId('drain');
    await startCampaign(env.client, { plan: gatePlan({ gates: [] }), campaignId, timeScale: 1, taskQueue: env.taskQueue });
    const handle = env.client.workflow.getHandle(campaignWorkflowId(campaignId));
    const running = await eventually(async () => (await handle.describe()).raw.pendingActivities?.find(
      (p) => p.activityType?.name === 'applyBudget' && p.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
    ), 'applyBudget running');
    expect(running.lastWorkerIdentity).toBe(identityOf(worker));

    const exit = exitOf(worker, SHUTDOWN_GRACE_MS + EXIT_MARGIN_MS);
    worker.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    env.sandbox.setFaults({});

    // Its first attempt completed, on that worker: nothing was cut off for another worker to redo.
    const history = await events(handle);
    const scheduled = history.find((e) => e.activityTaskScheduledEventAttributes?.activityId === running.activityId);
    const completed = history.find((e) => Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(scheduled?.eventId));
    const started = history.find((e) => Number(e.eventId) === Number(completed?.activityTaskCompletedEventAttributes?.startedEventId));
    expect(completed?.activityTaskCompletedEventAttributes?.identity).toBe(identityOf(worker));
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
    expect(env.sandbox.stats().budgetsApplied).toBeGreaterThan(0);
  });

  it('SIGTERM: the worker drains and exits 0, and the next decision goes to the other worker without a sticky timeout', async () => {
    a = startWorker();
    const handle = await campaignOn(a);
    b = startWorker();
    await eventually(async () => ((await pollingWorkers()).includes(identityOf(b)) ? true : undefined), 'worker B polling', 90_000);
    const before = (await events(handle)).length;

    const exit = exitOf(a, SHUTDOWN_GRACE_MS + EXIT_MARGIN_MS);
    a.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });

    expect(await approvePlatforms(handle)).toMatchObject({ gate: 'platforms', status: 'approved' });
    const { queues, startedBy, timedOut } = tasksAfter(await events(handle), before);
    // The decision's task went straight to the normal queue: the server had unloaded A's sticky queue.
    expect(queues[0]).toBe(TaskQueueKind.TASK_QUEUE_KIND_NORMAL);
    expect(timedOut).toEqual([]);
    expect(startedBy.length).toBeGreaterThan(0);
    expect(new Set(startedBy)).toEqual(new Set([identityOf(b)]));
  });

  it('SIGKILL (the contrast): the next task first times out on the dead worker\'s sticky queue', async () => {
    // B now serves the campaigns; C takes over when B is killed.
    const handle = await campaignOn(b);
    const c = startWorker();
    await eventually(async () => ((await pollingWorkers()).includes(identityOf(c)) ? true : undefined), 'worker C polling', 90_000);
    const before = (await events(handle)).length;

    const exit = exitOf(b, 10_000);
    b.kill('SIGKILL');
    expect(await exit).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await approvePlatforms(handle)).toMatchObject({ gate: 'platforms', status: 'approved' });
    const { queues, startedBy, timedOut } = tasksAfter(await events(handle), before);
    expect(queues.slice(0, 2)).toEqual([TaskQueueKind.TASK_QUEUE_KIND_STICKY, TaskQueueKind.TASK_QUEUE_KIND_NORMAL]);
    // It waits out a timeout there: schedule-to-start, or start-to-close when the server handed the
    // task to the dead worker's last poll before it noticed the connection was gone (seen under load).
    expect(timedOut.length).toBeGreaterThan(0);
    expect([TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE])
      .toContain(timedOut[0]!.workflowTaskTimedOutEventAttributes?.timeoutType);
    expect(startedBy.at(-1)).toBe(identityOf(c));
  });
});
