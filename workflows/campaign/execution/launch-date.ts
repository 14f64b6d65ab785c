/**
 * The launch date (docs/execution.md, "Dates"): preparation runs from the campaign's start, the
 * launch — pilot, warm-up or rollout — waits for the plan's `start` on a durable timer. At time
 * scale 1 only: a rehearsal plays the plan's dates on its compressed clock (clock.ts) instead.
 * When the date comes with gates still open, the owner and the people holding it up hear who they
 * are, once; the campaign launches as soon as the last gate is approved.
 */
import { condition, log } from '@temporalio/workflow';
import { allApproved } from '../../../domain/preparation/progress.js';
import { launchDateOf, launchInstant } from '../../../domain/plan/launch.js';
import { holdersText, launchLateMessage } from '../../../domain/notifications/execution-messages.js';
import type { Announcer } from '../announce.js';
import { auditKeys, noticeKeys } from '../effects.js';
import type { PreparationDesk } from '../preparation.js';
import { commit, currentWaiting } from '../read-model.js';
import { raiseAlert, type CampaignState } from '../state.js';
import { recordAudit, type StepDesk } from '../steps.js';
import { cancelled } from '../cancellation.js';

/** The planned launch instant, when the campaign runs live (scale 1) from a plan with `start`. */
export function plannedLaunch(state: CampaignState): number | undefined {
  const { start, timezone } = state.plan;
  return state.timeScale === 1 && start !== undefined ? launchInstant(start, timezone) : undefined;
}

/** Returns once preparation is approved and the launch date has come (or the campaign was cancelled). */
export async function untilLaunch(
  state: CampaignState,
  announce: Announcer,
  steps: StepDesk,
  gates: Pick<PreparationDesk, 'untilApproved'>,
  launchAt: number,
): Promise<void> {
  commit(state, () => {
    state.execution.launchAt = new Date(launchAt).toISOString();
  });
  const ready = () => allApproved(state.gates) || cancelled(state);
  const beforeLaunch = launchAt - Date.now();
  const readyInTime = ready() || (beforeLaunch > 0 && await condition(ready, beforeLaunch));
  if (!readyInTime) await lateLaunch(state, announce, steps, launchAt);
  await gates.untilApproved();
  // Approved early: the launch keeps its date.
  const left = launchAt - Date.now();
  if (left > 0 && !cancelled(state)) await condition(() => cancelled(state), left);
}

async function lateLaunch(state: CampaignState, announce: Announcer, steps: StepDesk, launchAt: number): Promise<void> {
  const { plan, campaignId } = state;
  const at = new Date();
  const launchDate = launchDateOf(launchAt, plan.timezone);
  const holders = currentWaiting(state).filter((w) => w.gate !== undefined || w.task !== undefined);
  const who = holdersText(holders);
  commit(state, () => {
    state.execution.launchLate = at.toISOString();
    raiseAlert(state, 'warning', `The launch date ${launchDate} has come with preparation still open; waiting on ${who.en || 'the gates\' dependencies'}.`, at);
  });
  const people = [...new Set([plan.owner, ...holders.map((h) => h.person)])];
  announce.notice(noticeKeys.launchLate(), people, launchLateMessage({ campaignId, plan, at }, launchDate, holders));
  log.info('Launch date reached with preparation open', { campaignId, launchDate, waitingOn: people });
  await recordAudit(steps, {
    campaignId, at: at.toISOString(), eventKey: auditKeys.launchLate(), kind: 'launch-late',
    detail: { launchDate, waiting: holders.map((h) => ({ person: h.person, kind: h.kind, gate: h.gate, task: h.task })) },
  });
}
