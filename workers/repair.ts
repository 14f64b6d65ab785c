/**
 * `campaign repair <id>` and the worker's self-healing (workers/self-heal.ts): heals a campaign
 * whose history the workflow code cannot replay.
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
 * dropped), with the signals after it re-applied by Temporal. A worker then runs that task again
 * and records it the way replay sees it. Everything after the reset point runs again; the
 * activities it calls are idempotent (records by key, channel effects by idempotency key), so
 * nothing is recorded or published twice (checked by the chaos trials, docs/benchmarks.md).
 *
 * Then every decision recorded after the reset point — each Update a person sent, read from the
 * old run's history (name, Update id and input of every WorkflowExecutionUpdateAccepted) — is sent
 * again in its original order, with the same Update id and input, each once the campaign admits
 * it: a validator's "not yet" (the gate is not open, the phase has not come) means the re-run has
 * not caught up, so it is tried again until a deadline. What could not be re-applied is reported
 * with the validator's reason; nobody is asked for a decision they already made.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import Long from 'long';
import type { Logger } from 'pino';
import { notificationActivities, type NotifyDirectory, type SmtpSettings } from '../activities/notifications/index.js';
import { isBudgetApprovalId } from '../domain/allocation/approval.js';
import { ErrorType } from '../domain/errors.js';
import { notifyRecipients } from '../domain/notifications/audience.js';
import type { NoticeMessage } from '../domain/notifications/messages.js';
import type { Plan } from '../domain/plan/schema.js';
import type { RecordsStore } from '../store/index.js';
import { campaignWorkflowId, type CampaignInput } from '../workflows/contract.js';

type History = temporal.api.history.v1.IHistory;

export interface ReplayDefect {
  /** The first history event replay rejects. */
  event: number;
  /** Replay's own words. */
  message: string;
  /** The WorkflowTaskCompleted event of the task that recorded `event`: where the repair resets. */
  resetTo: number;
}

/** A decision (an Update) recorded after the reset point: the reset run does not carry it, so it is sent again. */
export interface RecordedDecision {
  /** The Update's name (decide, prepare, consult, …). */
  update: string;
  /** Its Update id: sent again under the same id, so a copy someone else sent meanwhile is applied once. */
  updateId: string;
  /** Its first argument (what the person sent), for people to read. */
  input: unknown;
  /** Every argument as it was sent. */
  args: unknown[];
}

/** A recorded decision sent again: accepted by the reset run, or already there (someone did it again first). */
export interface ReappliedDecision {
  update: string;
  updateId: string;
  input: unknown;
  outcome: 'accepted' | 'already-done';
}

/** A recorded decision the reset run refused: its person has to look at it again. */
export interface DecisionNotReapplied {
  update: string;
  updateId: string;
  input: unknown;
  /** The validator's words, or why it could not be sent. */
  reason: string;
  /** The refusal's type from domain/errors.ts, when the validator gave one. */
  type?: string;
}

export interface ResetDone {
  /** The run the reset started. */
  runId: string;
  /** The run that could not be replayed (Temporal terminated it with the reset). */
  previousRunId: string;
}

export type Repair =
  | { replays: true }
  | { replays: false; defect: ReplayDefect; reset: 'dry-run'; redo: RecordedDecision[] }
  | { replays: false; defect: ReplayDefect; reset: ResetDone; reapplied: ReappliedDecision[]; notReapplied: DecisionNotReapplied[] };
export type RepairResult = Repair & { campaignId: string };

export interface RepairOptions {
  workflowBundle: WorkflowBundleOption;
  /** Only find the defect and say where the reset would go. */
  dryRun?: boolean;
  /** Reset a campaign that has already finished (rehearsals: it runs again from the reset point). */
  evenIfClosed?: boolean;
  /** How long a decision the reset run does not admit yet is tried again (default 5 minutes). */
  reapplyWithinMs?: number;
  /** Pause between tries of a decision not admitted yet (default 500 ms). */
  retryEveryMs?: number;
  /** Who resets, as Temporal records the reason (default `campaign repair`); what replay rejects is added. */
  reason?: string;
  /** Stops waiting for decisions not admitted yet (each remaining one is tried once): the process is stopping. */
  signal?: AbortSignal;
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

/** Where a repair is written down and who hears of it. */
export interface RepairAnnouncement {
  store: Pick<RecordsStore, 'audit' | 'deliveries'>;
  log: Logger;
  smtp?: SmtpSettings | undefined;
  /** Notify targets by name (the secrets file), for the owner's notice. */
  notifyTargets?: NotifyDirectory | undefined;
  /** Who repaired, as the audit trail names the actor: `self-healing` (a worker) or `campaign repair` (an operator). */
  by: string;
}

/**
 * Repairs one campaign. A reset is written to the campaign's audit trail (`campaign-repaired`:
 * the rejected event, the reset point, the runs, what was re-applied and what was not) and the
 * owner is told through the same notification path the campaign's own notices take.
 */
export async function repairCampaign(
  client: Client,
  campaignId: string,
  opts: RepairOptions & { announce?: RepairAnnouncement },
): Promise<RepairResult> {
  const result: RepairResult = { campaignId, ...(await repairWorkflow(client, campaignWorkflowId(campaignId), opts)) };
  if (opts.announce && !result.replays && result.reset !== 'dry-run') await announceRepair(client, result, opts.announce);
  return result;
}

type ResetRepair = Extract<RepairResult, { reset: ResetDone }>;

/** A reset a repair made, as the reset run's history shows it: the repair's reason, both runs, the reset point. */
export interface RepairReset extends ResetDone {
  resetTo: number;
  rejectedEvent: number;
  reason: string;
}

const REPAIR_REASON = /^(self-healing|campaign repair)\b.*replay rejects event (\d+)/s;
/** temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW. */
const CAUSE_RESET_WORKFLOW = 20;

/** The reset by a repair that started this run, if one did (the last reset in its history). */
export function repairResetOf(history: History): RepairReset | undefined {
  const reset = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes?.cause === CAUSE_RESET_WORKFLOW).at(-1);
  const attrs = reset?.workflowTaskFailedEventAttributes;
  const reason = attrs?.failure?.message ?? '';
  const match = REPAIR_REASON.exec(reason);
  if (!reset || !attrs?.baseRunId || !match) return undefined;
  // The reset run copies the old run's events up to the task it redoes, and records the reset in
  // place of that task's completion: its id is the reset point.
  return {
    previousRunId: attrs.baseRunId, runId: attrs.newRunId ?? '', resetTo: Number(String(reset.eventId)), rejectedEvent: Number(match[2]), reason,
  };
}

/**
 * Finishes a repair whose process stopped after the reset and before it had re-applied the
 * decisions and written the audit event: the decisions are sent again (those already re-applied
 * are answered from their Update ids), then it is recorded and announced as any repair.
 */
export async function resumeRepair(
  client: Client,
  campaignId: string,
  reset: RepairReset,
  opts: Pick<RepairOptions, 'reapplyWithinMs' | 'retryEveryMs' | 'signal'> & { announce: RepairAnnouncement },
): Promise<ResetRepair> {
  const workflowId = campaignWorkflowId(campaignId);
  const old = await client.workflow.getHandle(workflowId, reset.previousRunId).fetchHistory();
  const outcome = await reapplyDecisions(client, workflowId, decisionsAfter(old, reset.resetTo), opts);
  const result: ResetRepair = {
    campaignId, replays: false,
    defect: { event: reset.rejectedEvent, resetTo: reset.resetTo, message: `${reset.reason} (re-application resumed)` },
    reset: { runId: reset.runId, previousRunId: reset.previousRunId },
    ...outcome,
  };
  await announceRepair(client, result, opts.announce);
  return result;
}

async function announceRepair(client: Client, result: ResetRepair, to: RepairAnnouncement): Promise<void> {
  const { campaignId, defect, reset, reapplied, notReapplied } = result;
  const at = new Date().toISOString();
  // The audit event and the notice are keyed by the run that was replaced: announced once.
  const key = `repair:${reset.previousRunId}`;
  await to.store.audit.record({
    campaignId, eventKey: key, kind: 'campaign-repaired', actor: to.by, at,
    detail: {
      rejectedEvent: defect.event, resetTo: defect.resetTo, reason: defect.message,
      previousRunId: reset.previousRunId, runId: reset.runId, reapplied, notReapplied,
    },
  });
  const plan = await campaignPlan(client, campaignId, reset.runId);
  if (!plan) return;
  const notify = notificationActivities({
    store: to.store, log: to.log, ...(to.smtp ? { smtp: to.smtp } : {}), ...(to.notifyTargets ? { targets: to.notifyTargets } : {}),
  });
  await notify.notifyPeople({
    campaignId, notificationKey: key, recipients: notifyRecipients(plan, [plan.owner]), message: repairNotice(campaignId, plan, result, at),
  });
}

/** The plan the campaign runs, from its start event (a reset run keeps it). */
async function campaignPlan(client: Client, campaignId: string, runId: string): Promise<Plan | undefined> {
  const history = await client.workflow.getHandle(campaignWorkflowId(campaignId), runId).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<CampaignInput>(payload).plan : undefined;
}

function repairNotice(campaignId: string, plan: Plan, result: ResetRepair, at: string): NoticeMessage {
  const { reapplied, notReapplied } = result;
  const list = (d: { update: string; reason?: string; input: unknown }) => {
    const by = (d.input as { by?: unknown } | undefined)?.by;
    return `${d.update}${typeof by === 'string' ? ` (${by})` : ''}${d.reason ? `: ${d.reason}` : ''}`;
  };
  return {
    kind: 'notice', topic: 'campaign-repaired', at,
    campaign: { id: campaignId, name: plan.name, timezone: plan.timezone },
    title: { 'zh-CN': `活动「${plan.name}」已自动修复`, en: `Campaign "${plan.name}" was repaired` },
    lines: [
      {
        'zh-CN': `Temporal 记录的一个工作流任务无法重放，活动已重置到事件 ${result.defect.resetTo} 并继续运行。`,
        en: `Temporal recorded a workflow task its replay rejects; the campaign was reset to event ${result.defect.resetTo} and runs on.`,
      },
      {
        'zh-CN': `重新提交的决定：${reapplied.length} 项。`,
        en: `Decisions re-applied: ${reapplied.length}.`,
      },
      ...(notReapplied.length
        ? [{
          'zh-CN': `未能重新提交（请相关人员再看一下）：${notReapplied.map(list).join('；')}`,
          en: `Not re-applied (their people should look again): ${notReapplied.map(list).join('; ')}`,
        }]
        : []),
    ],
    commands: [{ label: { 'zh-CN': '查看审计记录', en: 'See the audit trail' }, text: `campaign audit ${campaignId}` }],
  };
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
  if (description.status.name !== 'RUNNING' && !opts.evenIfClosed && !opts.dryRun) {
    // A reset would run a finished campaign again from that task: days of timers and decisions.
    throw new NotRepairableError(
      `it has finished (${description.status.name.toLowerCase()}); a reset would run it again from event ${defect.resetTo}. ` +
        'Its report and records stay readable: `campaign report`, `campaign audit`.',
    );
  }
  if (opts.dryRun) return { replays: false, defect, reset: 'dry-run', redo: decisionsAfter(history, defect.resetTo) };
  const response = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId, runId },
    reason: `${opts.reason ?? 'campaign repair'}: replay rejects event ${defect.event}`,
    workflowTaskFinishEventId: Long.fromNumber(defect.resetTo),
    requestId: randomUUID(),
    // Signals are applied again by Temporal. Updates are sent again below, one by one, each when
    // the reset run admits it: applied all at once at the reset point, a decision that depended on
    // time having passed (a consult window, a phase) would be refused, and its fixed Update id
    // would then keep its person from making it again.
    resetReapplyExcludeTypes: [RESET_REAPPLY_EXCLUDE_UPDATE],
  });
  const reset = { runId: response.runId ?? '', previousRunId: runId };
  // The reset closed the old run: its history is now complete, with every decision that reached it
  // after the history replayed above was read.
  const complete = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const outcome = await reapplyDecisions(client, workflowId, decisionsAfter(complete, defect.resetTo), opts);
  return { replays: false, defect, reset, ...outcome };
}

/** The Updates accepted after the reset point, in order: what the repair sends again. */
export function decisionsAfter(history: History, resetTo: number): RecordedDecision[] {
  return (history.events ?? [])
    .filter((e) => Number(String(e.eventId)) > resetTo && e.workflowExecutionUpdateAcceptedEventAttributes)
    .map((e) => {
      const request = e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest;
      const args = (request?.input?.args?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
      return { update: request?.input?.name ?? '', updateId: request?.meta?.updateId ?? '', input: args[0], args };
    });
}

/**
 * Refusals that say "not yet": the reset run has not caught up with where the decision was made
 * (the gate is not open or not deciding yet, its checklist is ticked by a decision before it, a
 * task's dependencies are done by one, the phase has not come).
 */
const NOT_YET = new Set<string>([
  ErrorType.GateNotOpen, ErrorType.GateClosed, ErrorType.ChecklistIncomplete, ErrorType.TaskBlocked, ErrorType.WrongPhase,
]);

/**
 * Sends the recorded decisions again, in order, under their own Update ids. A decision the
 * campaign does not admit yet is tried again until `reapplyWithinMs` has passed since the first
 * one was sent; after that, each remaining one is tried once.
 */
export async function reapplyDecisions(
  client: Client,
  workflowId: string,
  decisions: RecordedDecision[],
  opts: Pick<RepairOptions, 'reapplyWithinMs' | 'retryEveryMs' | 'signal'> = {},
): Promise<{ reapplied: ReappliedDecision[]; notReapplied: DecisionNotReapplied[] }> {
  const deadline = Date.now() + (opts.reapplyWithinMs ?? 5 * 60_000);
  const retryEveryMs = opts.retryEveryMs ?? 500;
  const handle = client.workflow.getHandle(workflowId);
  const reapplied: ReappliedDecision[] = [];
  const notReapplied: DecisionNotReapplied[] = [];
  for (const decision of decisions) {
    const { update, updateId, input } = decision;
    for (;;) {
      try {
        await handle.executeUpdate(update, { args: decision.args as [unknown, ...unknown[]], updateId });
        reapplied.push({ update, updateId, input, outcome: 'accepted' });
        break;
      } catch (err) {
        const refusal = refusalOf(err);
        if (refusal?.type === ErrorType.AlreadyDone) {
          reapplied.push({ update, updateId, input, outcome: 'already-done' });
          break;
        }
        // Not admitted yet, or no answer (the reset run's first task, a worker restarting): again.
        const again = refusal ? NOT_YET.has(refusal.type ?? '') || proposalNotYetMade(decision, refusal.type) : true;
        if (!again || Date.now() + retryEveryMs > deadline || opts.signal?.aborted) {
          notReapplied.push({ update, updateId, input, reason: refusal?.message ?? (err as Error).message, ...(refusal?.type ? { type: refusal.type } : {}) });
          break;
        }
        await new Promise((r) => setTimeout(r, retryEveryMs));
      }
    }
  }
  return { reapplied, notReapplied };
}

/** A budget approval refused as unknown: the re-run's review has not proposed the moves again yet. */
function proposalNotYetMade(decision: RecordedDecision, type: string | undefined): boolean {
  const gate = (decision.input as { gate?: unknown } | undefined)?.gate;
  return decision.update === 'decide' && type === ErrorType.UnknownGate && typeof gate === 'string' && isBudgetApprovalId(gate);
}

/** The validator's (or handler's) refusal inside an Update failure; undefined for any other error. */
function refusalOf(err: unknown): { message: string; type?: string } | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return { message: cause.message, ...(cause.type ? { type: cause.type } : {}) };
  return { message: cause?.message ?? err.message };
}
