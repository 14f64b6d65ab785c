/**
 * The campaign's state inside the workflow: what it tracks and shows (its progress, defined with
 * the snapshot in domain/campaign-snapshot.ts) plus what only the workflow needs. The read model is
 * built from it in read-model.ts.
 */
import type { DayResult } from '../../domain/allocation/types.js';
import {
  campaignSnapshot, type CampaignProgress, type CampaignSnapshot, type RolloutProgress,
} from '../../domain/campaign-snapshot.js';
import { DAY_MS, scaledMs, wholeDays } from '../../domain/duration.js';
import { initialChannels } from '../../domain/review.js';
import { kpiProgress } from '../../domain/closing.js';
import type { Plan } from '../../domain/plan/schema.js';
import type { ExecutionStatus } from '../../domain/execution/state.js';
import { signingState, type SigningState } from '../../domain/signing/keys.js';
import type { Alert, CampaignInput, RetrospectiveStatus } from '../contract.js';

export interface CampaignState extends CampaignProgress {
  campaignId: string;
  plan: Plan;
  timeScale: number;
  /** Each channel's daily results so far: what the allocation policies learn from. */
  history: Record<string, DayResult[]>;
  /** Interaction imports signalled in this run; the watcher compares it with what it has seen. */
  interactionImports: number;
  /** The search attributes last published, so unchanged values add no history event. */
  published: string;
  /** The keys its Updates must be signed with, and the proofs used (carried in the input, not the snapshot). */
  signing: SigningState;
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

export function newCampaignState({ campaignId, plan, timeScale, signing }: CampaignInput, at: Date): CampaignState {
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
    steps: [],
    published: '',
    signing: signing ?? signingState(undefined),
  };
}

/** A plan duration in workflow milliseconds, after the rehearsal's time scale. */
export function planMs(state: Pick<CampaignState, 'timeScale'>, duration: string): number {
  return scaledMs(duration, state.timeScale);
}

export function dayMs(state: Pick<CampaignState, 'timeScale'>): number {
  return Math.max(1, Math.round(DAY_MS / state.timeScale));
}

export function raiseAlert(state: CampaignState, severity: Alert['severity'], message: string, at: Date): void {
  state.alerts = [...state.alerts, { at: at.toISOString(), severity, message }];
}

/** The progress without what only this run needs (the plan and settings travel in the input). */
export function snapshotOf(state: CampaignState, rollout: RolloutProgress): CampaignSnapshot {
  const {
    campaignId: _id, plan: _plan, timeScale: _scale, history, interactionImports: _imports, published: _published, signing: _signing, ...progress
  } = state;
  return campaignSnapshot(progress, history, rollout);
}

/** A continued run's state: the snapshot (already migrated to the latest version) and the input. */
export function restoreState(input: CampaignInput, snapshot: CampaignSnapshot): CampaignState {
  return {
    ...snapshot.progress,
    history: snapshot.history,
    campaignId: input.campaignId,
    plan: input.plan,
    timeScale: input.timeScale,
    interactionImports: 0,
    published: '',
    signing: input.signing ?? signingState(undefined),
  };
}
