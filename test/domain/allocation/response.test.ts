import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../domain/allocation/prng.js';
import { dailyOrders, drawCurve, fitResponse, likeliestCurve, marginalOrders } from '../../../domain/allocation/response.js';
import type { DayResult } from '../../../domain/allocation/types.js';

const context = { day: 10, referenceSpend: 3000, campaignOrdersPerSpend: 1 / 30 };

function finite(history: DayResult[], ctx = context): void {
  const posterior = fitResponse(history, ctx);
  const random = seededRandom('finite');
  for (let k = 0; k < 50; k++) {
    const curve = drawCurve(posterior, random);
    for (const spend of [0, 1, 3000, 1e7]) {
      expect(Number.isFinite(dailyOrders(curve, spend))).toBe(true);
      expect(Number.isFinite(marginalOrders(curve, spend))).toBe(true);
    }
  }
  expect(posterior.weights.every(Number.isFinite)).toBe(true);
  expect(posterior.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
}

describe('response estimation', () => {
  it('stays finite without history, with zero spend, one day, all zeros and garbage numbers', () => {
    finite([]);
    finite([{ day: 1, spend: 0, orders: 12, revenue: 2000 }]);
    finite([{ day: 1, spend: 3000, orders: 100, revenue: 20_000 }]);
    finite([{ day: 1, spend: 0, orders: 0, revenue: 0 }, { day: 2, spend: 3000, orders: 0, revenue: 0 }]);
    finite([{ day: 1, spend: Number.NaN, orders: -5, revenue: Infinity }, { day: 2, spend: 3000, orders: 80, revenue: 1 }]);
    finite([{ day: 1, spend: 3000, orders: 80, revenue: 1 }], { day: 1, referenceSpend: 0, campaignOrdersPerSpend: 0 });
  });

  it('assumes the campaign average for a channel without evidence', () => {
    const curve = likeliestCurve(fitResponse([], context));
    expect(dailyOrders(curve, 3000) / 3000).toBeCloseTo(1 / 30, 2);
  });

  it('learns the level from steady days', () => {
    const history = Array.from({ length: 7 }, (_, i) => ({ day: i + 1, spend: 3000, orders: 150, revenue: 0 }));
    const curve = likeliestCurve(fitResponse(history, { ...context, day: 7 }));
    expect(dailyOrders(curve, 3000)).toBeGreaterThan(140);
    expect(dailyOrders(curve, 3000)).toBeLessThan(160);
  });

  it('learns where returns diminish once spend has varied', () => {
    const truth = (s: number) => 100 * (1 - Math.exp(-s / 1500));
    const history = [500, 1000, 2000, 3000, 4000, 6000, 8000].map((spend, i) => ({ day: i + 1, spend, orders: Math.round(truth(spend)), revenue: 0 }));
    const curve = likeliestCurve(fitResponse(history, { ...context, day: 7 }));
    expect(curve.saturation).toBeGreaterThan(700);
    expect(curve.saturation).toBeLessThan(3000);
    expect(marginalOrders(curve, 6000)).toBeLessThan(marginalOrders(curve, 500) / 5);
  });

  it('is less sure of a channel with two days than of one with twenty', () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => ({ day: 21 - n + i, spend: 3000, orders: 100 + ((i * 7) % 11) - 5, revenue: 0 }));
    const spread = (history: DayResult[]) => {
      const posterior = fitResponse(history, { ...context, day: 20 });
      const random = seededRandom('spread');
      const draws = Array.from({ length: 400 }, () => dailyOrders(drawCurve(posterior, random), 3000));
      const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
      return Math.sqrt(draws.reduce((s, d) => s + (d - mean) ** 2, 0) / draws.length);
    };
    expect(spread(days(2))).toBeGreaterThan(spread(days(20)));
  });
});
