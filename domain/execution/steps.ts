/**
 * Failed steps: an effect or a record the campaign could not carry out (a platform's refusal, an
 * expired credential, a bug) waits for a person instead of failing the campaign. The owner — and,
 * for a channel's step, the channel's responsible person — is told; one of them (or ops) retries it
 * under the same key, or skips it where the campaign can go on without it. Pure: instants are passed in.
 */
import { z } from 'zod';
import { ErrorType } from '../errors.js';
import { membersWithRole } from '../plan/roles.js';
import type { Plan } from '../plan/schema.js';
import type { ActionCheck } from '../preparation/actions.js';
import { localDate } from '../review-periods.js';

export const STEP_ACTIONS = ['retry', 'skip'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const stepResolutionInputSchema = z.strictObject({
  step: z.string().min(1, 'name the step, e.g. budget:initial:douyin (campaign status lists them)').max(300),
  action: z.enum(STEP_ACTIONS, { message: 'action is "retry" or "skip"' }),
  by: z.string().min(1, 'say who acts (a team member id)'),
  comment: z.string().max(4_000, 'keep the comment under 4,000 characters').optional(),
});
export type StepResolutionInput = z.infer<typeof stepResolutionInputSchema>;

export type StepStatus = 'waiting' | 'retried' | 'skipped';

export interface FailedStep {
  /** The logical step: its effect key (`budget:initial:douyin`), or what it reads or records. */
  id: string;
  /** The activity that failed, e.g. `applyBudget`. */
  activity: string;
  /** What the step does, in the team's terms. */
  summary: string;
  /** The channel the step acts on, when it is a channel's. */
  channel?: string;
  /** The last failure's message, and its catalogue type when it has one (`ChannelRejected`). */
  error: string;
  errorType?: string;
  /** When it last failed (workflow time). */
  failedAt: string;
  failures: number;
  /** False where what follows needs the step (registering the campaign): only a retry helps. */
  skippable: boolean;
  /** waiting: for a person; retried: called again; skipped: the campaign went on without it. */
  status: StepStatus;
  /** The latest decision on it. */
  decided?: { action: StepAction; by: string; at: string; comment?: string };
}

export interface StepFailure {
  id: string;
  activity: string;
  summary: string;
  channel?: string | undefined;
  error: string;
  errorType?: string | undefined;
  skippable: boolean;
}

/** The steps after `failure`: a new step, or one that failed before (it failed again after a retry). */
export function openStep(steps: readonly FailedStep[], failure: StepFailure, at: Date): FailedStep[] {
  const before = steps.find((s) => s.id === failure.id);
  const step: FailedStep = {
    id: failure.id,
    activity: failure.activity,
    summary: failure.summary,
    ...(failure.channel ? { channel: failure.channel } : {}),
    error: failure.error,
    ...(failure.errorType ? { errorType: failure.errorType } : {}),
    failedAt: at.toISOString(),
    failures: (before?.failures ?? 0) + 1,
    skippable: failure.skippable,
    status: 'waiting',
    // A retry that failed again keeps who asked for it.
    ...(before?.decided ? { decided: before.decided } : {}),
  };
  return before ? steps.map((s) => (s.id === failure.id ? step : s)) : [...steps, step];
}

/** The channel's responsible person, or the team's channel-ops when the plan names nobody. */
export function channelResponsible(plan: Plan, channelId: string): string[] {
  const named = plan.channels.find((c) => c.id === channelId)?.responsible;
  if (named) return [named];
  return membersWithRole(plan, 'channel-ops');
}

/** Who hears that a step failed: the owner and, for a channel's step, the channel's responsible person. */
export function stepAudience(plan: Plan, step: Pick<FailedStep, 'channel'>): string[] {
  return [...new Set([plan.owner, ...(step.channel ? channelResponsible(plan, step.channel) : [])])];
}

/** Who may retry or skip a step: the owner (or their delegate), the channel's responsible person, ops. */
export function stepDeciders(plan: Plan, step: Pick<FailedStep, 'channel'>, at: Date): string[] {
  const owner = plan.team.find((m) => m.id === plan.owner);
  const delegate = owner?.delegate && localDate(at, plan.timezone) <= owner.delegate.until ? [owner.delegate.to] : [];
  const ops = membersWithRole(plan, 'ops', 'channel-ops');
  return [...new Set([...stepAudience(plan, step), ...delegate, ...ops])];
}

export function checkStepResolution(plan: Plan, steps: readonly FailedStep[], input: StepResolutionInput, at: Date): ActionCheck {
  const step = steps.find((s) => s.id === input.step);
  if (!step) {
    const waiting = steps.filter((s) => s.status === 'waiting').map((s) => s.id);
    return {
      ok: false, type: ErrorType.UnknownStep,
      message: `There is no failed step "${input.step}" in this campaign (waiting: ${waiting.join(', ') || 'none'}).`,
    };
  }
  if (step.status !== 'waiting') {
    const how = step.decided ? ` by ${step.decided.by} at ${step.decided.at}` : '';
    return { ok: false, type: ErrorType.AlreadyDone, message: `Step "${step.id}" is not waiting for a decision: it was ${step.status}${how}.` };
  }
  const deciders = stepDeciders(plan, step, at);
  if (!deciders.includes(input.by)) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `Only ${deciders.join(', ')} may retry or skip step "${step.id}"; ${input.by} may not.` };
  }
  if (input.action === 'skip' && !step.skippable) {
    return {
      ok: false, type: ErrorType.CannotSkip,
      message: `Step "${step.id}" (${step.summary}) cannot be skipped: what follows needs it. Retry it once the cause is fixed.`,
    };
  }
  return { ok: true };
}

/** The steps after an accepted decision. */
export function resolveStep(steps: readonly FailedStep[], input: StepResolutionInput, at: Date): FailedStep[] {
  const decided = { action: input.action, by: input.by, at: at.toISOString(), ...(input.comment ? { comment: input.comment } : {}) };
  return steps.map((s) => (s.id === input.step ? { ...s, status: input.action === 'retry' ? 'retried' : 'skipped', decided } : s));
}

export function waitingSteps(steps: readonly FailedStep[]): FailedStep[] {
  return steps.filter((s) => s.status === 'waiting');
}
