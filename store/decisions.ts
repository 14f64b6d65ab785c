/** Gate decisions as people took them: one row per gate, round and decision, the first write kept. */
import type { GateRound } from '../domain/gates.js';
import type { Queryable } from './db.js';

export interface DecisionRecords {
  record(campaignId: string, gate: string, decision: GateRound): Promise<void>;
  /** `<gate>:<round>:<decision>:<by>` of every decision recorded, sorted. */
  keys(campaignId: string): Promise<string[]>;
}

export function decisionRecords(db: Queryable): DecisionRecords {
  return {
    async record(campaignId, gate, decision) {
      await db.query(
        `INSERT INTO gate_decisions (campaign_id, gate_id, round, decision, decided_by, comment, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [campaignId, gate, decision.round, decision.decision, decision.by, decision.comment ?? null, decision.at],
      );
    },

    async keys(campaignId) {
      const { rows } = await db.query<{ k: string }>(
        "SELECT gate_id || ':' || round || ':' || decision || ':' || decided_by AS k FROM gate_decisions WHERE campaign_id = $1 ORDER BY 1",
        [campaignId],
      );
      return rows.map((r) => r.k);
    },
  };
}
