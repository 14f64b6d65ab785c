/**
 * Records people read outside Temporal: the campaign, decisions (audit trail), reviews and the
 * closing summary. Every write is keyed by the campaign and a step id from the workflow, and the
 * store keeps the first write, so retries and replays record each thing exactly once.
 */
import type { Plan } from '../domain/plan/schema.js';
import type { DecisionRecord } from '../domain/gates.js';
import type { Review } from '../domain/review.js';
import type { ClosingSummary } from '../domain/closing.js';
import type { ActivityDeps } from './deps.js';

export interface RegisterCampaignInput {
  campaignId: string;
  plan: Plan;
  timeScale: number;
}

export interface RecordDecisionInput {
  campaignId: string;
  gate: string;
  decision: DecisionRecord;
}

export interface RecordReviewInput {
  campaignId: string;
  review: Review;
}

export interface RecordClosingInput {
  campaignId: string;
  summary: ClosingSummary;
}

export function recordActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    async registerCampaign({ campaignId, plan, timeScale }: RegisterCampaignInput): Promise<void> {
      await store.campaigns.register({ campaignId, plan, timeScale });
    },

    async recordDecision({ campaignId, gate, decision }: RecordDecisionInput): Promise<void> {
      await store.decisions.record(campaignId, gate, decision);
    },

    async recordReview({ campaignId, review }: RecordReviewInput): Promise<void> {
      await store.reviews.record(campaignId, review);
    },

    async recordClosing({ campaignId, summary }: RecordClosingInput): Promise<void> {
      await store.campaigns.close(campaignId, summary);
    },
  };
}

export type AuditKind =
  | 'readiness' | 'checklist' | 'evidence' | 'consultation' | 'consult-silence' | 'acknowledgement'
  | 'task-done' | 'reminder' | 'escalation'
  | 'pilot-decision' | 'crisis-start' | 'crisis-statement' | 'crisis-approve' | 'crisis-end' | 'retrospective'
  | 'step-retry' | 'step-skip' | 'keys-rotated' | 'campaign-cancelled' | 'launch-late';

export interface AuditEventInput {
  campaignId: string;
  /** Decided in the workflow (an Update id or a chase step): the same event is recorded once. */
  eventKey: string;
  kind: AuditKind;
  gate?: string;
  task?: string;
  actor?: string;
  detail?: Record<string, unknown>;
  at: string;
}

export function auditActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    async recordAuditEvent(e: AuditEventInput): Promise<void> {
      await store.audit.record(e);
    },
  };
}
