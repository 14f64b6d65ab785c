/** Money as people read it in the plan's currency: ¥12,000, $1,250.50. */

const SYMBOLS: Record<string, string> = { CNY: '¥', JPY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$', TWD: 'NT$', SGD: 'S$' };

/**
 * Written out by hand rather than with Intl: the words end up in workflow state, and they must not
 * change with the ICU data of whichever worker happens to replay the review.
 */
export function formatMoney(amount: number, currency: string): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const decimals = abs >= 10 || Number.isInteger(abs) ? 0 : 2;
  const [whole = '0', fraction] = abs.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${symbol}${grouped}${fraction ? `.${fraction}` : ''}`;
}
