/**
 * What an allocation review (P2.13) takes and what it proposes. Money is in the plan's currency;
 * an allocation is what a channel holds for the whole rollout, including what it has already spent.
 */

/** The plan's `rollout.optimization.policy`. */
export type AllocationPolicy = 'bandit' | 'proportional' | 'fixed';
export type ReasonLanguage = 'en' | 'zh-CN';

/** One rollout day of one channel, as analytics reported it. */
export interface DayResult {
  day: number;
  spend: number;
  orders: number;
  revenue: number;
}

export interface ChannelAllocationInput {
  id: string;
  /** What people call the channel (抖音, 小红书); reasons use it, the id otherwise. */
  name?: string;
  /** The channel's allocation before this review. */
  current: number;
  min: number;
  max: number;
  history: readonly DayResult[];
  paused: boolean;
}

export interface Guardrails {
  /** Share of `totalBudget` that may be added to channels in one review (the sum of increases). */
  maxShiftPerReview: number;
  /** A channel is left alone until it has spent this much: before that its numbers are noise. */
  minSpendBeforeJudging: number;
  /** Pause a judged channel whose recent ROI (revenue ÷ spend) falls below this. */
  pauseBelowRoi?: number | undefined;
  /** A review that moves a larger share than this waits for approval. */
  approvalAbove?: number | undefined;
}

export interface AllocationInput {
  policy: AllocationPolicy;
  /** The rollout day the review closes; recency weights count back from it. */
  day: number;
  /** Seeds the review's random draws; derive it from workflow state so a replay draws the same. */
  seed: string;
  /** The rollout budget available for allocation: the plan total less reserve and items. */
  totalBudget: number;
  /** Rollout days after this review, over which each channel spreads what it has left. */
  remainingDays: number;
  channels: readonly ChannelAllocationInput[];
  guardrails: Guardrails;
  currency: string;
  lang: ReasonLanguage;
}

export type ChannelStatus = 'active' | 'paused';

/** The numbers a reason is made of, kept so a status page can show them beside the words. */
export interface ChannelEvidence {
  spend: number;
  orders: number;
  revenue: number;
  cpa: number | null;
  /** Recency-weighted revenue ÷ spend: what pausing and resuming look at. */
  recentRoi: number | null;
  /** Share of posterior draws in which this channel had the best return for the next unit of money. */
  probabilityBest: number | null;
}

export interface ChannelAllocation {
  channelId: string;
  from: number;
  to: number;
  status: ChannelStatus;
  reason: string;
  evidence: ChannelEvidence;
}

export interface AllocationProposal {
  allocations: ChannelAllocation[];
  /** Sum of increases as a share of `totalBudget`. */
  shiftShare: number;
  needsApproval: boolean;
  summary: string;
}
