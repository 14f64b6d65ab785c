/**
 * A channel's marginal return: what an extra unit of spend brought, estimated by comparing its
 * higher-spend days with its lower-spend days (the difference in return over the difference in
 * spend). Average ROI says where money did well; the margin says where more money would have done
 * well, which is what the next budget needs. It is an estimate from observational days: a channel
 * whose spend barely varied has none.
 */

export interface SpendReturnDay {
  spend: number;
  return: number;
}

export const MIN_DAYS_FOR_MARGINAL = 4;
/** The spend levels compared must differ by this share of the mean, or the difference is noise. */
export const MIN_SPEND_SPREAD = 0.1;

export function marginalReturn(days: readonly SpendReturnDay[]): number | null {
  const spent = days.filter((d) => d.spend > 0).slice().sort((a, b) => a.spend - b.spend);
  if (spent.length < MIN_DAYS_FOR_MARGINAL) return null;
  const half = Math.floor(spent.length / 2);
  const lower = spent.slice(0, half);
  const upper = spent.slice(spent.length - half);
  const mean = (list: readonly SpendReturnDay[], pick: (d: SpendReturnDay) => number) => list.reduce((s, d) => s + pick(d), 0) / list.length;
  const spendGap = mean(upper, (d) => d.spend) - mean(lower, (d) => d.spend);
  if (spendGap <= MIN_SPEND_SPREAD * mean(spent, (d) => d.spend)) return null;
  const returnGap = mean(upper, (d) => d.return) - mean(lower, (d) => d.return);
  return Math.round((returnGap / spendGap) * 100) / 100;
}
