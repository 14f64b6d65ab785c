/**
 * The `campaign` workflow: one campaign from preparation to closing. Pure orchestration: the
 * decisions about gates, reviews and KPIs live in domain/, every effect is an activity.
 */
import { allHandlersFinished, condition, continueAsNew, deprecatePatch, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { statusQuery, type CampaignInput, type CampaignResult, type Phase } from './contract.js';
import { records } from './campaign/activities.js';
import { announcer } from './campaign/announce.js';
import { preparation } from './campaign/preparation.js';
import { closing, rollout, type Continuation } from './campaign/rollout.js';
import {
  newCampaignState, publishSearchAttributes, restoreState, snapshotOf, statusOf, type CampaignState,
} from './campaign/state.js';
import { DAY_MS } from '../domain/duration.js';
import { anchorClock, planNow, planTimeOf } from './campaign/execution/clock.js';
import { crisisDesk } from './campaign/execution/crisis.js';
import { pilotAndWarmup } from './campaign/execution/launch.js';
import { pilotDesk } from './campaign/execution/pilot.js';
import { publishPosts, schedulePosts } from './campaign/execution/posts.js';
import { retrospectiveDesk } from './campaign/execution/retrospective.js';
import { taskRunner, taskPhaseOf, type TaskRunner } from './campaign/execution/tasks.js';

/** Rollout days per run when the input does not say. */
const DAYS_PER_RUN = 30;

export async function campaign(input: CampaignInput): Promise<CampaignResult> {
  const resumed = input.resume;
  const state = resumed ? restoreState(input, resumed.state) : newCampaignState(input, new Date());
  // The executed schedule, pilot, warm-up, posts, crisis handling and retrospective (folded patch,
  // see versions.ts): read once at the start of every run.
  deprecatePatch('execution');
  setHandler(statusQuery, () => statusOf(state));
  // Every record references the campaign row: writes wait for it, but the handlers are registered
  // in this first activation so that a decision sent right after the start is not rejected.
  const registered = resumed
    ? Promise.resolve()
    : records.registerCampaign({ campaignId: state.campaignId, plan: state.plan, timeScale: state.timeScale });
  const announce = announcer(state, registered);
  const tasks = taskRunner(state, announce);
  const enter = (phase: Phase) => enterPhase(state, phase, tasks);
  const crisis = crisisDesk(state, announce, registered);
  pilotDesk(state, registered);
  const retrospective = retrospectiveDesk(state, announce, registered);
  if (!resumed) {
    anchorClock(state, new Date());
    state.execution.phaseStarts = { preparation: new Date(planNow(state)).toISOString() };
  }

  // Preparation: nothing launches until every gate is approved.
  const gates = preparation(state, announce, registered, { resumed: Boolean(resumed), route: retrospective.signOff, tasks });
  const closingReached = () => state.phase === 'closing' || state.phase === 'closed';
  let watching: Promise<void>;
  let launch: 'launch' | 'cancelled' = 'launch';
  if (!resumed) {
    await registered;
    await gates.untilApproved();
    watching = crisis.watch(closingReached);
    launch = await pilotAndWarmup(state, announce, gates, enter);
    if (launch === 'launch') enter('rollout');
  } else {
    publishSearchAttributes(state);
    watching = crisis.watch(closingReached);
    tasks.resume();
  }
  if (launch === 'cancelled') return closeCampaign(state, enter, retrospective, watching, announce, false);
  let posting: Promise<void> = Promise.resolve();
  // The rollout's posts are planned once, over its days from the instant its day 0 began (so a
  // post's rollout day does not depend on how long the first budgets took), then published.
  const startPosting = (rolloutStart: number) => {
    if (!resumed) {
      const from = planTimeOf(state, rolloutStart);
      schedulePosts(state, 'rollout', from, from + state.rolloutDays * DAY_MS);
    }
    posting = publishPosts(state, announce, 'rollout');
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
      log.info('Campaign continues as a new run', { campaignId: state.campaignId, day: state.day });
      return continueAsNew<typeof campaign>({ ...input, resume: { state: snapshotOf(state), rollout: progress } });
    },
  };
  await rollout(state, announce, continuation, resumed?.rollout, startPosting);
  await posting;
  return closeCampaign(state, enter, retrospective, watching, announce, true);
}

/** Closing: the KPI summary, then (when the plan holds one) the team retrospective and sign-off, then the report. */
async function closeCampaign(
  state: CampaignState,
  enter: (phase: Phase) => void,
  retrospective: ReturnType<typeof retrospectiveDesk>,
  watching: Promise<void>,
  announce: ReturnType<typeof announcer>,
  ranRollout: boolean,
): Promise<CampaignResult> {
  enter('closing');
  const summary = await closing(state);
  await watching;
  // A campaign cancelled after its pilot closes with a short report and no retrospective.
  if (ranRollout) await retrospective.run();
  await retrospective.storeReport();
  enter('closed');

  // Decisions still being recorded and notifications still being delivered finish first.
  await condition(allHandlersFinished);
  await announce.settled();
  return summary;
}

function enterPhase(state: CampaignState, phase: Phase, tasks: TaskRunner): void {
  state.phase = phase;
  // A phase entered again (preparation after a pilot was sent back) keeps its first start.
  const taskPhase = taskPhaseOf(phase);
  state.execution.phaseStarts = { [taskPhase]: new Date(planNow(state)).toISOString(), ...state.execution.phaseStarts };
  tasks.advance(new Date());
  publishSearchAttributes(state);
  log.info('Campaign phase', { campaignId: state.campaignId, phase });
}
