/**
 * Analytics: channel platforms' daily reports land in the records store (idempotent by the
 * platform's record id), and reviews read periods back from there, as they would from a warehouse.
 */
import type { ChannelMetrics } from '../domain/metrics.js';
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

export function analyticsActivities({ store, channels }: Pick<ActivityDeps, 'store' | 'channels'>) {
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
        const stored = await store.metrics.recordReport({
          campaignId, channelId: channel.id, day, source: channel.adapter, recordId: report.recordId,
          impressions: report.impressions, clicks: report.clicks, uv: report.uv, orders: report.orders,
          spend: report.spend, revenue: report.revenue,
        });
        if (stored) added++;
      }
      return added;
    },

    /** Per-channel sums over campaign days [fromDay, toDay]; channels without data report zeros. */
    async readPeriodMetrics(query: PeriodQuery): Promise<ChannelMetrics[]> {
      return store.metrics.periodSums(query);
    },
  };
}
