/**
 * How a channel's orders answer its daily spend, learnt from its history with honest uncertainty.
 *
 * The curve saturates: orders/day = θ·b·(1 − e^(−s/b)) at daily spend s. θ is orders per unit of
 * money for the first unit spent, b the spend at which returns have fallen to 37% of that; the
 * marginal return θ·e^(−s/b) shrinks as spend grows (diminishing returns, P2.6).
 *
 * Uncertainty is Bayesian and closed-form, so it is cheap enough to run in every review:
 * - b is unknown on a grid of multiples of the channel's reference daily spend. While spend hardly
 *   varies, b cannot be told from the data and the prior over the grid speaks; once reviews move
 *   money, days at different spends separate the candidates.
 * - given b, orders are Poisson in θ·g_b(s) with a Gamma prior on θ: the posterior is Gamma again
 *   and each b's marginal likelihood has a closed form.
 * - real days vary more than Poisson (weather, feeds, competitors): counts and exposures are divided
 *   by a dispersion factor estimated from the residuals (quasi-Poisson), so a channel with hundreds
 *   of orders a day is not believed to the last order.
 * - recent days weigh more (half-life EVIDENCE_HALF_LIFE_DAYS) so drift is followed.
 * - the prior on θ is one pseudo-day at the reference spend with the campaign's average efficiency:
 *   a channel with little evidence is assumed average, not brilliant or hopeless.
 * Days without spend are left out: their orders are organic and say nothing about what money buys.
 */
import { amount, recencyWeight } from './guardrails.js';
import { gamma, pickWeighted, type Random } from './prng.js';
import type { DayResult } from './types.js';

export interface ResponseCurve {
  /** θ: orders per unit of money for the first unit spent in a day. */
  firstUnitOrders: number;
  /** b: daily spend at which the marginal return has fallen to e^(−1) of θ. */
  saturation: number;
}

/** Posterior mixture over the saturation grid: weight, and Gamma(shape, rate) for θ given b. */
export interface ResponsePosterior {
  saturations: number[];
  weights: number[];
  shapes: number[];
  rates: number[];
}

export interface ResponseContext {
  /** The review day recency is counted from. */
  day: number;
  /** A typical daily spend for this channel; sets the scale of the saturation grid. */
  referenceSpend: number;
  /** Orders per unit of money across the campaign: the prior's centre. */
  campaignOrdersPerSpend: number;
}

/** Saturation candidates, as multiples of the reference spend, with prior log-weights. */
const SATURATION_MULTIPLES = [0.25, 0.35, 0.5, 0.71, 1, 1.41, 2, 2.83, 4, 5.66, 8];
/** Spread of the prior over the grid, in powers of two around b = 1.41× the reference spend. */
const PRIOR_LOG2_SPREAD = 1.25;
const PRIOR_LOG2_CENTRE = 0.5;
/** Day-to-day variation assumed before residuals say otherwise (20%), and how many days it counts. */
const PRIOR_NOISE = 0.2;
const PRIOR_NOISE_DAYS = 3;
const MAX_DISPERSION = 100;

export function dailyOrders(curve: ResponseCurve, dailySpend: number): number {
  return curve.firstUnitOrders * saturated(curve.saturation, dailySpend);
}

export function marginalOrders(curve: ResponseCurve, dailySpend: number): number {
  return curve.firstUnitOrders * Math.exp(-Math.max(0, dailySpend) / curve.saturation);
}

/** g_b(s) = b(1 − e^(−s/b)): spend discounted for saturation; ≈ s while s ≪ b. */
function saturated(saturation: number, spend: number): number {
  return saturation * -Math.expm1(-Math.max(0, spend) / saturation);
}

interface Observation {
  spend: number;
  orders: number;
  weight: number;
}

export function fitResponse(history: readonly DayResult[], context: ResponseContext): ResponsePosterior {
  const reference = context.referenceSpend > 0 && Number.isFinite(context.referenceSpend) ? context.referenceSpend : 1;
  const efficiency = context.campaignOrdersPerSpend > 0 && Number.isFinite(context.campaignOrdersPerSpend)
    ? context.campaignOrdersPerSpend
    : 1 / reference;
  const observations: Observation[] = history
    .filter((d) => amount(d.spend) > 0)
    .map((d) => ({ spend: amount(d.spend), orders: amount(d.orders), weight: recencyWeight(context.day, d.day) }));
  const saturations = SATURATION_MULTIPLES.map((m) => m * reference);
  const first = posteriorGivenDispersion(observations, saturations, reference, efficiency, 1);
  const dispersion = estimateDispersion(observations, first);
  return dispersion === 1 ? first : posteriorGivenDispersion(observations, saturations, reference, efficiency, dispersion);
}

function posteriorGivenDispersion(
  observations: readonly Observation[],
  saturations: readonly number[],
  reference: number,
  efficiency: number,
  dispersion: number,
): ResponsePosterior {
  let orders = 0;
  for (const o of observations) orders += (o.weight * o.orders) / dispersion;
  const pseudoOrders = (efficiency * reference) / dispersion;
  const shape = 0.5 + pseudoOrders + orders;
  const logWeights: number[] = [];
  const shapes: number[] = [];
  const rates: number[] = [];
  for (const b of saturations) {
    const priorShape = 0.5 + pseudoOrders;
    // Prior mean of θ makes the pseudo-day at the reference spend look exactly average.
    const priorRate = (priorShape * saturated(b, reference)) / (efficiency * reference);
    let exposure = 0;
    let shapeTerm = 0;
    for (const o of observations) {
      const g = saturated(b, o.spend);
      exposure += (o.weight * g) / dispersion;
      if (o.orders > 0) shapeTerm += ((o.weight * o.orders) / dispersion) * Math.log(g);
    }
    const log2 = Math.log2(b / reference) - PRIOR_LOG2_CENTRE;
    const prior = -(log2 * log2) / (2 * PRIOR_LOG2_SPREAD * PRIOR_LOG2_SPREAD);
    logWeights.push(prior + priorShape * Math.log(priorRate) - shape * Math.log(priorRate + exposure) + shapeTerm);
    shapes.push(shape);
    rates.push(priorRate + exposure);
  }
  const top = Math.max(...logWeights);
  const raw = logWeights.map((l) => Math.exp(l - top));
  const sum = raw.reduce((s, w) => s + w, 0);
  return { saturations: [...saturations], weights: raw.map((w) => w / sum), shapes, rates };
}

/**
 * Pearson residuals at the most likely curve, shrunk towards the assumed 20% day-to-day noise so
 * that three lucky days cannot make the model overconfident.
 */
function estimateDispersion(observations: readonly Observation[], posterior: ResponsePosterior): number {
  if (observations.length === 0) return 1;
  const curve = likeliestCurve(posterior);
  let pearson = 0, weight = 0, orders = 0;
  for (const o of observations) {
    const expected = dailyOrders(curve, o.spend);
    if (expected > 0) pearson += (o.weight * (o.orders - expected) ** 2) / expected;
    weight += o.weight;
    orders += o.weight * o.orders;
  }
  const meanOrders = weight > 0 ? orders / weight : 0;
  const assumed = 1 + PRIOR_NOISE * PRIOR_NOISE * meanOrders;
  const dispersion = (PRIOR_NOISE_DAYS * assumed + pearson) / (PRIOR_NOISE_DAYS + Math.max(0, weight - 1));
  return Math.min(MAX_DISPERSION, Math.max(1, dispersion));
}

/** The most probable saturation with θ at its posterior mean. */
export function likeliestCurve(posterior: ResponsePosterior): ResponseCurve {
  let best = 0;
  for (let i = 1; i < posterior.weights.length; i++) if ((posterior.weights[i] ?? 0) > (posterior.weights[best] ?? 0)) best = i;
  return curveAt(posterior, best, (posterior.shapes[best] ?? 0) / (posterior.rates[best] ?? 1));
}

/** One plausible curve, drawn in proportion to how well it explains the history: Thompson sampling. */
export function drawCurve(posterior: ResponsePosterior, random: Random): ResponseCurve {
  const i = pickWeighted(random, posterior.weights);
  return curveAt(posterior, i, gamma(random, posterior.shapes[i] ?? 0) / (posterior.rates[i] ?? 1));
}

function curveAt(posterior: ResponsePosterior, index: number, firstUnitOrders: number): ResponseCurve {
  return { firstUnitOrders: Number.isFinite(firstUnitOrders) ? firstUnitOrders : 0, saturation: posterior.saturations[index] ?? 1 };
}
