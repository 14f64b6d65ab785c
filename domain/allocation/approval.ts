/**
 * Budget moves above `approvalAbove` wait for the plan's approver (P2.13). The approval is decided
 * with the same `decide` Update as a gate, under the id `budget-day-<day>`; if nobody decides before
 * the next review, the current allocation stays.
 */
import { ErrorType } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { checkDecider, type ActionCheck, type DecisionInput } from '../preparation/actions.js';
import type { AllocationProposal } from './types.js';

export interface BudgetApproval {
  id: string;
  day: number;
  approver: string;
  proposal: AllocationProposal;
  openedAt: string;
  /** The next review: undecided by then, the proposal lapses. */
  deadline: string;
  status: 'waiting' | 'approved' | 'rejected' | 'lapsed';
  decidedBy?: string;
  onBehalfOf?: string;
  comment?: string;
  decidedAt?: string;
}

const PREFIX = 'budget-day-';

export function budgetApprovalId(day: number): string {
  return `${PREFIX}${day}`;
}

export function isBudgetApprovalId(id: string): boolean {
  return id.startsWith(PREFIX);
}

export function checkBudgetDecision(
  plan: Plan,
  approval: BudgetApproval | undefined,
  input: DecisionInput,
  at: Date,
): ActionCheck<{ onBehalfOf?: string }> {
  if (!approval || approval.id !== input.gate) {
    return { ok: false, type: ErrorType.UnknownGate, message: `No budget proposal "${input.gate}" waits for a decision in this campaign.` };
  }
  if (approval.status !== 'waiting') {
    return { ok: false, type: ErrorType.GateClosed, message: `Budget proposal "${approval.id}" is already ${approval.status}.` };
  }
  const who = checkDecider(plan, approval.approver, `budget proposal "${approval.id}"`, input.by, at);
  if (!who.ok) return who;
  if (input.decision === 'send-back' && !input.comment?.trim()) {
    return { ok: false, type: ErrorType.CommentRequired, message: `Rejecting budget proposal "${approval.id}" needs a comment saying why.` };
  }
  return who;
}

export function decideBudget(approval: BudgetApproval, input: DecisionInput, at: Date, onBehalfOf?: string): BudgetApproval {
  return {
    ...approval,
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: input.by,
    decidedAt: at.toISOString(),
    ...(onBehalfOf ? { onBehalfOf } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  };
}
