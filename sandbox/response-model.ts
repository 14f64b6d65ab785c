/**
 * How a simulated channel answers a day of budget and posts. Pure: the same inputs give the same
 * results, so a sandbox report can be recomputed anywhere and tests can reason about it.
 *
 * Paid reach saturates (`ceiling × (1 − e^(−spend / saturationSpend))`): the first yuan buys the
 * most, later yuan buy less — the diminishing returns the review loop (P2.13) must discover.
 * Organic reach comes from posts (with fatigue) and a baseline, so owned channels show results at
 * zero spend. Funnel rates then turn reach into clicks, visitors, orders and revenue.
 */
import type { RawMetricValues } from '../domain/metrics.js';
import { CHANNEL_KINDS } from '../domain/plan/schema.js';
import { gaussian, seededRandom, type Random } from './prng.js';

export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export { CHANNEL_KINDS };

export interface ChannelResponse {
  /** Impressions the first yuan buys: the slope of paid reach at zero spend. */
  reachPerYuan: number;
  /** Daily spend at which paid reach reaches 63% of its ceiling; past it money buys less and less. */
  saturationSpend: number;
  /** Organic impressions one post earns on its day (followers, feeds, a mailing list). */
  reachPerPost: number;
  /** Impressions that arrive with no spend and no post (search, direct visits). */
  baselineReach: number;
  clickRate: number;
  /** Distinct visitors per click: some click twice, some leave before the page loads. */
  visitorsPerClick: number;
  /** Orders per visitor. */
  conversionRate: number;
  averageOrderValue: number;
  /** Share of the daily budget the platform's pacing spends on an ordinary day. */
  pacing: number;
  /** Log-scale spread of day-to-day variation. */
  volatility: number;
}

/**
 * Typical shapes of each kind (CNY): search catches intent (little reach, high conversion), short
 * video and notes reach widely but convert weakly, the official account and EDM live on their
 * audience (posts and sends), KOL buys large reach in big steps. One row per kind, its numbers in
 * the order of `Row`.
 */
type Row = [
  reachPerYuan: number, saturationSpend: number, reachPerPost: number, baselineReach: number, clickRate: number,
  visitorsPerClick: number, conversionRate: number, averageOrderValue: number, pacing: number, volatility: number,
];

const ROWS: Record<ChannelKind, Row> = {
  'wechat-oa':   [ 8,  3_000,  6_000, 300,  0.05,  0.9,  0.02, 180, 0.95, 0.12],
  weibo:         [15,  5_000,  3_000, 100, 0.012, 0.85, 0.012, 160, 0.96,  0.2],
  douyin:        [30, 20_000,  8_000,   0, 0.015,  0.8,  0.01, 150, 0.97, 0.25],
  xiaohongshu:   [20, 12_000,  5_000,  50,  0.03, 0.85, 0.015, 200, 0.96,  0.2],
  'baidu-sem':   [ 3,  4_000,      0,   0,  0.06, 0.92,  0.04, 260, 0.98,  0.1],
  edm:           [50,  1_500,  4_000,   0,  0.03,  0.9,  0.03, 220,  0.9,  0.1],
  kol:           [12, 30_000, 10_000,   0,  0.02,  0.8, 0.018, 220, 0.93,  0.3],
  website:       [ 5,  3_000,    500, 800,  0.08, 0.95, 0.025, 200, 0.95,  0.1],
  custom:        [10,  5_000,  2_000, 100,  0.02, 0.85, 0.015, 180, 0.95, 0.15],
};

function responseOf([
  reachPerYuan, saturationSpend, reachPerPost, baselineReach, clickRate,
  visitorsPerClick, conversionRate, averageOrderValue, pacing, volatility,
]: Row): ChannelResponse {
  return {
    reachPerYuan, saturationSpend, reachPerPost, baselineReach, clickRate,
    visitorsPerClick, conversionRate, averageOrderValue, pacing, volatility,
  };
}

const TYPICAL = Object.fromEntries(
  CHANNEL_KINDS.map((kind) => [kind, responseOf(ROWS[kind])]),
) as Record<ChannelKind, ChannelResponse>;

/** Organic reach of n posts in one day grows as n^0.8: the same audience tires of a flood. */
const POST_FATIGUE = 0.8;
/** How far one channel may stray from its kind's typical shape (log-scale spread). */
const CHANNEL_SPREAD = 0.15;

export function typicalResponse(kind: ChannelKind): ChannelResponse {
  return { ...TYPICAL[kind] };
}

/**
 * The response of one channel of one campaign: its kind's typical shape, perturbed by the seed so
 * two Weibo channels (or the same channel under two seeds) perform differently, yet stably.
 */
export function channelResponse(seed: string, campaignId: string, channelId: string, kind: ChannelKind): ChannelResponse {
  const typical = TYPICAL[kind];
  const random = seededRandom(seed, campaignId, channelId, 'channel');
  const stray = () => Math.exp(CHANNEL_SPREAD * gaussian(random));
  return {
    reachPerYuan: typical.reachPerYuan * stray(),
    saturationSpend: typical.saturationSpend * stray(),
    reachPerPost: typical.reachPerPost * stray(),
    baselineReach: typical.baselineReach * stray(),
    clickRate: Math.min(0.5, typical.clickRate * stray()),
    visitorsPerClick: Math.min(1, typical.visitorsPerClick * stray()),
    conversionRate: Math.min(0.5, typical.conversionRate * stray()),
    averageOrderValue: typical.averageOrderValue * stray(),
    pacing: clamp(typical.pacing * Math.exp(0.02 * gaussian(random)), 0.8, 0.99),
    volatility: typical.volatility,
  };
}

export interface ChannelDay {
  seed: string;
  campaignId: string;
  channelId: string;
  kind: ChannelKind;
  day: number;
  /** The daily budget in force that day (what the platform may spend at most). */
  dailyBudget: number;
  /** Posts published that day. */
  posts: number;
}

/** What the platform reports for one channel day. */
export type DayResults = RawMetricValues;

export function simulateChannelDay(input: ChannelDay): DayResults {
  const response = channelResponse(input.seed, input.campaignId, input.channelId, input.kind);
  // The day's noise depends on the day only, never on budget or posts: more budget on the same
  // day always means at least as much reach, so comparisons between budgets are exact.
  const noise = dayNoise(input, response.volatility);
  const budget = nonNegative(input.dailyBudget);
  const posts = Math.floor(nonNegative(input.posts));

  const spend = floorCents(budget * clamp(response.pacing * noise.pacing, 0, 0.995));
  const paidCeiling = response.reachPerYuan * response.saturationSpend;
  const paidReach = paidCeiling * (1 - Math.exp(-spend / response.saturationSpend));
  const organicReach = response.reachPerPost * Math.pow(posts, POST_FATIGUE) + response.baselineReach;

  const impressions = Math.round((paidReach + organicReach) * noise.reach);
  const clicks = funnelStep(impressions, response.clickRate * noise.clicks);
  const uv = funnelStep(clicks, response.visitorsPerClick * noise.visitors);
  const orders = funnelStep(uv, response.conversionRate * noise.orders);
  const revenue = roundCents(orders * response.averageOrderValue * noise.orderValue);
  return { impressions, clicks, uv, orders, spend, revenue };
}

interface DayNoise {
  pacing: number;
  reach: number;
  clicks: number;
  visitors: number;
  orders: number;
  orderValue: number;
}

function dayNoise(input: ChannelDay, volatility: number): DayNoise {
  const random: Random = seededRandom(input.seed, input.campaignId, input.channelId, 'day', input.day);
  const wobble = (spread: number) => Math.exp(spread * gaussian(random));
  return {
    pacing: wobble(0.02),
    reach: wobble(volatility),
    clicks: wobble(volatility / 2),
    visitors: wobble(0.03),
    orders: wobble(volatility / 2),
    orderValue: wobble(0.08),
  };
}

/** The next stage of the funnel: never more than the stage before it. */
function funnelStep(previous: number, rate: number): number {
  return Math.min(previous, Math.round(previous * clamp(rate, 0, 1)));
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Spend rounds down: a platform never bills a cent over the budget. */
function floorCents(value: number): number {
  return Math.floor(value * 100) / 100;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
