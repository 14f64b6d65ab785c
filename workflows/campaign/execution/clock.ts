/**
 * Plan time in the workflow. Posting calendars, response times and crisis windows are in plan time
 * (what the audience's clocks say); a rehearsal runs them on its compressed workflow clock.
 */
import { toPlanTime, toWorkflowTime } from '../../../domain/publishing/time-scale.js';
import { instantAt } from '../../../domain/publishing/zoned-time.js';
import { DAY_MS } from '../../../domain/duration.js';
import type { CampaignState } from '../state.js';

/**
 * Anchors plan time to the workflow's clock now. A rehearsal of a plan with a `start` date plays
 * on that date's calendar (peak hours, weekdays); a live campaign (time scale 1) is its own clock.
 */
export function anchorClock(state: CampaignState, now: Date): void {
  const planStart = state.timeScale !== 1 && state.plan.start
    ? new Date(instantAt(state.plan.start, 0, state.plan.timezone)).toISOString()
    : now.toISOString();
  state.execution.clock = { planStart, workflowStart: now.toISOString() };
}

export function planNow(state: CampaignState): number {
  return planTimeOf(state, Date.now());
}

/** A workflow-clock instant in plan time. */
export function planTimeOf(state: CampaignState, workflowInstant: string | number): number {
  const { planStart, workflowStart } = state.execution.clock;
  return toPlanTime(workflowInstant, planStart, workflowStart, state.timeScale);
}

export function workflowTimeOf(state: CampaignState, planInstant: string | number): number {
  const { planStart, workflowStart } = state.execution.clock;
  return toWorkflowTime(planInstant, planStart, workflowStart, state.timeScale);
}

/** Plan days since the plan's start: the unit of the task schedule. */
export function planDay(state: CampaignState, planInstant: number): number {
  return (planInstant - Date.parse(state.execution.clock.planStart)) / DAY_MS;
}
