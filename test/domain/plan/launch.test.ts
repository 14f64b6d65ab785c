/** The plan's launch date and rollout deadline: local dates in the plan's timezone. */
import { describe, expect, it } from 'vitest';
import { endsByDeadline, launchInstant, parseStart, plannedRolloutDates } from '../../../domain/plan/launch.js';
import { rolloutEndsBy } from '../../../domain/plan/rules/dates.js';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { minimalPlan, readRepoFile } from './plan-fixtures.js';

describe('the launch instant', () => {
  it('is local midnight of a start date in Asia/Shanghai (16:00 UTC the day before)', () => {
    expect(new Date(launchInstant('2027-06-01', 'Asia/Shanghai')).toISOString()).toBe('2027-05-31T16:00:00.000Z');
  });

  it('takes a local time of day, to the second', () => {
    expect(new Date(launchInstant('2027-11-11T00:00', 'Asia/Shanghai')).toISOString()).toBe('2027-11-10T16:00:00.000Z');
    expect(new Date(launchInstant('2027-06-18T20:30:15', 'Asia/Shanghai')).toISOString()).toBe('2027-06-18T12:30:15.000Z');
  });

  it('follows daylight saving where the zone has it', () => {
    // New York: EDT (−4 h) in June, EST (−5 h) in December.
    expect(new Date(launchInstant('2027-06-01', 'America/New_York')).toISOString()).toBe('2027-06-01T04:00:00.000Z');
    expect(new Date(launchInstant('2027-12-01', 'America/New_York')).toISOString()).toBe('2027-12-01T05:00:00.000Z');
  });

  it('refuses what is not a real date and time', () => {
    expect(parseStart('2027-02-29')).toBeUndefined();
    expect(parseStart('2027-06-01T24:00')).toBeUndefined();
    expect(parseStart('2027-06-01 20:00')).toBeUndefined();
    expect(parseStart('2028-02-29T08:05')).toEqual({ date: '2028-02-29', second: 8 * 3600 + 5 * 60 });
    expect(() => launchInstant('next monday', 'Asia/Shanghai')).toThrow(/YYYY-MM-DD/);
  });
});

describe('the rollout deadline (rollout.endBy)', () => {
  it('counts pilot, warm-up and rollout days from the launch date', () => {
    const plan = minimalPlan(); // 7d pilot, 3d warm-up, 30d rollout
    plan.start = '2027-10-03';
    plan.rollout.endBy = '2027-11-11';
    expect(plannedRolloutDates(plan)).toEqual({ launchDate: '2027-10-03', lastDay: '2027-11-11', latestStart: '2027-10-03' });
    expect(endsByDeadline(plan)).toBe(true);
    expect(rolloutEndsBy(plan)).toEqual([]);
    plan.start = '2027-10-04';
    expect(endsByDeadline(plan)).toBe(false);
    expect(rolloutEndsBy(plan)).toEqual([expect.objectContaining({
      rule: 'rollout-ends-after-end-by', path: ['rollout', 'endBy'],
      params: { endBy: '2027-11-11', start: '2027-10-04', lastDay: '2027-11-12', latestStart: '2027-10-03' },
    })]);
  });

  it('counts a launch later in the day into the last day', () => {
    const plan = minimalPlan();
    delete plan.pilot;
    delete plan.warmup;
    plan.rollout.duration = '1d';
    plan.start = '2027-11-11T00:00';
    plan.rollout.endBy = '2027-11-11';
    expect(plannedRolloutDates(plan)!.lastDay).toBe('2027-11-11');
    plan.start = '2027-11-11T20:00';
    expect(plannedRolloutDates(plan)!.lastDay).toBe('2027-11-12');
  });

  it('asks for a launch date, and names the latest one', () => {
    const plan = minimalPlan();
    delete plan.start;
    plan.rollout.endBy = '2027-11-11';
    expect(rolloutEndsBy(plan)).toEqual([expect.objectContaining({ rule: 'end-by-needs-start', params: { endBy: '2027-11-11', latestStart: '2027-10-03' } })]);
  });

  it('says both dates and the fix, in Chinese and in English', () => {
    const text = readRepoFile('test/fixtures/plans/invalid/rollout-ends-after-end-by.yaml');
    const zh = validatePlanText(text, { lang: 'zh-CN' });
    const en = validatePlanText(text, { lang: 'en' });
    expect(zh.ok || en.ok).toBe(false);
    if (zh.ok || en.ok) return;
    const [zhIssue] = zh.issues.filter((i) => i.rule === 'rollout-ends-after-end-by');
    const [enIssue] = en.issues.filter((i) => i.rule === 'rollout-ends-after-end-by');
    expect(zhIssue!.message).toContain('2027-11-11');
    expect(zhIssue!.message).toContain('2027-10-20');
    expect(zhIssue!.fix).toContain('2027-10-03');
    expect(enIssue!.message).toMatch(/end by 2027-11-11.*launched on 2027-10-20.*until 2027-11-28/);
    expect(enIssue!.fix).toContain('Launch on 2027-10-03 or earlier');
  });
});
