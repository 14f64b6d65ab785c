/**
 * Allocation reviews (P2.13): move budget towards what works, within guardrails, with a reason for
 * every change. Pure and deterministic: the same input (seed included) gives the same proposal.
 *
 * Every review, whatever its policy, first settles who may be moved at all:
 * - a channel that has not yet spent `minSpendBeforeJudging` keeps its allocation and status;
 * - a judged channel whose recent ROI is below `pauseBelowRoi` is paused: its allocation drops to
 *   its floor (its minimum, or what it has already spent if that is more), so it spends at most
 *   what the plan committed to, and that trickle keeps evidence coming for a resume. It resumes once
 *   ROI clears the threshold plus RESUME_MARGIN;
 * - the remaining channels are free, and the policy splits what is left of the rollout budget among
 *   them, adding at most `maxShiftPerReview` of the rollout budget above current allocations.
 * `fixed` moves nothing and pauses nothing: it is the plan's own split, steered by people.
 */
import { banditAllocation } from './bandit.js';
import { roundStep } from './fill.js';
import type { FreeChannel, PolicyContext, PolicyResult } from './free-channel.js';
import {
  allocationInputProblems, floorOf, isJudged, nextStatus, recentRoi, resumeRoi, shiftCap, totals,
  type StatusChange,
} from './guardrails.js';
import { seededRandom } from './prng.js';
import { proportionalAllocation } from './proportional.js';
import { channelReason, reviewSummary, type MoveLimit, type ReasonKind } from './reasons.js';
import type {
  AllocationInput, AllocationProposal, ChannelAllocation, ChannelAllocationInput, ChannelStatus,
} from './types.js';

/** Steps of about 1/400 of the budget: fine enough to be within a fraction of a percent of optimal. */
const STEPS_PER_BUDGET = 400;

interface Settled {
  channel: ChannelAllocationInput;
  kind: ReasonKind;
  status: ChannelStatus;
  change: StatusChange;
  /** The allocation when the policy may not move it; undefined for free channels. */
  held?: number;
  free?: FreeChannel;
}

export function proposeAllocation(input: AllocationInput): AllocationProposal {
  const problems = allocationInputProblems(input);
  if (problems.length > 0) throw new RangeError(`Allocation review: ${problems.join('; ')}`);
  const settled = input.channels.map((c) => settle(c, input));
  const free = settled.flatMap((s) => (s.free ? [s.free] : []));
  const held = settled.reduce((sum, s) => sum + (s.held === undefined ? 0 : Math.ceil(s.held * 100 - 1e-6)), 0);
  const budgetCents = Math.floor(input.totalBudget * 100 + 1e-6);
  const context: PolicyContext = {
    day: input.day,
    remainingDays: input.remainingDays,
    budget: Math.max(0, budgetCents - held),
    cap: Math.floor(shiftCap(input) * 100 + 1e-6),
    step: roundStep(budgetCents / STEPS_PER_BUDGET),
    random: seededRandom(`${input.seed}|allocation`),
    campaignOrdersPerSpend: campaignOrdersPerSpend(input.channels),
  };
  const result = free.length === 0 ? undefined : runPolicy(input.policy, free, context);
  if (result) keepWithinBudget(result.allocations, free, context.budget);
  return assemble(input, settled, free, result);
}

function settle(channel: ChannelAllocationInput, input: AllocationInput): Settled {
  const keep: ChannelStatus = channel.paused ? 'paused' : 'active';
  if (input.remainingDays <= 0) return { channel, kind: 'over', status: keep, change: null, held: channel.current };
  if (input.policy === 'fixed') return { channel, kind: 'fixed', status: keep, change: null, held: channel.current };
  if (!isJudged(channel, input.guardrails)) return { channel, kind: 'unjudged', status: keep, change: null, held: channel.current };
  const { status, change } = nextStatus(channel, input.guardrails, input.day);
  if (status === 'paused') return { channel, kind: 'judged', status, change, held: floorOf(channel) };
  const floor = Math.ceil(floorOf(channel) * 100 - 1e-6);
  const ceiling = Math.floor(channel.max * 100 + 1e-6);
  // Limits that round into each other leave nothing to decide.
  if (floor > ceiling) return { channel, kind: 'judged', status, change, held: channel.current };
  const current = Math.min(ceiling, Math.max(floor, toCents(channel.current)));
  return { channel, kind: 'judged', status, change, free: { channel, floor, ceiling, current, spent: totals(channel.history).spend } };
}

function runPolicy(policy: AllocationInput['policy'], free: readonly FreeChannel[], context: PolicyContext): PolicyResult {
  if (policy === 'bandit') return banditAllocation(free, context);
  return proportionalAllocation(free, context);
}

/** A last guard against rounding: never hand out more than the free channels may hold together. */
function keepWithinBudget(allocations: number[], free: readonly FreeChannel[], budget: number): void {
  let excess = allocations.reduce((s, a) => s + a, 0) - budget;
  for (let i = 0; i < allocations.length && excess > 0; i++) {
    const take = Math.min(excess, allocations[i]! - free[i]!.floor);
    if (take > 0) {
      allocations[i]! -= take;
      excess -= take;
    }
  }
}

function campaignOrdersPerSpend(channels: readonly ChannelAllocationInput[]): number {
  let spend = 0, orders = 0;
  for (const c of channels) {
    const t = totals(c.history);
    spend += t.spend;
    orders += t.orders;
  }
  return spend > 0 ? orders / spend : 0;
}

function assemble(
  input: AllocationInput,
  settled: readonly Settled[],
  free: readonly FreeChannel[],
  result: PolicyResult | undefined,
): AllocationProposal {
  const all = totals(input.channels.flatMap((c) => c.history));
  const campaignCpa = all.orders > 0 ? all.spend / all.orders : null;
  const threshold = input.guardrails.pauseBelowRoi;
  const allocations: ChannelAllocation[] = settled.map((s) => {
    const freeIndex = s.free ? free.indexOf(s.free) : -1;
    const to = freeIndex >= 0 ? freeAllocation(s.free!, result?.allocations[freeIndex]) : (s.held ?? s.channel.current);
    const t = totals(s.channel.history);
    const evidence = {
      spend: t.spend,
      orders: t.orders,
      revenue: t.revenue,
      cpa: t.orders > 0 ? t.spend / t.orders : null,
      recentRoi: recentRoi(s.channel.history, input.day),
      probabilityBest: freeIndex >= 0 ? (result?.probabilityBest[freeIndex] ?? null) : null,
    };
    const limit = moveLimit(s, to, freeIndex >= 0 && (result?.limitedByCap[freeIndex] ?? false));
    const reason = channelReason(
      {
        name: s.channel.name ?? s.channel.id,
        kind: s.kind,
        policy: input.policy,
        change: s.change,
        from: s.channel.current,
        to,
        limit,
        evidence,
        campaignCpa,
        minSpendBeforeJudging: input.guardrails.minSpendBeforeJudging,
        pauseBelowRoi: threshold,
        resumeRoi: threshold === undefined ? undefined : resumeRoi(threshold),
      },
      input.lang,
      input.currency,
    );
    return { channelId: s.channel.id, from: s.channel.current, to, status: s.status, reason, evidence };
  });
  const added = allocations.reduce((sum, a) => sum + Math.max(0, a.to - a.from), 0);
  const shiftShare = input.totalBudget > 0 ? added / input.totalBudget : 0;
  const approvalAbove = input.guardrails.approvalAbove;
  const needsApproval = approvalAbove !== undefined && shiftShare > approvalAbove;
  const summary = reviewSummary(
    {
      day: input.day,
      policy: input.policy,
      totalBudget: input.totalBudget,
      shiftShare,
      approvalAbove,
      needsApproval,
      moves: allocations.map((a, i) => ({ name: settled[i]!.channel.name ?? a.channelId, from: a.from, to: a.to, change: settled[i]!.change })),
      unallocated: Math.max(0, input.totalBudget - allocations.reduce((sum, a) => sum + a.to, 0)),
    },
    input.lang,
    input.currency,
  );
  return { allocations, shiftShare, needsApproval, summary };
}

function moveLimit(s: Settled, to: number, limitedByCap: boolean): MoveLimit {
  const c = s.channel;
  if (to > c.current) {
    if (limitedByCap) return 'cap';
    return to >= c.max - 0.005 ? 'max' : null;
  }
  if (to < c.current) {
    if (to <= c.min + 0.005) return 'min';
    return to <= totals(c.history).spend + 0.005 ? 'spent' : null;
  }
  return null;
}

/** An untouched channel reports its allocation exactly as it came, not rounded to cents. */
function freeAllocation(free: FreeChannel, cents: number | undefined): number {
  return cents === undefined || cents === free.current ? free.channel.current : cents / 100;
}

function toCents(amount: number): number {
  return Math.round(amount * 100);
}
