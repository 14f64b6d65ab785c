/**
 * The limits every allocation review keeps, whatever its policy: per-channel minimum and maximum,
 * never below what a channel has already spent, no more than the per-review share moved, never
 * more than the rollout budget, no judgement before enough spend, and ROI pauses with hysteresis.
 */
import type { AllocationInput, ChannelAllocationInput, ChannelStatus, DayResult, Guardrails } from './types.js';

/**
 * Evidence loses half its weight every week: long enough to average out day-to-day noise, short
 * enough that a channel that changes mid-campaign (drift, a dying creative) is noticed within days.
 */
export const EVIDENCE_HALF_LIFE_DAYS = 7;

/**
 * A paused channel resumes only when its ROI clears the threshold by 20%: without the margin a
 * channel hovering at the threshold would flap between paused and active every review.
 */
export const RESUME_MARGIN = 0.2;

export function recencyWeight(day: number, observedDay: number): number {
  return Math.pow(0.5, Math.max(0, day - observedDay) / EVIDENCE_HALF_LIFE_DAYS);
}

/** Reported numbers are trusted only when they are real amounts; anything else counts as nothing. */
export function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function totals(history: readonly DayResult[]): { spend: number; orders: number; revenue: number } {
  let spend = 0, orders = 0, revenue = 0;
  for (const d of history) {
    spend += amount(d.spend);
    orders += amount(d.orders);
    revenue += amount(d.revenue);
  }
  return { spend, orders, revenue };
}

/** Revenue ÷ spend with recent days weighted more; null while nothing was spent. */
export function recentRoi(history: readonly DayResult[], day: number): number | null {
  let spend = 0, revenue = 0;
  for (const d of history) {
    const w = recencyWeight(day, d.day);
    spend += w * amount(d.spend);
    revenue += w * amount(d.revenue);
  }
  return spend > 0 ? revenue / spend : null;
}

export function isJudged(channel: ChannelAllocationInput, guardrails: Guardrails): boolean {
  return totals(channel.history).spend >= guardrails.minSpendBeforeJudging;
}

/**
 * The lowest allocation a review may give: the plan's minimum (a commitment, e.g. agreed partner
 * terms), and never less than what is already spent, since spent money cannot be handed to another
 * channel. A channel that overspent its allocation is not topped up to cover it.
 */
export function floorOf(channel: ChannelAllocationInput): number {
  return Math.max(channel.min, Math.min(totals(channel.history).spend, channel.current));
}

export function resumeRoi(pauseBelowRoi: number): number {
  return pauseBelowRoi * (1 + RESUME_MARGIN);
}

export type StatusChange = 'paused' | 'resumed' | 'still-paused' | null;

/**
 * Pause below the ROI threshold, resume above it plus the margin. An unjudged channel keeps its
 * status: too little spend to say anything. Without a threshold nothing holds a channel paused.
 */
export function nextStatus(
  channel: ChannelAllocationInput,
  guardrails: Guardrails,
  day: number,
): { status: ChannelStatus; change: StatusChange } {
  const wasPaused = channel.paused;
  if (!isJudged(channel, guardrails)) return { status: wasPaused ? 'paused' : 'active', change: wasPaused ? 'still-paused' : null };
  const threshold = guardrails.pauseBelowRoi;
  if (threshold === undefined || !(threshold > 0)) return { status: 'active', change: wasPaused ? 'resumed' : null };
  const roi = recentRoi(channel.history, day);
  if (roi === null) return { status: wasPaused ? 'paused' : 'active', change: wasPaused ? 'still-paused' : null };
  if (wasPaused) return roi >= resumeRoi(threshold) ? { status: 'active', change: 'resumed' } : { status: 'paused', change: 'still-paused' };
  return roi < threshold ? { status: 'paused', change: 'paused' } : { status: 'active', change: null };
}

/** What one review may add to channels in total. */
export function shiftCap(input: Pick<AllocationInput, 'totalBudget' | 'guardrails'>): number {
  return input.totalBudget * input.guardrails.maxShiftPerReview;
}

/**
 * What makes an allocation input impossible to honour. The plan validator already refuses these
 * for plans; the check stays here because a review must never silently work on broken limits.
 */
export function allocationInputProblems(input: AllocationInput): string[] {
  const problems: string[] = [];
  const g = input.guardrails;
  if (!isMoney(input.totalBudget)) problems.push('totalBudget must be a non-negative amount');
  if (!(Number.isFinite(input.remainingDays) && input.remainingDays >= 0)) problems.push('remainingDays must be zero or more');
  if (!(g.maxShiftPerReview >= 0 && g.maxShiftPerReview <= 1)) problems.push('maxShiftPerReview must be a share between 0 and 1');
  if (!isMoney(g.minSpendBeforeJudging)) problems.push('minSpendBeforeJudging must be a non-negative amount');
  if (g.pauseBelowRoi !== undefined && !Number.isFinite(g.pauseBelowRoi)) problems.push('pauseBelowRoi must be a number');
  if (g.approvalAbove !== undefined && !(g.approvalAbove >= 0 && g.approvalAbove <= 1)) problems.push('approvalAbove must be a share between 0 and 1');
  const seen = new Set<string>();
  let current = 0, minimum = 0;
  for (const c of input.channels) {
    if (seen.has(c.id)) problems.push(`channel ${c.id} appears twice`);
    seen.add(c.id);
    if (!isMoney(c.min) || !isMoney(c.max) || c.min > c.max) problems.push(`channel ${c.id}: min must be an amount no larger than max`);
    if (!isMoney(c.current) || c.current < c.min || c.current > c.max) problems.push(`channel ${c.id}: current allocation must lie between min and max`);
    current += c.current;
    minimum += c.min;
  }
  if (current > input.totalBudget + 0.005) problems.push('current allocations add up to more than totalBudget');
  if (minimum > input.totalBudget + 0.005) problems.push('channel minimums add up to more than totalBudget');
  return problems;
}

function isMoney(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
