/**
 * Effects on channel platforms (budgets set, posts published), one row per campaign and effect key
 * (the workflow's step id): recorded after the platform accepted it, the first record kept.
 */
import type { Queryable } from './db.js';

export type EffectKind = 'budget' | 'post';

export interface ChannelEffect {
  campaignId: string;
  effectKey: string;
  channelId: string;
  kind: EffectKind;
  payload: Record<string, unknown>;
}

export interface EffectRecords {
  record(effect: ChannelEffect): Promise<void>;
  /** Every effect key of the campaign with its kind, sorted by key. */
  list(campaignId: string): Promise<Array<{ key: string; kind: EffectKind }>>;
}

export function effectRecords(db: Queryable): EffectRecords {
  return {
    async record({ campaignId, effectKey, channelId, kind, payload }) {
      await db.query(
        `INSERT INTO channel_effects (campaign_id, effect_key, channel_id, kind, payload)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [campaignId, effectKey, channelId, kind, JSON.stringify(payload)],
      );
    },

    async list(campaignId) {
      const { rows } = await db.query<{ key: string; kind: EffectKind }>(
        'SELECT effect_key AS key, kind FROM channel_effects WHERE campaign_id = $1 ORDER BY 1',
        [campaignId],
      );
      return rows;
    },
  };
}
