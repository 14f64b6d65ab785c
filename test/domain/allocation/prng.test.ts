import { describe, expect, it } from 'vitest';
import { gamma, normal, pickWeighted, seededRandom } from '../../../domain/allocation/prng.js';

function draws(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

describe('seeded randomness', () => {
  it('repeats for the same seed and differs for another', () => {
    expect(draws(5, seededRandom('campaign:1'))).toEqual(draws(5, seededRandom('campaign:1')));
    expect(draws(5, seededRandom('campaign:1'))).not.toEqual(draws(5, seededRandom('campaign:2')));
  });

  it('gives uniforms in [0, 1) with the right mean', () => {
    const xs = draws(20_000, seededRandom('uniform'));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
  });

  it('draws normals and gammas with the right moments', () => {
    const random = seededRandom('moments');
    const z = draws(20_000, () => normal(random));
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(mean(z.map((x) => x * x))).toBeCloseTo(1, 1);
    for (const shape of [0.3, 1, 4.5, 200]) {
      const g = draws(20_000, () => gamma(random, shape));
      expect(g.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
      expect(mean(g) / shape).toBeCloseTo(1, 1);
    }
    expect(gamma(random, 0)).toBe(0);
  });

  it('picks by weight', () => {
    const random = seededRandom('weights');
    const picks = draws(10_000, () => pickWeighted(random, [1, 0, 3]));
    expect(picks.filter((p) => p === 1)).toHaveLength(0);
    expect(picks.filter((p) => p === 2).length / picks.length).toBeCloseTo(0.75, 1);
  });
});
