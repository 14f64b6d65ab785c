/**
 * Who may decide the pilot and act on a crisis, checked in the Update validators (a refusal leaves
 * no trace in the history) and again in the handlers.
 */
import { ErrorType } from '../errors.js';
import { membersWithRole } from '../plan/roles.js';
import type { Plan } from '../plan/schema.js';
import { checkDecider, type ActionCheck } from '../preparation/actions.js';
import { lintPlanContent } from '../content/lint.js';
import type { CrisisActionInput, PilotDecisionInput } from './actions.js';
import type { CrisisState, PilotState } from './state.js';

export function checkPilotDecision(plan: Plan, pilot: PilotState | undefined, input: PilotDecisionInput, at: Date): ActionCheck<{ onBehalfOf?: string }> {
  if (!plan.pilot || !pilot) return { ok: false, type: ErrorType.WrongPhase, message: 'This campaign has no pilot to decide.' };
  if (pilot.status !== 'deciding') {
    const when = pilot.status === 'running' ? `it is still running (day ${pilot.days} of ${pilot.plannedDays})` : `it was already decided (${pilot.status})`;
    return { ok: false, type: ErrorType.WrongPhase, message: `The pilot is not waiting for a decision: ${when}.` };
  }
  return checkDecider(plan, plan.pilot.decidedBy, 'the pilot', input.by, at);
}

/** Ops who may stop and restart a campaign by hand: its owner, the crisis' accountable person, channel ops. */
export function crisisOperators(plan: Plan): string[] {
  const ops = membersWithRole(plan, 'ops', 'channel-ops');
  return [...new Set([plan.owner, ...(plan.interaction?.crisis ? [plan.interaction.crisis.accountable] : []), ...ops])];
}

export function crisisAccountable(plan: Plan): string {
  return plan.interaction?.crisis?.accountable ?? plan.owner;
}

export function checkCrisisAction(plan: Plan, crisis: CrisisState | undefined, input: CrisisActionInput, at: Date): ActionCheck<{ onBehalfOf?: string }> {
  if (!plan.team.some((m) => m.id === input.by)) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `${input.by} is not on this campaign's team.` };
  }
  const active = crisis?.status === 'active';
  const operators = crisisOperators(plan);
  switch (input.action) {
    case 'start':
      if (active) return { ok: false, type: ErrorType.WrongPhase, message: `A crisis is already active since ${crisis.startedAt}.` };
      return operators.includes(input.by)
        ? { ok: true }
        : { ok: false, type: ErrorType.NotAuthorised, message: `Only ${operators.join(', ')} may stop the campaign by hand.` };
    case 'statement':
      return active ? { ok: true } : { ok: false, type: ErrorType.WrongPhase, message: 'There is no active crisis to answer.' };
    case 'approve':
      if (!active) return { ok: false, type: ErrorType.WrongPhase, message: 'There is no active crisis to approve a statement for.' };
      if (!crisis.statement) {
        return { ok: false, type: ErrorType.WrongPhase, message: 'No response statement has been proposed yet: propose one with action "statement" first.' };
      }
      return checkDecider(plan, crisisAccountable(plan), 'the crisis response statement', input.by, at);
    case 'end':
      if (!active) return { ok: false, type: ErrorType.WrongPhase, message: 'There is no active crisis to end.' };
      return operators.includes(input.by)
        ? { ok: true }
        : { ok: false, type: ErrorType.NotAuthorised, message: `Only ${operators.join(', ')} may end a crisis by hand.` };
  }
}

/** The gate whose approval releases the content: it cannot pass while the content lint finds errors. */
export const ASSETS_GATE = 'assets';

/** Content the platforms would refuse blocks the assets gate's approval (P2.5). */
export function checkContentReady(plan: Plan): ActionCheck {
  const errors = lintPlanContent(plan).filter((v) => v.severity === 'error');
  if (errors.length === 0) return { ok: true };
  const lines = errors.slice(0, 5).map((e) => `${e.contentId} on ${e.channelId}: ${e.message.en}${e.fix ? ` (${e.fix.en})` : ''}`);
  return {
    ok: false, type: ErrorType.ChecklistIncomplete,
    message: `The content is not ready for its channels (${errors.length} problem${errors.length > 1 ? 's' : ''}): ${lines.join('; ')}.`,
  };
}
