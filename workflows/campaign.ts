/**
 * The `campaign` workflow: one campaign from preparation to closing. Pure orchestration: the
 * decisions about gates, reviews and KPIs live in domain/, every effect is an activity.
 */
import { allHandlersFinished, condition, log, setHandler } from '@temporalio/workflow';
import { statusQuery, type CampaignInput, type CampaignResult, type Phase } from './contract.js';
import { records } from './campaign/activities.js';
import { announcer } from './campaign/announce.js';
import { preparation } from './campaign/preparation.js';
import { closing, rollout } from './campaign/rollout.js';
import { newCampaignState, publishSearchAttributes, statusOf, type CampaignState } from './campaign/state.js';

export async function campaign(input: CampaignInput): Promise<CampaignResult> {
  const state = newCampaignState(input, new Date());
  setHandler(statusQuery, () => statusOf(state));
  // Every record references the campaign row: writes wait for it, but the handlers are registered
  // in this first activation so that a decision sent right after the start is not rejected.
  const registered = records.registerCampaign({ campaignId: state.campaignId, plan: state.plan, timeScale: state.timeScale });
  const announce = announcer(state, registered);

  // Preparation: nothing launches until every gate is approved.
  const gates = preparation(state, announce, registered);
  await registered;
  await gates.untilApproved();

  enterPhase(state, 'rollout');
  await rollout(state, announce);

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
