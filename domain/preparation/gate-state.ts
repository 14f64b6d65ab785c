/**
 * A preparation gate as the campaign tracks it: RACI, the stage it is in, checklist, readiness
 * marks, consultations and every decision round (P1.6). Pure data; the functions that change it
 * live beside this file.
 */
import type { Gate } from '../plan/schema.js';
import type { Origin } from '../signing/envelope.js';

/** blocked → preparing → consulting → deciding → approved; a send-back returns to preparing. */
export type GateStage = 'blocked' | 'preparing' | 'consulting' | 'deciding' | 'approved';

export interface ChecklistItem {
  item: string;
  ticked: boolean;
  by?: string;
  at?: string;
}

export interface Evidence {
  kind: 'link' | 'note';
  value: string;
}

export interface Readiness {
  person: string;
  ready: boolean;
  evidence: Evidence[];
  at?: string;
}

export interface Consultation {
  person: string;
  comment?: string;
  /** True when the consult window ended without a comment from this person. */
  silent?: boolean;
  at?: string;
}

export interface GateRound {
  round: number;
  decision: 'approve' | 'send-back';
  by: string;
  /** Set when a delegate decided for the accountable person. */
  onBehalfOf?: string;
  comment?: string;
  at: string;
}

/** A decision as the records keep it: the round, and how it reached the campaign. */
export interface DecisionRecord extends GateRound {
  /** The path it came by (API with its token, CLI, rehearsal). */
  origin?: Origin;
  /** The key that signed it, when the campaign requires signatures. */
  signedWith?: string;
}

export interface GateState {
  id: string;
  title: string;
  accountable: string;
  responsible: string[];
  consulted: string[];
  informed: string[];
  dependsOn: string[];
  requiresAcknowledgement: boolean;
  /** Coarse view for people and scripts: approved, or still waiting for something. */
  status: 'waiting' | 'approved';
  stage: GateStage;
  /** When the gate entered its current stage. */
  stageSince: string;
  /** The round now open (or the one that approved). Starts at 1; a send-back opens the next. */
  round: number;
  /** When the current round opened (left `blocked`, or was sent back); unset while blocked. */
  openedAt: string | undefined;
  checklist: ChecklistItem[];
  readiness: Readiness[];
  consultations: Consultation[];
  /** The consult window of this round has ended (silence recorded). */
  consultClosed: boolean;
  /** Reminders and escalations sent in the current round. */
  reminders: number;
  escalations: number;
  rounds: GateRound[];
}

export function newGateState(gate: Gate, at: Date): GateState {
  return {
    id: gate.id,
    title: gate.title,
    accountable: gate.accountable,
    responsible: gate.responsible,
    consulted: gate.consulted,
    informed: gate.informed,
    dependsOn: gate.dependsOn,
    requiresAcknowledgement: gate.requiresAcknowledgement,
    status: 'waiting',
    stage: 'blocked',
    stageSince: at.toISOString(),
    round: 1,
    openedAt: undefined,
    checklist: gate.checklist.map((item) => ({ item, ticked: false })),
    readiness: gate.responsible.map((person) => ({ person, ready: false, evidence: [] })),
    consultations: gate.consulted.map((person) => ({ person })),
    consultClosed: false,
    reminders: 0,
    escalations: 0,
    rounds: [],
  };
}

export function replaceGate(gates: readonly GateState[], next: GateState): GateState[] {
  return gates.map((g) => (g.id === next.id ? next : g));
}
