/**
 * When reviews fall due (P2.12): after every rollout day, at the end of every calendar week and
 * month the rollout touches, and at the rollout's end for a week or month it leaves unfinished.
 *
 * Calendar boundaries come from the plan's calendar, not from the clock: rollout day d is the plan
 * date `rolloutStartDate + d − 1` in the plan's timezone. A rehearsal at `--time-scale 1440` lives
 * through a month in half an hour, and its monthly review must still close March on 31 March.
 */

export type ReviewKind = 'daily' | 'weekly' | 'monthly';

export interface ReviewSchedule {
  daily: boolean;
  weekly: boolean;
  monthly: boolean;
}

export interface ReviewPeriod {
  kind: ReviewKind;
  /** Unique per campaign: `daily:3`, `weekly:2027-W11` (ISO week), `monthly:2027-03`. */
  key: string;
  /** Campaign days, both ends included; day 1 is the first rollout day. */
  fromDay: number;
  toDay: number;
  /** The rollout covers only part of this calendar week or month (it started or ended inside it). */
  partial: boolean;
}

export interface ReviewPeriodsInput {
  /** The plan date of rollout day 1, `YYYY-MM-DD`, in the plan's timezone. */
  rolloutStartDate: string;
  rolloutDays: number;
  reviews: ReviewSchedule;
}

const KIND_ORDER: Record<ReviewKind, number> = { daily: 0, weekly: 1, monthly: 2 };

/**
 * Every review period of a rollout, in the order they fall due: by last day, and on a day that
 * closes several, the daily review first, then the week, then the month (each builds on the one
 * before when people read them).
 */
export function reviewPeriods({ rolloutStartDate, rolloutDays, reviews }: ReviewPeriodsInput): ReviewPeriod[] {
  const start = epochDay(rolloutStartDate);
  if (!Number.isInteger(rolloutDays) || rolloutDays < 1) {
    throw new RangeError(`a rollout lasts a whole number of days, at least 1 (got ${rolloutDays})`);
  }
  const periods: ReviewPeriod[] = [];
  if (reviews.daily) {
    for (let day = 1; day <= rolloutDays; day++) {
      periods.push({ kind: 'daily', key: `daily:${day}`, fromDay: day, toDay: day, partial: false });
    }
  }
  if (reviews.weekly) periods.push(...calendarPeriods('weekly', start, rolloutDays, isoWeekOf));
  if (reviews.monthly) periods.push(...calendarPeriods('monthly', start, rolloutDays, monthOf));
  return periods.sort((a, b) => a.toDay - b.toDay || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The reviews that fall due once campaign day `day` has ended. */
export function reviewsDueAfterDay(periods: readonly ReviewPeriod[], day: number): ReviewPeriod[] {
  return periods.filter((p) => p.toDay === day);
}

interface CalendarUnit {
  label: string;
  /** Days in the whole calendar unit, to tell a partial period from a full one. */
  length: number;
}

/** Consecutive rollout days that share a calendar unit form one period. */
function calendarPeriods(
  kind: 'weekly' | 'monthly',
  start: number,
  rolloutDays: number,
  unitOf: (epoch: number) => CalendarUnit,
): ReviewPeriod[] {
  const periods: ReviewPeriod[] = [];
  let open: { unit: CalendarUnit; fromDay: number } | undefined;
  const close = (toDay: number) => {
    if (!open) return;
    const days = toDay - open.fromDay + 1;
    periods.push({ kind, key: `${kind}:${open.unit.label}`, fromDay: open.fromDay, toDay, partial: days < open.unit.length });
  };
  for (let day = 1; day <= rolloutDays; day++) {
    const unit = unitOf(start + day - 1);
    if (open?.unit.label !== unit.label) {
      close(day - 1);
      open = { unit, fromDay: day };
    }
  }
  close(rolloutDays);
  return periods;
}

/** ISO weeks run Monday to Sunday and belong to the year their Thursday is in. */
function isoWeekOf(epoch: number): CalendarUnit {
  const thursday = epoch - weekdayOf(epoch) + 3;
  const { year } = civilDate(thursday);
  const week = Math.floor((thursday - epochDay(`${pad(year, 4)}-01-01`)) / 7) + 1;
  return { label: `${pad(year, 4)}-W${pad(week, 2)}`, length: 7 };
}

function monthOf(epoch: number): CalendarUnit {
  const { year, month } = civilDate(epoch);
  return { label: `${pad(year, 4)}-${pad(month, 2)}`, length: daysInMonth(year, month) };
}

/** 0 for Monday … 6 for Sunday. Day 0 of the epoch, 1970-01-01, was a Thursday. */
export function weekdayOf(epoch: number): number {
  return (((epoch + 3) % 7) + 7) % 7;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (no 30 February). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; a RangeError for anything else. */
export function epochDay(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`"${date}" is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The `YYYY-MM-DD` date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = civilDate(epochDay(date) + days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The plan-calendar date of an instant in a timezone, `YYYY-MM-DD`: what "today" was for the team
 * when a rollout started.
 */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function civilDate(epoch: number): { year: number; month: number; day: number } {
  const at = new Date(epoch * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
