/** The campaign's state inside the workflow, and the read model built from it. */
import { upsertSearchAttributes } from '@temporalio/workflow';
import {
  waitingItems, waitingPeople, preparationFacts, type GateState, type TaskState, type WaitingItem,
} from '../../domain/gates.js';
import type { BudgetApproval } from '../../domain/allocation/approval.js';
import type { DayResult } from '../../domain/allocation/types.js';
import { DAY_MS, scaledMs, wholeDays } from '../../domain/duration.js';
import { initialChannels, type ChannelState, type Review } from '../../domain/review.js';
import { kpiProgress, type ClosingSummary, type KpiProgress } from '../../domain/closing.js';
import type { Plan } from '../../domain/plan/schema.js';
import {
  CLOSING_GATE, CampaignOwnerKey, CampaignPhaseKey, CampaignWaitingOnKey,
  type Alert, type CampaignInput, type CampaignStatus, type Phase, type RetrospectiveStatus,
} from '../contract.js';
import type { ExecutionStatus } from '../../domain/execution/state.js';
import { crisisAccountable } from '../../domain/execution/checks.js';
import { missingAnswers } from '../../domain/closing/sign-off.js';
import { scheduleOf } from './execution/tasks.js';

export interface CampaignState {
  campaignId: string;
  plan: Plan;
  timeScale: number;
  startedAt: string;
  phase: Phase;
  day: number;
  rolloutDays: number;
  gates: GateState[];
  tasks: TaskState[];
  acknowledged: string[];
  channels: ChannelState[];
  kpis: KpiProgress[];
  reviews: Review[];
  alerts: Alert[];
  closing: ClosingSummary | undefined;
  /** The latest budget proposal that needed approval. */
  budgetApproval: BudgetApproval | undefined;
  /** Each channel's daily results so far: what the allocation policies learn from. */
  history: Record<string, DayResult[]>;
  /** Schedule, pilot, posts, crisis, interactions, monitoring (P2.1–P2.11). */
  execution: ExecutionStatus;
  /** Interaction imports signalled so far; the watcher compares it with what it has seen. */
  interactionImports: number;
  retrospective: RetrospectiveStatus;
  report: CampaignStatus['report'];
  /** The search attributes last published, so unchanged values add no history event. */
  published: string;
}

export function newExecution(at: Date): ExecutionStatus {
  const iso = at.toISOString();
  return {
    clock: { planStart: iso, workflowStart: iso },
    phaseStarts: {},
    schedule: undefined, pilot: undefined, posts: [], crisis: undefined, crises: 0, interactions: undefined, monitoring: undefined,
  };
}

export function newRetrospective(): RetrospectiveStatus {
  return { asked: [], answers: [], analyses: [], signedOff: undefined };
}

export function newCampaignState({ campaignId, plan, timeScale }: CampaignInput, at: Date): CampaignState {
  const rolloutDays = wholeDays(plan.rollout.duration);
  return {
    campaignId, plan, timeScale,
    startedAt: at.toISOString(),
    phase: 'preparation',
    day: 0,
    rolloutDays,
    gates: [],
    tasks: [],
    acknowledged: [],
    channels: initialChannels(plan.channels, rolloutDays),
    kpis: kpiProgress(plan, []),
    reviews: [],
    alerts: [],
    closing: undefined,
    budgetApproval: undefined,
    history: {},
    interactionImports: 0,
    execution: newExecution(at),
    retrospective: newRetrospective(),
    report: undefined,
    published: '',
  };
}

/** A plan duration in workflow milliseconds, after the rehearsal's time scale. */
export function planMs(state: Pick<CampaignState, 'timeScale'>, duration: string): number {
  return scaledMs(duration, state.timeScale);
}

export function dayMs(state: Pick<CampaignState, 'timeScale'>): number {
  return Math.max(1, Math.round(DAY_MS / state.timeScale));
}

/** Who the campaign waits on now: gate work in preparation, a budget approval in the rollout. */
export function currentWaiting(state: CampaignState): WaitingItem[] {
  const items = state.phase === 'preparation'
    ? waitingItems(state.gates, preparationFacts(state.plan, state), state.tasks, state.startedAt)
    : [];
  const approval = state.budgetApproval;
  if (approval?.status === 'waiting') {
    items.push({ person: approval.approver, kind: 'decide', gate: approval.id, since: approval.openedAt });
  }
  const more = executionWaiting(state).filter((w) => !items.some((i) => i.kind === w.kind && i.person === w.person && i.task === w.task));
  return [...items, ...more];
}

/** The pilot's decision, a crisis statement to approve, retrospective answers and the sign-off. */
function executionWaiting(state: CampaignState): WaitingItem[] {
  const { plan, execution, retrospective } = state;
  // Every started task waits for its owner, in whatever phase (automatic ones the campaign completes).
  const items: WaitingItem[] = state.tasks
    .filter((t) => t.startedAt && t.status !== 'done' && !t.automatic)
    .map((t) => ({ person: t.owner, kind: 'task' as const, task: t.id, since: t.startedAt! }));
  if (execution.pilot?.status === 'deciding' && plan.pilot) {
    items.push({ person: plan.pilot.decidedBy, kind: 'pilot', since: state.execution.pilotSince ?? state.startedAt });
  }
  const crisis = execution.crisis;
  if (crisis?.status === 'active') {
    items.push({ person: crisisAccountable(plan), kind: 'crisis', since: crisis.statement?.at ?? crisis.startedAt });
  }
  if (state.phase === 'closing' && retrospective.asked.length > 0 && !retrospective.signedOff) {
    const since = state.execution.phaseStarts.closing ?? state.startedAt;
    for (const person of missingAnswers(retrospective)) items.push({ person, kind: 'retrospect', since });
    items.push({ person: plan.closing.accountable, kind: 'decide', gate: CLOSING_GATE, since });
  }
  return items;
}

export function statusOf(state: CampaignState): CampaignStatus {
  const waiting = currentWaiting(state);
  return {
    id: state.campaignId,
    name: state.plan.name,
    owner: state.plan.owner,
    currency: state.plan.currency,
    phase: state.phase,
    timeScale: state.timeScale,
    startedAt: state.startedAt,
    day: state.day,
    rolloutDays: state.rolloutDays,
    waitingOn: waitingPeople(waiting),
    waiting,
    acknowledged: state.acknowledged,
    gates: state.gates,
    tasks: state.tasks,
    channels: state.channels,
    kpis: state.kpis,
    reviews: state.reviews,
    alerts: state.alerts,
    closing: state.closing,
    budgetApproval: state.budgetApproval,
    execution: { ...state.execution, schedule: scheduleOf(state) },
    retrospective: state.retrospective,
    report: state.report,
  };
}

/** Upserts phase, owner and who is waited on, when any of them changed. */
export function publishSearchAttributes(state: CampaignState): void {
  const waitingOn = waitingPeople(currentWaiting(state));
  const fingerprint = JSON.stringify([state.phase, waitingOn]);
  if (fingerprint === state.published) return;
  state.published = fingerprint;
  upsertSearchAttributes([
    { key: CampaignPhaseKey, value: state.phase },
    { key: CampaignOwnerKey, value: state.plan.owner },
    { key: CampaignWaitingOnKey, value: waitingOn },
  ]);
}

export function raiseAlert(state: CampaignState, severity: Alert['severity'], message: string, at: Date): void {
  state.alerts = [...state.alerts, { at: at.toISOString(), severity, message }];
}

/** What the next run needs; the plan and settings travel in the input beside it. */
export function snapshotOf(state: CampaignState): Record<string, unknown> {
  const { plan: _plan, campaignId: _id, timeScale: _scale, published: _published, ...rest } = state;
  return rest;
}

export function restoreState(input: CampaignInput, snapshot: Record<string, unknown>): CampaignState {
  return {
    ...(snapshot as Omit<CampaignState, 'plan' | 'campaignId' | 'timeScale' | 'published'>),
    // Runs that continued before execution tracking existed carry none.
    execution: (snapshot.execution as ExecutionStatus | undefined) ?? newExecution(new Date()),
    retrospective: (snapshot.retrospective as RetrospectiveStatus | undefined) ?? newRetrospective(),
    report: snapshot.report as CampaignStatus['report'],
    interactionImports: 0,
    campaignId: input.campaignId,
    plan: input.plan,
    timeScale: input.timeScale,
    published: '',
  };
}
