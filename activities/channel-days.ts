/**
 * Channel results day by day, as reviews and anomaly detection need them: every source of a
 * channel's day (platform reports, imported files) added up.
 */
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../domain/channel-metrics.js';
import { roundMoney } from '../domain/metrics.js';
import type { ActivityDeps } from './deps.js';

export type { ChannelDay } from '../domain/channel-metrics.js';

export interface ChannelDaysQuery {
  campaignId: string;
  channelIds: string[];
  /** Campaign days, both ends included. */
  fromDay: number;
  toDay: number;
}

export function channelDayActivities({ pool }: Pick<ActivityDeps, 'pool'>) {
  return {
    /**
     * One row per channel and day that has data, ordered by the channels as asked, then by day.
     * Days without data are absent, not zero: a late report is not a day without sales.
     */
    async readChannelDays({ campaignId, channelIds, fromDay, toDay }: ChannelDaysQuery): Promise<ChannelDay[]> {
      const { rows } = await pool.query<ChannelDay>(
        `SELECT channel_id AS "channelId", day,
                ${CHANNEL_DAY_METRICS.map((m) => `SUM(${m})::float8 AS ${m}`).join(', ')}
           FROM metric_observations
          WHERE campaign_id = $1 AND channel_id = ANY($2::text[]) AND day BETWEEN $3 AND $4
          GROUP BY channel_id, day
          ORDER BY array_position($2::text[], channel_id), day`,
        [campaignId, channelIds, fromDay, toDay],
      );
      return rows.map((r) => ({ ...r, spend: roundMoney(r.spend), revenue: roundMoney(r.revenue) }));
    },
  };
}
