import { describe, expect, it } from 'vitest';
import { BENCH_POLICIES, runBenchmark } from '../../bench/optimizer.js';

describe('optimizer benchmark harness', () => {
  it('runs two short scenarios under every policy without a guardrail violation', () => {
    const report = runBenchmark({ counts: { stationary: 1, dies: 1 }, days: 8 });
    expect(report.scenarios).toBe(2);
    expect(report.detail.map((d) => d.family)).toEqual(['stationary', 'dies']);
    for (const policy of BENCH_POLICIES) {
      expect(report.policies[policy].violations).toBe(0);
      expect(Number.isFinite(report.policies[policy].oracleShare)).toBe(true);
    }
    expect(report.policies.oracle.oracleShare).toBe(1);
    expect(report.targets.violations.met).toBe(true);
    for (const d of report.detail) {
      expect(d.violations).toEqual([]);
      expect(d.orders.oracle).toBeGreaterThan(0);
    }
  });
});
