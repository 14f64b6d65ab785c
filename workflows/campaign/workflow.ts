/**
 * The `campaign` workflow: one campaign from preparation to closing. Pure orchestration: the
 * decisions about gates, reviews and KPIs live in domain/, every effect is an activity.
 *
 *   preparation.ts  gates, chasers and the preparation actions    decisions.ts  the `decide` Update
 *   execution/      tasks, pilot, warm-up, posts, crisis desk      rollout.ts    budgets and reviews
 *   closing.ts      summary, retrospective, sign-off, report       read-model.ts status, search attributes
 *   effects.ts      every effect key and channel target            versions.ts   the patches
 *   steps.ts        failed steps: retried or skipped by a person, never a failed campaign
 */
import { allHandlersFinished, condition, continueAsNew, deprecatePatch, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { migrateSnapshot } from '../../domain/campaign-snapshot.js';
import { DAY_MS } from '../../domain/duration.js';
import { statusQuery, type CampaignInput, type CampaignResult, type Phase } from '../contract.js';
import { records } from './activities.js';
import { announcer } from './announce.js';
import { cancellationDesk, cancelled } from './cancellation.js';
import { closingDesk } from './closing.js';
import { decisions } from './decisions.js';
import { preparation } from './preparation.js';
import { commit, statusOf } from './read-model.js';
import { statusPublisher } from './publisher.js';
import { rollout, type Continuation } from './rollout.js';
import { newCampaignState, restoreState, snapshotOf, type CampaignState } from './state.js';
import { acceptKeyRotations, signatureDesk } from './signatures.js';
import { stepDesk } from './steps.js';
import { anchorClock, planNow, planTimeOf } from './execution/clock.js';
import { crisisDesk } from './execution/crisis.js';
import { pilotAndWarmup } from './execution/launch.js';
import { plannedLaunch, untilLaunch } from './execution/launch-date.js';
import { pilotDesk } from './execution/pilot.js';
import { publishPosts, schedulePosts } from './execution/posts.js';
import { taskRunner, taskPhaseOf, type TaskRunner } from './execution/tasks.js';

/** Rollout days per run when the input does not say. */
const DAYS_PER_RUN = 30;

export async function campaign(input: CampaignInput): Promise<CampaignResult> {
  // A continued run reads its predecessor's snapshot in whatever version it was written.
  const resumed = input.resume ? migrateSnapshot(input.resume) : undefined;
  const state = resumed ? restoreState(input, resumed) : newCampaignState(input, new Date());
  // The executed schedule, pilot, warm-up, posts, crisis handling and retrospective (folded patch,
  // see versions.ts): read once at the start of every run.
  deprecatePatch('execution');
  // Kept for Temporal-native readers; our own read the status the publisher writes.
  setHandler(statusQuery, () => statusOf(state));
  const publisher = statusPublisher(state);
  const signatures = signatureDesk(state);
  // Every record references the campaign row: writes wait for it, but the handlers are registered
  // in this first activation so that a decision sent right after the start is not rejected. An
  // Update sent with the start is handled when its handler is set: the order below is part of the
  // order of commands.
  const steps = stepDesk(
    state,
    resumed ? undefined : () => records.registerCampaign({ campaignId: state.campaignId, plan: state.plan, timeScale: state.timeScale }),
    () => announce,
    signatures,
  );
  const announce = announcer(state, steps);
  const tasks = taskRunner(state, announce);
  const enter = (phase: Phase) => enterPhase(state, phase, tasks);
  const crisis = crisisDesk(state, announce, steps, signatures);
  pilotDesk(state, steps, signatures);
  const closing = closingDesk(state, announce, steps, signatures);
  acceptKeyRotations(state, signatures, steps);
  cancellationDesk(state, announce, steps, signatures);
  if (!resumed) {
    anchorClock(state, new Date());
    state.execution.phaseStarts = { preparation: new Date(planNow(state)).toISOString() };
  }

  // Preparation: nothing launches until every gate is approved.
  const gates = preparation(state, announce, steps, { resumed: Boolean(resumed), tasks, signatures });
  decisions(state, steps, signatures, { gate: gates.decide, signOff: closing.signOff });
  gates.acceptActions();
  const closingReached = () => state.phase === 'closing' || state.phase === 'closed';
  let watching: Promise<void>;
  let launch: 'launch' | 'cancelled' = 'launch';
  if (!resumed) {
    try {
      await steps.registered;
    } catch (err) {
      await steps.afterRegistration(err);
    }
    // The launch waits for the plan's start date, at time scale 1 (launch-date.ts).
    const launchAt = plannedLaunch(state);
    if (launchAt !== undefined && patched('launch-date')) await untilLaunch(state, announce, steps, gates, launchAt);
    else await gates.untilApproved();
    if (cancelled(state)) {
      watching = Promise.resolve();
      launch = 'cancelled';
    } else {
      watching = crisis.watch(closingReached);
      launch = await pilotAndWarmup(state, announce, steps, gates, enter);
      if (launch === 'launch') enter('rollout');
    }
  } else {
    commit(state);
    watching = crisis.watch(closingReached);
    tasks.resume();
  }
  const close = async (ranRollout: boolean) => {
    const result = await closing.close({ enter, watching, ranRollout });
    await publisher.flush();
    return result;
  };
  if (launch === 'cancelled') return close(false);
  let posting: Promise<void> = Promise.resolve();
  // The rollout's posts are planned once, over its days from the instant its day 0 began (so a
  // post's rollout day does not depend on how long the first budgets took), then published.
  const startPosting = (rolloutStart: number) => {
    if (!resumed) {
      const from = planTimeOf(state, rolloutStart);
      schedulePosts(state, 'rollout', from, from + state.rolloutDays * DAY_MS);
    }
    posting = publishPosts(state, announce, steps, 'rollout');
  };

  const continuation: Continuation = {
    due(daysThisRun) {
      // Runs cut every 30 rollout days or when Temporal suggests it (folded patch, see versions.ts).
      deprecatePatch('continue-as-new');
      return workflowInfo().continueAsNewSuggested || daysThisRun >= (input.continueAsNewEveryDays ?? DAYS_PER_RUN);
    },
    async continueWith(progress) {
      // Decisions being recorded and notifications being delivered finish in this run.
      await condition(allHandlersFinished);
      await announce.settled();
      if (steps.busy()) {
        // A failed step's call cannot be carried into the next run: it is decided in this one.
        await steps.settled();
        await announce.settled();
      }
      await publisher.flush();
      log.info('Campaign continues as a new run', { campaignId: state.campaignId, day: state.day });
      return continueAsNew<typeof campaign>({ ...input, signing: state.signing, resume: snapshotOf(state, progress) });
    },
  };
  await rollout(state, announce, steps, continuation, resumed?.rollout, startPosting);
  await posting;
  // A campaign cancelled during its rollout closes like one cancelled before it: no retrospective.
  return close(!cancelled(state));
}

function enterPhase(state: CampaignState, phase: Phase, tasks: TaskRunner): void {
  commit(state, () => {
    state.phase = phase;
    // A phase entered again (preparation after a pilot was sent back) keeps its first start.
    const taskPhase = taskPhaseOf(phase);
    state.execution.phaseStarts = { [taskPhase]: new Date(planNow(state)).toISOString(), ...state.execution.phaseStarts };
    tasks.advance(new Date());
  });
  log.info('Campaign phase', { campaignId: state.campaignId, phase });
}
