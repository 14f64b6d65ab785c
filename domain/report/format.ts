/**
 * How closing texts write numbers: money in the plan's currency, rates as percentages, KPI values
 * with enough digits that a conversion rate of 0.016 does not read as 0.02.
 */
import type { REPORT_LANGUAGES } from '../plan/schema.js';

export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** One sentence in both report languages; neither may fall behind the other. */
export interface Bilingual {
  en: string;
  'zh-CN': string;
}

// Intl formatters are costly to build and reports format thousands of numbers.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, lang: ReportLanguage, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(lang, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** ¥12,345 or ¥12,345.60: cents only when there are any, the symbol people use at home. */
export function formatMoney(amount: number, currency: string, lang: ReportLanguage): string {
  const cents = Math.round(amount * 100) % 100 !== 0;
  const digits = cents ? 2 : 0;
  return formatter(`money|${lang}|${currency}|${digits}`, lang, {
    style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(amount);
}

/**
 * As precise as people read numbers: 1,002 rather than 1,002.39, 55.9 a day, and three significant
 * digits below 1 so that rates such as 0.0163 keep their meaning.
 */
export function formatNumber(value: number, lang: ReportLanguage): string {
  const size = Math.abs(value);
  if (value !== 0 && size < 1) return formatter(`small|${lang}`, lang, { maximumSignificantDigits: 3 }).format(value);
  const digits = size >= 100 ? 0 : 1;
  return formatter(`number|${lang}|${digits}`, lang, { maximumFractionDigits: digits }).format(value);
}

/** 0.756 → 75.6%. */
export function formatPercent(rate: number, lang: ReportLanguage): string {
  return formatter(`percent|${lang}`, lang, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** ROI (投产比) as teams quote it: 2.35, i.e. 2.35 back for every 1 spent. */
export function formatRoi(roi: number, lang: ReportLanguage): string {
  return formatter(`roi|${lang}`, lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(roi);
}

/** Days as people count them: 3, 3.5. */
export function formatDays(days: number, lang: ReportLanguage): string {
  return formatter(`days|${lang}`, lang, { maximumFractionDigits: 1 }).format(days);
}
