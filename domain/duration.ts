/** Plan durations: `30m`, `12h`, `3d`, `2w` (and combinations such as `1d12h`). */

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const PART = /(\d+(?:\.\d+)?)([smhdw])/g;

export const DAY_MS = UNIT_MS.d;

export function isDuration(text: string): boolean {
  return DURATION.test(text.trim());
}

/** Milliseconds in a plan duration; throws a RangeError naming the accepted form. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) {
    throw new RangeError(`"${text}" is not a duration; write a number and a unit, e.g. 30m, 12h, 3d, 2w`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return total;
}

/** A plan duration compressed by the campaign's time scale (rehearsals run faster than life). */
export function scaledMs(text: string, timeScale: number): number {
  return Math.max(1, Math.round(parseDuration(text) / timeScale));
}

/** Whole days in a duration, at least one: rollouts and pilots are reviewed day by day. */
export function wholeDays(text: string): number {
  return Math.max(1, Math.round(parseDuration(text) / DAY_MS));
}
