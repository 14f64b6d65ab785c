/** Budget and resources (P1.4) and channel allocations (P2.6): the numbers must add up. */
import { issue, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';

// Money is written with decimals; sums of them must not fail a check by a rounding error.
const CENT = 0.005;

export function channelBudgetRanges(plan: Plan): RuleIssue[] {
  return plan.channels.flatMap((channel, i) => {
    const { initial, min, max } = channel.budget;
    if (min > max) return [issue('channel-min-above-max', ['channels', i, 'budget', 'min'], { min, max })];
    if (initial < min || initial > max) return [issue('channel-initial-outside-range', ['channels', i, 'budget', 'initial'], { initial, min, max })];
    return [];
  });
}

/** The reserve is never allocated automatically, so it is counted as spent from the start. */
export function budgetWithinTotal(plan: Plan): RuleIssue[] {
  const channels = plan.channels.reduce((sum, channel) => sum + channel.budget.initial, 0);
  const items = plan.budget.items.reduce((sum, item) => sum + item.cap, 0);
  const { total, reserve } = plan.budget;
  if (channels + items + reserve <= total + CENT) return [];
  return [issue('budget-over-total', ['budget', 'total'], { channels, items, reserve, total, currency: plan.currency })];
}

/** The pilot spends from its channels' initial allocations; it cannot spend more than they hold. */
export function pilotBudgetWithinChannels(plan: Plan): RuleIssue[] {
  const pilot = plan.pilot;
  if (!pilot) return [];
  const byId = new Map(plan.channels.map((channel) => [channel.id, channel] as const));
  // An unknown pilot channel is reported by its own rule; a sum without it would mislead.
  if (pilot.channels.some((id) => !byId.has(id))) return [];
  const channels = [...new Set(pilot.channels)];
  const available = channels.reduce((sum, id) => sum + byId.get(id)!.budget.initial, 0);
  if (pilot.budget <= available + CENT) return [];
  return [issue('pilot-budget-over-channels', ['pilot', 'budget'], { budget: pilot.budget, available, channels, currency: plan.currency })];
}

/** A webhook adapter posts to a URL; without one nothing would ever be published. */
export function webhookChannelsHaveUrl(plan: Plan): RuleIssue[] {
  return plan.channels.flatMap((channel, i) => (channel.adapter === 'webhook' && !channel.url
    ? [issue('channel-webhook-url', ['channels', i, 'adapter'], {})]
    : []));
}

/**
 * Reviews compare a channel's ROI (revenue ÷ spend, never below 0) with `pauseBelowRoi`: at 0 or
 * below no channel could ever fall under it, so the guardrail the author wrote would never act.
 */
export function roiThresholdPositive(plan: Plan): RuleIssue[] {
  const value = plan.rollout.optimization?.pauseBelowRoi;
  return value !== undefined && !(value > 0)
    ? [issue('roi-threshold-not-positive', ['rollout', 'optimization', 'pauseBelowRoi'], { value })]
    : [];
}
