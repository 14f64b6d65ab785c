/**
 * Raw metric totals for KPI leaves, from analytics' per-channel, per-day rows. Besides every
 * counted metric, `engagement` and `conversions` are offered as totals, the way reviews count them.
 */
import { CHANNEL_DAY_METRICS, conversionsOf, engagementOf, type ChannelDay } from '../channel-metrics.js';
import { roundMoney } from '../metrics.js';

export type MetricTotals = Record<string, number>;

export function metricTotals(rows: readonly ChannelDay[]): MetricTotals {
  const totals: MetricTotals = { engagement: 0, conversions: 0 };
  for (const metric of CHANNEL_DAY_METRICS) totals[metric] = 0;
  for (const row of rows) {
    for (const metric of CHANNEL_DAY_METRICS) totals[metric]! += row[metric];
    totals['engagement']! += engagementOf(row);
    totals['conversions']! += conversionsOf(row);
  }
  totals['spend'] = roundMoney(totals['spend']!);
  totals['revenue'] = roundMoney(totals['revenue']!);
  return totals;
}

export interface DaySpan {
  fromDay: number;
  toDay: number;
}

/** The first and last day any channel reported; undefined without data. */
export function reportedSpan(rows: readonly ChannelDay[]): DaySpan | undefined {
  if (rows.length === 0) return undefined;
  let fromDay = Infinity;
  let toDay = -Infinity;
  for (const row of rows) {
    fromDay = Math.min(fromDay, row.day);
    toDay = Math.max(toDay, row.day);
  }
  return { fromDay, toDay };
}

/** Channel ids in the plan's order, then any that reported without being planned. */
export function channelIdsOf(planned: readonly { id: string }[], rows: readonly ChannelDay[]): string[] {
  const ids = planned.map((c) => c.id);
  for (const row of rows) if (!ids.includes(row.channelId)) ids.push(row.channelId);
  return ids;
}
