/**
 * Monitoring (P2.11): per channel the latest day's and the cumulative traffic, engagement,
 * conversions and spend, kept up day by day as the reports come in.
 */
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../channel-metrics.js';
import { roundMoney } from '../metrics.js';
import type { Monitoring, MonitorFigures } from './state.js';

function zero(): MonitorFigures {
  return Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0])) as MonitorFigures;
}

function add(a: MonitorFigures, b: MonitorFigures): MonitorFigures {
  const sum = zero();
  for (const m of CHANNEL_DAY_METRICS) sum[m] = a[m] + b[m];
  sum.spend = roundMoney(sum.spend);
  sum.revenue = roundMoney(sum.revenue);
  return sum;
}

/** The monitoring after `day`'s reports (rows of other days are ignored). */
export function monitorDay(previous: Monitoring | undefined, day: number, rows: readonly ChannelDay[], channelIds: readonly string[]): Monitoring {
  return {
    day,
    channels: channelIds.map((channelId) => {
      const today = rows.filter((r) => r.channelId === channelId && r.day === day).reduce((sum, r) => add(sum, r), zero());
      const before = previous?.channels.find((c) => c.channelId === channelId)?.total ?? zero();
      return { channelId, today, total: add(before, today) };
    }),
  };
}
