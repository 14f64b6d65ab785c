/**
 * A market of channels with known, saturating response curves, for judging allocation policies
 * against an oracle that knows the curves. Curves come in two families (exponential and Hill) so
 * the policies' own exponential model is not simply handed the truth.
 *
 * Noise uses common random numbers: a channel's noise on a day depends on the scenario, channel and
 * day only, never on the spend, so two policies that spend the same on a day get the same orders and
 * a difference between policies is a difference in decisions, not in luck.
 */
import { normal, seededRandom, type Random } from '../domain/allocation/prng.js';
import type { Guardrails } from '../domain/allocation/types.js';

export type Family = 'stationary' | 'drifting' | 'dominant' | 'noisy-small' | 'saturates-early' | 'dies';
export const FAMILIES: readonly Family[] = ['stationary', 'drifting', 'dominant', 'noisy-small', 'saturates-early', 'dies'];

export interface TrueCurve {
  shape: 'exponential' | 'hill';
  /** Orders per day the channel approaches with unlimited spend. */
  ceiling: number;
  /** Daily spend that buys half the ceiling (Hill) or 63% of it (exponential). */
  halfSpend: number;
  /** Hill exponent below 1: concave from the first unit. */
  exponent: number;
}

export interface TrueChannel {
  id: string;
  curve: TrueCurve;
  averageOrderValue: number;
  /** Log-scale spread of day-to-day variation. */
  volatility: number;
  /** Multiplier on orders from day `from` on: exp(slope·(day−1)) drift, or a collapse. */
  drift: { slope: number; collapseDay: number | null; collapseTo: number };
  initial: number;
  min: number;
  max: number;
}

export interface Scenario {
  id: string;
  family: Family;
  seed: string;
  days: number;
  totalBudget: number;
  channels: TrueChannel[];
  guardrails: Guardrails;
}

function efficiencyFactor(channel: TrueChannel, day: number): number {
  const drift = Math.exp(channel.drift.slope * (day - 1));
  const collapsed = channel.drift.collapseDay !== null && day >= channel.drift.collapseDay;
  return drift * (collapsed ? channel.drift.collapseTo : 1);
}

export function expectedOrders(channel: TrueChannel, day: number, dailySpend: number): number {
  const s = Math.max(0, dailySpend);
  const { shape, ceiling, halfSpend, exponent } = channel.curve;
  const base = shape === 'exponential'
    ? ceiling * -Math.expm1(-s / halfSpend)
    : (ceiling * Math.pow(s, exponent)) / (Math.pow(s, exponent) + Math.pow(halfSpend, exponent));
  return base * efficiencyFactor(channel, day);
}

/** Orders bought by the next unit of daily spend (a numeric derivative: both families are smooth). */
export function marginalOrders(channel: TrueChannel, day: number, dailySpend: number): number {
  const h = Math.max(1e-3, channel.curve.halfSpend * 1e-4);
  const s = Math.max(h, dailySpend);
  return (expectedOrders(channel, day, s + h) - expectedOrders(channel, day, s - h)) / (2 * h);
}

export interface DayOutcome {
  spend: number;
  orders: number;
  revenue: number;
}

export function simulateDay(scenario: Scenario, channel: TrueChannel, day: number, dailySpend: number): DayOutcome {
  const random = seededRandom(`${scenario.seed}|${channel.id}|${day}`);
  const dayNoise = Math.exp(channel.volatility * normal(random) - (channel.volatility * channel.volatility) / 2);
  const orders = poisson(expectedOrders(channel, day, dailySpend) * dayNoise, random());
  const orderValue = channel.averageOrderValue * Math.exp(0.05 * normal(random));
  return { spend: Math.floor(dailySpend * 100) / 100, orders, revenue: Math.round(orders * orderValue * 100) / 100 };
}

/** Poisson by inversion of one uniform, so more expected orders never means fewer orders. */
function poisson(mean: number, uniform: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * inverseNormal(uniform)));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  while (uniform > cumulative && k < 1000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** Acklam's rational approximation of the standard normal quantile. */
function inverseNormal(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (q < low) {
    const t = Math.sqrt(-2 * Math.log(q));
    return (((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) / ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1);
  }
  if (q > 1 - low) {
    const t = Math.sqrt(-2 * Math.log(1 - q));
    return -(((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) / ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1);
  }
  const t = q - 0.5;
  const r = t * t;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * t) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Typical cost per order and order value of Chinese marketing channels (CNY), the same ballpark as
 * the sandbox platform's kinds: search converts intent cheaply, short video and Weibo reach widely
 * but convert weakly, EDM is cheap but small.
 */
const KINDS = [
  { kind: 'douyin', cpa: 90, aov: 150 },
  { kind: 'xiaohongshu', cpa: 70, aov: 200 },
  { kind: 'baidu', cpa: 55, aov: 260 },
  { kind: 'wechat', cpa: 80, aov: 180 },
  { kind: 'weibo', cpa: 130, aov: 160 },
  { kind: 'kol', cpa: 110, aov: 220 },
  { kind: 'edm', cpa: 40, aov: 220 },
] as const;

const DAYS = 30;

/** How many scenarios of each family the default run has (24 in all). */
export const DEFAULT_COUNTS: Record<Family, number> = {
  stationary: 6, drifting: 4, dominant: 3, 'noisy-small': 4, 'saturates-early': 3, dies: 4,
};

export function buildScenarios(counts: Partial<Record<Family, number>> = DEFAULT_COUNTS, days = DAYS): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const family of FAMILIES) {
    for (let n = 1; n <= (counts[family] ?? 0); n++) scenarios.push(buildScenario(family, n, days));
  }
  return scenarios;
}

interface Draft {
  kind: (typeof KINDS)[number];
  /** True cost per order at the planned daily spend. */
  cpa: number;
  /** Planned daily spend ÷ the curve's half-spend: how saturated the plan already is. */
  saturation: number;
  plannerWeight: number;
  drift: TrueChannel['drift'];
  volatility: number;
}

function buildScenario(family: Family, n: number, days: number): Scenario {
  const seed = `optimizer-bench|${family}|${n}`;
  const random = seededRandom(seed);
  const spread = (sigma: number) => Math.exp(sigma * normal(random));
  const small = family === 'noisy-small';
  const count = small ? 3 + Math.floor(random() * 2) : 4 + Math.floor(random() * 3);
  const kinds = shuffle([...KINDS], random).slice(0, count);
  const totalBudget = roundTo(small ? 15_000 + random() * 15_000 : 200_000 + random() * 400_000, 1000);
  const drafts: Draft[] = kinds.map((kind) => {
    const cpa = kind.cpa * spread(0.35);
    return {
      kind,
      cpa,
      saturation: 0.8 * spread(0.5),
      // Planners know roughly, not exactly, which channels are efficient.
      plannerWeight: spread(0.6) / cpa,
      drift: { slope: 0, collapseDay: null, collapseTo: 1 },
      volatility: small ? 0.35 : 0.15 + random() * 0.1,
    };
  });
  shapeFamily(family, drafts, random, days);
  const weights = drafts.map((d) => d.plannerWeight);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const channels = drafts.map((d, i): TrueChannel => {
    const initial = roundTo((totalBudget * (weights[i] ?? 0)) / totalWeight, 100);
    const planned = initial / days;
    const halfSpend = planned / d.saturation;
    const ordersAtPlan = planned / d.cpa;
    const hill = random() < 0.5;
    const exponent = 0.7 + random() * 0.3;
    const ceiling = hill
      ? (ordersAtPlan * (Math.pow(planned, exponent) + Math.pow(halfSpend, exponent))) / Math.pow(planned, exponent)
      : ordersAtPlan / -Math.expm1(-planned / halfSpend);
    return {
      id: d.kind.kind,
      curve: { shape: hill ? 'hill' : 'exponential', ceiling, halfSpend, exponent: hill ? exponent : 1 },
      averageOrderValue: d.kind.aov * spread(0.1),
      volatility: d.volatility,
      drift: d.drift,
      initial,
      min: roundTo(initial * 0.2, 100),
      max: Math.min(totalBudget, roundTo(initial * 2, 100)),
    };
  });
  const planned = channels.reduce((s, c) => s + c.initial, 0);
  return {
    id: `${family}-${n}`,
    family,
    seed,
    days,
    // Rounding each plan line may overshoot by a few hundred: the budget covers the plan.
    totalBudget: Math.max(totalBudget, planned),
    channels,
    guardrails: {
      maxShiftPerReview: n % 2 === 0 ? 0.1 : 0.2,
      minSpendBeforeJudging: roundTo(totalBudget * 0.01, 10),
      pauseBelowRoi: 0.5,
      approvalAbove: 0.1,
    },
  };
}

function shapeFamily(family: Family, drafts: Draft[], random: Random, days: number): void {
  const pick = Math.floor(random() * drafts.length);
  const chosen = drafts[pick]!;
  const others = drafts.filter((_, i) => i !== pick);
  const lowestWeight = Math.min(...others.map((d) => d.plannerWeight));
  switch (family) {
    case 'drifting':
      for (const d of drafts) d.drift = { slope: 0.03 * normal(random), collapseDay: null, collapseTo: 1 };
      break;
    case 'dominant':
      // Three times as efficient, and the planner did not see it coming.
      chosen.cpa = Math.min(...others.map((d) => d.cpa)) / 3;
      chosen.plannerWeight = lowestWeight;
      break;
    case 'saturates-early':
      // Cheapest orders at the plan's spend, but already deep in saturation: more money buys little.
      chosen.cpa = Math.min(...others.map((d) => d.cpa)) / 2;
      chosen.saturation = 3;
      break;
    case 'dies':
      chosen.cpa = Math.min(...others.map((d) => d.cpa)) / 1.5;
      chosen.drift = { slope: 0, collapseDay: Math.round(days * (0.33 + random() * 0.27)), collapseTo: 0.05 };
      break;
    default:
      break;
  }
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function roundTo(value: number, unit: number): number {
  return Math.max(unit, Math.round(value / unit) * unit);
}
