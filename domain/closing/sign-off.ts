/**
 * The closing's people side (P3.3–P3.5): who may answer the retrospective and when, and when the
 * closing's accountable person may sign the campaign off. Checked in the Update validators.
 */
import { ErrorType } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { flattenGoals } from '../kpi/tree.js';
import { checkDecider, type ActionCheck, type DecisionInput } from '../preparation/actions.js';
import type { RetrospectiveAnswer, RetrospectiveSubmission } from './retrospective.js';

export interface RetrospectiveView {
  open: boolean;
  asked: readonly string[];
  answers: readonly RetrospectiveAnswer[];
  signedOff: { by: string } | undefined;
}

export function checkRetrospective(plan: Plan, retro: RetrospectiveView, input: RetrospectiveSubmission): ActionCheck {
  if (!plan.closing.retrospective) {
    return { ok: false, type: ErrorType.WrongPhase, message: 'This plan holds no team retrospective (closing.retrospective is not set).' };
  }
  if (retro.signedOff) return { ok: false, type: ErrorType.GateClosed, message: `The campaign was signed off by ${retro.signedOff.by}: the retrospective is closed.` };
  if (!retro.open) return { ok: false, type: ErrorType.WrongPhase, message: 'The retrospective opens when the campaign reaches its closing.' };
  if (!plan.team.some((m) => m.id === input.by)) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `${input.by} is not on this campaign's team (team: ${plan.team.map((m) => m.id).join(', ')}).` };
  }
  if (input.analyses.length > 0 && input.by !== plan.closing.accountable) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `Only ${plan.closing.accountable}, accountable for the closing, writes the KPI cause analyses.` };
  }
  const kpis = new Set(flattenGoals(plan.goals).map((g) => g.goal.id));
  const unknown = input.analyses.find((a) => !kpis.has(a.kpi));
  if (unknown) return { ok: false, type: ErrorType.InvalidInput, message: `analyses: there is no KPI "${unknown.kpi}" (KPIs: ${[...kpis].join(', ')}).` };
  return { ok: true };
}

/** People asked who have not answered. */
export function missingAnswers(retro: Pick<RetrospectiveView, 'asked' | 'answers'>): string[] {
  return retro.asked.filter((p) => !retro.answers.some((a) => a.person === p));
}

export function checkSignOff(plan: Plan, retro: RetrospectiveView, input: DecisionInput, at: Date): ActionCheck<{ onBehalfOf?: string }> {
  if (!plan.closing.retrospective || !retro.open) {
    return { ok: false, type: ErrorType.GateNotOpen, message: 'The closing sign-off opens when the campaign reaches its closing with a team retrospective.' };
  }
  if (retro.signedOff) return { ok: false, type: ErrorType.GateClosed, message: `The campaign was already signed off by ${retro.signedOff.by}.` };
  const decider = checkDecider(plan, plan.closing.accountable, 'the closing sign-off', input.by, at);
  if (!decider.ok) return decider;
  if (input.decision !== 'approve') {
    return { ok: false, type: ErrorType.InvalidInput, message: 'The closing is signed off with "approve"; until then the retrospective stays open for answers.' };
  }
  const missing = missingAnswers(retro);
  if (missing.length > 0 && !input.comment?.trim()) {
    return {
      ok: false, type: ErrorType.CommentRequired,
      message: `${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} not answered the retrospective: wait for them, or sign off with a comment saying why not.`,
    };
  }
  return decider;
}

/** The answers after one submission: a person's new answer replaces their earlier one. */
export function withAnswer(answers: readonly RetrospectiveAnswer[], input: RetrospectiveSubmission): RetrospectiveAnswer[] {
  const answer: RetrospectiveAnswer = { person: input.by, worked: input.worked, didNot: input.didNot, lessons: input.lessons };
  return [...answers.filter((a) => a.person !== input.by), answer];
}
