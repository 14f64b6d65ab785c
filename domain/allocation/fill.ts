/**
 * Budget by marginal return: hand out money in small steps, each to the channel whose next step
 * buys the most. With diminishing returns this is the optimal split, and it stays optimal with the
 * per-review cap because the cap only limits steps above a channel's current allocation (a laminar
 * pair of limits, for which greedy filling is exact up to the step size).
 *
 * Amounts are whole cents so that sums compare exactly.
 */

export interface FillChannel {
  floor: number;
  ceiling: number;
  current: number;
  /** Return of the next unit of money when the channel holds `allocation` (cents). */
  marginal: (allocation: number) => number;
}

export interface FillInput {
  channels: readonly FillChannel[];
  /** What these channels may hold together. */
  budget: number;
  /** What may be added above current allocations in total. */
  cap: number;
  step: number;
}

export interface FillResult {
  allocations: number[];
  capLeft: number;
}

export function fillByMarginalReturn(input: FillInput): FillResult {
  const allocations = input.channels.map((c) => c.floor);
  let pool = input.budget - allocations.reduce((s, a) => s + a, 0);
  let capLeft = input.cap;
  const step = Math.max(1, Math.floor(input.step));
  for (;;) {
    let best = -1, bestGain = 0, bestRoom = 0;
    for (let i = 0; i < input.channels.length; i++) {
      const c = input.channels[i]!;
      const a = allocations[i]!;
      // A step never straddles the current allocation: below it money comes back without using the cap.
      const room = Math.min(step, pool, c.ceiling - a, a < c.current ? c.current - a : capLeft);
      if (room <= 0) continue;
      const gain = c.marginal(a + room / 2);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
        bestRoom = room;
      }
    }
    if (best < 0) break;
    const c = input.channels[best]!;
    if (allocations[best]! >= c.current) capLeft -= bestRoom;
    allocations[best]! += bestRoom;
    pool -= bestRoom;
  }
  return { allocations, capLeft };
}

/** Split `budget` in proportion to `weights` within each channel's floor and ceiling. */
export function splitProportionally(
  channels: ReadonlyArray<{ floor: number; ceiling: number }>,
  weights: readonly number[],
  budget: number,
): number[] {
  const result = channels.map((c) => c.floor);
  let open = channels.map((_, i) => i);
  let left = budget - result.reduce((s, a) => s + a, 0);
  // Each round fixes at least one channel at its ceiling or hands out everything that is left.
  while (open.length > 0 && left > 0) {
    const total = open.reduce((s, i) => s + Math.max(0, weights[i] ?? 0), 0);
    if (!(total > 0)) break;
    const full = open.filter((i) => result[i]! + (left * Math.max(0, weights[i] ?? 0)) / total >= channels[i]!.ceiling);
    if (full.length === 0) {
      let given = 0;
      for (const i of open) {
        const add = Math.floor((left * Math.max(0, weights[i] ?? 0)) / total);
        result[i]! += add;
        given += add;
      }
      left -= given;
      break;
    }
    for (const i of full) {
      left -= channels[i]!.ceiling - result[i]!;
      result[i] = channels[i]!.ceiling;
    }
    open = open.filter((i) => !full.includes(i));
  }
  return result;
}

/** A step of 1, 2 or 5 times a power of ten: moves in round amounts read better in a review. */
export function roundStep(amount: number): number {
  if (!(amount >= 1)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(amount)));
  const leading = amount / power;
  return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * power;
}
