/**
 * Periodic reviews (P2.12): what each channel spent and returned in the period and so far, and
 * what stands out. Budget moves (P2.13) attach to a review as `changes`, each with its reason.
 */
import { cpa, roi, roundMoney, type ChannelMetrics } from './metrics.js';
import type { Channel } from './plan/schema.js';
import type { Anomaly } from './anomalies.js';
import { channelReviewMetrics, type ChannelDay, type ChannelReviewMetrics } from './channel-metrics.js';
import type { ReviewPeriod } from './review-periods.js';

export interface ChannelState {
  id: string;
  name: string;
  kind: Channel['kind'];
  /** Budget this channel holds for the rollout. */
  allocation: number;
  dailyBudget: number;
  status: 'planned' | 'active' | 'paused';
  spend: number;
  orders: number;
  uv: number;
  revenue: number;
}

export interface ReviewLine {
  channelId: string;
  period: ChannelMetrics;
  cumulative: ChannelMetrics;
  cpa: number | null;
  roi: number | null;
}

export interface BudgetChange {
  channelId: string;
  from: number;
  to: number;
  reason: string;
  /** Set when the move paused or resumed the channel: the closing report tells pauses apart. */
  status?: 'active' | 'paused';
}

export interface Review {
  /** Unique per campaign: `daily:<day>`, `weekly:2027-W11`, `monthly:2027-03`. */
  key: string;
  period: 'daily' | 'weekly' | 'monthly';
  /** The last campaign day the review covers. */
  day: number;
  /** The first campaign day it covers (the same as `day` for a daily review). */
  fromDay?: number;
  /** Per channel: traffic, engagement and conversions as well as money, for the period. */
  channelMetrics?: ChannelReviewMetrics[];
  /** Spikes and drops against each channel's trailing baseline. */
  anomalies?: Anomaly[];
  at: string;
  lines: ReviewLine[];
  totals: { spend: number; orders: number; revenue: number; cpa: number | null; roi: number | null };
  changes: BudgetChange[];
  notes: string[];
}

export function initialChannels(channels: readonly Channel[], rolloutDays: number): ChannelState[] {
  return channels.map((c) => ({
    id: c.id,
    name: c.name ?? c.id,
    kind: c.kind,
    allocation: c.budget.initial,
    dailyBudget: dailyBudget(c.budget.initial, rolloutDays),
    status: 'planned',
    spend: 0,
    orders: 0,
    uv: 0,
    revenue: 0,
  }));
}

/** Ad platforms pace by daily budget: the allocation spread evenly over the rollout's days. */
export function dailyBudget(allocation: number, days: number): number {
  return roundMoney(allocation / Math.max(1, days));
}

export function buildDailyReview(input: {
  day: number;
  at: Date;
  period: readonly ChannelMetrics[];
  cumulative: readonly ChannelMetrics[];
}): Review {
  const lines = input.period.map((p) => {
    const cumulative = input.cumulative.find((c) => c.channelId === p.channelId) ?? p;
    return { channelId: p.channelId, period: p, cumulative, cpa: cpa(cumulative), roi: roi(cumulative) };
  });
  const spend = roundMoney(lines.reduce((s, l) => s + l.period.spend, 0));
  const orders = lines.reduce((s, l) => s + l.period.orders, 0);
  const revenue = roundMoney(lines.reduce((s, l) => s + l.period.revenue, 0));
  return {
    key: `daily:${input.day}`,
    period: 'daily',
    day: input.day,
    at: input.at.toISOString(),
    lines,
    totals: { spend, orders, revenue, cpa: cpa({ spend, orders }), roi: roi({ spend, revenue }) },
    changes: [],
    notes: efficiencyNotes(lines),
  };
}

/** Which channel buys orders cheapest and which dearest so far: the start of every budget talk. */
function efficiencyNotes(lines: readonly ReviewLine[]): string[] {
  const priced = lines.filter((l) => l.cpa !== null).sort((a, b) => (a.cpa ?? 0) - (b.cpa ?? 0));
  const best = priced[0];
  const worst = priced[priced.length - 1];
  if (!best || !worst || best === worst) return [];
  return [
    `${best.channelId} has the lowest cost per order so far (${best.cpa}); ${worst.channelId} the highest (${worst.cpa}).`,
  ];
}

/** Channel states after a review: cumulative results replace the old ones. */
export function withCumulative(channels: readonly ChannelState[], cumulative: readonly ChannelMetrics[]): ChannelState[] {
  return channels.map((c) => {
    const m = cumulative.find((x) => x.channelId === c.id);
    return m ? { ...c, spend: m.spend, orders: m.orders, uv: m.uv, revenue: m.revenue } : c;
  });
}

/** The metrics of a daily review's channels, from analytics' per-day rows. */
export function withChannelDetail(review: Review, rows: readonly ChannelDay[], channelIds: readonly string[], anomalies: readonly Anomaly[], lang: 'en' | 'zh-CN'): Review {
  return {
    ...review,
    fromDay: review.day,
    channelMetrics: channelReviewMetrics(rows, { channelIds, fromDay: review.day, toDay: review.day }),
    anomalies: [...anomalies],
    notes: [...review.notes, ...anomalies.map((a) => a.message[lang])],
  };
}

/**
 * A weekly or monthly review: the period's sums per channel, next to the campaign's cumulative
 * results at its end.
 */
export function buildPeriodReview(input: {
  period: ReviewPeriod;
  at: Date;
  rows: readonly ChannelDay[];
  cumulative: readonly ChannelMetrics[];
  channelIds: readonly string[];
  anomalies: readonly Anomaly[];
  lang: 'en' | 'zh-CN';
}): Review {
  const { period } = input;
  const sums = input.channelIds.map((channelId) => {
    const days = input.rows.filter((r) => r.channelId === channelId && r.day >= period.fromDay && r.day <= period.toDay);
    const total = (pick: (d: ChannelDay) => number) => days.reduce((s, d) => s + pick(d), 0);
    return {
      channelId,
      impressions: total((d) => d.impressions),
      clicks: total((d) => d.clicks),
      uv: total((d) => d.uv),
      orders: total((d) => d.orders),
      spend: roundMoney(total((d) => d.spend)),
      revenue: roundMoney(total((d) => d.revenue)),
    };
  });
  const daily = buildDailyReview({ day: period.toDay, at: input.at, period: sums, cumulative: input.cumulative });
  const span = period.partial ? ` (days ${period.fromDay}–${period.toDay}, part of the ${period.kind === 'weekly' ? 'week' : 'month'})` : '';
  return {
    ...daily,
    key: period.key,
    period: period.kind,
    fromDay: period.fromDay,
    channelMetrics: channelReviewMetrics(input.rows, { channelIds: input.channelIds, fromDay: period.fromDay, toDay: period.toDay }),
    anomalies: [...input.anomalies],
    notes: [`${period.kind === 'weekly' ? 'Weekly' : 'Monthly'} review ${period.key.split(':')[1]}${span}.`, ...daily.notes, ...input.anomalies.map((a) => a.message[input.lang])],
  };
}
