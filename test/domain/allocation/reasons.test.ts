import { describe, expect, it } from 'vitest';
import { proposeAllocation } from '../../../domain/allocation/policies.js';
import { formatMoney } from '../../../domain/money.js';
import { channel, review, steadyDays } from './fixtures.js';

const channels = (zh: boolean) => [
  channel('douyin', { name: zh ? '抖音' : undefined, history: steadyDays(5, 4000, 18) }),
  channel('baidu', { name: zh ? '百度' : undefined, history: steadyDays(5, 4000, 32) }),
  channel('kol', { name: zh ? '达人' : undefined, history: steadyDays(1, 2000, 40), current: 60_000 }),
];

describe('reasons', () => {
  it('explains a move in English with CPA, chance of being best and the limit', () => {
    const proposal = proposeAllocation(review({ totalBudget: 260_000, channels: channels(false) }));
    expect(proposal.allocations[0]!.reason).toMatch(/^douyin: CPA ¥18 against ¥24 for the campaign; \d+% likely the best channel; \+¥[\d,]+ \(limited by the per-review cap\)$/);
    expect(proposal.allocations[1]!.reason).toMatch(/^baidu: CPA ¥32 against ¥24 for the campaign; \d+% likely the best channel; -¥[\d,]+$/);
    expect(proposal.allocations[2]!.reason).toBe('kol: not judged yet: spent ¥2,000 of the ¥5,000 needed; unchanged');
    expect(proposal.summary).toMatch(/^Day 5 review \(bandit\): added ¥[\d,]+, \d\.\d% of the rollout budget; more for douyin \+¥[\d,]+; less for baidu -¥[\d,]+\.$/);
  });

  it('explains the same move in Chinese with the channels\' own names', () => {
    const proposal = proposeAllocation(review({ lang: 'zh-CN', totalBudget: 260_000, channels: channels(true), guardrails: { maxShiftPerReview: 0.05, minSpendBeforeJudging: 5000, approvalAbove: 0.03 } }));
    expect(proposal.allocations[0]!.reason).toMatch(/^抖音: 单均成本 ¥18, 全活动 ¥24; \d+% 的概率是最优渠道; \+¥[\d,]+ \(受单次调整上限限制\)$/);
    expect(proposal.allocations[2]!.reason).toBe('达人: 尚未评判: 已花费 ¥2,000, 需 ¥5,000; 不变');
    expect(proposal.summary).toMatch(/^第 5 天复盘 \(bandit\): 调整 ¥[\d,]+, 占投放预算 \d\.\d%; 增加: 抖音 \+¥[\d,]+; 减少: 百度 -¥[\d,]+; 调整超过 3%, 需审批。$/);
  });

  it('says so when a channel has no orders yet', () => {
    const proposal = proposeAllocation(review({ channels: [channel('weibo', { history: steadyDays(3, 4000, Infinity) })] }));
    expect(proposal.allocations[0]!.reason).toMatch(/^weibo: CPA no orders yet against none yet for the campaign/);
  });

  it('writes money with the currency\'s symbol and thousands separators', () => {
    expect(formatMoney(12000, 'CNY')).toBe('¥12,000');
    expect(formatMoney(1234567.891, 'USD')).toBe('$1,234,568');
    expect(formatMoney(7.5, 'EUR')).toBe('€7.50');
    expect(formatMoney(-300, 'CHF')).toBe('-CHF 300');
  });
});
