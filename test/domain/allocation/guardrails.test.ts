import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_HALF_LIFE_DAYS, RESUME_MARGIN } from '../../../domain/allocation/guardrails.js';
import { proposeAllocation } from '../../../domain/allocation/policies.js';
import type { AllocationInput, AllocationProposal, DayResult } from '../../../domain/allocation/types.js';

const EPSILON = 1e-6;

/** Money as plans and analytics write it: whole cents. */
const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
/** Shares in whole percent: fc.double crowds at 0 and 1, which would leave most reviews nothing to move. */
const share = fc.integer({ min: 0, max: 100 }).map((p) => p / 100);

const dayResult = (day: number) =>
  fc.record({
    day: fc.constant(day),
    spend: fc.oneof(fc.constant(0), cents(40_000)),
    orders: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 800 })),
    revenue: fc.oneof(fc.constant(0), cents(200_000)),
  });

const history = fc.integer({ min: 0, max: 14 }).chain((days) =>
  fc.tuple(...Array.from({ length: days }, (_, i) => dayResult(i + 1))).map((d): DayResult[] => d),
);

const allocationInput: fc.Arbitrary<AllocationInput> = fc
  .record({
    totalBudget: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 100_000, max: 100_000_000 }).map((c) => c / 100) }),
    channels: fc.array(
      fc.record({
        weight: share,
        minShare: share,
        headroom: share,
        history,
        paused: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    guardrails: fc.record({
      maxShiftPerReview: share,
      minSpendBeforeJudging: fc.integer({ min: 0, max: 60_000 }),
      pauseBelowRoi: fc.option(fc.double({ min: 0, max: 6, noNaN: true }), { nil: undefined }),
      approvalAbove: fc.option(share, { nil: undefined }),
    }),
    policy: fc.constantFrom('bandit' as const, 'proportional' as const, 'fixed' as const),
    remainingDays: fc.integer({ min: 0, max: 40 }),
    lang: fc.constantFrom('en' as const, 'zh-CN' as const),
    seed: fc.string(),
  })
  .map(({ totalBudget, channels, ...rest }) => {
    const weights = channels.reduce((s, c) => s + c.weight, 0);
    return {
      ...rest,
      day: Math.max(0, ...channels.map((c) => c.history.length)),
      totalBudget,
      currency: 'CNY',
      channels: channels.map((c, i) => {
        // Current allocations add up to at most the budget, as a validated plan guarantees.
        const current = Math.floor((totalBudget * 100 * c.weight) / Math.max(1, weights)) / 100;
        return {
          id: `channel-${i}`,
          current,
          min: Math.floor(current * 100 * c.minShare) / 100,
          max: (Math.round(current * 100) + Math.floor(totalBudget * 100 * c.headroom)) / 100,
          history: c.history,
          paused: c.paused,
        };
      }),
    };
  });

function spentOf(days: readonly DayResult[]): number {
  return days.reduce((s, d) => s + d.spend, 0);
}

/** The pause rule written out again, independently of the implementation. */
function roiOf(days: readonly DayResult[], day: number): number | null {
  let spend = 0, revenue = 0;
  for (const d of days) {
    const w = Math.pow(2, -Math.max(0, day - d.day) / EVIDENCE_HALF_LIFE_DAYS);
    spend += w * d.spend;
    revenue += w * d.revenue;
  }
  return spend > 0 ? revenue / spend : null;
}

function guardrailBreaches(input: AllocationInput, proposal: AllocationProposal): string[] {
  const breaches: string[] = [];
  const g = input.guardrails;
  const out = proposal.allocations;
  if (out.length !== input.channels.length) breaches.push('a channel is missing');
  const total = out.reduce((s, a) => s + a.to, 0);
  if (total > input.totalBudget + EPSILON) breaches.push(`total ${total} above ${input.totalBudget}`);
  const added = out.reduce((s, a) => s + Math.max(0, a.to - a.from), 0);
  if (added > g.maxShiftPerReview * input.totalBudget + EPSILON) breaches.push(`moved ${added}, cap ${g.maxShiftPerReview * input.totalBudget}`);
  const expectedShare = input.totalBudget > 0 ? added / input.totalBudget : 0;
  if (Math.abs(proposal.shiftShare - expectedShare) > 1e-9) breaches.push('shiftShare does not match the moves');
  if (proposal.needsApproval !== (g.approvalAbove !== undefined && proposal.shiftShare > g.approvalAbove)) breaches.push('approval flag');
  if (proposal.summary.trim() === '') breaches.push('no summary');
  input.channels.forEach((c, i) => {
    const a = out[i]!;
    const spent = spentOf(c.history);
    if (a.channelId !== c.id || a.from !== c.current) breaches.push(`${c.id}: wrong channel or from`);
    if (!Number.isFinite(a.to) || a.to < c.min - EPSILON || a.to > c.max + EPSILON) breaches.push(`${c.id}: ${a.to} outside [${c.min}, ${c.max}]`);
    if (a.to < Math.min(spent, c.current) - EPSILON) breaches.push(`${c.id}: cut below what it has spent`);
    if (!a.reason.startsWith(`${c.id}: `)) breaches.push(`${c.id}: reason ${a.reason}`);
    const frozen = input.policy === 'fixed' || input.remainingDays === 0 || spent < g.minSpendBeforeJudging;
    if (frozen) {
      if (a.to !== c.current || (a.status === 'paused') !== c.paused) breaches.push(`${c.id}: moved or re-statused while it may not be judged`);
      return;
    }
    if (a.status === 'paused' && Math.abs(a.to - Math.max(c.min, Math.min(spent, c.current))) > EPSILON) breaches.push(`${c.id}: paused above its floor`);
    const roi = roiOf(c.history, input.day);
    const threshold = g.pauseBelowRoi;
    if (threshold === undefined || threshold <= 0) {
      if (a.status === 'paused') breaches.push(`${c.id}: paused without a threshold`);
    } else if (roi !== null) {
      const shouldPause = c.paused ? roi < threshold * (1 + RESUME_MARGIN) : roi < threshold;
      if (shouldPause !== (a.status === 'paused')) breaches.push(`${c.id}: status ${a.status} at ROI ${roi}`);
    } else if ((a.status === 'paused') !== c.paused) breaches.push(`${c.id}: status changed without evidence`);
  });
  return breaches;
}

describe('allocation guardrails (property)', () => {
  it('every proposal keeps every guardrail and never exceeds the budget', () => {
    const seen = { moved: 0, capped: 0, paused: 0, resumed: 0 };
    fc.assert(
      fc.property(allocationInput, (input) => {
        const proposal = proposeAllocation(input);
        expect(guardrailBreaches(input, proposal)).toEqual([]);
        if (proposal.shiftShare > 0) seen.moved += 1;
        if (proposal.shiftShare > 0 && proposal.shiftShare >= input.guardrails.maxShiftPerReview - 0.01) seen.capped += 1;
        proposal.allocations.forEach((a, i) => {
          if (a.status === 'paused' && !input.channels[i]!.paused) seen.paused += 1;
          if (a.status === 'active' && input.channels[i]!.paused) seen.resumed += 1;
        });
      }),
      { numRuns: 400 },
    );
    // The property means something only if the generated reviews do move, cap, pause and resume.
    expect(seen.moved).toBeGreaterThan(20);
    expect(seen.capped).toBeGreaterThan(5);
    expect(seen.paused).toBeGreaterThan(5);
    expect(seen.resumed).toBeGreaterThan(5);
  });

  it('the same input and seed give the same proposal', () => {
    fc.assert(
      fc.property(allocationInput, (input) => {
        expect(proposeAllocation(input)).toEqual(proposeAllocation(structuredClone(input)));
      }),
      { numRuns: 100 },
    );
  });
});
