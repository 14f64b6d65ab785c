/**
 * Gate decisions as people took them: one row per gate, round and decision, the first write kept,
 * with whom a delegate decided for and how the decision came (path, token, signing key).
 */
import type { DecisionRecord } from '../domain/gates.js';
import type { Queryable } from './db.js';

export interface DecisionRecords {
  record(campaignId: string, gate: string, decision: DecisionRecord): Promise<void>;
  /** `<gate>:<round>:<decision>:<by>` of every decision recorded, sorted. */
  keys(campaignId: string): Promise<string[]>;
}

export function decisionRecords(db: Queryable): DecisionRecords {
  return {
    async record(campaignId, gate, decision) {
      await db.query(
        `INSERT INTO gate_decisions
           (campaign_id, gate_id, round, decision, decided_by, comment, decided_at, on_behalf_of, origin_path, token_id, signed_with)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          campaignId, gate, decision.round, decision.decision, decision.by, decision.comment ?? null, decision.at,
          decision.onBehalfOf ?? null, decision.origin?.path ?? null, decision.origin?.tokenId ?? null, decision.signedWith ?? null,
        ],
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
