/**
 * How a campaign's workflow stands, read from Temporal alone, so it answers with every worker
 * stopped: `describe` (status, the pending workflow task and activities), the task queue's
 * pollers, and, when a reason is needed, the history read backwards from its end. Never a query:
 * a query needs a worker, and a query is what can corrupt a running workflow
 * (docs/temporal-query-defect.md).
 *
 * The result names a problem in one sentence a manager understands, e.g. "The activity applyBudget
 * has been retrying for 12 min (attempt 9): …", or no problem at all.
 */
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import type { google, temporal as T } from '@temporalio/proto';

// A CommonJS module: its namespace is a property of the default export under Node's ESM loader.
const { EventType, PendingActivityState, PendingWorkflowTaskState, TaskQueueKind, TaskQueueType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;

type HistoryEvent = T.api.history.v1.IHistoryEvent;
type Failure = T.api.failure.v1.IFailure;
type PendingActivity = T.api.workflow.v1.IPendingActivityInfo;
type PendingWorkflowTask = T.api.workflow.v1.IPendingWorkflowTaskInfo;

/** The execution status, as Temporal names it (CANCELLED spelled the way the rest of this API spells it). */
export type WorkflowExecutionState =
  | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TERMINATED' | 'TIMED_OUT' | 'CANCELED' | 'CONTINUED_AS_NEW' | 'PAUSED' | 'UNKNOWN';

export type WorkflowProblemKind =
  | 'failed' | 'terminated' | 'timed-out' | 'canceled' | 'workflow-task-failing' | 'activity-retrying' | 'not-picked-up';

export interface WorkflowProblem {
  kind: WorkflowProblemKind;
  /** When the problem began (ISO 8601), when known. */
  since?: string;
  /** One plain sentence, for the person who owns the campaign. */
  sentence: string;
}

export interface WorkflowHealth {
  workflowId: string;
  /** The run described: the latest one of the workflow id. */
  runId: string;
  status: WorkflowExecutionState;
  /** ISO 8601; set once the run has closed. */
  closeTime?: string;
  /** The task queue its workflow tasks go to (the one a worker must poll). */
  taskQueue: string;
  problem?: WorkflowProblem;
}

/**
 * A workflow task that failed this many times in a row is a problem, whatever the cause: one
 * failure is often ordinary and heals on the next attempt (a worker that died mid-task, a command
 * the server refused because a new event arrived meanwhile).
 */
export const WORKFLOW_TASK_FAILURES_BEFORE_PROBLEM = 2;
/**
 * Failures that never heal by themselves (the same code meets the same history again): a problem
 * from the first one.
 */
const LASTING_TASK_FAILURES = new Set<number>([
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE,
]);
/**
 * An activity on this attempt or later is a problem: one retry is an ordinary blip of a platform
 * or the database; by the third attempt the failure has outlasted a backoff (2 s, then 4 s for
 * channel calls) and the campaign is held up.
 */
export const ACTIVITY_ATTEMPTS_BEFORE_PROBLEM = 3;
/**
 * A workflow task waiting this long without any worker starting it is a problem even when the task
 * queue has pollers: a task normally starts within milliseconds; the longest ordinary wait, a
 * crashed worker's sticky queue timing out (3 s here, 10 s by default) plus a worker restart that
 * bundles the workflow code (about 20 s), stays well below it.
 */
export const NOT_PICKED_UP_AFTER_MS = 60_000;
/** History pages (newest first) read at most to find a reason; a reason is near the end. */
const MAX_HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 100;

const STATUS_NAMES: Partial<Record<string, WorkflowExecutionState>> = {
  RUNNING: 'RUNNING', COMPLETED: 'COMPLETED', FAILED: 'FAILED', TERMINATED: 'TERMINATED', TIMED_OUT: 'TIMED_OUT',
  CANCELLED: 'CANCELED', CONTINUED_AS_NEW: 'CONTINUED_AS_NEW', PAUSED: 'PAUSED',
};

export function executionState(statusName: string): WorkflowExecutionState {
  return STATUS_NAMES[statusName] ?? 'UNKNOWN';
}

/**
 * The health of the workflow `workflowId` (its latest run). Reads Temporal only; works with every
 * worker stopped. A workflow id that names nothing rejects with the SDK's WorkflowNotFoundError.
 */
export async function workflowHealth(client: Client, workflowId: string, now: Date = new Date()): Promise<WorkflowHealth> {
  const description = await client.workflow.getHandle(workflowId).describe();
  const reader = historyReader(client, workflowId, description.runId);
  const health = baseHealth(description);
  const problem = await diagnose(description, {
    now,
    events: reader,
    hasPollers: () => hasWorkflowPollers(client, description.taskQueue),
  });
  return problem ? { ...health, problem } : health;
}

/**
 * For lists: the status visibility already gives, with a closed run's problem kind, without a
 * call per row. Its sentence names only the outcome; `workflowHealth` gives the reason.
 */
export function listedHealth(row: { workflowId: string; runId: string; taskQueue: string; status: { name: string }; closeTime?: Date | undefined }): WorkflowHealth {
  const status = executionState(row.status.name);
  const closeTime = row.closeTime?.toISOString();
  const health: WorkflowHealth = { workflowId: row.workflowId, runId: row.runId, status, taskQueue: row.taskQueue, ...(closeTime ? { closeTime } : {}) };
  const kind = CLOSED_PROBLEMS[status];
  if (!kind) return health;
  const subject = subjectOf(row.workflowId);
  return { ...health, problem: { kind, ...(closeTime ? { since: closeTime } : {}), sentence: `${subject} ${CLOSED_VERBS[kind]}${closeTime ? ` on ${humanTime(closeTime)}` : ''}.` } };
}

const CLOSED_PROBLEMS: Partial<Record<WorkflowExecutionState, WorkflowProblemKind>> = {
  FAILED: 'failed', TERMINATED: 'terminated', TIMED_OUT: 'timed-out', CANCELED: 'canceled',
};
const CLOSED_VERBS: Partial<Record<WorkflowProblemKind, string>> = {
  failed: 'failed', terminated: 'was terminated', 'timed-out': 'timed out', canceled: 'was canceled',
};

function baseHealth(description: WorkflowExecutionDescription): WorkflowHealth {
  return {
    workflowId: description.workflowId,
    runId: description.runId,
    status: executionState(description.status.name),
    taskQueue: description.taskQueue,
    ...(description.closeTime ? { closeTime: description.closeTime.toISOString() } : {}),
  };
}

/** What `diagnose` may look at besides the description; each is read only when needed. */
export interface HealthFacts {
  now: Date;
  /** The run's history, newest event first. */
  events: AsyncIterable<HistoryEvent>;
  /** Whether any worker polled the workflow's task queue lately (Temporal keeps a few minutes). */
  hasPollers(): Promise<boolean>;
}

/** The problem a description shows, most pressing first; undefined when there is none. */
export async function diagnose(description: WorkflowExecutionDescription, facts: HealthFacts): Promise<WorkflowProblem | undefined> {
  const status = executionState(description.status.name);
  const subject = subjectOf(description.workflowId);
  if (status !== 'RUNNING') return closedProblem(status, subject, facts.events);
  const task = description.raw.pendingWorkflowTask ?? undefined;
  return (
    (await failingWorkflowTask(task, description.workflowId, facts.events))
    ?? (await unpickedWorkflowTask(task, description.taskQueue, facts))
    ?? (await retryingActivity(description.raw.pendingActivities ?? [], facts))
  );
}

async function closedProblem(status: WorkflowExecutionState, subject: string, events: AsyncIterable<HistoryEvent>): Promise<WorkflowProblem | undefined> {
  const kind = CLOSED_PROBLEMS[status];
  if (!kind) return undefined;
  const closing = await first(events, (e) => CLOSING_EVENTS.has(e.eventType ?? 0));
  const since = isoTime(closing?.eventTime);
  const on = since ? ` on ${humanTime(since)}` : '';
  switch (kind) {
    case 'failed': {
      const reason = failureSentence(closing?.workflowExecutionFailedEventAttributes?.failure);
      return { kind, ...(since ? { since } : {}), sentence: sentence(`${subject} failed${on}${reason ? `: ${reason}` : ''}`) };
    }
    case 'terminated': {
      const attrs = closing?.workflowExecutionTerminatedEventAttributes;
      const by = attrs?.identity ? ` by ${attrs.identity}` : '';
      return { kind, ...(since ? { since } : {}), sentence: sentence(`${subject} was terminated${on}${by}${attrs?.reason ? `: ${attrs.reason}` : ''}`) };
    }
    case 'timed-out':
      return { kind, ...(since ? { since } : {}), sentence: `${subject} timed out${on}: it ran past its execution timeout.` };
    case 'canceled': {
      const request = await first(events, (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
      const attrs = request?.workflowExecutionCancelRequestedEventAttributes;
      const by = attrs?.identity ? ` at the request of ${attrs.identity}` : '';
      return { kind, ...(since ? { since } : {}), sentence: sentence(`${subject} was canceled${on}${by}${attrs?.cause ? `: ${attrs.cause}` : ''}`) };
    }
    default:
      return undefined;
  }
}

const CLOSING_EVENTS = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
]);

/**
 * A workflow task that keeps failing. Temporal writes only the first failure of a streak to
 * history (later attempts stay transient), so the newest WorkflowTaskFailed or WorkflowTaskTimedOut
 * says since when and why.
 */
async function failingWorkflowTask(task: PendingWorkflowTask | undefined, workflowId: string, events: AsyncIterable<HistoryEvent>): Promise<WorkflowProblem | undefined> {
  const failures = (task?.attempt ?? 1) - 1;
  if (failures < 1) return undefined;
  const failed = await first(events, (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED || e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
  const attrs = failed?.workflowTaskFailedEventAttributes ?? undefined;
  const nondeterministic = isNondeterminism(attrs);
  const lasting = nondeterministic || LASTING_TASK_FAILURES.has(attrs?.cause ?? -1);
  if (failures < WORKFLOW_TASK_FAILURES_BEFORE_PROBLEM && !lasting) return undefined;
  const since = isoTime(failed?.eventTime);
  const times = failures === 1 ? 'once' : `${failures} times`;
  return {
    kind: 'workflow-task-failing',
    ...(since ? { since } : {}),
    sentence: `Its workflow task has failed ${times}${since ? ` since ${humanTime(since)}` : ''}: ${taskFailureReason(failed, nondeterministic, workflowId)}.`,
  };
}

function taskFailureReason(failed: HistoryEvent | undefined, nondeterministic: boolean, workflowId: string): string {
  const attrs = failed?.workflowTaskFailedEventAttributes;
  if (nondeterministic) return `nondeterminism (the code cannot replay its history; \`campaign repair ${campaignIdOf(workflowId)}\` fixes it)`;
  if (attrs?.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE) {
    return `the workflow code threw an error (${attrs.failure ? rootMessage(attrs.failure) : 'no message'}); a fix to the code must be deployed`;
  }
  if (attrs) return `${causeName(attrs.cause)}${attrs.failure ? ` (${rootMessage(attrs.failure)})` : ''}`;
  if (failed?.workflowTaskTimedOutEventAttributes) return 'it timed out on the worker (a worker stopped mid-task, or the task takes too long)';
  return 'the reason is no longer in its history';
}

function isNondeterminism(attrs: T.api.history.v1.IWorkflowTaskFailedEventAttributes | null | undefined): boolean {
  if (!attrs) return false;
  return attrs.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR
    || /\bTMPRL1100\b|nondeterminism/i.test(attrs.failure?.message ?? '');
}

/**
 * A first workflow task nobody starts: no worker polls its task queue at all, or none has taken
 * the task for NOT_PICKED_UP_AFTER_MS. A task that failed before is the failing kind above.
 */
async function unpickedWorkflowTask(task: PendingWorkflowTask | undefined, taskQueue: string, facts: HealthFacts): Promise<WorkflowProblem | undefined> {
  if (!task || task.state !== PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED || (task.attempt ?? 1) > 1) return undefined;
  const scheduledMs = optionalTsToMs(task.originalScheduledTime) ?? optionalTsToMs(task.scheduledTime);
  if (scheduledMs === undefined) return undefined;
  const waitedMs = facts.now.getTime() - scheduledMs;
  const pollers = await facts.hasPollers();
  if (pollers && waitedMs < NOT_PICKED_UP_AFTER_MS) return undefined;
  const since = new Date(scheduledMs).toISOString();
  const text = pollers
    ? `No worker has picked it up for ${humanDuration(waitedMs)}, though workers poll task queue ${taskQueue}: are they overloaded, or running other code?`
    : waitedMs < NOT_PICKED_UP_AFTER_MS
      ? `No worker has picked it up, and none polls its task queue ${taskQueue}: is a campaign worker running on it?`
      : `No worker has picked it up for ${humanDuration(waitedMs)}: is a campaign worker running on task queue ${taskQueue}?`;
  return { kind: 'not-picked-up', since, sentence: text };
}

/** The activity furthest into its retries, once it is ACTIVITY_ATTEMPTS_BEFORE_PROBLEM attempts in. */
async function retryingActivity(activities: PendingActivity[], facts: HealthFacts): Promise<WorkflowProblem | undefined> {
  const worst = activities
    .filter((a) => (a.attempt ?? 1) >= ACTIVITY_ATTEMPTS_BEFORE_PROBLEM && a.state !== PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED)
    .sort((a, b) => (b.attempt ?? 1) - (a.attempt ?? 1))[0];
  if (!worst) return undefined;
  const scheduled = await first(facts.events, (e) => e.activityTaskScheduledEventAttributes?.activityId === worst.activityId);
  const sinceMs = optionalTsToMs(scheduled?.eventTime) ?? optionalTsToMs(worst.scheduledTime);
  const since = sinceMs === undefined ? undefined : new Date(sinceMs).toISOString();
  const name = worst.activityType?.name ?? 'an activity';
  const lasting = sinceMs === undefined ? '' : ` for ${humanDuration(facts.now.getTime() - sinceMs)}`;
  const failure = worst.lastFailure ? `: ${rootMessage(worst.lastFailure)}` : '';
  return {
    kind: 'activity-retrying',
    ...(since ? { since } : {}),
    sentence: sentence(`The activity ${name} has been retrying${lasting} (attempt ${worst.attempt})${failure}`),
  };
}

/** Whether workers polled the queue lately; when Temporal cannot say, assume so and go by the wait alone. */
async function hasWorkflowPollers(client: Client, taskQueue: string): Promise<boolean> {
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (pollers ?? []).length > 0;
  } catch {
    return true;
  }
}

/**
 * The run's history from its end, page by page as it is consumed, at most MAX_HISTORY_PAGES
 * pages; pages already read are kept, so several searches cost one read.
 */
function historyReader(client: Client, workflowId: string, runId: string): AsyncIterable<HistoryEvent> {
  const read: HistoryEvent[] = [];
  let token: Uint8Array | undefined;
  let pages = 0;
  let done = false;
  const nextPage = async () => {
    const response = await client.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: HISTORY_PAGE_SIZE,
      ...(token ? { nextPageToken: token } : {}),
    });
    pages += 1;
    read.push(...(response.history?.events ?? []));
    token = response.nextPageToken?.length ? response.nextPageToken : undefined;
    done = !token || pages >= MAX_HISTORY_PAGES;
  };
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; ; i++) {
        while (i >= read.length && !done) await nextPage();
        if (i >= read.length) return;
        yield read[i]!;
      }
    },
  };
}

/** Ends with a full stop unless the text (often a platform's own words) already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

async function first(events: AsyncIterable<HistoryEvent>, match: (e: HistoryEvent) => boolean): Promise<HistoryEvent | undefined> {
  for await (const event of events) if (match(event)) return event;
  return undefined;
}

/** "the activity applyBudget failed: platform answered 422 …": what failed, and the innermost why. */
function failureSentence(failure: Failure | null | undefined): string | undefined {
  if (!failure) return undefined;
  const activity = findInChain(failure, (f) => f.activityFailureInfo?.activityType?.name ?? undefined);
  const root = rootMessage(failure);
  return activity ? `the activity ${activity} failed: ${root}` : root;
}

function rootMessage(failure: Failure): string {
  let current: Failure = failure;
  while (current.cause) current = current.cause;
  return (current.message || failure.message || 'no message').trim();
}

function findInChain<R>(failure: Failure, pick: (f: Failure) => R | undefined): R | undefined {
  for (let current: Failure | null | undefined = failure; current; current = current.cause) {
    const found = pick(current);
    if (found !== undefined) return found;
  }
  return undefined;
}

function causeName(cause: number | null | undefined): string {
  const name = cause === undefined || cause === null ? undefined : WorkflowTaskFailedCause[cause];
  return (name ?? 'an unknown cause').replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '').toLowerCase().replace(/_/g, ' ');
}

/** Campaign workflows (`campaign:<id>`) are named as campaigns; anything else by its workflow id. */
function subjectOf(workflowId: string): string {
  return workflowId.startsWith('campaign:') ? 'The campaign\'s workflow' : `The workflow ${workflowId}`;
}

function campaignIdOf(workflowId: string): string {
  return workflowId.replace(/^campaign:/, '');
}

function isoTime(ts: google.protobuf.ITimestamp | null | undefined): string | undefined {
  const ms = optionalTsToMs(ts);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** "2026-12-04 10:12 UTC" */
export function humanTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** "45 s", "12 min", "3 h", "2 days": rounded down, the unit a person would say. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
