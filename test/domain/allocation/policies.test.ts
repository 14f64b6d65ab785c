import { describe, expect, it } from 'vitest';
import { proposeAllocation } from '../../../domain/allocation/policies.js';
import type { DayResult } from '../../../domain/allocation/types.js';
import { channel, review, steadyDays } from './fixtures.js';

/** Five days at spends from 1,000 to 5,000: enough spread to see a curve bend. */
function curveDays(orders: (spend: number) => number, orderValue = 200): DayResult[] {
  return [1000, 2000, 3000, 4000, 5000].map((spend, i) => {
    const o = Math.round(orders(spend));
    return { day: i + 1, spend, orders: o, revenue: o * orderValue };
  });
}

const cheap = channel('douyin', { history: steadyDays(5, 4000, 18) });
const dear = channel('baidu', { history: steadyDays(5, 4000, 45) });
/** Both channels hold all of the budget: money can only move between them. */
const TWO_CHANNELS = 200_000;

describe('bandit policy', () => {
  it('moves money to the channel with cheaper orders, up to the per-review cap', () => {
    const proposal = proposeAllocation(review({ totalBudget: TWO_CHANNELS, channels: [cheap, dear] }));
    const [douyin, baidu] = proposal.allocations;
    expect(douyin!.to).toBeGreaterThan(105_000);
    expect(douyin!.to).toBeLessThanOrEqual(110_000);
    expect(baidu!.to).toBe(200_000 - douyin!.to);
    expect(proposal.shiftShare).toBeLessThanOrEqual(0.05);
    expect(douyin!.reason).toContain('limited by the per-review cap');
    expect(douyin!.evidence.probabilityBest).toBeGreaterThan(0.8);
  });

  it('sees diminishing returns that a split by average efficiency misses', () => {
    // Cheap on average (about ¥21 an order at ¥3,000) but saturated: the next yuan buys almost nothing.
    const saturated = channel('xiaohongshu', { history: curveDays((s) => 150 * (1 - Math.exp(-s / 1000))) });
    // Dearer on average (¥40) but every yuan still buys the same.
    const linear = channel('weibo', { history: curveDays((s) => s / 40) });
    const input = review({ totalBudget: TWO_CHANNELS, channels: [saturated, linear], guardrails: { maxShiftPerReview: 0.2, minSpendBeforeJudging: 5000 } });
    const bandit = proposeAllocation(input).allocations;
    const proportional = proposeAllocation({ ...input, policy: 'proportional' }).allocations;
    expect(bandit[0]!.to).toBeLessThan(bandit[0]!.from);
    expect(bandit[1]!.to).toBeGreaterThan(bandit[1]!.from);
    expect(proportional[0]!.to).toBeGreaterThan(proportional[0]!.from);
  });

  it('leaves budget where it is when the channels are alike', () => {
    const proposal = proposeAllocation(review({ channels: [channel('a', { history: steadyDays(5, 4000, 30) }), channel('b', { history: steadyDays(5, 4000, 30) })] }));
    for (const a of proposal.allocations) expect(Math.abs(a.to - a.from)).toBeLessThan(0.05 * 400_000 + 0.01);
    expect(proposal.allocations.reduce((s, a) => s + a.to, 0)).toBeLessThanOrEqual(400_000);
  });
});

describe('proportional policy', () => {
  it('gives more to the more efficient channel, moving every channel the same fraction of the way', () => {
    const proposal = proposeAllocation(review({ policy: 'proportional', totalBudget: TWO_CHANNELS, channels: [cheap, dear] }));
    const [douyin, baidu] = proposal.allocations;
    expect(douyin!.to).toBeGreaterThan(douyin!.from);
    expect(baidu!.to).toBeLessThan(baidu!.from);
    expect(douyin!.to + baidu!.to).toBeLessThanOrEqual(TWO_CHANNELS);
    expect(proposal.shiftShare).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(douyin!.evidence.probabilityBest).toBeNull();
    expect(douyin!.reason).toContain('budget follows orders per unit spent');
  });
});

describe('fixed policy', () => {
  it('changes nothing, not even a channel far below the ROI threshold', () => {
    const losing = channel('wechat', { history: steadyDays(5, 4000, 1000, 100) });
    const proposal = proposeAllocation(review({ policy: 'fixed', channels: [cheap, losing], guardrails: { maxShiftPerReview: 0.2, minSpendBeforeJudging: 0, pauseBelowRoi: 0.5 } }));
    expect(proposal.allocations.map((a) => [a.to, a.status])).toEqual([[100_000, 'active'], [100_000, 'active']]);
    expect(proposal.shiftShare).toBe(0);
    expect(proposal.summary).toBe('Day 5 review (fixed): no change.');
  });
});

describe('every policy', () => {
  it('moves nothing once no rollout days are left', () => {
    const proposal = proposeAllocation(review({ remainingDays: 0, channels: [cheap, dear] }));
    expect(proposal.allocations.map((a) => a.to)).toEqual([100_000, 100_000]);
    expect(proposal.allocations[0]!.reason).toBe('douyin: no rollout days left; unchanged');
  });

  it('asks for approval only above the threshold', () => {
    const base = review({ channels: [cheap, dear] });
    expect(proposeAllocation({ ...base, guardrails: { ...base.guardrails, approvalAbove: 0.03 } }).needsApproval).toBe(true);
    expect(proposeAllocation({ ...base, guardrails: { ...base.guardrails, approvalAbove: 0.05 } }).needsApproval).toBe(false);
    expect(proposeAllocation(base).needsApproval).toBe(false);
  });

  it('draws the same numbers for the same seed and may differ for another', () => {
    const a = proposeAllocation(review({ channels: [cheap, dear] }));
    expect(proposeAllocation(review({ channels: [cheap, dear] }))).toEqual(a);
    const other = proposeAllocation(review({ seed: 'another', channels: [cheap, dear] }));
    expect(other.allocations[0]!.evidence.probabilityBest).not.toBeNull();
  });

  it('refuses limits that cannot be honoured, naming them', () => {
    expect(() => proposeAllocation(review({ channels: [channel('a', { min: 50, max: 10, current: 20 })] }))).toThrow(/channel a: min must be an amount no larger than max/);
    expect(() => proposeAllocation(review({ totalBudget: 100, channels: [channel('a')] }))).toThrow(/add up to more than totalBudget/);
    expect(() => proposeAllocation(review({ guardrails: { maxShiftPerReview: 2, minSpendBeforeJudging: 0 } }))).toThrow(/maxShiftPerReview/);
  });
});
