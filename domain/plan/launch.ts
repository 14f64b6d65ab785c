/**
 * The plan's dates (docs/execution.md, "Dates"): `start` is the launch — the first day of the pilot,
 * else the warm-up, else the rollout — as a local date or date-time in the plan's timezone, and
 * `rollout.endBy` the last local day the rollout may run. Preparation comes before `start` and may
 * begin as soon as the campaign is started.
 *
 * Plan lengths are counted as the workflow runs them: the pilot and the rollout in whole days, the
 * warm-up as written. Wall times are read in the plan's timezone (Asia/Shanghai has no daylight
 * saving; elsewhere a launch at a skipped local time moves past the jump, see zoned-time.ts).
 */
import { DAY_MS, isDuration, parseDuration, wholeDays } from '../duration.js';
import { instantAt } from '../publishing/zoned-time.js';
import { epochDay, isCalendarDate, localDate } from '../review-periods.js';
import type { Plan } from './schema.js';

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, local time without an offset. */
export const START_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export interface LocalStart {
  date: string;
  /** Seconds since local midnight. */
  second: number;
}

/** The start's local date and time of day, or undefined when it is not a real date and time. */
export function parseStart(text: string): LocalStart | undefined {
  const match = START_PATTERN.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const [hour, minute, second] = [match[2], match[3], match[4]].map((part) => Number(part ?? 0)) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { date: match[1]!, second: hour * 3600 + minute * 60 + second };
}

/** The instant the plan's `start` names in its timezone (midnight for a date alone). */
export function launchInstant(start: string, timeZone: string): number {
  const local = parseStart(start);
  if (!local) throw new RangeError(`"${start}" is not a start; write YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2027-06-01T20:00`);
  return instantAt(local.date, Math.floor(local.second / 60), timeZone) + (local.second % 60) * 1000;
}

/** Pilot, warm-up and rollout, in milliseconds: from the launch to the rollout's end. */
export function launchToRolloutEndMs(plan: Pick<Plan, 'pilot' | 'warmup' | 'rollout'>): number {
  const length = (text: string | undefined, whole: boolean) =>
    (text === undefined || !isDuration(text) ? 0 : whole ? wholeDays(text) * DAY_MS : parseDuration(text));
  return length(plan.pilot?.duration, true) + length(plan.warmup?.duration, false) + length(plan.rollout.duration, true);
}

export interface RolloutDates {
  /** The local date of the launch. */
  launchDate: string;
  /** The last local day the rollout runs (the day its last moment falls on). */
  lastDay: string;
  /** The latest local start date whose rollout still ends by `endBy`, when the plan has one. */
  latestStart?: string;
}

/**
 * The rollout's last local day when everything launches on `start` and runs as long as planned.
 * Pure calendar maths on local wall time: a rollout of 30d launched on 2027-06-01 ends on 06-30.
 */
export function plannedRolloutDates(plan: Pick<Plan, 'start' | 'pilot' | 'warmup' | 'rollout'>): RolloutDates | undefined {
  const local = plan.start === undefined ? undefined : parseStart(plan.start);
  if (!local) return undefined;
  const span = launchToRolloutEndMs(plan);
  const end = epochDay(local.date) * DAY_MS + local.second * 1000 + span;
  // The last moment is just before `end`: a rollout that ends at midnight ended the day before.
  const lastDay = new Date(end - 1).toISOString().slice(0, 10);
  const endBy = plan.rollout.endBy;
  const latestStart = endBy !== undefined && isCalendarDate(endBy)
    ? new Date((epochDay(endBy) + 1) * DAY_MS - span).toISOString().slice(0, 10)
    : undefined;
  return { launchDate: local.date, lastDay, ...(latestStart ? { latestStart } : {}) };
}

/** Whether the rollout, launched on `start`, ends by `rollout.endBy` (true when either is missing). */
export function endsByDeadline(plan: Pick<Plan, 'start' | 'pilot' | 'warmup' | 'rollout'>): boolean {
  const dates = plannedRolloutDates(plan);
  const endBy = plan.rollout.endBy;
  return !dates || endBy === undefined || !isCalendarDate(endBy) || dates.lastDay <= endBy;
}

/** The local date (in the plan's timezone) a launch instant falls on, for messages. */
export function launchDateOf(instant: number, timeZone: string): string {
  return localDate(new Date(instant), timeZone);
}
