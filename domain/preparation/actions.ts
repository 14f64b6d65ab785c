/**
 * What people do to a gate, and the checks that run in the Update validators: a refusal says who
 * may act and why not this person, and leaves no trace in the workflow history.
 */
import { z } from 'zod';
import { ErrorType, type ErrorTypeName } from '../errors.js';
import type { Member, Plan } from '../plan/schema.js';
import type { GateRound, GateState } from './gate-state.js';
import { localDate } from '../review-periods.js';
import { pendingDependencies, unacknowledged, type PreparationFacts } from './progress.js';

export type ActionCheck<T = object> = ({ ok: true } & T) | { ok: false; type: ErrorTypeName; message: string };

const person = z.string().min(1, 'say who acts (a team member id)');
const gateId = z.string().min(1, 'name the gate, e.g. "assets"');

export const decisionInputSchema = z.strictObject({
  gate: gateId,
  decision: z.enum(['approve', 'send-back'], { message: 'decision is "approve" or "send-back"' }),
  by: person,
  comment: z.string().max(4_000, 'keep the comment under 4,000 characters').optional(),
  /**
   * The gate's round the person decided on, as they saw it: a decision signed for one round is not
   * taken in a later one, after the gate was sent back and reworked.
   */
  round: z.number().int().min(1, 'a round is 1 or more').optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const preparationInputSchema = z.strictObject({
  gate: gateId,
  by: person,
  /** Mark (or unmark) your deliverables for this gate ready. */
  ready: z.boolean().optional(),
  evidence: z.array(z.strictObject({ kind: z.enum(['link', 'note']), value: z.string().min(1).max(2_000) })).max(20).default([]),
  /** Checklist items to tick, by their text or their number (1 = first). */
  tick: z.array(z.string().min(1)).max(50).default([]),
  untick: z.array(z.string().min(1)).max(50).default([]),
});
export type PreparationInput = z.input<typeof preparationInputSchema>;

export const consultationInputSchema = z.strictObject({
  gate: gateId,
  by: person,
  comment: z.string().trim().min(1, 'write the comment you want recorded').max(4_000),
});
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

export const acknowledgementInputSchema = z.strictObject({ by: person });
export type AcknowledgementInput = z.infer<typeof acknowledgementInputSchema>;

export interface DecisionResult {
  gate: string;
  decision: DecisionInput['decision'];
  status: GateState['status'];
  round: number;
}

function findGate(gates: readonly GateState[], id: string): ActionCheck<{ gate: GateState }> {
  const gate = gates.find((g) => g.id === id);
  if (gate) return { ok: true, gate };
  const known = gates.map((g) => g.id).join(', ') || 'none';
  return { ok: false, type: ErrorType.UnknownGate, message: `There is no gate "${id}" in this campaign (gates: ${known}).` };
}

function notOpenMessage(gate: GateState, gates: readonly GateState[], facts: PreparationFacts): string {
  switch (gate.stage) {
    case 'blocked':
      return `Gate "${gate.id}" is not open yet: it waits for ${pendingDependencies(gate, gates, facts).join(', ')}.`;
    case 'preparing': {
      const notReady = gate.readiness.filter((r) => !r.ready).map((r) => r.person);
      const waits = notReady.length
        ? `${notReady.join(', ')} to mark the deliverables ready`
        : `strategy acknowledgements from ${unacknowledged(facts).join(', ')}`;
      return `Gate "${gate.id}" is not open for decision yet: it waits for ${waits}.`;
    }
    case 'consulting': {
      const silent = gate.consultations.filter((c) => c.comment === undefined).map((c) => c.person);
      return `Gate "${gate.id}" is not open for decision yet: ${silent.join(', ')} ${silent.length > 1 ? 'are' : 'is'} still being consulted.`;
    }
    default:
      return `Gate "${gate.id}" is not open for decision.`;
  }
}

export function checkDecision(
  plan: Plan,
  gates: readonly GateState[],
  facts: PreparationFacts,
  input: DecisionInput,
  at: Date,
): ActionCheck<{ onBehalfOf?: string }> {
  const found = findGate(gates, input.gate);
  if (!found.ok) return found;
  const { gate } = found;
  if (gate.status === 'approved') {
    return { ok: false, type: ErrorType.GateClosed, message: `Gate "${gate.id}" is already approved; there is nothing to decide.` };
  }
  const who = checkDecider(plan, gate.accountable, `gate "${gate.id}"`, input.by, at);
  if (!who.ok) return who;
  if (gate.stage !== 'deciding') return { ok: false, type: ErrorType.GateNotOpen, message: notOpenMessage(gate, gates, facts) };
  if (input.decision === 'send-back' && !input.comment?.trim()) {
    return { ok: false, type: ErrorType.CommentRequired, message: `Sending gate "${gate.id}" back needs a comment saying what to rework.` };
  }
  const unticked = gate.checklist.filter((c) => !c.ticked).map((c) => c.item);
  if (input.decision === 'approve' && unticked.length > 0) {
    return {
      ok: false,
      type: ErrorType.ChecklistIncomplete,
      message: `Gate "${gate.id}" cannot be approved with unticked checklist items: ${unticked.map((i) => `"${i}"`).join(', ')}.`,
    };
  }
  return who;
}

/**
 * The accountable person, or their delegate while the delegation lasts (in the plan's time zone).
 * `subject` names what is decided, for the refusal sentence (e.g. `gate "assets"`).
 */
export function checkDecider(plan: Plan, accountableId: string, subject: string, by: string, at: Date): ActionCheck<{ onBehalfOf?: string }> {
  if (by === accountableId) return { ok: true };
  const accountable: Member | undefined = plan.team.find((m) => m.id === accountableId);
  const delegation = accountable?.delegate;
  if (delegation && delegation.to === by) {
    if (localDate(at, plan.timezone) <= delegation.until) return { ok: true, onBehalfOf: accountableId };
    return {
      ok: false,
      type: ErrorType.NotAuthorised,
      message: `${by}'s delegation from ${accountableId} ended on ${delegation.until}; only ${accountableId} may decide ${subject} now.`,
    };
  }
  const delegateNote = delegation ? ` (or ${delegation.to}, their delegate until ${delegation.until})` : '';
  return {
    ok: false,
    type: ErrorType.NotAuthorised,
    message: `Only ${accountableId}${delegateNote} may decide ${subject}; ${by} is not accountable for it.`,
  };
}

/** The gate after an accepted decision: approved, or back to the responsible people for rework. */
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
  if (input.decision === 'approve') return { ...gate, status: 'approved', stage: 'approved', stageSince: round.at, rounds };
  // Rework: the responsible people confirm again and the consulted people are asked again.
  return {
    ...gate,
    // A gate reopened after its approval (the pilot sent the campaign back) waits again.
    status: 'waiting',
    stage: 'preparing',
    reminders: 0,
    escalations: 0,
    round: gate.round + 1,
    openedAt: round.at,
    stageSince: round.at,
    readiness: gate.readiness.map((r) => ({ ...r, ready: false })),
    consultations: gate.consulted.map((p) => ({ person: p })),
    consultClosed: false,
    rounds,
  };
}

/** Resolves checklist references (text or 1-based number) to item indexes. */
function checklistIndexes(gate: GateState, refs: readonly string[]): ActionCheck<{ indexes: number[] }> {
  const indexes: number[] = [];
  for (const ref of refs) {
    const byNumber = /^\d+$/.test(ref) ? Number(ref) - 1 : -1;
    const index = byNumber >= 0 && byNumber < gate.checklist.length ? byNumber : gate.checklist.findIndex((c) => c.item === ref.trim());
    if (index < 0) {
      const items = gate.checklist.map((c, i) => `${i + 1}. ${c.item}`).join('; ') || 'none';
      return { ok: false, type: ErrorType.InvalidInput, message: `Gate "${gate.id}" has no checklist item "${ref}" (items: ${items}).` };
    }
    indexes.push(index);
  }
  return { ok: true, indexes };
}

export function checkPreparation(gates: readonly GateState[], input: z.output<typeof preparationInputSchema>): ActionCheck {
  const found = findGate(gates, input.gate);
  if (!found.ok) return found;
  const { gate } = found;
  if (gate.status === 'approved') return { ok: false, type: ErrorType.GateClosed, message: `Gate "${gate.id}" is already approved.` };
  const responsible = gate.responsible.includes(input.by);
  if (input.ready !== undefined && !responsible) {
    const who = gate.responsible.join(', ') || 'nobody (this gate has no responsible people)';
    return { ok: false, type: ErrorType.NotAuthorised, message: `Only the responsible people of gate "${gate.id}" (${who}) mark it ready; ${input.by} is not one of them.` };
  }
  if ((input.tick.length || input.untick.length) && !responsible && input.by !== gate.accountable) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `Only ${[...gate.responsible, gate.accountable].join(', ')} tick the checklist of gate "${gate.id}".` };
  }
  if (input.ready === undefined && !input.tick.length && !input.untick.length && !input.evidence.length) {
    return { ok: false, type: ErrorType.InvalidInput, message: 'Say what changed: ready, evidence, or checklist items to tick.' };
  }
  const refs = checklistIndexes(gate, [...input.tick, ...input.untick]);
  return refs.ok ? { ok: true } : refs;
}

export function applyPreparation(gate: GateState, input: z.output<typeof preparationInputSchema>, at: Date): GateState {
  const stamp = at.toISOString();
  const tick = checklistIndexes(gate, input.tick);
  const untick = checklistIndexes(gate, input.untick);
  const ticked = new Set(tick.ok ? tick.indexes : []);
  const unticked = new Set(untick.ok ? untick.indexes : []);
  return {
    ...gate,
    checklist: gate.checklist.map((c, i) =>
      ticked.has(i) ? { item: c.item, ticked: true, by: input.by, at: stamp } : unticked.has(i) ? { item: c.item, ticked: false } : c,
    ),
    readiness: gate.readiness.map((r) =>
      r.person === input.by
        ? { ...r, ready: input.ready ?? r.ready, evidence: [...r.evidence, ...input.evidence], at: stamp }
        : r,
    ),
  };
}

export function checkConsultation(gates: readonly GateState[], input: ConsultationInput): ActionCheck {
  const found = findGate(gates, input.gate);
  if (!found.ok) return found;
  const { gate } = found;
  if (gate.status === 'approved') return { ok: false, type: ErrorType.GateClosed, message: `Gate "${gate.id}" is already approved.` };
  if (!gate.consulted.includes(input.by)) {
    const who = gate.consulted.join(', ') || 'nobody';
    return { ok: false, type: ErrorType.NotAuthorised, message: `Gate "${gate.id}" consults ${who}; ${input.by} is not one of them.` };
  }
  return { ok: true };
}

export function applyConsultation(gate: GateState, input: ConsultationInput, at: Date): GateState {
  return {
    ...gate,
    consultations: gate.consultations.map((c) =>
      c.person === input.by ? { person: c.person, comment: input.comment, at: at.toISOString() } : c,
    ),
  };
}

/** The consult window ended: whoever did not comment is recorded as silent. */
export function closeConsultation(gate: GateState, at: Date): GateState {
  return {
    ...gate,
    consultClosed: true,
    consultations: gate.consultations.map((c) => (c.comment === undefined ? { ...c, silent: true, at: at.toISOString() } : c)),
  };
}

export function checkAcknowledgement(plan: Plan, acknowledged: readonly string[], input: AcknowledgementInput): ActionCheck {
  if (!plan.team.some((m) => m.id === input.by)) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `${input.by} is not in this campaign's team.` };
  }
  if (acknowledged.includes(input.by)) {
    return { ok: false, type: ErrorType.AlreadyDone, message: `${input.by} has already acknowledged the strategy.` };
  }
  return { ok: true };
}
