/**
 * Records people read outside Temporal: the campaign, decisions (audit trail), reviews and the
 * closing summary. Every write is keyed by the campaign and a step id from the workflow and is an
 * upsert that keeps the first write, so retries and replays record each thing exactly once.
 */
import type { Plan } from '../domain/plan/schema.js';
import type { GateRound } from '../domain/gates.js';
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
  decision: GateRound;
}

export interface RecordReviewInput {
  campaignId: string;
  review: Review;
}

export interface RecordClosingInput {
  campaignId: string;
  summary: ClosingSummary;
}

export function recordActivities({ pool }: Pick<ActivityDeps, 'pool'>) {
  return {
    async registerCampaign({ campaignId, plan, timeScale }: RegisterCampaignInput): Promise<void> {
      await pool.query(
        `INSERT INTO campaigns (id, name, owner, plan, time_scale) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [campaignId, plan.name, plan.owner, JSON.stringify(plan), timeScale],
      );
    },

    async recordDecision({ campaignId, gate, decision }: RecordDecisionInput): Promise<void> {
      await pool.query(
        `INSERT INTO gate_decisions (campaign_id, gate_id, round, decision, decided_by, comment, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [campaignId, gate, decision.round, decision.decision, decision.by, decision.comment ?? null, decision.at],
      );
    },

    async recordReview({ campaignId, review }: RecordReviewInput): Promise<void> {
      await pool.query(
        `INSERT INTO reviews (campaign_id, review_key, period, day, summary) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [campaignId, review.key, review.period, review.day, JSON.stringify(review)],
      );
    },

    async recordClosing({ campaignId, summary }: RecordClosingInput): Promise<void> {
      await pool.query(
        `WITH closed AS (UPDATE campaigns SET phase = 'closed', updated_at = now() WHERE id = $1)
         INSERT INTO closings (campaign_id, summary) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [campaignId, JSON.stringify(summary)],
      );
    },
  };
}

export type AuditKind =
  | 'readiness' | 'checklist' | 'evidence' | 'consultation' | 'consult-silence' | 'acknowledgement'
  | 'task-done' | 'reminder' | 'escalation'
  | 'pilot-decision' | 'crisis-start' | 'crisis-statement' | 'crisis-approve' | 'crisis-end' | 'retrospective';

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

export function auditActivities({ pool }: Pick<ActivityDeps, 'pool'>) {
  return {
    async recordAuditEvent(e: AuditEventInput): Promise<void> {
      await pool.query(
        `INSERT INTO audit_events (campaign_id, event_key, kind, gate_id, task_id, actor, detail, happened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [e.campaignId, e.eventKey, e.kind, e.gate ?? null, e.task ?? null, e.actor ?? null, JSON.stringify(e.detail ?? {}), e.at],
      );
    },
  };
}
