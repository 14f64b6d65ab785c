/**
 * `campaign repair <id>`: heals a campaign whose history the workflow code cannot replay.
 *
 * Temporal (TS SDK 1.24 with server 1.29) can record a workflow task in an order its own replay
 * does not reproduce: when a worker has died, a query and an Update that reach the campaign while
 * a new worker takes it over can leave the Update accepted after commands that replay puts after
 * it (docs/benchmarks.md, "Known finding"; `npm run chaos:replay-defect` reproduces it without any
 * campaign code). Such a campaign runs on while its worker keeps it cached, but its status cannot be
 * read once it leaves the cache, and it stops at the next worker restart.
 *
 * The repair replays the history on the current workflow code; when replay rejects an event, it
 * resets the campaign to the workflow task that recorded that event (the task's commands are
 * dropped) with every signal and Update after it re-applied. A worker then runs that task again
 * and records it the way replay sees it. Everything after the reset point runs again; the
 * activities it calls are idempotent (records by key, channel effects by idempotency key), so
 * nothing is recorded or published twice (checked by the chaos trials, docs/benchmarks.md).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import Long from 'long';
import { campaignWorkflowId } from '../workflows/contract.js';

type History = temporal.api.history.v1.IHistory;

export interface ReplayDefect {
  /** The first history event replay rejects. */
  event: number;
  /** Replay's own words. */
  message: string;
  /** The WorkflowTaskCompleted event of the task that recorded `event`: where the repair resets. */
  resetTo: number;
}

export type Repair = { replays: true } | { replays: false; defect: ReplayDefect; reset: { runId: string } | 'dry-run' };
export type RepairResult = Repair & { campaignId: string };

/** Why a campaign cannot be repaired this way (replay failed for a reason that names no event). */
export class NotRepairableError extends Error {}

const WORKFLOW_TASK_COMPLETED = 7; // temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
const REJECTED_EVENT = /HistoryEvent\(id: (\d+)/;

/** Replays the history; undefined when it replays, the defect when replay rejects an event. */
export async function findReplayDefect(history: History, workflowBundle: WorkflowBundleOption): Promise<ReplayDefect | undefined> {
  try {
    await Worker.runReplayHistory({ workflowBundle }, history, `repair-check-${randomUUID()}`);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    const event = Number(REJECTED_EVENT.exec(message)?.[1]);
    const resetTo = Number.isFinite(event) ? resetPointFor(history, event) : undefined;
    if (resetTo === undefined) throw new NotRepairableError(`replay fails, but not at an event a reset can redo: ${message.slice(0, 300)}`);
    return { event, message: message.slice(0, 300), resetTo };
  }
}

/** The last WorkflowTaskCompleted before the rejected event: the task whose commands replay rejects. */
export function resetPointFor(history: History, rejectedEvent: number): number | undefined {
  let found: number | undefined;
  for (const e of history.events ?? []) {
    const id = Number(e.eventId);
    if (id >= rejectedEvent) break;
    if (e.eventType === WORKFLOW_TASK_COMPLETED) found = id;
  }
  return found;
}

export async function repairCampaign(
  client: Client,
  campaignId: string,
  opts: { workflowBundle: WorkflowBundleOption; dryRun?: boolean },
): Promise<RepairResult> {
  return { campaignId, ...(await repairWorkflow(client, campaignWorkflowId(campaignId), opts)) };
}

/** The repair for any workflow (`npm run chaos:replay-defect` repairs its minimal workflow with it). */
export async function repairWorkflow(
  client: Client,
  workflowId: string,
  opts: { workflowBundle: WorkflowBundleOption; dryRun?: boolean },
): Promise<Repair> {
  const runId = (await client.workflow.getHandle(workflowId).describe()).runId;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const defect = await findReplayDefect(history, opts.workflowBundle);
  if (!defect) return { replays: true };
  if (opts.dryRun) return { replays: false, defect, reset: 'dry-run' };
  const response = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId, runId },
    reason: `campaign repair: replay rejects event ${defect.event}`,
    workflowTaskFinishEventId: Long.fromNumber(defect.resetTo),
    requestId: randomUUID(),
    // Every decision, answer and signal after the reset point is applied again.
    resetReapplyExcludeTypes: [],
  });
  return { replays: false, defect, reset: { runId: response.runId ?? '' } };
}
