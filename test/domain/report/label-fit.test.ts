/** Chart labels cut to their space: the longest prefix that fits, found in one pass over the label. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charColumns, displayWidth } from '../../../domain/plan/text-width.js';
import { fitLabel } from '../../../domain/report/label-fit.js';
import { attainmentChart } from '../../../domain/report/svg.js';

/** A label of `length` characters, one in three Chinese, as a KPI pasted from a brief would be. */
function mixedLabel(length: number): string {
  return Array.from({ length }, (_, i) => (i % 3 === 0 ? '茶' : 'ab'[i % 2])).join('');
}

/** Counts every character measured and every fit tried. */
function countingSpace(maxColumns: number) {
  const counts = { columns: 0, fits: 0 };
  const space = {
    columns: (ch: string) => { counts.columns += 1; return charColumns(ch); },
    fits: (columns: number) => { counts.fits += 1; return columns <= maxColumns; },
  };
  return { counts, space };
}

describe('fitLabel', () => {
  it('keeps a label that fits as it is', () => {
    expect(fitLabel('新品订单 orders', { fits: (c) => c <= 15 })).toBe('新品订单 orders');
  });

  it('cuts a 20,000-character label to its column with an ellipsis, measuring each character once', () => {
    const label = mixedLabel(20_000);
    const { counts, space } = countingSpace(30);
    const fitted = fitLabel(label, space);
    expect(fitted.endsWith('…')).toBe(true);
    expect(displayWidth(fitted)).toBeLessThanOrEqual(30);
    expect(label.startsWith(fitted.slice(0, -1))).toBe(true);
    // The whole label, then the ellipsis: one measurement each.
    expect(counts.columns).toBe(20_001);
    // Fits tried: the whole label, then one per character kept and the first that would not fit.
    expect(counts.fits).toBeLessThanOrEqual([...fitted].length + 1);
  });

  it('measures in proportion to the label: twice the label, twice the measurements', () => {
    const work = (length: number) => {
      const { counts, space } = countingSpace(30);
      fitLabel(mixedLabel(length), space);
      return counts.columns + counts.fits;
    };
    const short = work(10_000);
    expect(work(20_000)).toBeLessThanOrEqual(2 * short);
    expect(work(40_000)).toBeLessThanOrEqual(4 * short);
  });

  it('keeps the longest prefix that fits with its ellipsis, for any label and space', () => {
    const char = fc.constantFrom('a', 'Z', ' ', '1', '茶', '李', '（', '😀', '\u0301');
    fc.assert(fc.property(fc.array(char, { maxLength: 40 }), fc.integer({ min: 2, max: 50 }), (chars, maxColumns) => {
      const label = chars.join('');
      const fitted = fitLabel(label, { fits: (c) => c <= maxColumns });
      if (displayWidth(label) <= maxColumns) return fitted === label;
      const kept = [...fitted.slice(0, -1)];
      const next = [...label][kept.length];
      return fitted.endsWith('…') && label.startsWith(kept.join(''))
        && (kept.length === 1 || displayWidth(fitted) <= maxColumns)
        && (next === undefined || displayWidth(`${kept.join('')}${next}…`) > maxColumns);
    }));
  });

  it('gives a KPI chart with a 20,000-character name one short label', () => {
    const chart = attainmentChart([{ label: mixedLabel(20_000), rate: 0.5, tone: 'good', valueLabel: '50%' }], { title: 'KPI', targetLabel: 'target' });
    const labels = [...chart.matchAll(/text-anchor="end" fill="#1f2937">([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels).toHaveLength(1);
    expect(labels[0]!.endsWith('…')).toBe(true);
    // The label column is at most 220 px, 208 px for the text: 31 columns at 12 px.
    expect(displayWidth(labels[0]!)).toBeLessThanOrEqual(31);
    expect(chart.length).toBeLessThan(2_000);
  });
});
