/** Reviews as the workflow computed them (daily and closing), one per campaign and review key. */
import type { ReviewRecord } from '../domain/closing/decisions.js';
import type { Review } from '../domain/review.js';
import type { Queryable } from './db.js';

export interface ReviewRecords {
  record(campaignId: string, review: Review): Promise<void>;
  /** Each review's key, day and budget moves, in day order: what the report and case need of them. */
  decisions(campaignId: string): Promise<ReviewRecord[]>;
  /** Every review key of the campaign, sorted. */
  keys(campaignId: string): Promise<string[]>;
}

export function reviewRecords(db: Queryable): ReviewRecords {
  return {
    async record(campaignId, review) {
      await db.query(
        `INSERT INTO reviews (campaign_id, review_key, period, day, summary) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [campaignId, review.key, review.period, review.day, JSON.stringify(review)],
      );
    },

    async decisions(campaignId) {
      const { rows } = await db.query<{ summary: Review }>(
        'SELECT summary FROM reviews WHERE campaign_id = $1 ORDER BY day, review_key',
        [campaignId],
      );
      return rows.map(({ summary }) => ({ key: summary.key, day: summary.day, changes: summary.changes ?? [] }));
    },

    async keys(campaignId) {
      const { rows } = await db.query<{ k: string }>('SELECT review_key AS k FROM reviews WHERE campaign_id = $1 ORDER BY 1', [campaignId]);
      return rows.map((r) => r.k);
    },
  };
}
