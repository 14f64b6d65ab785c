/**
 * Benchmark of the allocation policies (P2.13) on simulated markets with known response curves.
 *
 * Every scenario runs a 30-day rollout with a review after each day under each policy: bandit,
 * proportional, fixed (the plan's static split), an equal split, and an oracle that knows the true
 * curves and re-allocates optimally at every review under the same money limits (minimum, maximum,
 * never below spent, per-review cap, total). The harness checks every proposal against the
 * guardrails itself, without trusting the policy code, and prints one JSON document.
 *
 *   npx tsx bench/optimizer.ts            all 24 scenarios
 *   npx tsx bench/optimizer.ts --quick    one scenario per family, 12 days
 */
import { pathToFileURL } from 'node:url';
import { fillByMarginalReturn, roundStep } from '../domain/allocation/fill.js';
import { EVIDENCE_HALF_LIFE_DAYS, RESUME_MARGIN } from '../domain/allocation/guardrails.js';
import { proposeAllocation } from '../domain/allocation/policies.js';
import type { AllocationPolicy, AllocationProposal, DayResult } from '../domain/allocation/types.js';
import {
  buildScenarios, DEFAULT_COUNTS, FAMILIES, marginalOrders, simulateDay, type Family, type Scenario,
} from './simulator.js';

export const BENCH_POLICIES = ['bandit', 'proportional', 'fixed', 'equal-split', 'oracle'] as const;
export type BenchPolicy = (typeof BENCH_POLICIES)[number];

const MONEY_TOLERANCE = 0.01;

export interface RunResult {
  orders: number;
  revenue: number;
  spend: number;
  reviews: number;
  approvals: number;
  /** Reviews that paused a channel. */
  pauses: number;
  meanShiftShare: number;
  violations: string[];
}

export function runScenario(scenario: Scenario, policy: BenchPolicy): RunResult {
  const { channels, days, totalBudget } = scenario;
  let allocations = policy === 'equal-split' ? equalSplit(scenario) : channels.map((c) => c.initial);
  let paused = channels.map(() => false);
  const history: DayResult[][] = channels.map(() => []);
  const result: RunResult = { orders: 0, revenue: 0, spend: 0, reviews: 0, approvals: 0, pauses: 0, meanShiftShare: 0, violations: [] };
  result.violations.push(...startViolations(scenario, allocations));
  let shiftTotal = 0;
  for (let day = 1; day <= days; day++) {
    const daysLeftToday = days - day + 1;
    channels.forEach((channel, i) => {
      const spent = sum(history[i]!.map((d) => d.spend));
      const daily = Math.max(0, allocations[i]! - spent) / daysLeftToday;
      const outcome = simulateDay(scenario, channel, day, daily);
      history[i]!.push({ day, ...outcome });
      result.orders += outcome.orders;
      result.revenue += outcome.revenue;
      result.spend += outcome.spend;
    });
    if (day === days || policy === 'equal-split') continue;
    const before = { allocations, paused };
    if (policy === 'oracle') {
      allocations = oracleAllocation(scenario, day, allocations, history);
      result.violations.push(...moneyViolations(scenario, day, before.allocations, allocations, history));
    } else {
      const proposal = proposeAllocation({
        policy: policy satisfies AllocationPolicy,
        day,
        seed: `${scenario.id}|review|${day}`,
        totalBudget,
        remainingDays: days - day,
        channels: channels.map((c, i) => ({ id: c.id, current: allocations[i]!, min: c.min, max: c.max, history: history[i]!, paused: paused[i]! })),
        guardrails: scenario.guardrails,
        currency: 'CNY',
        lang: 'en',
      });
      result.violations.push(...proposalViolations(scenario, day, before, proposal, history, policy !== 'fixed'));
      allocations = proposal.allocations.map((a) => a.to);
      if (proposal.allocations.some((a, i) => a.status === 'paused' && !paused[i])) result.pauses += 1;
      paused = proposal.allocations.map((a) => a.status === 'paused');
      if (proposal.needsApproval) result.approvals += 1;
      shiftTotal += proposal.shiftShare;
    }
    result.reviews += 1;
  }
  result.meanShiftShare = result.reviews > 0 ? shiftTotal / result.reviews : 0;
  if (policy === 'oracle') result.meanShiftShare = 0;
  return result;
}

/** The same money limits as the policies, with the true curve of the coming day in place of estimates. */
function oracleAllocation(scenario: Scenario, day: number, current: readonly number[], history: readonly DayResult[][]): number[] {
  const remaining = scenario.days - day;
  const budget = Math.floor(scenario.totalBudget * 100);
  const channels = scenario.channels.map((c, i) => {
    const spent = sum(history[i]!.map((d) => d.spend));
    const currentCents = Math.round(current[i]! * 100);
    return {
      floor: Math.ceil(Math.max(c.min, Math.min(spent, current[i]!)) * 100),
      ceiling: Math.floor(c.max * 100),
      current: currentCents,
      marginal: (allocation: number) =>
        allocation / 100 <= spent ? 0 : marginalOrders(c, day + 1, (allocation / 100 - spent) / remaining),
    };
  });
  const filled = fillByMarginalReturn({
    channels,
    budget,
    cap: Math.floor(scenario.totalBudget * scenario.guardrails.maxShiftPerReview * 100),
    step: roundStep(budget / 2000),
  });
  return filled.allocations.map((a, i) => (a === channels[i]!.current ? current[i]! : a / 100));
}

function equalSplit(scenario: Scenario): number[] {
  const { channels, totalBudget } = scenario;
  const result = channels.map(() => 0);
  let open = channels.map((_, i) => i);
  let left = totalBudget;
  // Water-filling: an equal share, except where a channel's limits say otherwise.
  while (open.length > 0) {
    const share = left / open.length;
    const bound = open.filter((i) => share < channels[i]!.min || share > channels[i]!.max);
    if (bound.length === 0) {
      for (const i of open) result[i] = Math.floor(share);
      break;
    }
    for (const i of bound) {
      result[i] = share < channels[i]!.min ? channels[i]!.min : channels[i]!.max;
      left -= result[i]!;
    }
    open = open.filter((i) => !bound.includes(i));
  }
  return result;
}

function startViolations(scenario: Scenario, allocations: readonly number[]): string[] {
  const problems: string[] = [];
  scenario.channels.forEach((c, i) => {
    const a = allocations[i]!;
    if (a < c.min - MONEY_TOLERANCE || a > c.max + MONEY_TOLERANCE) problems.push(`${scenario.id} start: ${c.id} outside its limits`);
  });
  if (sum(allocations) > scenario.totalBudget + MONEY_TOLERANCE) problems.push(`${scenario.id} start: over budget`);
  return problems;
}

/** The limits on money any allocation must keep, checked from the numbers alone. */
function moneyViolations(
  scenario: Scenario,
  day: number,
  from: readonly number[],
  to: readonly number[],
  history: readonly DayResult[][],
): string[] {
  const problems: string[] = [];
  const where = `${scenario.id} day ${day}`;
  scenario.channels.forEach((c, i) => {
    const spent = sum(history[i]!.map((d) => d.spend));
    const a = to[i]!;
    if (!Number.isFinite(a)) problems.push(`${where}: ${c.id} allocation is not a number`);
    if (a < c.min - MONEY_TOLERANCE) problems.push(`${where}: ${c.id} below its minimum`);
    if (a > c.max + MONEY_TOLERANCE) problems.push(`${where}: ${c.id} above its maximum`);
    if (a < Math.min(spent, from[i]!) - MONEY_TOLERANCE) problems.push(`${where}: ${c.id} cut below what it has spent`);
  });
  if (sum(to) > scenario.totalBudget + MONEY_TOLERANCE) problems.push(`${where}: allocations exceed the rollout budget`);
  const added = sum(to.map((a, i) => Math.max(0, a - from[i]!)));
  if (added > scenario.totalBudget * scenario.guardrails.maxShiftPerReview + MONEY_TOLERANCE) problems.push(`${where}: moved more than the per-review cap`);
  return problems;
}

function proposalViolations(
  scenario: Scenario,
  day: number,
  before: { allocations: readonly number[]; paused: readonly boolean[] },
  proposal: AllocationProposal,
  history: readonly DayResult[][],
  optimizes: boolean,
): string[] {
  const g = scenario.guardrails;
  const where = `${scenario.id} day ${day}`;
  const to = proposal.allocations.map((a) => a.to);
  const problems = moneyViolations(scenario, day, before.allocations, to, history);
  const added = sum(to.map((a, i) => Math.max(0, a - before.allocations[i]!)));
  if (Math.abs(proposal.shiftShare - added / scenario.totalBudget) > 1e-9) problems.push(`${where}: shiftShare does not match the moves`);
  if (proposal.needsApproval !== (g.approvalAbove !== undefined && proposal.shiftShare > g.approvalAbove)) problems.push(`${where}: approval flag wrong`);
  scenario.channels.forEach((c, i) => {
    const a = proposal.allocations[i]!;
    const days = history[i]!;
    const spent = sum(days.map((d) => d.spend));
    const wasPaused = before.paused[i]!;
    if (a.channelId !== c.id || a.reason.trim() === '') problems.push(`${where}: ${c.id} has no reason`);
    if (spent < g.minSpendBeforeJudging) {
      if (a.to !== before.allocations[i] || (a.status === 'paused') !== wasPaused) problems.push(`${where}: ${c.id} judged before spending enough`);
      return;
    }
    if (a.status === 'paused' && Math.abs(a.to - Math.max(c.min, Math.min(spent, before.allocations[i]!))) > MONEY_TOLERANCE) {
      problems.push(`${where}: paused ${c.id} keeps more than its floor`);
    }
    if (!optimizes || g.pauseBelowRoi === undefined) return;
    const roi = weightedRoi(days, day);
    if (roi === null) return;
    const shouldPause = wasPaused ? roi < g.pauseBelowRoi * (1 + RESUME_MARGIN) : roi < g.pauseBelowRoi;
    if (shouldPause !== (a.status === 'paused')) problems.push(`${where}: ${c.id} ${shouldPause ? 'should be paused' : 'should be active'} at ROI ${roi.toFixed(2)}`);
  });
  return problems;
}

function weightedRoi(days: readonly DayResult[], day: number): number | null {
  let spend = 0, revenue = 0;
  for (const d of days) {
    const w = 2 ** (-(day - d.day) / EVIDENCE_HALF_LIFE_DAYS);
    spend += w * d.spend;
    revenue += w * d.revenue;
  }
  return spend > 0 ? revenue / spend : null;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

export interface BenchmarkOptions {
  counts?: Partial<Record<Family, number>>;
  days?: number;
}

export function runBenchmark(options: BenchmarkOptions = {}) {
  const started = performance.now();
  const scenarios = buildScenarios(options.counts ?? DEFAULT_COUNTS, options.days);
  const detail = scenarios.map((scenario) => {
    const runs = Object.fromEntries(BENCH_POLICIES.map((p) => [p, runScenario(scenario, p)])) as Record<BenchPolicy, RunResult>;
    return { scenario, runs };
  });
  const policySummary = (policy: BenchPolicy) => {
    const ratio = (against: BenchPolicy, rows = detail) => mean(rows.map((d) => d.runs[policy].orders / Math.max(1, d.runs[against].orders)));
    const stationary = detail.filter((d) => d.scenario.family === 'stationary');
    return {
      oracleShare: round(ratio('oracle')),
      oracleShareStationary: stationary.length > 0 ? round(ratio('oracle', stationary)) : null,
      oracleShareByFamily: Object.fromEntries(FAMILIES.flatMap((f) => {
        const rows = detail.filter((d) => d.scenario.family === f);
        return rows.length > 0 ? [[f, round(ratio('oracle', rows))]] : [];
      })),
      liftVsEqualSplit: round(ratio('equal-split') - 1),
      liftVsPlan: round(ratio('fixed') - 1),
      violations: sum(detail.map((d) => d.runs[policy].violations.length)),
      reviewsNeedingApproval: sum(detail.map((d) => d.runs[policy].approvals)),
      reviewsPausingAChannel: sum(detail.map((d) => d.runs[policy].pauses)),
      meanShiftSharePerReview: round(mean(detail.map((d) => d.runs[policy].meanShiftShare))),
    };
  };
  const policies = Object.fromEntries(BENCH_POLICIES.map((p) => [p, policySummary(p)])) as Record<BenchPolicy, ReturnType<typeof policySummary>>;
  const bandit = policies.bandit;
  return {
    benchmark: 'optimizer',
    scenarios: scenarios.length,
    days: scenarios[0]?.days ?? 0,
    policies,
    targets: {
      banditOracleShareStationary: { target: 0.9, reached: bandit.oracleShareStationary, met: (bandit.oracleShareStationary ?? 0) >= 0.9 },
      banditLiftVsEqualSplit: { target: 0.15, reached: bandit.liftVsEqualSplit, met: bandit.liftVsEqualSplit >= 0.15 },
      violations: { target: 0, reached: sum(BENCH_POLICIES.map((p) => policies[p].violations)), met: BENCH_POLICIES.every((p) => policies[p].violations === 0) },
    },
    detail: detail.map(({ scenario, runs }) => ({
      scenario: scenario.id,
      family: scenario.family,
      channels: scenario.channels.length,
      totalBudget: scenario.totalBudget,
      maxShiftPerReview: scenario.guardrails.maxShiftPerReview,
      orders: Object.fromEntries(BENCH_POLICIES.map((p) => [p, runs[p].orders])),
      oracleShare: Object.fromEntries(BENCH_POLICIES.map((p) => [p, round(runs[p].orders / Math.max(1, runs.oracle.orders))])),
      violations: BENCH_POLICIES.flatMap((p) => runs[p].violations.map((v) => `${p}: ${v}`)),
    })),
    wallTimeMs: Math.round(performance.now() - started),
  };
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? sum(values) / values.length : 0;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const report = quick
    ? runBenchmark({ counts: Object.fromEntries(FAMILIES.map((f) => [f, 1])), days: 12 })
    : runBenchmark();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
