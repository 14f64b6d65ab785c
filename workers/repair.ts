/**
 * `campaign repair <id>`: heals a campaign whose history the workflow code cannot replay.
 *
 * Temporal (TS SDK 1.24 with server 1.29) can record a workflow task in an order its own replay
 * does not reproduce: when a worker has died, a query that reaches the campaign while a new worker
 * takes it over carries events no workflow task has delivered yet (fired timers); the new worker
 * runs the workflow on them while answering the query and keeps their commands, and the next task,
 * which delivers only what is new (an Update, an activity result), is completed with those
 * commands first. Replay delivers all of that task's events in one activation and orders the
 * commands differently (docs/temporal-query-defect.md; `npm run chaos:replay-defect` reproduces it
 * without any campaign code). Such a campaign runs on while its worker keeps it cached, but its
 * status cannot be read once it leaves the cache, and it stops at the next worker restart.
 *
 * The repair replays the history on the current workflow code; when replay rejects an event, it
 * resets the campaign to the workflow task that recorded that event (the task's commands are
 * dropped), with the signals after it re-applied. A worker then runs that task again and records
 * it the way replay sees it. Everything after the reset point runs again; the activities it calls
 * are idempotent (records by key, channel effects by idempotency key), so nothing is recorded or
 * published twice (checked by the chaos trials, docs/benchmarks.md). Decisions made after the reset
 * point are listed: the campaign waits for them again, and their people make them again.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
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

/** A decision (an Update) the reset run does not carry: its person makes it again. */
export interface DecisionToRedo {
  update: string;
  input: unknown;
}

export type Repair =
  | { replays: true }
  | { replays: false; defect: ReplayDefect; reset: { runId: string } | 'dry-run'; redo: DecisionToRedo[] };
export type RepairResult = Repair & { campaignId: string };

export interface RepairOptions {
  workflowBundle: WorkflowBundleOption;
  /** Only find the defect and say where the reset would go. */
  dryRun?: boolean;
  /** Reset a campaign that has already finished (rehearsals: it runs again from the reset point). */
  evenIfClosed?: boolean;
}

/** Why a campaign is not repaired: replay fails for a reason that names no event, or it has finished. */
export class NotRepairableError extends Error {}

/** The enum from the server, or its name in a history read from JSON (`temporal workflow show -o json`). */
function isWorkflowTaskCompleted(type: unknown): boolean {
  return type === 7 || type === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED';
}

function isWorkflowTaskScheduled(type: unknown): boolean {
  return type === 5 || type === 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED';
}
/** temporal.api.enums.v1.ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE (the proto module is CommonJS). */
const RESET_REAPPLY_EXCLUDE_UPDATE = 2;
const REJECTED_EVENT = /HistoryEvent\(id: (\d+)/;

/** Replays the history; undefined when it replays, the defect when replay rejects an event. */
export async function findReplayDefect(history: History, workflowBundle: WorkflowBundleOption): Promise<ReplayDefect | undefined> {
  const message = await replayFailure(history, workflowBundle);
  if (message === undefined) return undefined;
  // Most rejections name the event ("HistoryEvent(id: 26, …)"); some only name types ("Activity
  // type of scheduled event 'x' does not match … 'y'"): then the first task whose commands replay
  // rejects is found by replaying longer and longer beginnings of the history.
  const named = Number(REJECTED_EVENT.exec(message)?.[1]);
  const resetTo = Number.isFinite(named) ? resetPointFor(history, named) : await firstRejectedTask(history, workflowBundle);
  if (resetTo === undefined) throw new NotRepairableError(`replay fails, but not at a workflow task a reset can redo: ${message.slice(0, 300)}`);
  return { event: Number.isFinite(named) ? named : resetTo + 1, message: message.slice(0, 300), resetTo };
}

/** Replay's error message, or undefined when the history replays. */
export async function replayFailure(history: History, workflowBundle: WorkflowBundleOption): Promise<string | undefined> {
  try {
    await Worker.runReplayHistory({ workflowBundle }, history, `repair-check-${randomUUID()}`);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The WorkflowTaskCompleted event of the first task whose commands replay rejects: a binary search
 * over the history cut after each completed task's commands (before the next task is scheduled).
 */
async function firstRejectedTask(history: History, workflowBundle: WorkflowBundleOption): Promise<number | undefined> {
  const events = history.events ?? [];
  const completed = events.flatMap((e, index) => (isWorkflowTaskCompleted(e.eventType) ? [index] : []));
  const cutAfter = (index: number) => {
    const next = events.findIndex((e, i) => i > index && isWorkflowTaskScheduled(e.eventType));
    return { ...history, events: events.slice(0, next === -1 ? events.length : next) };
  };
  let good = -1; // every task up to completed[good] replays
  let bad = completed.length - 1; // the history up to completed[bad] does not (the whole history fails)
  if (bad < 0) return undefined;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if ((await replayFailure(cutAfter(completed[mid]!), workflowBundle)) === undefined) good = mid;
    else bad = mid;
  }
  return Number(String(events[completed[bad]!]!.eventId));
}

/** The last WorkflowTaskCompleted before the rejected event: the task whose commands replay rejects. */
export function resetPointFor(history: History, rejectedEvent: number): number | undefined {
  let found: number | undefined;
  for (const e of history.events ?? []) {
    // Long from the server, a string from a JSON history, a number from a hand-built one.
    const id = Number(String(e.eventId));
    if (id >= rejectedEvent) break;
    if (isWorkflowTaskCompleted(e.eventType)) found = id;
  }
  return found;
}

export async function repairCampaign(
  client: Client,
  campaignId: string,
  opts: RepairOptions,
): Promise<RepairResult> {
  return { campaignId, ...(await repairWorkflow(client, campaignWorkflowId(campaignId), opts)) };
}

/** The repair for any workflow (`npm run chaos:replay-defect` repairs its minimal workflow with it). */
export async function repairWorkflow(
  client: Client,
  workflowId: string,
  opts: RepairOptions,
): Promise<Repair> {
  const description = await client.workflow.getHandle(workflowId).describe();
  const { runId } = description;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const defect = await findReplayDefect(history, opts.workflowBundle);
  if (!defect) return { replays: true };
  const redo = decisionsAfter(history, defect.resetTo);
  if (description.status.name !== 'RUNNING' && !opts.evenIfClosed && !opts.dryRun) {
    // A reset would run a finished campaign again from that task: days of timers and decisions.
    throw new NotRepairableError(
      `it has finished (${description.status.name.toLowerCase()}); a reset would run it again from event ${defect.resetTo}. ` +
        'Its report and records stay readable: `campaign report`, `campaign audit`.',
    );
  }
  if (opts.dryRun) return { replays: false, defect, reset: 'dry-run', redo };
  const response = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId, runId },
    reason: `campaign repair: replay rejects event ${defect.event}`,
    workflowTaskFinishEventId: Long.fromNumber(defect.resetTo),
    requestId: randomUUID(),
    // Signals are applied again. Updates are not: re-applied at the reset point all at once, a
    // decision that depended on time having passed (a consult window, a phase) would be refused and
    // lost, while its fixed Update id would keep the person from making it again.
    resetReapplyExcludeTypes: [RESET_REAPPLY_EXCLUDE_UPDATE],
  });
  return { replays: false, defect, reset: { runId: response.runId ?? '' }, redo };
}

/** The Updates accepted after the reset point, in order: what people decide again after a repair. */
export function decisionsAfter(history: History, resetTo: number): DecisionToRedo[] {
  return (history.events ?? [])
    .filter((e) => Number(String(e.eventId)) > resetTo && e.workflowExecutionUpdateAcceptedEventAttributes)
    .map((e) => {
      const input = e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest?.input;
      const payload = input?.args?.payloads?.[0];
      return { update: input?.name ?? '', input: payload ? defaultPayloadConverter.fromPayload(payload) : undefined };
    });
}
