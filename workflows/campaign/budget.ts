/**
 * Budget moves after a review (P2.13): propose with the plan's policy, wait for the approver when
 * the move is large, then apply each change at its platform with an idempotency key per review.
 */
import { condition, log } from '@temporalio/workflow';
import { budgetApprovalId, type BudgetApproval } from '../../domain/allocation/approval.js';
import { allocationInput, budgetMoves, withMoves, type ChannelBudgetMove } from '../../domain/allocation/campaign-review.js';
import { proposeAllocation } from '../../domain/allocation/policies.js';
import type { DayResult } from '../../domain/allocation/types.js';
import { channels } from './activities.js';
import { channelTarget, effectKeys } from './effects.js';
import { commit } from './read-model.js';
import { raiseAlert, type CampaignState } from './state.js';
import type { Step, StepDesk } from './steps.js';
import { calm, holdEffect } from './execution/crisis.js';
import type { Plan } from '../../domain/plan/schema.js';

export interface BudgetReviewOutcome {
  moves: ChannelBudgetMove[];
  notes: string[];
}

/**
 * Proposes and (when allowed) applies new allocations after the review of `day`. Waits at most
 * until `deadline` (the next review) for an approval.
 */
export async function reviewBudgets(
  state: CampaignState,
  steps: StepDesk,
  day: number,
  history: Readonly<Record<string, readonly DayResult[]>>,
  deadlineMs: number,
  /** Called when an approval opens: the campaign may continue as a new run that still decides it. */
  onApprovalOpen?: () => Promise<void> | undefined,
): Promise<BudgetReviewOutcome> {
  const remainingDays = state.rolloutDays - day;
  const input = allocationInput({ plan: state.plan, campaignId: state.campaignId, day, remainingDays, channels: state.channels, history });
  if (!input) return { moves: [], notes: [] };
  let proposal;
  try {
    proposal = proposeAllocation(input);
  } catch (err) {
    // The plan's limits cannot be honoured (validation normally prevents this): keep the budgets.
    raiseAlert(state, 'warning', `Day ${day}: no budget proposal (${(err as Error).message}).`, new Date());
    return { moves: [], notes: [] };
  }
  const moves = budgetMoves(proposal, state.channels, remainingDays);
  if (moves.length === 0) return { moves: [], notes: [proposal.summary] };

  const approver = state.plan.rollout.optimization?.approver ?? state.plan.owner;
  if (proposal.needsApproval) {
    const at = new Date();
    // Decided with `decide` (decisions.ts) until the deadline.
    commit(state, () => {
      state.budgetApproval = {
        id: budgetApprovalId(day), day, approver, proposal, status: 'waiting',
        openedAt: at.toISOString(), deadline: new Date(deadlineMs).toISOString(),
      } satisfies BudgetApproval;
    });
    // Only when it continues as new does the hook wait (and never return): without it no await is
    // added, because the order of commands in running campaigns depends on it.
    const handover = onApprovalOpen?.();
    if (handover) await handover;
    const decided = await condition(() => state.budgetApproval?.status !== 'waiting', Math.max(1, deadlineMs - Date.now()));
    const outcome = approvalOutcome(state, proposal.summary, decided);
    if (outcome) return outcome;
  }

  if (!calm(state)) return heldByCrisis(state, proposal.summary);
  const applied = await applyMoves(state, steps, day, moves);
  state.channels = withMoves(state.channels, applied);
  log.info('Budgets moved', { campaignId: state.campaignId, day, moves: applied.length });
  const approvedBy = proposal.needsApproval ? ` Approved by ${state.budgetApproval?.decidedBy}.` : '';
  return { moves: applied, notes: [`${proposal.summary}${approvedBy}`, ...skippedNotes(state, moves, applied)] };
}

/** Applies the moves together; each whose call fails for good is a step of its own. Returns those applied. */
async function applyMoves(state: CampaignState, steps: StepDesk, day: number, moves: ChannelBudgetMove[]): Promise<ChannelBudgetMove[]> {
  const applying = moves.map((m) => applyMove(state, day, m));
  try {
    await Promise.all(applying);
    return moves;
  } catch (err) {
    return appliedMoves(moves, await steps.failedAmong(err, applying, (i) => moveStep(state, day, moves[i]!)));
  }
}

/** A lapsed or rejected proposal changes nothing; undefined when it was approved. */
function approvalOutcome(state: CampaignState, summary: string, decided: boolean): BudgetReviewOutcome | undefined {
  const approval = state.budgetApproval!;
  if (!decided) {
    commit(state, () => {
      state.budgetApproval = { ...approval, status: 'lapsed' };
    });
    return { moves: [], notes: [`${summary} Not decided by ${approval.approver} before the next review: allocations stay.`] };
  }
  if (approval.status === 'rejected') return { moves: [], notes: [`${summary} Rejected by ${approval.decidedBy}: ${approval.comment ?? ''}`] };
  return undefined;
}

/**
 * A continued run finishes the approval its predecessor opened: waits for the decision until the
 * proposal's deadline, then applies the moves (unchanged, since nothing moved the channels).
 */
export async function settleCarriedApproval(state: CampaignState, steps: StepDesk, day: number): Promise<BudgetReviewOutcome> {
  const approval = state.budgetApproval!;
  const decided = await condition(() => state.budgetApproval?.status !== 'waiting', Math.max(1, Date.parse(approval.deadline) - Date.now()));
  const outcome = approvalOutcome(state, approval.proposal.summary, decided);
  if (outcome) return outcome;
  const moves = budgetMoves(approval.proposal, state.channels, state.rolloutDays - day);
  if (!calm(state)) return heldByCrisis(state, approval.proposal.summary);
  const applied = await applyMoves(state, steps, day, moves);
  state.channels = withMoves(state.channels, applied);
  return { moves: applied, notes: [`${approval.proposal.summary} Approved by ${state.budgetApproval?.decidedBy}.`, ...skippedNotes(state, moves, applied)] };
}

/** A budget change as a failed step: skipped, the channel keeps its allocation. */
export function budgetStep(
  state: CampaignState, channel: Plan['channels'][number], amount: number, effectKey: string, call: () => Promise<void>,
): Step<void, 'skipped'> {
  return {
    id: effectKey, activity: 'applyBudget', channel: channel.id,
    summary: `Set the budget of ${channel.name ?? channel.id} to ${amount} ${state.plan.currency}`,
    call, skip: () => 'skipped',
  };
}

function moveStep(state: CampaignState, day: number, m: ChannelBudgetMove): Step<void, 'skipped'> {
  const planned = state.plan.channels.find((c) => c.id === m.channelId)!;
  return budgetStep(state, planned, m.to, effectKeys.reviewBudget(day, m.channelId), () => applyMove(state, day, m));
}

function appliedMoves(moves: ChannelBudgetMove[], outcomes: ReadonlyArray<void | 'skipped'>): ChannelBudgetMove[] {
  return moves.filter((_, i) => outcomes[i] !== 'skipped');
}

function skippedNotes(state: CampaignState, moves: ChannelBudgetMove[], applied: ChannelBudgetMove[]): string[] {
  return moves.filter((m) => !applied.includes(m)).map((m) => {
    const name = state.plan.channels.find((c) => c.id === m.channelId)?.name ?? m.channelId;
    return `${name}: the move to ${m.to} ${state.plan.currency} was skipped after the platform failed it; the allocation stays ${m.from}.`;
  });
}

/** During a crisis no budget changes: the moves are dropped (the next review proposes afresh). */
function heldByCrisis(state: CampaignState, summary: string): BudgetReviewOutcome {
  holdEffect(state);
  return { moves: [], notes: [`${summary} Held: a crisis stops every budget change.`] };
}

function applyMove(state: CampaignState, day: number, m: ChannelBudgetMove) {
  const planned = state.plan.channels.find((c) => c.id === m.channelId)!;
  return channels.applyBudget({
    campaignId: state.campaignId,
    ...channelTarget(planned),
    amount: m.to,
    dailyBudget: m.dailyBudget,
    currency: state.plan.currency,
    effectiveFromDay: day + 1,
    effectKey: effectKeys.reviewBudget(day, m.channelId),
  });
}
