/**
 * Benchmark of the report's chart labels: a KPI chart drawn with a label of 1,000 to 20,000
 * characters (one in three Chinese), against a baseline measured in the same run — counting the
 * label's display columns once. A fit that grows with the label's square shows as a ratio that
 * grows with the length; a linear one keeps it flat.
 *
 *   npx tsx bench/report.ts            lengths 1,000 · 5,000 · 20,000, 21 samples each
 *   npx tsx bench/report.ts --quick    the same lengths, 3 samples each
 */
import { pathToFileURL } from 'node:url';
import { displayWidth } from '../domain/plan/text-width.js';
import { attainmentChart } from '../domain/report/svg.js';
import { median, ratio, round } from './stats.js';

const LENGTHS = [1_000, 5_000, 20_000] as const;
/** The API draws reports in its event loop: a chart with one long label must not hold it longer. */
const TARGET_MS_AT_20K = 50;

function mixedLabel(length: number): string {
  return Array.from({ length }, (_, i) => (i % 3 === 0 ? '茶' : 'ab'[i % 2])).join('');
}

function timeMs(work: () => unknown, samples: number): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return median(times);
}

export function runReportBenchmark(o: { samples?: number } = {}) {
  const samples = o.samples ?? 21;
  const rows = LENGTHS.map((length) => {
    const label = mixedLabel(length);
    const chartMs = timeMs(() => attainmentChart([{ label, rate: 0.5, tone: 'good', valueLabel: '50%' }], { title: 'KPI', targetLabel: 'target' }), samples);
    const baselineMs = timeMs(() => displayWidth(label), samples);
    return { length, chartMs: round(chartMs, 3), baselineMs: round(baselineMs, 3), ratio: ratio(chartMs, baselineMs) };
  });
  const shortest = rows[0]!;
  const longest = rows[rows.length - 1]!;
  // Twenty times the label at most doubling the cost per column counted: linear, with noise.
  const growth = ratio(longest.ratio, shortest.ratio);
  return {
    benchmark: 'report-labels',
    samples,
    rows,
    targets: {
      chartMsAt20k: { target: TARGET_MS_AT_20K, reached: longest.chartMs, met: longest.chartMs < TARGET_MS_AT_20K },
      ratioGrowth1kTo20k: { target: 2, reached: growth, met: growth <= 2 },
    },
  };
}

function main(): void {
  const report = runReportBenchmark({ samples: process.argv.includes('--quick') ? 3 : 21 });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
