import { describe, expect, it } from 'vitest';
import { runReportBenchmark } from '../../bench/report.js';

describe('report label benchmark harness', () => {
  it('draws a chart for every label length and compares it with the same run\'s baseline', () => {
    const report = runReportBenchmark({ samples: 1 });
    expect(report.rows.map((r) => r.length)).toEqual([1_000, 5_000, 20_000]);
    for (const row of report.rows) expect(Number.isFinite(row.ratio)).toBe(true);
    expect(Object.keys(report.targets)).toEqual(['chartMsAt20k', 'ratioGrowth1kTo20k']);
  });
});
