/** Numbers the way a marketer reads them: money with separators, rates as percentages. */

export function money(amount: number, currency: string): string {
  const symbol = currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : currency === 'EUR' ? '€' : `${currency} `;
  return `${symbol}${Math.round(amount).toLocaleString('en-US')}`;
}

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
