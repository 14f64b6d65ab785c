/**
 * Analytics: channel platforms' daily reports land in PostgreSQL (idempotent by the platform's
 * record id), and reviews read periods back from there, as they would from a real warehouse.
 */
import { emptyMetrics, type ChannelMetrics } from '../domain/metrics.js';
import { asActivityFailure } from './channel-effects.js';
import type { AdapterName } from './channels/registry.js';
import type { ActivityDeps } from './deps.js';

export interface ReportedChannel {
  id: string;
  adapter: AdapterName;
  kind: string;
}

export interface SyncReportsInput {
  campaignId: string;
  day: number;
  channels: ReportedChannel[];
}

export interface PeriodQuery {
  campaignId: string;
  channelIds: string[];
  fromDay: number;
  toDay: number;
}

export function analyticsActivities({ pool, channels }: Pick<ActivityDeps, 'pool' | 'channels'>) {
  return {
    /** Pulls one campaign day's report per channel into metric_observations. Returns rows added. */
    async syncChannelReports({ campaignId, day, channels: reported }: SyncReportsInput): Promise<number> {
      let added = 0;
      for (const channel of reported) {
        // Webhook channels have no report endpoint: their numbers come in through
        // `campaign metrics import` (or the API's metrics route), into the same table.
        if (channel.adapter === 'webhook') continue;
        const adapter = channels.adapterFor(channel.adapter);
        const report = await adapter
          .fetchDailyReport({ campaignId, channelId: channel.id, day, channelKind: channel.kind })
          .catch((err: unknown) => {
            throw asActivityFailure(err);
          });
        const result = await pool.query(
          `INSERT INTO metric_observations
             (campaign_id, channel_id, day, source, record_id, impressions, clicks, uv, orders, spend, revenue)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (source, record_id) DO NOTHING`,
          [campaignId, channel.id, day, channel.adapter, report.recordId, report.impressions, report.clicks,
            report.uv, report.orders, report.spend, report.revenue],
        );
        added += result.rowCount ?? 0;
      }
      return added;
    },

    /** Per-channel sums over campaign days [fromDay, toDay]; channels without data report zeros. */
    async readPeriodMetrics({ campaignId, channelIds, fromDay, toDay }: PeriodQuery): Promise<ChannelMetrics[]> {
      const { rows } = await pool.query<ChannelMetrics>(
        `SELECT channel_id AS "channelId",
                COALESCE(SUM(impressions), 0)::float8 AS impressions, COALESCE(SUM(clicks), 0)::float8 AS clicks,
                COALESCE(SUM(uv), 0)::float8 AS uv, COALESCE(SUM(orders), 0)::float8 AS orders,
                COALESCE(SUM(spend), 0)::float8 AS spend, COALESCE(SUM(revenue), 0)::float8 AS revenue
           FROM metric_observations
          WHERE campaign_id = $1 AND day BETWEEN $2 AND $3
          GROUP BY channel_id`,
        [campaignId, fromDay, toDay],
      );
      return channelIds.map((id) => rows.find((r) => r.channelId === id) ?? emptyMetrics(id));
    },
  };
}
