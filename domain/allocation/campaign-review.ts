/**
 * The bridge between a campaign's review and the allocation policies: what a review asks for, and
 * which channel budgets change as a result.
 */
import { roundMoney } from '../metrics.js';
import type { Plan } from '../plan/schema.js';
import { planLanguage } from '../plan/summary.js';
import type { BudgetChange, ChannelState } from '../review.js';
import type { AllocationInput, AllocationProposal, DayResult } from './types.js';

/** The money reviews may allocate: the plan total less the reserve and the budget items. */
export function rolloutBudget(plan: Plan): number {
  const items = plan.budget.items.reduce((sum, item) => sum + item.cap, 0);
  return Math.max(0, plan.budget.total - plan.budget.reserve - items);
}

/** Undefined when the plan moves no money (no optimization, or the `fixed` policy). */
export function allocationInput(input: {
  plan: Plan;
  campaignId: string;
  day: number;
  remainingDays: number;
  channels: readonly ChannelState[];
  history: Readonly<Record<string, readonly DayResult[]>>;
}): AllocationInput | undefined {
  const optimization = input.plan.rollout.optimization;
  if (!optimization || optimization.policy === 'fixed' || input.remainingDays <= 0) return undefined;
  return {
    policy: optimization.policy,
    day: input.day,
    // Derived from workflow state, so a replay draws exactly the same proposal.
    seed: `${input.campaignId}|review|${input.day}`,
    totalBudget: rolloutBudget(input.plan),
    remainingDays: input.remainingDays,
    channels: input.channels.map((c) => {
      const planned = input.plan.channels.find((p) => p.id === c.id)!;
      return {
        id: c.id,
        name: c.name,
        current: c.allocation,
        min: planned.budget.min,
        max: planned.budget.max,
        history: input.history[c.id] ?? [],
        paused: c.status === 'paused',
      };
    }),
    guardrails: {
      maxShiftPerReview: optimization.maxShiftPerReview,
      minSpendBeforeJudging: optimization.minSpendBeforeJudging,
      pauseBelowRoi: optimization.pauseBelowRoi,
      approvalAbove: optimization.approvalAbove,
    },
    currency: input.plan.currency,
    lang: planLanguage(input.plan),
  };
}

export interface ChannelBudgetMove extends BudgetChange {
  status: 'active' | 'paused';
  /** What is left of the allocation, spread over the remaining days. */
  dailyBudget: number;
}

/** The channels whose allocation or status the proposal changes. */
export function budgetMoves(proposal: AllocationProposal, channels: readonly ChannelState[], remainingDays: number): ChannelBudgetMove[] {
  const moves: ChannelBudgetMove[] = [];
  for (const a of proposal.allocations) {
    const channel = channels.find((c) => c.id === a.channelId);
    if (!channel) continue;
    const wasPaused = channel.status === 'paused';
    if (a.to === a.from && (a.status === 'paused') === wasPaused) continue;
    const left = Math.max(0, a.to - channel.spend);
    moves.push({
      channelId: a.channelId,
      from: a.from,
      to: a.to,
      reason: a.reason,
      status: a.status,
      // A paused channel keeps what is left of its floor: a trickle of spend keeps evidence coming
      // for a resume.
      dailyBudget: roundMoney(left / Math.max(1, remainingDays)),
    });
  }
  return moves;
}

/** Channel states after moves were applied at the platforms. */
export function withMoves(channels: readonly ChannelState[], moves: readonly ChannelBudgetMove[]): ChannelState[] {
  return channels.map((c) => {
    const move = moves.find((m) => m.channelId === c.id);
    return move ? { ...c, allocation: move.to, dailyBudget: move.dailyBudget, status: move.status } : c;
  });
}
