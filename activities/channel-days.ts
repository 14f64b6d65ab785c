/**
 * Channel results day by day, as reviews and anomaly detection need them: every source of a
 * channel's day (platform reports, imported files) added up.
 */
import type { ChannelDay } from '../domain/channel-metrics.js';
import type { ActivityDeps } from './deps.js';

export type { ChannelDay } from '../domain/channel-metrics.js';

export interface ChannelDaysQuery {
  campaignId: string;
  channelIds: string[];
  /** Campaign days, both ends included. */
  fromDay: number;
  toDay: number;
}

export function channelDayActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    /**
     * One row per channel and day that has data, ordered by the channels as asked, then by day.
     * Days without data are absent, not zero: a late report is not a day without sales.
     */
    async readChannelDays(query: ChannelDaysQuery): Promise<ChannelDay[]> {
      return store.metrics.channelDays(query);
    },
  };
}
