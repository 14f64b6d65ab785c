/**
 * Messages about a gate, built from the plan and the gate's state. The workflow calls these with
 * its own clock, so the messages (and the activity input that carries them) are deterministic.
 */
import { scaledMs } from '../duration.js';
import type { GateRound, GateState } from '../gates.js';
import type { Gate, Plan } from '../plan/schema.js';
import type {
  CampaignRef, ChecklistItem, ConsultRequestMessage, GateDecidedMessage, GateEscalationMessage, GateRef,
  GateReminderMessage, GateWaitingMessage, PersonRef,
} from './messages.js';

/** What a message needs of the gate's state. */
export type GateView = Pick<GateState, 'id' | 'title' | 'accountable' | 'round' | 'openedAt' | 'stageSince' | 'checklist' | 'rounds'>;

export interface GateMessageContext {
  campaignId: string;
  plan: Plan;
  gate: GateView;
  at: Date;
  /** Rehearsals divide the gate's `due` like every other duration. */
  timeScale?: number;
}

export function gateWaitingMessage(ctx: GateMessageContext): GateWaitingMessage {
  return { kind: 'gate-waiting', ...waiting(ctx), ...sentBack(ctx) };
}

export function gateReminderMessage(ctx: GateMessageContext): GateReminderMessage {
  return { kind: 'gate-reminder', ...waiting(ctx), ...sentBack(ctx) };
}

export function consultRequestMessage(ctx: GateMessageContext): ConsultRequestMessage {
  return { kind: 'consult-request', ...waiting(ctx) };
}

export function gateEscalationMessage(ctx: GateMessageContext): GateEscalationMessage {
  const { checklist: _checklist, ...rest } = waiting(ctx);
  return { kind: 'gate-escalation', ...rest };
}

/** The outcome of one round, for the people who hear outcomes. */
export function gateDecidedMessage(ctx: Omit<GateMessageContext, 'at' | 'timeScale'>, decided: GateRound): GateDecidedMessage {
  const { campaignId, plan, gate } = ctx;
  return {
    kind: 'gate-decided',
    campaign: campaignRef(campaignId, plan),
    gate: { id: gate.id, title: gate.title, round: decided.round },
    at: decided.at,
    decision: decided.decision,
    by: personRef(plan, decided.by),
    ...(decided.onBehalfOf ? { onBehalfOf: personRef(plan, decided.onBehalfOf) } : {}),
    ...(decided.comment ? { comment: decided.comment } : {}),
  };
}

/**
 * `since` is when the current wait began (the gate's stage), as the inbox shows it; `due` counts
 * from the opening of the round, as the reminders and escalations do.
 */
function waiting(ctx: GateMessageContext) {
  const { campaignId, plan, gate, at } = ctx;
  const dueAfter = planGate(plan, gate.id)?.due;
  const openedAt = gate.openedAt ?? gate.stageSince;
  const due = dueAfter ? new Date(Date.parse(openedAt) + scaledMs(dueAfter, ctx.timeScale ?? 1)).toISOString() : undefined;
  return {
    campaign: campaignRef(campaignId, plan),
    gate: gateRef(gate),
    at: at.toISOString(),
    accountable: personRef(plan, gate.accountable),
    since: gate.stageSince,
    ...(due ? { due } : {}),
    checklist: gate.checklist.map(({ item, ticked }): ChecklistItem => ({ item, ticked })),
  };
}

/** The send-back that opened the current round, if that is how it opened. */
function sentBack({ plan, gate }: GateMessageContext): { sentBack?: { by: PersonRef; comment: string } } {
  const previous = gate.rounds.find((r) => r.round === gate.round - 1);
  if (previous?.decision !== 'send-back' || !previous.comment) return {};
  return { sentBack: { by: personRef(plan, previous.by), comment: previous.comment } };
}

export function campaignRef(campaignId: string, plan: Plan): CampaignRef {
  return { id: campaignId, name: plan.name, timezone: plan.timezone };
}

function gateRef(gate: GateView): GateRef {
  return { id: gate.id, title: gate.title, round: gate.round };
}

function planGate(plan: Plan, gateId: string): Gate | undefined {
  return plan.gates.find((g) => g.id === gateId);
}

function personRef(plan: Plan, personId: string): PersonRef {
  return { id: personId, name: plan.team.find((m) => m.id === personId)?.name ?? personId };
}
