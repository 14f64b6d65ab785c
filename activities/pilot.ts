/**
 * The pilot on the platforms (P2.2): the pilot channels get the pilot budget under a campaign key of
 * their own (`<campaign>~pilot<round>`), so the platforms report the pilot's days apart from the
 * rollout's, and the pilot's numbers are read straight from those reports for the go/no-go.
 */
import type { ChannelMetrics } from '../domain/metrics.js';
import { applyChannelBudget, asActivityFailure } from './channel-effects.js';
import type { ReportedChannel } from './analytics.js';
import type { AdapterName } from './channels/registry.js';
import type { ActivityDeps } from './deps.js';

export interface PilotBudgetInput {
  campaignId: string;
  /** 1 for the first pilot; a pilot sent back and run again counts up. */
  round: number;
  /** Decided by the workflow, one per round and extension: `budget:pilot:<round>:<days>:<channel>`. */
  effectKey: string;
  channelId: string;
  adapter: AdapterName;
  channelKind: string;
  url?: string | undefined;
  amount: number;
  dailyBudget: number;
  currency: string;
}

export interface PilotDayInput {
  campaignId: string;
  round: number;
  day: number;
  channels: ReportedChannel[];
}

/** The campaign key the platforms know the pilot by. */
export function pilotPlatformCampaign(campaignId: string, round: number): string {
  return `${campaignId}~pilot${round}`;
}

export function pilotActivities(deps: Pick<ActivityDeps, 'store' | 'channels'>) {
  const { channels } = deps;
  return {
    async applyPilotBudget(input: PilotBudgetInput): Promise<void> {
      const { effectKey } = input;
      await applyChannelBudget(deps, {
        adapter: input.adapter, campaignId: input.campaignId, effectKey,
        change: {
          campaignId: pilotPlatformCampaign(input.campaignId, input.round),
          channelId: input.channelId, channelKind: input.channelKind, amount: input.amount, dailyBudget: input.dailyBudget,
          currency: input.currency, effectiveFromDay: 1, ...(input.url ? { url: input.url } : {}),
        },
        note: { pilot: input.round },
      });
    },

    /** One pilot day's numbers per channel, as the platforms report them. */
    async fetchPilotDay({ campaignId, round, day, channels: piloted }: PilotDayInput): Promise<ChannelMetrics[]> {
      const rows: ChannelMetrics[] = [];
      for (const channel of piloted) {
        // Webhook channels report through metrics import; their pilot numbers are not read here.
        if (channel.adapter === 'webhook') continue;
        const report = await channels.adapterFor(channel.adapter)
          .fetchDailyReport({ campaignId: pilotPlatformCampaign(campaignId, round), channelId: channel.id, day, channelKind: channel.kind })
          .catch((err: unknown) => {
            throw asActivityFailure(err);
          });
        rows.push({
          channelId: channel.id, impressions: report.impressions, clicks: report.clicks, uv: report.uv,
          orders: report.orders, spend: report.spend, revenue: report.revenue,
        });
      }
      return rows;
    },
  };
}
