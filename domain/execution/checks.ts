/**
 * Who may decide the pilot and act on a crisis, checked in the Update validators (a refusal leaves
 * no trace in the history) and again in the handlers.
 */
import { ErrorType } from '../errors.js';
import { membersWithRole } from '../plan/roles.js';
import type { Plan } from '../plan/schema.js';
import { checkDecider, type ActionCheck, type DecisionInput } from '../preparation/actions.js';
import { lintPlanContent } from '../content/lint.js';
import { recipientLanguage } from '../notifications/audience.js';
import type { Lang } from '../plan/issues.js';
import { contentReviewGate } from '../plan/rules/content.js';
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

/**
 * Content the platforms would refuse blocks the approval of the gate that reviews the content
 * (P2.5): the same lint `plan validate` runs, so a plan that validated passes unless its content
 * rules have changed since. The refusal speaks the approver's language (else the plan's).
 */
export function checkContentReview(plan: Plan, input: Pick<DecisionInput, 'gate' | 'decision' | 'by'>): ActionCheck {
  if (input.decision !== 'approve' || input.gate !== contentReviewGate(plan)?.id) return { ok: true };
  return checkContentReady(plan, recipientLanguage(plan, plan.team.find((m) => m.id === input.by)));
}

export function checkContentReady(plan: Plan, lang: Lang): ActionCheck {
  const errors = lintPlanContent(plan).filter((v) => v.severity === 'error');
  if (errors.length === 0) return { ok: true };
  const zh = lang === 'zh-CN';
  const lines = errors.slice(0, 5).map((e) => {
    const fix = e.fix ? (zh ? `(${e.fix[lang]})` : ` (${e.fix[lang]})`) : '';
    return zh ? `${e.contentId} 在 ${e.channelId}: ${e.message[lang]}${fix}` : `${e.contentId} on ${e.channelId}: ${e.message[lang]}${fix}`;
  });
  const message = zh
    ? `内容还不能发布到这些渠道(共 ${errors.length} 个问题): ${lines.join('; ')}`
    : `The content is not ready for its channels (${errors.length} problem${errors.length > 1 ? 's' : ''}): ${lines.join('; ')}.`;
  return { ok: false, type: ErrorType.ChecklistIncomplete, message };
}
