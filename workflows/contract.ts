/**
 * Everything outside the workflow relies on: names, message definitions, input and result types,
 * ids and search attributes (DESIGN.md §2). Keep these stable.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Plan } from '../domain/plan/schema.js';
import type {
  AcknowledgementInput, ConsultationInput, DecisionInput, DecisionResult, GateState, PreparationInput,
  TaskDoneInput, WaitingItem,
} from '../domain/gates.js';
import type { ClosingSummary } from '../domain/closing.js';
import type { CrisisActionInput, PilotDecisionInput } from '../domain/execution/actions.js';
import type { CancellationInput } from '../domain/execution/cancellation.js';
import type { StepResolutionInput } from '../domain/execution/steps.js';
import type { RetrospectiveInput } from '../domain/closing/retrospective.js';
import type { SigningState, SigningSummary } from '../domain/signing/keys.js';
import type { RotationInput } from '../domain/signing/rotation.js';
import type {
  CampaignPhase, CampaignProgress, CampaignSnapshot, UnversionedSnapshot,
} from '../domain/campaign-snapshot.js';

// What a campaign tracks is defined with its snapshot in domain/; these names are the contract's.
export type { Alert, CampaignProgress, CampaignSnapshot, RetrospectiveStatus, StoredReport } from '../domain/campaign-snapshot.js';
export type { FailedStep, StepResolutionInput } from '../domain/execution/steps.js';

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

export type Phase = CampaignPhase;

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
  /**
   * Set by the campaign itself when it continues as a new run: where it stood. Opaque to callers;
   * runs read every version (`migrateSnapshot`), including snapshots from before versions.
   */
  resume?: CampaignSnapshot | UnversionedSnapshot;
  /**
   * The keys whose signatures the campaign's Updates must carry (domain/signing). Given at start;
   * a continued run carries them on with their rotations and the proofs already used. Without it
   * the campaign takes the caller's word, and its status says so.
   */
  signing?: SigningState;
}

/**
 * The read model managers query (`status`): everything the campaign tracks (its progress), who it
 * waits on, and the plan's names.
 */
export interface CampaignStatus extends CampaignProgress {
  id: string;
  name: string;
  owner: string;
  currency: string;
  /** The plan's timezone, for showing its dates as the team reads them. Absent in older statuses. */
  timezone?: string;
  timeScale: number;
  waitingOn: string[];
  /** What each waited-on person is asked to do, and since when. */
  waiting: WaitingItem[];
  /** Whether decisions must be signed, and by which keys. Absent in statuses published before signing. */
  signing?: SigningSummary;
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
 * A failed step (an activity the campaign could not carry out) retried or skipped by the owner,
 * the channel's responsible person or ops.
 */
export const resolveStepUpdate = defineUpdate<ActionResult, [StepResolutionInput]>('resolveStep');
/** The keys the campaign trusts, changed by an operator's key that may rotate (docs/security.md). */
export const rotateKeysUpdate = defineUpdate<ActionResult, [RotationInput]>('rotateKeys');
/** The owner (or their delegate) or ops stop the campaign: it closes with a short report. */
export const cancelCampaignUpdate = defineUpdate<ActionResult, [CancellationInput]>('cancelCampaign');

/**
 * Sent after audience interactions were imported: the campaign checks response times and the
 * crisis rule then, instead of polling the database.
 */
export const interactionsArrivedSignal = defineSignal<[{ count: number }]>('interactionsArrived');

/** The closing sign-off is decided like a gate, with this gate id. */
export const CLOSING_GATE = 'closing';
