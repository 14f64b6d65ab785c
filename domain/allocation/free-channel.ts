/**
 * A channel the policy may move money for in this review: judged, active, with its limits in cents.
 * Policies see only these; unjudged and paused channels are held before a policy runs.
 */
import type { Random } from './prng.js';
import type { ChannelAllocationInput } from './types.js';

export interface FreeChannel {
  channel: ChannelAllocationInput;
  floor: number;
  ceiling: number;
  current: number;
  /** What the channel has already spent (money, not cents). */
  spent: number;
}

export interface PolicyContext {
  day: number;
  remainingDays: number;
  /** What the free channels may hold together (cents). */
  budget: number;
  /** What may be added above current allocations (cents). */
  cap: number;
  step: number;
  random: Random;
  /** Orders per unit of money across all channels: the centre that thin evidence shrinks to. */
  campaignOrdersPerSpend: number;
}

export interface PolicyResult {
  /** New allocations of the free channels (cents), in their order. */
  allocations: number[];
  /** Whether the per-review cap stopped the channel short of where the policy wanted it. */
  limitedByCap: boolean[];
  probabilityBest: Array<number | null>;
}

/** Daily spend the channel's remaining allocation pays for over the days left. */
export function dailySpendAt(free: FreeChannel, allocationCents: number, remainingDays: number): number {
  return Math.max(0, allocationCents / 100 - free.spent) / Math.max(1, remainingDays);
}

/**
 * A typical day of spend for this channel: what it spent on days it spent anything, or, before
 * its first such day, its allocation spread over the whole rollout.
 */
export function referenceSpend(free: FreeChannel, context: Pick<PolicyContext, 'day' | 'remainingDays'>): number {
  let spend = 0, days = 0;
  for (const d of free.channel.history) {
    if (Number.isFinite(d.spend) && d.spend > 0) {
      spend += d.spend;
      days += 1;
    }
  }
  if (days > 0) return spend / days;
  const planned = free.current / 100 / Math.max(1, context.day + context.remainingDays);
  return planned > 0 ? planned : 1;
}
