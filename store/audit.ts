/**
 * The audit trail: every preparation and execution event besides decisions (readiness, checklist
 * ticks, consultations, reminders, crisis steps, …), keyed by an event key the workflow decides,
 * and read back together with the decisions.
 */
import type { Queryable } from './db.js';

export interface AuditEvent {
  campaignId: string;
  /** Decided in the workflow (an Update id or a chase step): the same event is recorded once. */
  eventKey: string;
  kind: string;
  gate?: string;
  task?: string;
  actor?: string;
  detail?: Record<string, unknown>;
  at: string;
}

export interface AuditEntry {
  at: string;
  kind: string;
  gate: string | null;
  task: string | null;
  actor: string | null;
  detail: Record<string, unknown>;
}

export interface AuditRecords {
  record(event: AuditEvent): Promise<void>;
  /**
   * Records an event the campaign itself did not see (an attempt it refused, made through the
   * API) if the records know the campaign; false when they do not, and nothing was written.
   */
  recordIfKnown(event: AuditEvent): Promise<boolean>;
  /** Decisions and every other event of the campaign, oldest first. */
  trail(campaignId: string): Promise<AuditEntry[]>;
}

export function auditRecords(db: Queryable): AuditRecords {
  return {
    async record(e) {
      await db.query(
        `INSERT INTO audit_events (campaign_id, event_key, kind, gate_id, task_id, actor, detail, happened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [e.campaignId, e.eventKey, e.kind, e.gate ?? null, e.task ?? null, e.actor ?? null, JSON.stringify(e.detail ?? {}), e.at],
      );
    },

    async recordIfKnown(e) {
      const { rowCount } = await db.query(
        `INSERT INTO audit_events (campaign_id, event_key, kind, gate_id, task_id, actor, detail, happened_at)
         SELECT id, $2, $3, $4, $5, $6, $7, $8 FROM campaigns WHERE id = $1 ON CONFLICT DO NOTHING`,
        [e.campaignId, e.eventKey, e.kind, e.gate ?? null, e.task ?? null, e.actor ?? null, JSON.stringify(e.detail ?? {}), e.at],
      );
      return (rowCount ?? 0) > 0;
    },

    async trail(campaignId) {
      const { rows } = await db.query<AuditEntry & { at: Date }>(
        `SELECT decided_at AS at, 'decision' AS kind, gate_id AS gate, NULL AS task, decided_by AS actor,
                jsonb_build_object('decision', decision, 'round', round, 'comment', comment)
                || jsonb_strip_nulls(jsonb_build_object(
                  'onBehalfOf', on_behalf_of, 'signedWith', signed_with,
                  'origin', CASE WHEN origin_path IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('path', origin_path, 'tokenId', token_id)) END)) AS detail
           FROM gate_decisions WHERE campaign_id = $1
         UNION ALL
         SELECT happened_at, kind, gate_id, task_id, actor, detail FROM audit_events WHERE campaign_id = $1
         ORDER BY at, kind`,
        [campaignId],
      );
      return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },
  };
}
