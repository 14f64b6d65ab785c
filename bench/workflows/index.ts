/**
 * Baseline workflows for the engine benchmark: the cheapest workflows that answer the same
 * messages as a campaign (a `status` query, a `decide` Update), so every campaign number can be
 * read as a ratio against "what Temporal and this machine cost anyway". They run on their own
 * worker, task queue and bundle, never beside the campaign code.
 */
import { condition, defineQuery, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type * as baselineActivities from '../baseline-activities.js';
import type { SigningState } from '../../domain/signing/keys.js';
import { checkProof } from '../../domain/signing/verify.js';

export interface TrivialStatus {
  waitingOn: string[];
  decisions: number;
}

export const trivialStatusQuery = defineQuery<TrivialStatus>('status');
export const trivialDecideUpdate = defineUpdate<number, [unknown]>('decide');
export const finishSignal = defineSignal('finish');

/**
 * Waits like a campaign waiting at its first gate: the same query and Update names, no activities,
 * no timers. `finish` ends it.
 */
export async function trivialWaiting(): Promise<void> {
  const status: TrivialStatus = { waitingOn: ['bench'], decisions: 0 };
  let finished = false;
  setHandler(trivialStatusQuery, () => status);
  setHandler(trivialDecideUpdate, () => ++status.decisions);
  setHandler(finishSignal, () => void (finished = true));
  await condition(() => finished);
}

/**
 * A history of a chosen length with nothing in it but no-op activity calls: each costs 6 events
 * (activity scheduled, started, completed; a workflow task scheduled, started, completed), about
 * the shape of a campaign's rollout, so the replay of a campaign history can be compared with a
 * trivial one of the same event count and a similar number of activations. (Timers would do too,
 * but the dev server fires even a 1 ms timer about a second late.)
 */
const { noop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '10s' });

export async function activityLoop(calls: number): Promise<number> {
  for (let i = 0; i < calls; i++) await noop();
  return calls;
}

export const recoveryStatusQuery = defineQuery<boolean>('recovery-status');
export const recoveryUpdate = defineUpdate<void>('recovery-update');

/**
 * The smallest workflow that meets the replay defect of docs/benchmarks.md ("Known finding"): an
 * activity, two 2 s timers that each call an activity when they fire, and an Update that calls one
 * too. `npm run chaos:replay-defect` kills its worker before the timers fire, queries it while a
 * new worker takes over, sends the Update, and replays the history it leaves.
 */
export async function timersAndUpdate(): Promise<void> {
  let updated = false;
  setHandler(recoveryStatusQuery, () => updated);
  setHandler(recoveryUpdate, async () => {
    await noop();
    updated = true;
  });
  const registered = noop();
  for (let i = 0; i < 2; i++) void sleep(2_000).then(() => noop());
  await registered;
  await condition(() => updated);
}

export const signatureProbeUpdate = defineUpdate<void, [unknown]>('probe');

/**
 * How much a signature check costs inside the workflow sandbox: an Update whose validator always
 * refuses, after checking the proof (`verify: true`) or without it. The difference between the two
 * round trips is the verification, run where campaigns run it.
 */
export async function signatureProbe(signing: SigningState): Promise<void> {
  let finished = false;
  setHandler(signatureProbeUpdate, () => undefined, {
    validator: (arg) => {
      const { verify, by } = arg as { verify?: boolean; by: string };
      const result = verify ? checkProof(signing, { campaignId: 'probe', update: 'probe', arg, by, now: new Date() }) : { ok: true };
      throw new Error(`probe refused (signature ${result.ok ? 'valid' : 'invalid'})`);
    },
  });
  setHandler(finishSignal, () => void (finished = true));
  await condition(() => finished);
}
