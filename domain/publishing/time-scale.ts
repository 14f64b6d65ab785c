/**
 * Plan time and workflow time. Calendars, SLAs and crisis windows are computed in plan time: the
 * instants things would have in a campaign run at time scale 1, so peak hours and local days keep
 * their meaning. A rehearsal at `--time-scale N` lives through plan time N times faster, anchored
 * where both clocks start: `planStart` (e.g. midnight of the plan's start date in its time zone, or
 * the instant the phase began) corresponds to `workflowStart` (the workflow's clock then).
 *
 *   workflow = workflowStart + (plan − planStart) ÷ timeScale
 *   plan     = planStart + (workflow − workflowStart) × timeScale
 *
 * At scale 1 this is a shift by (workflowStart − planStart), which is zero when a campaign runs live
 * from its planned start. Instants are ISO strings, `Date`s or epoch milliseconds; results are
 * epoch milliseconds, rounded to whole milliseconds (what timers take).
 */

export type Instant = string | number | Date;

export function toWorkflowTime(planInstant: Instant, planStart: Instant, workflowStart: Instant, timeScale: number): number {
  assertScale(timeScale);
  return Math.round(ms(workflowStart) + (ms(planInstant) - ms(planStart)) / timeScale);
}

export function toPlanTime(workflowInstant: Instant, planStart: Instant, workflowStart: Instant, timeScale: number): number {
  assertScale(timeScale);
  return Math.round(ms(planStart) + (ms(workflowInstant) - ms(workflowStart)) * timeScale);
}

/**
 * How long a workflow at `workflowNow` sleeps until the plan instant comes round; 0 when it is due or
 * past (a post planned for a moment already gone goes out at once rather than never).
 */
export function workflowDelayMs(planInstant: Instant, planStart: Instant, workflowStart: Instant, timeScale: number, workflowNow: Instant): number {
  return Math.max(0, toWorkflowTime(planInstant, planStart, workflowStart, timeScale) - ms(workflowNow));
}

function ms(instant: Instant): number {
  const value = typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(value)) throw new RangeError(`"${String(instant)}" is not an instant; give an ISO time such as 2027-03-01T04:00:00Z`);
  return value;
}

function assertScale(timeScale: number): void {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(`the time scale is a positive number (got ${timeScale})`);
  }
}
