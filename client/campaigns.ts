/**
 * Client-side lifecycle of a campaign, in one place: start, decide, status, list. The CLI and
 * (later) the HTTP API both go through these functions.
 */
import { randomUUID } from 'node:crypto';
import {
  Client, Connection, WorkflowIdReusePolicy, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError,
  WorkflowUpdateFailedError, WorkflowFailedError, ServiceError, isGrpcServiceError,
} from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType, exitCodeFor } from '../domain/errors.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';
import type { TemporalTarget } from '../platform/temporal-profile.js';
import { unreachableCause } from '../platform/temporal-reachability.js';
import { CampaignError, noCampaign } from './campaign-error.js';
import type { Messages } from './i18n/messages.js';
import { readCampaign, type CampaignReading, type CampaignSource } from './read-model.js';
import { listedHealth, workflowHealth } from './workflow-health.js';
import {
  acknowledgementInputSchema, consultationInputSchema, decisionInputSchema, initialWaitingOn, preparationInputSchema,
  taskDoneInputSchema, type AcknowledgementInput, type ConsultationInput, type DecisionInput, type DecisionResult,
  type PreparationInput, type TaskDoneInput,
} from '../domain/gates.js';
import {
  crisisActionInputSchema, pilotDecisionInputSchema, type CrisisActionInput, type PilotDecisionInput,
} from '../domain/execution/actions.js';
import type { ProgressReport } from '../domain/execution/task-progress.js';
import { stepResolutionInputSchema, type StepResolutionInput } from '../domain/execution/steps.js';
import { cancellationInputSchema, type CancellationInput } from '../domain/execution/cancellation.js';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Plan } from '../domain/plan/schema.js';
import { retrospectiveInputSchema, type RetrospectiveInput } from '../domain/closing/retrospective.js';
import { signingState, type VerifyingKey } from '../domain/signing/keys.js';
import { rotationInputSchema, type RotationInput } from '../domain/signing/rotation.js';
import { sealUpdate, type SendOptions } from './signing.js';
import {
  CampaignOwnerKey, CampaignPhaseKey, CampaignWaitingOnKey, TASK_QUEUE, WORKFLOW_TYPE, acknowledgeUpdate, cancelCampaignUpdate,
  campaignWorkflowId, completeTaskUpdate, consultUpdate, crisisUpdate, decidePilotUpdate, decideUpdate, interactionsArrivedSignal, decisionUpdateId, prepareUpdate, resolveStepUpdate, retrospectUpdate, rotateKeysUpdate,
  type ActionResult, type CampaignInput, type CampaignStatus,
} from '../workflows/contract.js';

export { CampaignError, LIST_HINT, noCampaign } from './campaign-error.js';
export type { CampaignReading, CampaignSource } from './read-model.js';

/** Where and how to reach Temporal: `Config.temporal`, or `localTemporalTarget(address)` for a dev server. */
export type ConnectOptions = TemporalTarget;

export async function connectClient(target: ConnectOptions): Promise<Client> {
  // Before trying: an unreadable certificate is invalid input (ConfigError), not an outage.
  const options = temporalConnectionOptions(target);
  try {
    const connection = await Connection.connect({ ...options, connectTimeout: '5s' });
    return new Client({ connection, namespace: target.namespace });
  } catch (err) {
    const found = await unreachableCause(target, options, err);
    throw CampaignError.saying(
      (m) => (found.cause ? m.errors.temporalRefused(target.address, found.cause) : m.errors.temporalUnreachable(target.address, found.error)),
      1,
    );
  }
}

export async function closeClient(client: Client): Promise<void> {
  await client.connection.close();
}

export interface StartOptions {
  plan: Plan;
  campaignId?: string | undefined;
  timeScale: number;
  taskQueue?: string;
  /** Rollout days per workflow run (rehearsals and tests shorten it to see continue-as-new). */
  continueAsNewEveryDays?: number | undefined;
  /** The keys the campaign's Updates must be signed with; none: it takes the caller's word. */
  trustedKeys?: readonly VerifyingKey[] | undefined;
}

export async function startCampaign(
  client: Client, opts: StartOptions,
): Promise<{ campaignId: string; workflowId: string; runId: string; trustedKeys: string[] }> {
  const campaignId = opts.campaignId ?? opts.plan.id;
  const workflowId = campaignWorkflowId(campaignId);
  const input: CampaignInput = {
    campaignId, plan: opts.plan, timeScale: opts.timeScale,
    ...(opts.continueAsNewEveryDays ? { continueAsNewEveryDays: opts.continueAsNewEveryDays } : {}),
    ...(opts.trustedKeys?.length ? { signing: signingState(opts.trustedKeys) } : {}),
  };
  try {
    const handle = await client.workflow.start(WORKFLOW_TYPE, {
      workflowId,
      taskQueue: opts.taskQueue ?? TASK_QUEUE,
      args: [input],
      // A campaign id names one campaign for good: its records in PostgreSQL are keyed by it.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: CampaignPhaseKey, value: 'preparation' },
        { key: CampaignOwnerKey, value: opts.plan.owner },
        { key: CampaignWaitingOnKey, value: initialWaitingOn(opts.plan, new Date()) },
      ]),
    });
    return { campaignId, workflowId, runId: handle.firstExecutionRunId, trustedKeys: (opts.trustedKeys ?? []).map((k) => k.keyId) };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw Object.assign(
        new CampaignError(`A campaign with id "${campaignId}" already exists.`, 3, ErrorType.CampaignExists, 'Start this plan with --id <new-id>.'),
        { sentence: (m: Messages) => m.errors.campaignExists(campaignId) },
      );
    }
    throw asCampaignError(err);
  }
}

/** The campaign's status from the read model, with how fresh it is and how its workflow is doing. */
export async function campaignStatus(source: CampaignSource, id: string, now: Date = new Date()): Promise<CampaignReading> {
  try {
    return await readCampaign(source, id, now);
  } catch (err) {
    throw asCampaignError(err, id);
  }
}

/**
 * Sends a person's decision as the `decide` Update. The update id is `<gate>:<round>`, so a
 * decision retried after a lost reply is applied once.
 */
export async function decide(source: CampaignSource, id: string, input: DecisionInput, send?: SendOptions): Promise<DecisionResult> {
  const parsed = validInput(decisionInputSchema, input);
  const status = await campaignStatus(source, id);
  const gate = status.gates.find((g) => g.id === input.gate);
  const round = gate?.round ?? 1;
  // The round goes into the signed input: the decision cannot be replayed in a later round.
  const arg = sealUpdate(status.id, decideUpdate.name, { ...parsed, ...(gate ? { round } : {}) }, send);
  try {
    const client = typeof source.client === 'function' ? await source.client() : source.client;
    return await client.workflow
      .getHandle(campaignWorkflowId(id))
      .executeUpdate(decideUpdate, { args: [arg as DecisionInput], updateId: decisionUpdateId(input.gate, round, input.decision, input.by) });
  } catch (err) {
    throw asCampaignError(err, id);
  }
}

function validInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CampaignError(`${issue?.path.join('.') || 'input'}: ${issue?.message}`, 2, ErrorType.InvalidInput);
}

/**
 * A preparation action as an Update. One id per call: the SDK's own retries of this call reuse it,
 * so a lost reply never applies the action twice.
 */
async function act<I extends object>(
  client: Client, id: string, update: UpdateDefinition<ActionResult, [I]>, input: I, send?: SendOptions,
): Promise<ActionResult> {
  const arg = sealUpdate(campaignIdOf(id), update.name, input, send) as I;
  try {
    return await client.workflow.getHandle(campaignWorkflowId(id)).executeUpdate(update, { args: [arg], updateId: randomUUID() });
  } catch (err) {
    throw asCampaignError(err, id);
  }
}

/** Responsible people mark deliverables ready, add evidence, tick checklist items. */
export const prepare = (client: Client, id: string, input: PreparationInput, send?: SendOptions) =>
  act(client, id, prepareUpdate, validInput(preparationInputSchema, input) as PreparationInput, send);
export const consult = (client: Client, id: string, input: ConsultationInput, send?: SendOptions) =>
  act(client, id, consultUpdate, validInput(consultationInputSchema, input), send);
export const acknowledge = (client: Client, id: string, input: AcknowledgementInput, send?: SendOptions) =>
  act(client, id, acknowledgeUpdate, validInput(acknowledgementInputSchema, input), send);
export const completeTask = (client: Client, id: string, input: TaskDoneInput, send?: SendOptions) =>
  act(client, id, completeTaskUpdate, validInput(taskDoneInputSchema, input), send);

/** The pilot's go/no-go (go, extend, send-back, cancel), by `pilot.decidedBy` or their delegate. */
export const decidePilot = (client: Client, id: string, input: PilotDecisionInput, send?: SendOptions) =>
  act(client, id, decidePilotUpdate, validInput(pilotDecisionInputSchema, input), send);
/** Start, answer (statement), approve or end a crisis. */
export const crisisAction = (client: Client, id: string, input: CrisisActionInput, send?: SendOptions) =>
  act(client, id, crisisUpdate, validInput(crisisActionInputSchema, input), send);
/** A team member's retrospective during the closing (P3.3–P3.5); sent again, it replaces the earlier one. */
export const retrospect = (client: Client, id: string, input: RetrospectiveInput, send?: SendOptions) =>
  act(client, id, retrospectUpdate, validInput(retrospectiveInputSchema, input), send);
/** A failed step retried (same key) or skipped, by the owner, the channel's responsible person or ops. */
export const resolveStep = (client: Client, id: string, input: StepResolutionInput, send?: SendOptions) =>
  act(client, id, resolveStepUpdate, validInput(stepResolutionInputSchema, input), send);
/** The keys a campaign trusts, changed by an operator whose key may rotate (docs/security.md). */
export const rotateKeys = (client: Client, id: string, input: RotationInput, send?: SendOptions) =>
  act(client, id, rotateKeysUpdate, validInput(rotationInputSchema, input) as RotationInput, send);

/** The owner (or their delegate) or ops stop a campaign: it closes with a short report. */
export const cancelCampaign = (client: Client, id: string, input: CancellationInput, send?: SendOptions) =>
  act(client, id, cancelCampaignUpdate, validInput(cancellationInputSchema, input), send);

/** The campaign id a workflow id or campaign id names: what its signatures are made for. */
function campaignIdOf(id: string): string {
  return campaignWorkflowId(id).slice('campaign:'.length);
}

/**
 * Tells a running campaign that interactions were imported, so it checks them now rather than at
 * its next deadline. Callers treat a failure as a note: the import itself is done.
 */
export async function signalInteractionsArrived(client: Client, id: string, count: number): Promise<void> {
  try {
    await client.workflow.getHandle(campaignWorkflowId(id)).signal(interactionsArrivedSignal, { count });
  } catch (err) {
    throw asCampaignError(err, id);
  }
}

export interface CampaignSchedule {
  /** Undefined until the campaign has tasks to schedule. */
  schedule: ProgressReport | undefined;
  /** Today as a plan-time day from the plan's start, on the campaign's (possibly compressed) clock. */
  now: number | undefined;
}

const DAY_MS = 86_400_000;

/** The task schedule of `status.execution`, with where "now" falls on it. */
export async function campaignSchedule(source: CampaignSource, id: string, at: Date = new Date()): Promise<CampaignSchedule> {
  return scheduleAt(await campaignStatus(source, id, at), at);
}

/** The schedule in a status read at `at`, with where that moment falls on it. */
export function scheduleAt(status: CampaignStatus, at: Date): CampaignSchedule {
  const clock = status.execution?.clock;
  const workflowStart = clock ? Date.parse(clock.workflowStart) : NaN;
  const now = Number.isFinite(workflowStart) ? Math.max(0, ((at.getTime() - workflowStart) * status.timeScale) / DAY_MS) : undefined;
  return { schedule: status.execution?.schedule, now };
}

export interface CampaignListing {
  campaignId: string;
  workflowId: string;
  status: string;
  phase: string | undefined;
  owner: string | undefined;
  waitingOn: string[];
  startTime: string;
  /** What is wrong with its workflow, in a sentence (failed, terminated, stuck); absent when nothing is. */
  problem?: string | undefined;
  /** Whether the records say it is a rehearsal (domain/rehearsal.ts); absent when they cannot say. */
  rehearsal?: boolean | undefined;
}

/** Descriptions asked of Temporal at once while a list is checked for stuck campaigns. */
const HEALTH_CONCURRENCY = 8;
/** Campaigns a list describes one by one (a describe, sometimes a history page, each). */
const HEALTH_CHECKED = 50;

/** Campaigns known to Temporal's visibility store, optionally filtered (its query language). */
export async function listCampaigns(
  client: Client,
  filters: { phase?: string | undefined; waitingOn?: string | undefined; taskQueue?: string | undefined } = {},
): Promise<CampaignListing[]> {
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`];
  // Environments sharing a namespace (staging, rehearsals) are told apart by their task queue.
  if (filters.taskQueue) clauses.push(`TaskQueue = ${quote(filters.taskQueue)}`);
  if (filters.phase) clauses.push(`CampaignPhase = ${quote(filters.phase)}`);
  if (filters.waitingOn) clauses.push(`CampaignWaitingOn = ${quote(filters.waitingOn)}`);
  const listings: CampaignListing[] = [];
  try {
    for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
      listings.push({
        campaignId: wf.workflowId.replace(/^campaign:/, ''),
        workflowId: wf.workflowId,
        status: wf.status.name,
        phase: wf.typedSearchAttributes.get(CampaignPhaseKey),
        owner: wf.typedSearchAttributes.get(CampaignOwnerKey),
        waitingOn: wf.typedSearchAttributes.get(CampaignWaitingOnKey) ?? [],
        startTime: wf.startTime.toISOString(),
      });
    }
  } catch (err) {
    throw asCampaignError(err);
  }
  // A completed campaign is fine; any other may have failed or be stuck, which only its description
  // says. Past the first HEALTH_CHECKED such campaigns (newest first) a row says only how it ended.
  const open = listings.filter((l) => l.status !== 'COMPLETED').sort((a, b) => b.startTime.localeCompare(a.startTime));
  for (const listing of open.slice(HEALTH_CHECKED)) {
    const problem = listedHealth({ ...listing, runId: '', taskQueue: '', status: { name: listing.status } }).problem;
    if (problem) listing.problem = problem.sentence;
  }
  await forEachBounded(open.slice(0, HEALTH_CHECKED), HEALTH_CONCURRENCY, async (listing) => {
    const health = await workflowHealth(client, listing.workflowId).catch(() => undefined);
    if (health?.problem) listing.problem = health.problem.sentence;
  });
  // The dev server's visibility store cannot sort; newest first is what people look for.
  return listings.sort((a, b) => b.startTime.localeCompare(a.startTime));
}

/** Waits for the campaign to finish and returns its closing summary. */
export async function campaignResult(client: Client, id: string): Promise<unknown> {
  try {
    return await client.workflow.getHandle(campaignWorkflowId(id)).result();
  } catch (err) {
    throw asCampaignError(err, id);
  }
}

async function forEachBounded<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}


/** Maps SDK errors to messages and exit codes a person can act on. */
export function asCampaignError(err: unknown, id?: string): unknown {
  if (err instanceof CampaignError) return err;
  if (err instanceof WorkflowNotFoundError) {
    return noCampaign(id ?? '');
  }
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure) {
      return new CampaignError(cause.message, exitCodeFor(cause.type ?? undefined), cause.type ?? undefined);
    }
    return new CampaignError(err.message, 1);
  }
  if (err instanceof ServiceError) {
    // A query nobody answers: the campaign exists but no worker serves its task queue right now.
    const detail = err.message;
    return CampaignError.saying((m) => m.errors.noWorkerAnswer(id ?? '', detail), 1);
  }
  if (isGrpcServiceError(err)) {
    const detail = err.details || err.message;
    return CampaignError.saying((m) => m.errors.temporalAnswered(detail), 1);
  }
  return err;
}
