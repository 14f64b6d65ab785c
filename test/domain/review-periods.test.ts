import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, epochDay, isCalendarDate, localDate, reviewPeriods, reviewsDueAfterDay, weekdayOf,
  type ReviewKind, type ReviewPeriod, type ReviewSchedule,
} from '../../domain/review-periods.js';

const ALL: ReviewSchedule = { daily: true, weekly: true, monthly: true };

function ofKind(periods: readonly ReviewPeriod[], kind: ReviewKind) {
  return periods.filter((p) => p.kind === kind).map(({ key, fromDay, toDay, partial }) => ({ key, fromDay, toDay, partial }));
}

describe('review periods', () => {
  it('closes ISO weeks on Sunday and months on their last day, with partial periods at both ends', () => {
    // 2027-03-10 is a Wednesday in ISO week 10.
    const periods = reviewPeriods({ rolloutStartDate: '2027-03-10', rolloutDays: 30, reviews: ALL });
    expect(ofKind(periods, 'daily')).toHaveLength(30);
    expect(ofKind(periods, 'weekly')).toEqual([
      { key: 'weekly:2027-W10', fromDay: 1, toDay: 5, partial: true },
      { key: 'weekly:2027-W11', fromDay: 6, toDay: 12, partial: false },
      { key: 'weekly:2027-W12', fromDay: 13, toDay: 19, partial: false },
      { key: 'weekly:2027-W13', fromDay: 20, toDay: 26, partial: false },
      { key: 'weekly:2027-W14', fromDay: 27, toDay: 30, partial: true },
    ]);
    expect(ofKind(periods, 'monthly')).toEqual([
      { key: 'monthly:2027-03', fromDay: 1, toDay: 22, partial: true },
      { key: 'monthly:2027-04', fromDay: 23, toDay: 30, partial: true },
    ]);
  });

  it('names weeks by their ISO week-year across the new year', () => {
    const periods = reviewPeriods({ rolloutStartDate: '2026-12-28', rolloutDays: 10, reviews: { daily: false, weekly: true, monthly: true } });
    expect(periods.map((p) => [p.key, p.fromDay, p.toDay])).toEqual([
      ['monthly:2026-12', 1, 4],
      ['weekly:2026-W53', 1, 7],
      ['weekly:2027-W01', 8, 10],
      ['monthly:2027-01', 5, 10],
    ]);
    expect(reviewPeriods({ rolloutStartDate: '2024-12-30', rolloutDays: 1, reviews: { daily: false, weekly: true, monthly: false } })[0]?.key)
      .toBe('weekly:2025-W01');
  });

  it('counts 29 February in leap years', () => {
    const periods = reviewPeriods({ rolloutStartDate: '2028-02-28', rolloutDays: 3, reviews: { daily: false, weekly: false, monthly: true } });
    expect(ofKind(periods, 'monthly')).toEqual([
      { key: 'monthly:2028-02', fromDay: 1, toDay: 2, partial: true },
      { key: 'monthly:2028-03', fromDay: 3, toDay: 3, partial: true },
    ]);
  });

  it('lists the reviews a day closes in reading order: the day, then the week, then the month', () => {
    // Monday 2027-02-22 to Sunday 2027-02-28, the last day of February.
    const periods = reviewPeriods({ rolloutStartDate: '2027-02-22', rolloutDays: 7, reviews: ALL });
    expect(reviewsDueAfterDay(periods, 7).map((p) => p.key)).toEqual(['daily:7', 'weekly:2027-W08', 'monthly:2027-02']);
    expect(reviewsDueAfterDay(periods, 7).find((p) => p.kind === 'weekly')?.partial).toBe(false);
    expect(reviewsDueAfterDay(periods, 3).map((p) => p.key)).toEqual(['daily:3']);
  });

  it('lists only the reviews the plan enables', () => {
    expect(reviewPeriods({ rolloutStartDate: '2027-03-10', rolloutDays: 3, reviews: { daily: true, weekly: false, monthly: false } })
      .map((p) => p.key)).toEqual(['daily:1', 'daily:2', 'daily:3']);
    expect(reviewPeriods({ rolloutStartDate: '2027-03-10', rolloutDays: 3, reviews: { daily: false, weekly: false, monthly: false } })).toEqual([]);
  });

  it('refuses a start that is not a date and a rollout without days', () => {
    expect(() => reviewPeriods({ rolloutStartDate: '2027-02-30', rolloutDays: 3, reviews: ALL })).toThrow(/not a date/);
    expect(() => reviewPeriods({ rolloutStartDate: '2027-03-01', rolloutDays: 0, reviews: ALL })).toThrow(/at least 1/);
    expect(() => reviewPeriods({ rolloutStartDate: '2027-03-01', rolloutDays: 2.5, reviews: ALL })).toThrow(RangeError);
  });
});

describe('plan calendar', () => {
  it('reads the plan date of an instant in the plan timezone', () => {
    const at = new Date('2027-03-09T16:30:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2027-03-10');
    expect(localDate(at, 'America/New_York')).toBe('2027-03-09');
  });

  it('does date arithmetic on plain dates', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-3-1')).toBe(false);
    expect(weekdayOf(epochDay('2027-03-14'))).toBe(6);
  });
});

describe('review period invariants', () => {
  const startDate = fc.integer({ min: epochDay('2000-01-01'), max: epochDay('2099-12-31') }).map((n) => addDays('1970-01-01', n));
  const schedule = fc.record({ daily: fc.boolean(), weekly: fc.boolean(), monthly: fc.boolean() });
  const input = fc.record({ rolloutStartDate: startDate, rolloutDays: fc.integer({ min: 1, max: 400 }), reviews: schedule });

  it('covers every rollout day exactly once per enabled kind, contiguously and in order, with unique keys', () => {
    fc.assert(fc.property(input, ({ rolloutStartDate, rolloutDays, reviews }) => {
      const periods = reviewPeriods({ rolloutStartDate, rolloutDays, reviews });
      expect(new Set(periods.map((p) => p.key)).size).toBe(periods.length);
      for (let i = 1; i < periods.length; i++) expect(periods[i]!.toDay).toBeGreaterThanOrEqual(periods[i - 1]!.toDay);
      for (const kind of ['daily', 'weekly', 'monthly'] as const) {
        const own = periods.filter((p) => p.kind === kind);
        if (!reviews[kind]) {
          expect(own).toEqual([]);
          continue;
        }
        expect(own[0]?.fromDay).toBe(1);
        expect(own[own.length - 1]?.toDay).toBe(rolloutDays);
        own.forEach((p, i) => {
          expect(p.fromDay).toBeLessThanOrEqual(p.toDay);
          if (i > 0) expect(p.fromDay).toBe(own[i - 1]!.toDay + 1);
        });
        for (let day = 1; day <= rolloutDays; day++) {
          expect(own.filter((p) => p.fromDay <= day && day <= p.toDay)).toHaveLength(1);
        }
      }
    }));
  });

  it('ends every weekly period but the last on a Sunday, and every monthly one on the last of a month', () => {
    fc.assert(fc.property(input, ({ rolloutStartDate, rolloutDays }) => {
      const periods = reviewPeriods({ rolloutStartDate, rolloutDays, reviews: ALL });
      const dateOf = (day: number) => addDays(rolloutStartDate, day - 1);
      const weeks = periods.filter((p) => p.kind === 'weekly');
      const months = periods.filter((p) => p.kind === 'monthly');
      for (const week of weeks.slice(0, -1)) expect(new Date(`${dateOf(week.toDay)}T00:00:00Z`).getUTCDay()).toBe(0);
      for (const month of months.slice(0, -1)) expect(dateOf(month.toDay + 1).endsWith('-01')).toBe(true);
      for (const p of [...weeks, ...months]) {
        const full = p.kind === 'weekly' ? 7 : Number(new Date(Date.UTC(Number(p.key.slice(8, 12)), Number(p.key.slice(13, 15)), 0)).getUTCDate());
        expect(p.partial).toBe(p.toDay - p.fromDay + 1 < full);
      }
    }));
  });
});
