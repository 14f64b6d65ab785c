/**
 * Preparation gates: who may decide, what a decision does to the gate, and who is being waited on.
 * Pure: the workflow passes the time in.
 */
import { z } from 'zod';
import { ErrorType, type ErrorTypeName } from './errors.js';
import type { Plan } from './plan/schema.js';

export const decisionInputSchema = z.strictObject({
  gate: z.string().min(1, 'name the gate, e.g. "assets"'),
  decision: z.enum(['approve', 'send-back'], { message: 'decision is "approve" or "send-back"' }),
  by: z.string().min(1, 'say who decides (a team member id)'),
  comment: z.string().max(4_000, 'keep the comment under 4,000 characters').optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export interface GateRound {
  round: number;
  decision: DecisionInput['decision'];
  by: string;
  /** Set when a delegate decided for the accountable person. */
  onBehalfOf?: string;
  comment?: string;
  at: string;
}

export interface GateState {
  id: string;
  title: string;
  accountable: string;
  status: 'waiting' | 'approved';
  /** The round now waiting for a decision (or the one that approved). Starts at 1. */
  round: number;
  openedAt: string;
  rounds: GateRound[];
}

export interface DecisionResult {
  gate: string;
  decision: DecisionInput['decision'];
  status: GateState['status'];
  round: number;
}

export type DecisionCheck =
  | { ok: true; onBehalfOf?: string }
  | { ok: false; type: ErrorTypeName; message: string };

export function openGates(plan: Plan, at: Date): GateState[] {
  return plan.gates.map((g) => ({
    id: g.id,
    title: g.title,
    accountable: g.accountable,
    status: 'waiting',
    round: 1,
    openedAt: at.toISOString(),
    rounds: [],
  }));
}

/** The calendar date of an instant in the plan's time zone, as YYYY-MM-DD. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Whether `input` may be applied now. Used by the Update validator, so a refusal leaves no trace
 * in the workflow history; the message tells the caller who may decide and why not them.
 */
export function checkDecision(plan: Plan, gates: readonly GateState[], input: DecisionInput, at: Date): DecisionCheck {
  const gate = gates.find((g) => g.id === input.gate);
  if (!gate) {
    const known = gates.map((g) => g.id).join(', ') || 'none';
    return { ok: false, type: ErrorType.UnknownGate, message: `There is no gate "${input.gate}" in this campaign (gates: ${known}).` };
  }
  if (gate.status !== 'waiting') {
    return { ok: false, type: ErrorType.GateClosed, message: `Gate "${gate.id}" is already ${gate.status}; there is nothing to decide.` };
  }
  if (input.decision === 'send-back' && !input.comment?.trim()) {
    return { ok: false, type: ErrorType.CommentRequired, message: `Sending gate "${gate.id}" back needs a comment saying what to rework.` };
  }
  if (input.by === gate.accountable) return { ok: true };
  const accountable = plan.team.find((m) => m.id === gate.accountable);
  const delegation = accountable?.delegate;
  if (delegation && delegation.to === input.by) {
    if (localDate(at, plan.timezone) <= delegation.until) return { ok: true, onBehalfOf: gate.accountable };
    return {
      ok: false,
      type: ErrorType.NotAuthorised,
      message: `${input.by}'s delegation from ${gate.accountable} ended on ${delegation.until}; only ${gate.accountable} may decide gate "${gate.id}" now.`,
    };
  }
  const delegateNote = delegation ? ` (or ${delegation.to}, their delegate until ${delegation.until})` : '';
  return {
    ok: false,
    type: ErrorType.NotAuthorised,
    message: `Only ${gate.accountable}${delegateNote} may decide gate "${gate.id}"; ${input.by} is not accountable for it.`,
  };
}

/** The gate after an accepted decision: approved, or waiting again for a new round after rework. */
export function applyDecision(gate: GateState, input: DecisionInput, at: Date, onBehalfOf?: string): GateState {
  const round: GateRound = {
    round: gate.round,
    decision: input.decision,
    by: input.by,
    at: at.toISOString(),
    ...(onBehalfOf ? { onBehalfOf } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  };
  const rounds = [...gate.rounds, round];
  return input.decision === 'approve'
    ? { ...gate, status: 'approved', rounds }
    : { ...gate, status: 'waiting', round: gate.round + 1, openedAt: at.toISOString(), rounds };
}

/** People whose decision the campaign is waiting for, sorted and without repeats. */
export function waitingOn(gates: readonly GateState[]): string[] {
  return [...new Set(gates.filter((g) => g.status === 'waiting').map((g) => g.accountable))].sort();
}

export function allApproved(gates: readonly GateState[]): boolean {
  return gates.every((g) => g.status === 'approved');
}
