/**
 * Failed steps (DESIGN.md §3): no activity failure fails the campaign. A call that fails for good —
 * a platform's refusal, an expired credential, a bug — becomes a step in the status: an alert, a
 * notice to the owner (and the channel's responsible person), a waiting item in the owner's inbox,
 * and the `resolveStep` Update by which a person retries it (same input, same idempotency key) or
 * skips it. The coroutine that needs the call waits for that decision; everything else goes on.
 *
 * Callers keep their own `await` on the activity and hand only its failure over, in `catch`: on
 * success every command is issued after as many steps as before, so running campaigns replay
 * unchanged, and the new course (patch `step-failures`, versions.ts) is taken only once a call fails.
 */
import { ActivityFailure, ApplicationFailure, condition, isCancellation, log, patched, setHandler } from '@temporalio/workflow';
import type { CampaignActivities } from '../../activities/index.js';
import type { AuditEventInput } from '../../activities/records.js';
import {
  checkStepResolution, openStep, resolveStep, stepAudience, stepResolutionInputSchema, type StepResolutionInput, type StepStatus,
} from '../../domain/execution/steps.js';
import { stepFailedMessage } from '../../domain/notifications/execution-messages.js';
import { resolveStepUpdate, type ActionResult } from '../contract.js';
import { records } from './activities.js';
import type { Announcer } from './announce.js';
import { auditKeys, noticeKeys, stepKeys } from './effects.js';
import { commit } from './read-model.js';
import { refuse } from './refusals.js';
import { raiseAlert, type CampaignState } from './state.js';
import type { SignatureDesk } from './signatures.js';

/** One call the campaign makes, as a step a person can retry or skip. */
export interface Step<T, S = never> {
  /** The logical step (effects.ts: an effect key, or stepKeys). */
  id: string;
  activity: keyof CampaignActivities & string;
  /** What the call does, in the team's terms. */
  summary: string;
  /** The channel it acts on: its responsible person is told too, and may decide. */
  channel?: string | undefined;
  /** The same call again, with the same input and so the same idempotency key. */
  call: () => Promise<T>;
  /** What the campaign goes on with when the step is skipped; without it, only a retry helps. */
  skip?: () => S;
  /** Nobody is notified (nothing can be, before the campaign is registered); the alert and the inbox show it. */
  quiet?: boolean;
}

export interface StepDesk {
  /** The campaign's row in the records store, which every record references: the activity's own promise. */
  readonly registered: Promise<void>;
  /** Once `registered` failed: resolves when a retried registration has succeeded. */
  afterRegistration(err: unknown): Promise<void>;
  /** Whether a failure becomes a step: an activity's (not a cancellation), in a run on the new course. */
  takes(err: unknown): boolean;
  /** The caller waits: the retried call's result, or what skipping leaves. Rethrows what is not a step. */
  failed<T, S = never>(err: unknown, step: Step<T, S>): Promise<T | S>;
  /** Calls made together (`Promise.all` of `pending`): each one that fails is a step of its own. */
  failedAmong<T, S = never>(err: unknown, pending: ReadonlyArray<Promise<T>>, step: (index: number) => Step<T, S>): Promise<Array<T | S>>;
  /** The caller goes on and `then` hears the outcome: records and notices nothing waits for. */
  beside<T, S = never>(err: unknown, step: Step<T, S>, then?: (value: T | S) => void): void;
  /** Open steps or work they started; continuing as new and closing wait for them. */
  busy(): boolean;
  settled(): Promise<void>;
}

/**
 * Schedules the campaign's registration (`register`, absent in a continued run) and registers
 * `resolveStep`. `announce` is read when a step fails (the announcer guards its own deliveries here).
 */
export function stepDesk(
  state: CampaignState, register: (() => Promise<void>) | undefined, announce: () => Announcer, signatures: SignatureDesk,
): StepDesk {
  const { plan, campaignId } = state;
  const registered = register ? register() : Promise.resolve();
  const registration: Step<void> = {
    id: stepKeys.register(), activity: 'registerCampaign', summary: 'Register the campaign in the records store',
    call: register ?? (() => Promise.resolve()), quiet: true,
  };
  /** A step's recovery while it runs: a second failure of the same step joins it. */
  const recovering = new Map<string, Promise<unknown>>();
  const besides = new Set<Promise<void>>();

  const statusOf = (id: string): StepStatus | undefined => state.steps.find((s) => s.id === id)?.status;

  function takes(err: unknown): boolean {
    return err instanceof ActivityFailure && !isCancellation(err) && patched('step-failures');
  }

  function open(step: Step<unknown, unknown>, failure: ActivityFailure, waits: boolean): void {
    const at = new Date();
    const cause = failure.cause;
    const error = cause?.message || failure.message;
    const errorType = cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
    const skippable = step.skip !== undefined;
    commit(state, () => {
      state.steps = openStep(state.steps, {
        id: step.id, activity: step.activity, summary: step.summary, channel: step.channel, error, errorType, skippable,
      }, at);
      const options = skippable ? 'retry or skip' : 'retry';
      raiseAlert(state, waits ? 'critical' : 'warning', `${step.summary}: failed (${error}). Waiting for ${plan.owner} to ${options} step ${step.id}.`, at);
    });
    const opened = state.steps.find((s) => s.id === step.id)!;
    log.warn('Step failed; it waits for a person', { campaignId, step: step.id, activity: step.activity, error, failures: opened.failures });
    if (!step.quiet) {
      announce().alarm(noticeKeys.stepFailed(step.id, opened.failures), stepAudience(plan, opened),
        stepFailedMessage({ campaignId, plan, at }, opened, plan.owner));
    }
  }

  function recover<T, S>(err: ActivityFailure, step: Step<T, S>, waits: boolean): Promise<T | S> {
    const joined = recovering.get(step.id);
    if (joined) return joined as Promise<T | S>;
    const work = (async (): Promise<T | S> => {
      let failure = err;
      for (;;) {
        open(step, failure, waits);
        await condition(() => statusOf(step.id) !== 'waiting');
        if (statusOf(step.id) === 'skipped') return step.skip!();
        try {
          return await step.call();
        } catch (again) {
          if (!(again instanceof ActivityFailure) || isCancellation(again)) throw again;
          failure = again;
        }
      }
    })();
    recovering.set(step.id, work);
    const done = () => void recovering.delete(step.id);
    work.then(done, done);
    return work;
  }

  function track(work: Promise<unknown>): void {
    const tracked: Promise<void> = work
      .then(() => undefined, (err: unknown) => log.warn('Failed step could not be settled', { campaignId, error: String(err) }))
      .finally(() => besides.delete(tracked));
    besides.add(tracked);
  }

  function failed<T, S = never>(err: unknown, step: Step<T, S>): Promise<T | S> {
    if (!takes(err)) throw err;
    return recover(err as ActivityFailure, step, true);
  }

  /** The decision is recorded beside the reply: a retried registration cannot wait for its own record. */
  async function recordResolution(event: AuditEventInput): Promise<void> {
    try {
      await registered;
    } catch (err) {
      await failed(err, registration);
    }
    const write = () => records.recordAuditEvent(event);
    try {
      await write();
    } catch (err) {
      await failed(err, auditStep(event, write));
    }
  }

  const check = (input: StepResolutionInput) => refuse(checkStepResolution(plan, state.steps, input, new Date()));
  setHandler(resolveStepUpdate, async (raw): Promise<ActionResult> => {
    const { input, provenance } = signatures.take('resolveStep', stepResolutionInputSchema, raw);
    check(input);
    const at = new Date();
    const step = state.steps.find((s) => s.id === input.step)!;
    commit(state, () => {
      state.steps = resolveStep(state.steps, input, at);
    });
    log.info('Failed step decided', { campaignId, step: step.id, action: input.action, by: input.by });
    track(recordResolution({
      campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.stepFallback(step.id, step.failures, input.action)),
      kind: input.action === 'retry' ? 'step-retry' : 'step-skip', actor: input.by,
      detail: {
        step: step.id, activity: step.activity, summary: step.summary, error: step.error, failures: step.failures,
        ...(step.channel ? { channel: step.channel } : {}), ...(input.comment ? { comment: input.comment } : {}), ...provenance,
      },
    }));
    return { accepted: true };
  }, { validator: (raw) => check(signatures.admit('resolveStep', stepResolutionInputSchema, raw)) });

  return {
    registered,
    afterRegistration: (err) => failed(err, registration),
    takes,
    failed,
    failedAmong<T, S = never>(err: unknown, pending: ReadonlyArray<Promise<T>>, step: (index: number) => Step<T, S>) {
      if (!takes(err)) throw err;
      return Promise.all(pending.map((p, i) => p.then((value): T | S => value, (e: unknown) => failed(e, step(i)))));
    },
    beside(err, step, then) {
      if (!takes(err)) throw err;
      track(recover(err as ActivityFailure, step, false).then((value) => then?.(value)));
    },
    busy: () => recovering.size > 0 || besides.size > 0,
    async settled() {
      await condition(() => recovering.size === 0 && besides.size === 0);
    },
  };
}

/** An audit event as a step: skipped, it is missing from the trail. */
/**
 * Records a person's action once the campaign is registered. A record that fails for good is a
 * step beside the campaign: the action it records stands.
 */
export async function recordAudit(steps: StepDesk, event: AuditEventInput): Promise<void> {
  try {
    await steps.registered;
  } catch (err) {
    await steps.afterRegistration(err);
  }
  const record = () => records.recordAuditEvent(event);
  try {
    await record();
  } catch (err) {
    steps.beside(err, auditStep(event, record));
  }
}

export function auditStep(event: AuditEventInput, call: () => Promise<void>): Step<void, void> {
  const who = event.actor ? ` by ${event.actor}` : '';
  return {
    id: stepKeys.audit(event.eventKey), activity: 'recordAuditEvent',
    summary: `Record the ${event.kind}${who} in the audit trail`, call, skip: () => undefined,
  };
}

/** A decision's record as a step: skipped, it is in the status but missing from the trail. */
export function decisionStep(gate: string, round: number, by: string, call: () => Promise<void>): Step<void, void> {
  return {
    id: stepKeys.decision(gate, round), activity: 'recordDecision',
    summary: `Record ${by}'s decision on ${gate} in the audit trail`, call, skip: () => undefined,
  };
}

/** A review's record as a step: skipped, it is in the status but not stored. */
export function reviewStep(review: { key: string; period: string; day: number }, call: () => Promise<void>): Step<void, void> {
  return {
    id: stepKeys.review(review.key), activity: 'recordReview',
    summary: `Store the ${review.period} review of day ${review.day}`, call, skip: () => undefined,
  };
}
