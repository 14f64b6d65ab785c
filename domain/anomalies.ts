/**
 * Anomalies (P2.12: "why did this channel spike or drop?"): a channel's day that stands out from its
 * own recent days, in words a review can quote.
 *
 * The rule is a robust z-score: the baseline is the median of the previous days and the spread
 * their median absolute deviation (MAD), so one odd day in the history neither hides the next one
 * nor raises a second alarm. Three floors keep it quiet where people would shrug: too little
 * history, a change too small in absolute terms (3 orders against a usual 1), and a change too small
 * relative to the level (a steady series moving 10%). A lasting shift (a budget doubled) is reported
 * until it fills most of the trailing week, then it is the new normal.
 */
import type { ChannelDay } from './channel-metrics.js';
import { conversionsOf, engagementOf } from './channel-metrics.js';

export const ANOMALY_METRICS = ['spend', 'uv', 'pv', 'engagement', 'orders', 'conversions', 'revenue', 'cpa'] as const;
export type AnomalyMetric = (typeof ANOMALY_METRICS)[number];

export interface SeriesPoint {
  day: number;
  /** null when the day has no value (no report, or CPA without enough orders). */
  value: number | null;
}

export interface MetricSeries {
  channelId: string;
  /** How people call the channel (抖音), for messages; the id otherwise. */
  channelName?: string;
  metric: AnomalyMetric;
  points: readonly SeriesPoint[];
}

export interface AnomalyRule {
  /** Calendar days before the day under test that form its baseline. */
  window: number;
  /** Days with a value the baseline needs before anything is judged. */
  minHistory: number;
  /** Robust z-score from which a day counts as an anomaly (3.5 is Iglewicz and Hoaglin's cut-off). */
  threshold: number;
  /** |value − baseline| ÷ baseline below which nobody would call it a spike or a drop. */
  minRelativeChange: number;
  /** |value − baseline| below which a change is noise, per metric (money in the plan's currency). */
  minAbsoluteChange: Record<AnomalyMetric, number>;
}

export const DEFAULT_ANOMALY_RULE: AnomalyRule = {
  window: 7,
  minHistory: 3,
  threshold: 3.5,
  minRelativeChange: 0.3,
  minAbsoluteChange: { spend: 100, uv: 50, pv: 100, engagement: 20, orders: 5, conversions: 5, revenue: 200, cpa: 10 },
};

/** CPA from one or two orders swings with every order; below this many it is not judged. */
export const MIN_ORDERS_FOR_CPA = 3;

export interface Anomaly {
  channelId: string;
  metric: AnomalyMetric;
  day: number;
  direction: 'spike' | 'drop';
  value: number;
  /** Median of the baseline days. */
  baseline: number;
  /** (value − baseline) ÷ baseline, e.g. −0.62; null when the baseline is 0. */
  change: number | null;
  message: { en: string; 'zh-CN': string };
}

export interface DetectOptions {
  fromDay?: number;
  toDay?: number;
  rule?: Partial<AnomalyRule>;
}

/** The days of one series, within [fromDay, toDay], that stand out from the days before them. */
export function detectAnomalies(series: MetricSeries, options: DetectOptions = {}): Anomaly[] {
  const rule = { ...DEFAULT_ANOMALY_RULE, ...options.rule };
  const points = series.points
    .filter((p): p is { day: number; value: number } => p.value !== null && Number.isFinite(p.value))
    .slice()
    .sort((a, b) => a.day - b.day);
  const found: Anomaly[] = [];
  for (const point of points) {
    if (point.day < (options.fromDay ?? -Infinity) || point.day > (options.toDay ?? Infinity)) continue;
    const history = points.filter((p) => p.day < point.day && p.day >= point.day - rule.window).map((p) => p.value);
    if (history.length < rule.minHistory) continue;
    const anomaly = judge(series, point, history, rule);
    if (anomaly) found.push(anomaly);
  }
  return found;
}

function judge(series: MetricSeries, point: { day: number; value: number }, history: number[], rule: AnomalyRule): Anomaly | undefined {
  // In cents, as reported: a baseline of 1e-300 is 0, not a reason for an infinite change.
  const baseline = round(median(history), 2);
  const difference = point.value - baseline;
  const size = Math.abs(difference);
  if (size === 0 || size < rule.minAbsoluteChange[series.metric]) return undefined;
  const change = baseline !== 0 ? difference / Math.abs(baseline) : null;
  if (change !== null && Math.abs(change) < rule.minRelativeChange) return undefined;
  // 1.4826 × MAD estimates the standard deviation of normal noise. A spread of 0 (a flat history)
  // makes any change past the floors stand out.
  const spread = 1.4826 * median(history.map((v) => Math.abs(v - baseline)));
  if (spread > 0 && size / spread < rule.threshold) return undefined;
  const direction = difference > 0 ? 'spike' : 'drop';
  const anomaly = {
    channelId: series.channelId,
    metric: series.metric,
    day: point.day,
    direction,
    value: round(point.value, 2),
    baseline,
    change: change === null ? null : round(change, 3),
  } as const;
  return { ...anomaly, message: describe(series.channelName ?? series.channelId, anomaly) };
}

/** One series per channel for a metric, from review rows; days without rows have no value. */
export function seriesFromChannelDays(
  rows: readonly ChannelDay[],
  metric: AnomalyMetric,
  channelNames: Readonly<Record<string, string>> = {},
): MetricSeries[] {
  const byChannel = new Map<string, SeriesPoint[]>();
  for (const row of rows) {
    const points = byChannel.get(row.channelId) ?? [];
    points.push({ day: row.day, value: metricValue(row, metric) });
    byChannel.set(row.channelId, points);
  }
  return [...byChannel].map(([channelId, points]) => ({
    channelId,
    metric,
    points,
    ...(channelNames[channelId] ? { channelName: channelNames[channelId] } : {}),
  }));
}

/** Every anomaly in the rows, for the metrics asked (all by default), ordered by day and channel. */
export function channelDayAnomalies(
  rows: readonly ChannelDay[],
  options: DetectOptions & { metrics?: readonly AnomalyMetric[]; channelNames?: Readonly<Record<string, string>> } = {},
): Anomaly[] {
  const metrics = options.metrics ?? ANOMALY_METRICS;
  const found = metrics.flatMap((metric) =>
    seriesFromChannelDays(rows, metric, options.channelNames).flatMap((series) => detectAnomalies(series, options)));
  return found.sort((a, b) =>
    a.day - b.day || a.channelId.localeCompare(b.channelId) || metrics.indexOf(a.metric) - metrics.indexOf(b.metric));
}

export function metricValue(row: ChannelDay, metric: AnomalyMetric): number | null {
  switch (metric) {
    case 'engagement': return engagementOf(row);
    case 'conversions': return conversionsOf(row);
    case 'cpa': return row.orders >= MIN_ORDERS_FOR_CPA ? row.spend / row.orders : null;
    default: return row[metric];
  }
}

const LABELS: Record<AnomalyMetric, { en: string; 'zh-CN': string }> = {
  spend: { en: 'spend', 'zh-CN': '花费' },
  uv: { en: 'UV', 'zh-CN': '访客数（UV）' },
  pv: { en: 'PV', 'zh-CN': '浏览量（PV）' },
  engagement: { en: 'engagement', 'zh-CN': '互动量' },
  orders: { en: 'orders', 'zh-CN': '订单数' },
  conversions: { en: 'conversions', 'zh-CN': '转化数' },
  revenue: { en: 'revenue', 'zh-CN': '销售额' },
  cpa: { en: 'CPA', 'zh-CN': '单均成本（CPA）' },
};

function describe(channel: string, a: Omit<Anomaly, 'message'>): Anomaly['message'] {
  const label = LABELS[a.metric];
  const value = formatNumber(a.value);
  const usual = formatNumber(a.baseline);
  if (a.change === null) {
    return {
      en: `${channel} ${label.en} jumped to ${value} on day ${a.day} (usually ${usual})`,
      'zh-CN': `${channel} ${label['zh-CN']}在第 ${a.day} 天从平时的 ${usual} 跳到 ${value}`,
    };
  }
  const percent = Math.round(Math.abs(a.change) * 100);
  return a.direction === 'spike'
    ? {
      en: `${channel} ${label.en} jumped ${percent}% on day ${a.day} (${value} against a usual ${usual})`,
      'zh-CN': `${channel} ${label['zh-CN']}在第 ${a.day} 天激增 ${percent}%（${value}，平时约 ${usual}）`,
    }
    : {
      en: `${channel} ${label.en} dropped ${percent}% on day ${a.day} (${value} against a usual ${usual})`,
      'zh-CN': `${channel} ${label['zh-CN']}在第 ${a.day} 天骤降 ${percent}%（${value}，平时约 ${usual}）`,
    };
}

/** 1,234 or 1,234.5: thousands grouped, at most two decimals, no locale data needed. */
export function formatNumber(n: number): string {
  const rounded = round(n, 2);
  const [whole = '0', fraction] = Math.abs(rounded).toFixed(2).replace(/\.?0+$/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(n * factor) / factor;
}
