/**
 * What a review shows per channel (P2.11, P2.12): traffic, engagement, conversions, money, and the
 * two ratios budget talks start from, summed from the channel's daily rows in the period.
 */
import { cpa, roi, roundMoney } from './metrics.js';

/** What metric_observations counts per channel and day (traffic, engagement, conversions, money). */
export const CHANNEL_DAY_METRICS = [
  'impressions', 'clicks', 'uv', 'pv', 'likes', 'comments', 'shares', 'saves', 'orders', 'signups', 'inquiries',
  'spend', 'revenue',
] as const;
export type ChannelDayMetric = (typeof CHANNEL_DAY_METRICS)[number];

/** One channel's results on one campaign day, every source added up. */
export interface ChannelDay extends Record<ChannelDayMetric, number> {
  channelId: string;
  day: number;
}

export interface ChannelReviewMetrics {
  channelId: string;
  /** Days in the period that had any data for the channel. */
  daysReported: number;
  spend: number;
  /**
   * Daily UV added up. Platforms de-duplicate visitors within a day only, so a visitor who comes
   * back on three days counts three times: compare it between channels, not with unique reach.
   */
  uv: number;
  pv: number;
  engagement: number;
  orders: number;
  conversions: number;
  revenue: number;
  /** Spend per order; null without orders. */
  cpa: number | null;
  /** Revenue per unit of spend (投产比); null before anything was spent. */
  roi: number | null;
}

export interface PeriodSelection {
  channelIds: readonly string[];
  fromDay: number;
  toDay: number;
}

/** Every way an audience reacts to content; platforms weigh them differently, reviews count them alike. */
export function engagementOf(d: Pick<ChannelDay, 'likes' | 'comments' | 'shares' | 'saves'>): number {
  return d.likes + d.comments + d.shares + d.saves;
}

/**
 * Each is one person doing what the campaign asked of them (P2.11 lists all three as conversion),
 * so a lead-generation campaign's inquiries count as much as a shop's orders. CPA stays per order:
 * orders are what revenue, and so ROI, come from.
 */
export function conversionsOf(d: Pick<ChannelDay, 'orders' | 'signups' | 'inquiries'>): number {
  return d.orders + d.signups + d.inquiries;
}

/**
 * One line per requested channel, in the order asked for; a channel without data in the period
 * reads as zeros rather than disappearing from the review.
 */
export function channelReviewMetrics(rows: readonly ChannelDay[], period: PeriodSelection): ChannelReviewMetrics[] {
  return period.channelIds.map((channelId) => {
    const days = rows.filter((r) => r.channelId === channelId && r.day >= period.fromDay && r.day <= period.toDay);
    return reviewLine(channelId, days);
  });
}

/** The campaign-wide line: the same sums and ratios over every channel's lines. */
export function totalReviewMetrics(lines: readonly ChannelReviewMetrics[]): Omit<ChannelReviewMetrics, 'channelId' | 'daysReported'> {
  const sum = (pick: (l: ChannelReviewMetrics) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const spend = roundMoney(sum((l) => l.spend));
  const orders = sum((l) => l.orders);
  const revenue = roundMoney(sum((l) => l.revenue));
  return {
    spend, uv: sum((l) => l.uv), pv: sum((l) => l.pv), engagement: sum((l) => l.engagement), orders,
    conversions: sum((l) => l.conversions), revenue, cpa: cpa({ spend, orders }), roi: roi({ spend, revenue }),
  };
}

function reviewLine(channelId: string, days: readonly ChannelDay[]): ChannelReviewMetrics {
  const sum = (pick: (d: ChannelDay) => number) => days.reduce((s, d) => s + pick(d), 0);
  const spend = roundMoney(sum((d) => d.spend));
  const orders = sum((d) => d.orders);
  const revenue = roundMoney(sum((d) => d.revenue));
  return {
    channelId,
    daysReported: new Set(days.map((d) => d.day)).size,
    spend,
    uv: sum((d) => d.uv),
    pv: sum((d) => d.pv),
    engagement: sum(engagementOf),
    orders,
    conversions: sum(conversionsOf),
    revenue,
    cpa: cpa({ spend, orders }),
    roi: roi({ spend, revenue }),
  };
}
