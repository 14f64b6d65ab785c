/**
 * The `campaign` workflow: one campaign from preparation to closing. Pure orchestration: the
 * decisions about gates, reviews and KPIs live in domain/, every effect is an activity.
 */
import { allHandlersFinished, condition, continueAsNew, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { statusQuery, type CampaignInput, type CampaignResult, type Phase } from './contract.js';
import { records } from './campaign/activities.js';
import { announcer } from './campaign/announce.js';
import { preparation } from './campaign/preparation.js';
import { closing, rollout, type Continuation } from './campaign/rollout.js';
import {
  newCampaignState, publishSearchAttributes, restoreState, snapshotOf, statusOf, type CampaignState,
} from './campaign/state.js';

/** Rollout days per run when the input does not say. */
const DAYS_PER_RUN = 30;

export async function campaign(input: CampaignInput): Promise<CampaignResult> {
  const resumed = input.resume;
  const state = resumed ? restoreState(input, resumed.state) : newCampaignState(input, new Date());
  setHandler(statusQuery, () => statusOf(state));
  // Every record references the campaign row: writes wait for it, but the handlers are registered
  // in this first activation so that a decision sent right after the start is not rejected.
  const registered = resumed
    ? Promise.resolve()
    : records.registerCampaign({ campaignId: state.campaignId, plan: state.plan, timeScale: state.timeScale });
  const announce = announcer(state, registered);

  // Preparation: nothing launches until every gate is approved.
  const gates = preparation(state, announce, registered, { resumed: Boolean(resumed) });
  if (!resumed) {
    await registered;
    await gates.untilApproved();
    enterPhase(state, 'rollout');
  } else {
    publishSearchAttributes(state);
  }

  const continuation: Continuation = {
    due: (daysThisRun) =>
      patched('continue-as-new') &&
      (workflowInfo().continueAsNewSuggested || daysThisRun >= (input.continueAsNewEveryDays ?? DAYS_PER_RUN)),
    async continueWith(progress) {
      // Decisions being recorded and notifications being delivered finish in this run.
      await condition(allHandlersFinished);
      await announce.settled();
      log.info('Campaign continues as a new run', { campaignId: state.campaignId, day: state.day });
      return continueAsNew<typeof campaign>({ ...input, resume: { state: snapshotOf(state), rollout: progress } });
    },
  };
  await rollout(state, announce, continuation, resumed?.rollout);

  enterPhase(state, 'closing');
  const summary = await closing(state);
  enterPhase(state, 'closed');

  // Decisions still being recorded and notifications still being delivered finish first.
  await condition(allHandlersFinished);
  await announce.settled();
  return summary;
}

function enterPhase(state: CampaignState, phase: Phase): void {
  state.phase = phase;
  publishSearchAttributes(state);
  log.info('Campaign phase', { campaignId: state.campaignId, phase });
}
