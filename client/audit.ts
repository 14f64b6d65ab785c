/** The audit trail of a campaign from PostgreSQL: decisions and every other preparation event. */
import type { Pool } from 'pg';

export interface AuditEntry {
  at: string;
  kind: string;
  gate: string | null;
  task: string | null;
  actor: string | null;
  detail: Record<string, unknown>;
}

export async function auditTrail(pool: Pool, campaignId: string): Promise<AuditEntry[]> {
  const { rows } = await pool.query<AuditEntry & { at: Date }>(
    `SELECT decided_at AS at, 'decision' AS kind, gate_id AS gate, NULL AS task, decided_by AS actor,
            jsonb_build_object('decision', decision, 'round', round, 'comment', comment) AS detail
       FROM gate_decisions WHERE campaign_id = $1
     UNION ALL
     SELECT happened_at, kind, gate_id, task_id, actor, detail FROM audit_events WHERE campaign_id = $1
     ORDER BY at, kind`,
    [campaignId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

export async function campaignExists(pool: Pool, campaignId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM campaigns WHERE id = $1', [campaignId]);
  return (rowCount ?? 0) > 0;
}
