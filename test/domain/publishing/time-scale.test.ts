import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlanTime, toWorkflowTime, workflowDelayMs } from '../../../domain/publishing/time-scale.js';

const planStart = '2027-03-01T00:00:00+08:00';
const workflowStart = '2025-06-10T09:00:00Z';

describe('plan time to workflow time', () => {
  it('compresses plan time by the time scale from the shared start', () => {
    // A day of plan time is a minute of workflow time at scale 1440.
    expect(toWorkflowTime('2027-03-02T00:00:00+08:00', planStart, workflowStart, 1440)).toBe(Date.parse('2025-06-10T09:01:00Z'));
    expect(toWorkflowTime(planStart, planStart, workflowStart, 1440)).toBe(Date.parse(workflowStart));
  });

  it('only shifts at scale 1, and not at all when the campaign runs from its planned start', () => {
    expect(toWorkflowTime('2027-03-05T12:00:00+08:00', planStart, workflowStart, 1) - Date.parse(workflowStart))
      .toBe(Date.parse('2027-03-05T12:00:00+08:00') - Date.parse(planStart));
    expect(toWorkflowTime('2027-03-05T12:00:00+08:00', planStart, planStart, 1)).toBe(Date.parse('2027-03-05T12:00:00+08:00'));
  });

  it('waits until the plan instant comes round, and not at all for one that has passed', () => {
    expect(workflowDelayMs('2027-03-01T12:00:00+08:00', planStart, 0, 1440, 0)).toBe(30_000);
    expect(workflowDelayMs('2027-03-01T12:00:00+08:00', planStart, 0, 1440, 60_000)).toBe(0);
  });

  it('refuses a scale that is not positive', () => {
    expect(() => toWorkflowTime(0, 0, 0, 0)).toThrow(/positive/);
    expect(() => toPlanTime(0, 0, 0, -2)).toThrow(/positive/);
    expect(() => toWorkflowTime('soon', 0, 0, 1)).toThrow(/not an instant/);
  });

  it('is monotone and undone by toPlanTime (to within rounding)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 90 * 86_400_000 }), fc.integer({ min: 0, max: 90 * 86_400_000 }),
      fc.constantFrom(1, 60, 1440, 10_080, 2.5),
      (a, b, scale) => {
        const start = Date.parse(planStart);
        const wa = toWorkflowTime(start + a, start, workflowStart, scale);
        const wb = toWorkflowTime(start + b, start, workflowStart, scale);
        if (a <= b) expect(wa).toBeLessThanOrEqual(wb);
        expect(Math.abs(toPlanTime(wa, start, workflowStart, scale) - (start + a))).toBeLessThanOrEqual(scale);
      },
    ));
  });
});
