/**
 * Everything outside the workflow relies on: names, message definitions, input and result types,
 * ids and search attributes (DESIGN.md §2). Keep these stable.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Plan } from '../domain/plan/schema.js';
import type {
  AcknowledgementInput, ConsultationInput, DecisionInput, DecisionResult, GateState, PreparationInput,
  TaskDoneInput, TaskState, WaitingItem,
} from '../domain/gates.js';
import type { ChannelState, Review } from '../domain/review.js';
import type { ClosingSummary, KpiProgress } from '../domain/closing.js';
import type { BudgetApproval } from '../domain/allocation/approval.js';
import type { CrisisActionInput, PilotDecisionInput } from '../domain/execution/actions.js';
import type { ExecutionStatus } from '../domain/execution/state.js';
import type { RetrospectiveAnswer, RetrospectiveInput } from '../domain/closing/retrospective.js';
import type { CauseAnalysis } from '../domain/closing/attainment.js';

export const WORKFLOW_TYPE = 'campaign';
export const TASK_QUEUE = 'campaigns';

export function campaignWorkflowId(planOrCampaignId: string): string {
  return planOrCampaignId.startsWith('campaign:') ? planOrCampaignId : `campaign:${planOrCampaignId}`;
}

/**
 * Update ids de-duplicate a person's retried decision: `<gate>:<round>:<decision>:<by>`. The
 * decision and the person are part of it so that a different decision on the same round is
 * validated (and refused) rather than answered with the earlier one's result.
 */
export function decisionUpdateId(gate: string, round: number, decision: string, by: string): string {
  return `${gate}:${round}:${decision}:${by}`;
}

export const SEARCH_ATTRIBUTE_TYPES = {
  CampaignPhase: 'Keyword',
  CampaignOwner: 'Keyword',
  CampaignWaitingOn: 'KeywordList',
} as const;

export const CampaignPhaseKey = defineSearchAttributeKey('CampaignPhase', SearchAttributeType.KEYWORD);
export const CampaignOwnerKey = defineSearchAttributeKey('CampaignOwner', SearchAttributeType.KEYWORD);
export const CampaignWaitingOnKey = defineSearchAttributeKey('CampaignWaitingOn', SearchAttributeType.KEYWORD_LIST);

export type Phase = 'preparation' | 'pilot' | 'warmup' | 'rollout' | 'closing' | 'closed';

export interface CampaignInput {
  /** The plan id, or the `--id` given at start (several runs of one plan). */
  campaignId: string;
  plan: Plan;
  /** Every plan duration is divided by this: rehearsals run a 6-week plan in minutes. */
  timeScale: number;
  /**
   * Rollout days per workflow run before the campaign continues as a new run (default 30), so a
   * long campaign's history stays short. Temporal's own suggestion also triggers it.
   */
  continueAsNewEveryDays?: number;
  /** Set by the campaign itself when it continues as a new run: where it stood. */
  resume?: CampaignSnapshot;
}

/** The state a campaign carries into its next run. Opaque to callers. */
export interface CampaignSnapshot {
  state: Record<string, unknown>;
  rollout: { startedAt: number; pendingReview?: Review };
}

export interface Alert {
  at: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
}

/** The read model managers query (`status`). */
export interface CampaignStatus {
  id: string;
  name: string;
  owner: string;
  currency: string;
  phase: Phase;
  timeScale: number;
  startedAt: string;
  /** Rollout day reached (0 before the rollout). */
  day: number;
  rolloutDays: number;
  waitingOn: string[];
  /** What each waited-on person is asked to do, and since when. */
  waiting: WaitingItem[];
  acknowledged: string[];
  gates: GateState[];
  tasks: TaskState[];
  channels: ChannelState[];
  kpis: KpiProgress[];
  /** Latest first. */
  reviews: Review[];
  alerts: Alert[];
  closing: ClosingSummary | undefined;
  /** The latest budget proposal that needed approval (decide it with gate = its id). */
  budgetApproval: BudgetApproval | undefined;
  /** Schedule, pilot, posts, crisis, interactions and monitoring (P2.1–P2.11). */
  execution: ExecutionStatus;
  /** The team retrospective and the closing sign-off (P3.3–P3.5). */
  retrospective: RetrospectiveStatus;
  /** Set once the closing report is stored (`campaign report <id>`). */
  report: { storedAt: string; languages: string[] } | undefined;
}

export interface RetrospectiveStatus {
  /** Team members asked for their answers (everyone, once the closing starts). */
  asked: string[];
  answers: RetrospectiveAnswer[];
  analyses: CauseAnalysis[];
  /** `closing.accountable`'s sign-off ends the campaign; decide it with gate = "closing". */
  signedOff: { by: string; at: string } | undefined;
}

export type CampaignResult = ClosingSummary;

/** The outcome of a preparation action (readiness, consultation, acknowledgement, task done). */
export interface ActionResult {
  accepted: true;
  /** The gate's stage after the action, when the action was about a gate. */
  stage?: GateState['stage'];
}

export const statusQuery = defineQuery<CampaignStatus>('status');
export const decideUpdate = defineUpdate<DecisionResult, [DecisionInput]>('decide');
export const prepareUpdate = defineUpdate<ActionResult, [PreparationInput]>('prepare');
export const consultUpdate = defineUpdate<ActionResult, [ConsultationInput]>('consult');
export const acknowledgeUpdate = defineUpdate<ActionResult, [AcknowledgementInput]>('acknowledge');
export const completeTaskUpdate = defineUpdate<ActionResult, [TaskDoneInput]>('completeTask');
/** The pilot's go/no-go, by `pilot.decidedBy` (or their delegate). */
export const decidePilotUpdate = defineUpdate<ActionResult, [PilotDecisionInput]>('decidePilot');
/** Start, answer, approve or end a crisis (P2.10). */
export const crisisUpdate = defineUpdate<ActionResult, [CrisisActionInput]>('crisis');
/** A team member's retrospective answer during closing (P3.3–P3.5). */
export const retrospectUpdate = defineUpdate<ActionResult, [RetrospectiveInput]>('retrospect');

/**
 * Sent after audience interactions were imported: the campaign checks response times and the
 * crisis rule then, instead of polling the database.
 */
export const interactionsArrivedSignal = defineSignal<[{ count: number }]>('interactionsArrived');

/** The closing sign-off is decided like a gate, with this gate id. */
export const CLOSING_GATE = 'closing';
