/**
 * Self-healing in the worker: a campaign whose history its workflow code cannot replay (the
 * Temporal defect in docs/benchmarks.md, "Known finding") is noticed and repaired
 * (workers/repair.ts) without anyone running `campaign repair`.
 *
 * What tells us, cheapest first (server 1.29.1 has no `TemporalReportedProblems` search attribute:
 * a visibility query naming it is refused as "not a valid search attribute"; it came with 1.30):
 *
 * 1. **The worker's own report.** When a workflow task fails on this worker, Temporal's native core
 *    logs `Failing workflow task` with the run id and the failure (`[TMPRL1100] Nondeterminism
 *    error: …`, cause NonDeterministicError); a legacy query that cannot replay logs `Failing legacy
 *    query request` the same way. Both reach the process through `Runtime.install`'s logger
 *    (platform/logger.ts, `onTemporalCoreReport`), which forwards only warnings: nothing is paid
 *    while campaigns are healthy. The core reports a run's failure once (later attempts are not
 *    reported again), hence the sweep.
 * 2. **A sweep of the open campaigns on the worker's task queue**, every `sweepEveryMs`: one
 *    visibility list and one `describe()` each. A pending workflow task on attempt 2 or later whose
 *    last failure in the history was a nondeterminism error is repaired (a repair that could not run
 *    at the first report, e.g. while PostgreSQL was away, is taken up here). The sweep also finds the
 *    defect before anything fails: the defect is always the first task after a takeover — a workflow
 *    task that timed out on a dead worker's sticky queue (`WorkflowTaskTimedOut`, schedule-to-start)
 *    — and the new worker runs on from its cache, so nothing fails until the campaign leaves that
 *    cache (the next worker restart, or after it closed: then too late for a reset). So a campaign
 *    whose history grew since the last sweep is read, and replayed only when it shows a takeover
 *    not yet checked: one replay per takeover, none for a campaign that was never taken over.
 *
 * One repairer per campaign: the repair runs under the campaign's advisory lock in PostgreSQL
 * (store/locks.ts), so two workers (or a worker and `campaign repair`) never reset one campaign
 * twice; a worker that does not get the lock leaves the campaign to the one that has it. Without the
 * lock the reset would still be safe to attempt twice — the second repairer finds a current run that
 * replays and does nothing — but two could re-apply the same decisions at once.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { NotifyDirectory, SmtpSettings } from '../activities/notifications/index.js';
import { onTemporalCoreReport, type TemporalCoreReport } from '../platform/logger.js';
import type { RecordsStore } from '../store/index.js';
import { WORKFLOW_TYPE } from '../workflows/contract.js';
import { findReplayDefect, NotRepairableError, repairCampaign, repairResetOf, resumeRepair, type RepairResult } from './repair.js';

type History = temporal.api.history.v1.IHistory;

export interface SelfHealingOptions {
  client: Client;
  store: Pick<RecordsStore, 'audit' | 'deliveries' | 'locks'>;
  taskQueue: string;
  /** The workflow code the worker runs: histories are replayed on it. */
  workflowBundle: WorkflowBundleOption;
  log: Logger;
  smtp?: SmtpSettings | undefined;
  /** The worker's notify targets by name, for the owner's notice of a repair. */
  notifyTargets?: NotifyDirectory | undefined;
  /** How often open campaigns are swept (default 60 s). */
  sweepEveryMs?: number;
  /** How long a re-applied decision the reset run does not admit yet is tried again (default 5 min). */
  reapplyWithinMs?: number;
}

export interface SelfHealing {
  /** The repairs this worker made, in order. */
  readonly repairs: RepairResult[];
  /** Stops listening and sweeping; waits for a repair under way. */
  stop(): Promise<void>;
}

const DEFAULT_SWEEP_MS = 60_000;
const FAILED_TASK = /^Failing (workflow task|legacy query request)/;
const NONDETERMINISM = /TMPRL1100|Nondeterminism|NonDeterministicError/;
/** temporal.api.enums.v1: EventType, TimeoutType, WorkflowTaskFailedCause (the proto module is CommonJS). */
const EVENT_WORKFLOW_TASK_COMPLETED = 7;
const EVENT_WORKFLOW_TASK_TIMED_OUT = 8;
const EVENT_WORKFLOW_TASK_FAILED = 9;
const TIMEOUT_SCHEDULE_TO_START = 2;
const CAUSE_NON_DETERMINISTIC = 24;

export function startSelfHealing(opts: SelfHealingOptions): SelfHealing {
  const log = opts.log.child({ component: 'self-healing' });
  const sweepEveryMs = opts.sweepEveryMs ?? DEFAULT_SWEEP_MS;
  const repairs: RepairResult[] = [];
  /** Run id → workflow id of the open campaigns on this task queue, as the last sweep saw them. */
  const runs = new Map<string, string>();
  /** Per campaign: the history length last read, and the last event checked for a takeover. */
  const checked = new Map<string, { historyLength: number; verifiedThrough: number }>();
  const healing = new Map<string, Promise<void>>();
  /** Runs a repair has replaced: later reports about them are old news. */
  const replaced = new Set<string>();
  let stopped = false;
  const stopping = new AbortController();
  let wake: (() => void) | undefined;

  const heal = (workflowId: string, why: string): Promise<void> => {
    const under = healing.get(workflowId);
    if (under) return under;
    const campaignId = workflowId.replace(/^campaign:/, '');
    const run = (async () => {
      try {
        const locked = await opts.store.locks.withCampaignLock(campaignId, 'repair', () => repairCampaign(opts.client, campaignId, {
          workflowBundle: opts.workflowBundle,
          reason: `self-healing: ${why}`,
          signal: stopping.signal,
          ...(opts.reapplyWithinMs !== undefined ? { reapplyWithinMs: opts.reapplyWithinMs } : {}),
          announce: { store: opts.store, log, smtp: opts.smtp, notifyTargets: opts.notifyTargets, by: 'self-healing' },
        }));
        if (!locked.locked) {
          log.info({ campaignId }, 'another process is repairing this campaign');
          return;
        }
        const result = locked.value;
        if (result.replays) return;
        if (result.reset !== 'dry-run') {
          replaced.add(result.reset.previousRunId);
          checked.delete(workflowId);
        }
        repairs.push(result);
        log.warn({ campaignId, why, defect: result.defect, result }, 'campaign repaired');
      } catch (err) {
        if (err instanceof NotRepairableError) log.warn({ campaignId, why, reason: err.message }, 'campaign not repairable');
        else log.warn({ campaignId, why, err: (err as Error).message }, 'repair failed; the sweep tries again');
        // Read afresh next time: a reset that was made is finished from its history (finishInterruptedRepair).
        checked.delete(workflowId);
      } finally {
        healing.delete(workflowId);
      }
    })();
    healing.set(workflowId, run);
    return run;
  };

  const onReport = (report: TemporalCoreReport): void => {
    if (stopped || !FAILED_TASK.test(report.message) || !NONDETERMINISM.test(String(report.fields.failure ?? ''))) return;
    const runId = String(report.fields.runId ?? report.fields.run_id ?? '');
    if (!runId || replaced.has(runId)) return;
    void workflowOfRun(runId).then((workflowId) => {
      if (workflowId && !stopped) return heal(workflowId, `a workflow task of run ${runId} failed to replay`);
      return undefined;
    });
  };

  /** The campaign on this task queue with that run, from the last sweep or from visibility (which may lag a little). */
  async function workflowOfRun(runId: string): Promise<string | undefined> {
    for (let tries = 0; tries < 20 && !stopped; tries++) {
      const known = runs.get(runId);
      if (known) return known;
      const query = `WorkflowType = '${WORKFLOW_TYPE}' AND TaskQueue = '${opts.taskQueue}' AND RunId = '${runId}'`;
      try {
        for await (const wf of opts.client.workflow.list({ query })) return wf.workflowId;
      } catch {
        // The server may be away for a moment: look again.
      }
      await pause(500);
    }
    return undefined; // another task queue's run (a replay, or another worker in this process)
  }

  async function sweep(): Promise<void> {
    const open: WorkflowExecutionInfo[] = [];
    const query = `WorkflowType = '${WORKFLOW_TYPE}' AND TaskQueue = '${opts.taskQueue}' AND ExecutionStatus = 'Running'`;
    for await (const wf of opts.client.workflow.list({ query })) open.push(wf);
    runs.clear();
    for (const wf of open) runs.set(wf.runId, wf.workflowId);
    for (const wf of open) {
      if (stopped) return;
      await checkCampaign(wf.workflowId).catch((err: unknown) => log.debug({ workflowId: wf.workflowId, err: (err as Error).message }, 'sweep could not check a campaign'));
    }
  }

  async function checkCampaign(workflowId: string): Promise<void> {
    if (healing.has(workflowId)) return;
    const handle = opts.client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    const historyLength = description.historyLength;
    const seen = checked.get(workflowId);
    const failing = (description.raw.pendingWorkflowTask?.attempt ?? 1) > 1;
    if (!failing && seen?.historyLength === historyLength) return;
    const history = await handle.fetchHistory();
    if (!seen && !(await finishInterruptedRepair(workflowId, history))) return;
    if (failing && lastTaskFailureIsNondeterminism(history)) {
      await heal(workflowId, 'its workflow task keeps failing with a nondeterminism error');
      return;
    }
    // Checked through the last completed task: a takeover whose task has not completed yet is seen next time.
    const lastCompleted = eventId((history.events ?? []).filter((e) => e.eventType === EVENT_WORKFLOW_TASK_COMPLETED).at(-1));
    const takeover = takeoverSince(history, seen?.verifiedThrough ?? 0);
    if (takeover !== undefined) {
      const defect = await findReplayDefect(history, opts.workflowBundle);
      if (defect) {
        await heal(workflowId, `its history does not replay after a worker takeover at event ${takeover}`);
        return;
      }
    }
    checked.set(workflowId, { historyLength, verifiedThrough: lastCompleted });
  }

  /**
   * A run started by a repair's reset whose repair left no audit event: the process that reset it
   * stopped (a crash, a kill) before it had sent the decisions again. This one finishes it.
   */
  async function finishInterruptedRepair(workflowId: string, history: History): Promise<boolean> {
    const reset = repairResetOf(history);
    if (!reset || healing.has(workflowId)) return true;
    const campaignId = workflowId.replace(/^campaign:/, '');
    const recorded = (await opts.store.audit.trail(campaignId))
      .some((e) => e.kind === 'campaign-repaired' && e.detail.previousRunId === reset.previousRunId);
    if (recorded) return true;
    let finished = false;
    const run = (async () => {
      try {
        const locked = await opts.store.locks.withCampaignLock(campaignId, 'repair', () => resumeRepair(opts.client, campaignId, reset, {
          signal: stopping.signal,
          ...(opts.reapplyWithinMs !== undefined ? { reapplyWithinMs: opts.reapplyWithinMs } : {}),
          announce: { store: opts.store, log, smtp: opts.smtp, notifyTargets: opts.notifyTargets, by: 'self-healing' },
        }));
        if (locked.locked) {
          repairs.push(locked.value);
          finished = true;
          log.warn({ campaignId, result: locked.value }, 'interrupted repair finished');
        }
      } catch (err) {
        log.warn({ campaignId, err: (err as Error).message }, 'could not finish an interrupted repair; the sweep tries again');
      } finally {
        healing.delete(workflowId);
      }
    })();
    healing.set(workflowId, run);
    await run;
    // Not finished (another process holds the lock, or it failed): looked at afresh next sweep.
    return finished;
  }

  const stopListening = onTemporalCoreReport(onReport);
  const sweeping = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sweepEveryMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) break;
      await sweep().catch((err: unknown) => log.debug({ err: (err as Error).message }, 'sweep failed; next time'));
    }
  })();

  return {
    repairs,
    async stop() {
      stopped = true;
      stopping.abort();
      stopListening();
      wake?.();
      await sweeping;
      await Promise.all([...healing.values()]);
    },
  };
}

function eventId(event: temporal.api.history.v1.IHistoryEvent | undefined): number {
  return Number(String(event?.eventId ?? 0));
}

/** The last workflow task failure in the history was a nondeterminism error. */
function lastTaskFailureIsNondeterminism(history: History): boolean {
  const failed = (history.events ?? []).filter((e) => e.eventType === EVENT_WORKFLOW_TASK_FAILED).at(-1);
  return failed?.workflowTaskFailedEventAttributes?.cause === CAUSE_NON_DETERMINISTIC;
}

/**
 * The first event after `after` at which a workflow task timed out on a sticky queue and a later
 * task completed: a worker took the campaign over from one that had died, and recorded a task.
 */
function takeoverSince(history: History, after: number): number | undefined {
  let timedOut: number | undefined;
  for (const e of history.events ?? []) {
    const id = eventId(e);
    if (id <= after) continue;
    if (e.eventType === EVENT_WORKFLOW_TASK_TIMED_OUT && e.workflowTaskTimedOutEventAttributes?.timeoutType === TIMEOUT_SCHEDULE_TO_START) timedOut ??= id;
    if (timedOut !== undefined && e.eventType === EVENT_WORKFLOW_TASK_COMPLETED) return timedOut;
  }
  return undefined;
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
