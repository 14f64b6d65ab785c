/** Raw channel results as analytics reports them, and the arithmetic people expect on them. */

/** The raw numbers a platform reports for a channel and period. */
export interface RawMetricValues {
  impressions: number;
  clicks: number;
  uv: number;
  orders: number;
  spend: number;
  revenue: number;
}

export interface ChannelMetrics extends RawMetricValues {
  channelId: string;
}

export const RAW_METRICS = ['impressions', 'clicks', 'uv', 'orders', 'spend', 'revenue'] as const;
export type RawMetric = (typeof RAW_METRICS)[number];

export function emptyMetrics(channelId: string): ChannelMetrics {
  return { channelId, impressions: 0, clicks: 0, uv: 0, orders: 0, spend: 0, revenue: 0 };
}

/** Campaign-wide totals per raw metric name (what KPI leaves refer to). */
export function totalsByMetric(rows: readonly ChannelMetrics[]): Record<RawMetric, number> {
  const totals = { impressions: 0, clicks: 0, uv: 0, orders: 0, spend: 0, revenue: 0 };
  for (const row of rows) for (const m of RAW_METRICS) totals[m] += row[m];
  totals.spend = roundMoney(totals.spend);
  totals.revenue = roundMoney(totals.revenue);
  return totals;
}

/** Cost per order; null when nothing was ordered (undefined, not infinite). */
export function cpa(m: Pick<ChannelMetrics, 'spend' | 'orders'>): number | null {
  return m.orders > 0 ? roundMoney(m.spend / m.orders) : null;
}

/**
 * ROI as Chinese marketing teams quote it (投产比): revenue per unit of spend, so 3 means ¥3 back for
 * every ¥1 spent. Null before anything was spent.
 */
export function roi(m: Pick<ChannelMetrics, 'spend' | 'revenue'>): number | null {
  return m.spend > 0 ? Math.round((m.revenue / m.spend) * 100) / 100 : null;
}

export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** One channel's metrics plus another period's (nothing added when `more` is missing). */
export function addMetrics(base: ChannelMetrics, more: ChannelMetrics | undefined): ChannelMetrics {
  if (!more) return base;
  const sum = { ...base };
  for (const m of RAW_METRICS) sum[m] = base[m] + more[m];
  sum.spend = roundMoney(sum.spend);
  sum.revenue = roundMoney(sum.revenue);
  return sum;
}
