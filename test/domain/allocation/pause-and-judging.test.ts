import { describe, expect, it } from 'vitest';
import { proposeAllocation } from '../../../domain/allocation/policies.js';
import type { Guardrails } from '../../../domain/allocation/types.js';
import { channel, review, steadyDays } from './fixtures.js';

const guardrails: Guardrails = { maxShiftPerReview: 0.2, minSpendBeforeJudging: 5000, pauseBelowRoi: 0.3 };

/** Five days at ¥4,000 a day returning `roi` yuan per yuan spent. */
function returning(roi: number) {
  return steadyDays(5, 4000, 40, 40 * roi);
}

function statusOf(roi: number, paused: boolean, policy: 'bandit' | 'proportional' = 'bandit') {
  const proposal = proposeAllocation(review({
    policy,
    guardrails,
    channels: [channel('douyin', { history: steadyDays(5, 4000, 20) }), channel('wechat', { history: returning(roi), paused, min: 10_000 })],
  }));
  return proposal.allocations[1]!;
}

describe('pause and resume', () => {
  it('pauses a judged channel below the ROI threshold and cuts it to its floor', () => {
    const wechat = statusOf(0.2, false);
    expect(wechat.status).toBe('paused');
    // Spent ¥20,000, more than its ¥10,000 minimum: that is as low as it can go.
    expect(wechat.to).toBe(20_000);
    expect(wechat.reason).toBe('wechat: paused: recent ROI 0.20 below 0.30; CPA ¥40 against ¥27 for the campaign; -¥80,000 (down to what it has already spent)');
  });

  it('keeps a paused channel paused between the threshold and the threshold plus the margin', () => {
    const wechat = statusOf(0.33, true);
    expect(wechat.status).toBe('paused');
    expect(wechat.reason).toContain('still paused: recent ROI 0.33, resumes at 0.36');
  });

  it('resumes a paused channel once ROI clears the margin', () => {
    for (const policy of ['bandit', 'proportional'] as const) {
      const wechat = statusOf(0.4, true, policy);
      expect(wechat.status).toBe('active');
      expect(wechat.reason).toContain('resumed: recent ROI 0.40 back above 0.36');
    }
  });

  it('leaves an active channel between threshold and margin active: hysteresis works both ways', () => {
    expect(statusOf(0.33, false).status).toBe('active');
  });

  it('holds a paused channel at its minimum when it has spent less than that', () => {
    const proposal = proposeAllocation(review({
      guardrails,
      channels: [channel('wechat', { history: steadyDays(2, 3000, 40, 4), min: 30_000 })],
    }));
    expect(proposal.allocations[0]).toMatchObject({ status: 'paused', to: 30_000 });
    expect(proposal.allocations[0]!.reason).toMatch(/\(held at its minimum\)$/);
  });

  it('weighs recent days more: a channel that died lately is paused though its totals look fine', () => {
    const good = steadyDays(10, 4000, 20, 200).map((d) => ({ ...d }));
    const died = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((day) => ({ day, spend: 4000, orders: 0, revenue: 0 }));
    const proposal = proposeAllocation(review({ day: 20, guardrails: { ...guardrails, pauseBelowRoi: 3 }, channels: [channel('kol', { history: [...good, ...died], current: 120_000 })] }));
    // Lifetime ROI is 5; the last ten days returned nothing.
    expect(proposal.allocations[0]!.status).toBe('paused');
  });
});

describe('no judgement before enough spend', () => {
  it('keeps allocation and status of a channel that has spent less than minSpendBeforeJudging', () => {
    const early = channel('kol', { history: steadyDays(1, 3000, 3000, 1), current: 60_000 });
    const proposal = proposeAllocation(review({ guardrails, channels: [channel('douyin', { history: steadyDays(5, 4000, 20) }), early] }));
    expect(proposal.allocations[1]).toMatchObject({ from: 60_000, to: 60_000, status: 'active' });
    expect(proposal.allocations[1]!.reason).toBe('kol: not judged yet: spent ¥3,000 of the ¥5,000 needed; unchanged');
    expect(proposal.allocations[1]!.evidence.probabilityBest).toBeNull();
  });

  it('keeps an unjudged paused channel paused', () => {
    const proposal = proposeAllocation(review({ guardrails: { ...guardrails, minSpendBeforeJudging: 50_000 }, channels: [channel('kol', { history: returning(5), paused: true })] }));
    expect(proposal.allocations[0]).toMatchObject({ status: 'paused', to: 100_000 });
  });
});
