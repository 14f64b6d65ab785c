/**
 * The rule of thumb many teams use: budget in proportion to observed efficiency (orders per unit
 * of money, recent days weighted more). It ignores diminishing returns, which is why `bandit` is
 * the default; it stays as the simple, explainable alternative.
 */
import { splitProportionally } from './fill.js';
import { referenceSpend, type FreeChannel, type PolicyContext, type PolicyResult } from './free-channel.js';
import { amount, recencyWeight } from './guardrails.js';

export function proportionalAllocation(free: readonly FreeChannel[], context: PolicyContext): PolicyResult {
  const efficiencies = free.map((f) => recentEfficiency(f, context));
  const target = splitProportionally(free, efficiencies, context.budget);
  const increase = target.reduce((s, t, i) => s + Math.max(0, t - free[i]!.current), 0);
  const share = increase > context.cap ? context.cap / increase : 1;
  // Moving every channel the same fraction of the way keeps limits and total exactly, since both the
  // current and the target split respect them.
  const allocations = target.map((t, i) => {
    const c = free[i]!.current;
    return t >= c ? c + Math.floor(share * (t - c)) : c - Math.floor(share * (c - t));
  });
  trimToBudget(allocations, free, context.budget);
  return {
    allocations,
    limitedByCap: allocations.map((a, i) => share < 1 && (target[i] ?? 0) > a),
    probabilityBest: free.map(() => null),
  };
}

/** Orders per unit spent, with one pseudo-day of campaign-average efficiency so zero orders is not zero budget. */
function recentEfficiency(free: FreeChannel, context: PolicyContext): number {
  const reference = referenceSpend(free, context);
  let orders = context.campaignOrdersPerSpend * reference;
  let spend = reference;
  for (const d of free.channel.history) {
    const w = recencyWeight(context.day, d.day);
    orders += w * amount(d.orders);
    spend += w * amount(d.spend);
  }
  return spend > 0 ? orders / spend : 0;
}

/** Rounding the decreases towards zero may leave a few cents too many: take them back from increases. */
function trimToBudget(allocations: number[], free: readonly FreeChannel[], budget: number): void {
  let excess = allocations.reduce((s, a) => s + a, 0) - budget;
  for (let i = 0; i < allocations.length && excess > 0; i++) {
    const room = allocations[i]! - Math.max(free[i]!.current, free[i]!.floor);
    const take = Math.min(room, excess);
    if (take > 0) {
      allocations[i]! -= take;
      excess -= take;
    }
  }
}
