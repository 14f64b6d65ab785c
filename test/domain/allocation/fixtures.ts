import type { AllocationInput, ChannelAllocationInput, DayResult } from '../../../domain/allocation/types.js';

/** Days at a steady spend with a fixed cost per order and order value. */
export function steadyDays(days: number, spend: number, cpa: number, orderValue = 200): DayResult[] {
  return Array.from({ length: days }, (_, i) => {
    const orders = Math.round(spend / cpa);
    return { day: i + 1, spend, orders, revenue: orders * orderValue };
  });
}

export function channel(id: string, over: Partial<ChannelAllocationInput> = {}): ChannelAllocationInput {
  return { id, current: 100_000, min: 20_000, max: 160_000, history: [], paused: false, ...over };
}

export function review(over: Partial<AllocationInput> = {}): AllocationInput {
  return {
    policy: 'bandit',
    day: 5,
    seed: 'spring-tea-2027|review|5',
    totalBudget: 400_000,
    remainingDays: 25,
    channels: [],
    guardrails: { maxShiftPerReview: 0.05, minSpendBeforeJudging: 5000 },
    currency: 'CNY',
    lang: 'en',
    ...over,
  };
}
