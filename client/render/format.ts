/** Numbers the way a marketer reads them: money with separators, rates as percentages. */

/** The same money format the reviews' reasons and notifications use. */
export { formatMoney as money } from '../../domain/money.js';

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function numberOrDash(n: number | null, digits = 2): string {
  if (n === null) return '—';
  return Number.isInteger(n) ? count(n) : n.toFixed(digits);
}
