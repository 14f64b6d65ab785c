import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertTimeZone, dayPieces, instantAt, offsetAt, wallClock } from '../../../domain/publishing/zoned-time.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('wall-clock time in a time zone', () => {
  it('reads Shanghai at UTC+8 all year (no daylight saving)', () => {
    expect(offsetAt(at('2027-01-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * HOUR);
    expect(offsetAt(at('2027-07-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * HOUR);
    expect(wallClock(at('2027-03-01T15:59:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-03-01', minute: 23 * 60 + 59 });
    expect(wallClock(at('2027-03-01T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-03-02', minute: 0 });
    expect(new Date(instantAt('2027-03-01', 20 * 60, 'Asia/Shanghai')).toISOString()).toBe('2027-03-01T12:00:00.000Z');
  });

  it('follows New York across spring forward (2027-03-14) and fall back (2027-11-07)', () => {
    expect(offsetAt(at('2027-03-14T06:59:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(at('2027-03-14T07:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(dayPieces('2027-03-14', 'America/New_York')).toEqual([
      { from: at('2027-03-14T05:00:00Z'), to: at('2027-03-14T07:00:00Z'), offset: -5 * HOUR },
      { from: at('2027-03-14T07:00:00Z'), to: at('2027-03-15T04:00:00Z'), offset: -4 * HOUR },
    ]);
    // The spring-forward day has 23 hours, the fall-back day 25.
    const length = (date: string) => dayPieces(date, 'America/New_York').reduce((sum, p) => sum + p.to - p.from, 0);
    expect(length('2027-03-14')).toBe(23 * HOUR);
    expect(length('2027-11-07')).toBe(25 * HOUR);
    expect(length('2027-11-08')).toBe(24 * HOUR);
  });

  it('resolves skipped times forward and repeated times to the earlier instant', () => {
    // 02:30 does not exist on 2027-03-14 in New York; it reads as 03:30 EDT.
    expect(new Date(instantAt('2027-03-14', 150, 'America/New_York')).toISOString()).toBe('2027-03-14T07:30:00.000Z');
    // 01:30 happens twice on 2027-11-07; the first is EDT.
    expect(new Date(instantAt('2027-11-07', 90, 'America/New_York')).toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(new Date(instantAt('2027-11-07', 1440, 'America/New_York')).toISOString()).toBe('2027-11-08T05:00:00.000Z');
  });

  it('follows London from GMT to BST (2027-03-28)', () => {
    expect(wallClock(at('2027-03-28T00:59:00Z'), 'Europe/London')).toEqual({ date: '2027-03-28', minute: 59 });
    expect(wallClock(at('2027-03-28T01:00:00Z'), 'Europe/London')).toEqual({ date: '2027-03-28', minute: 120 });
    expect(new Date(instantAt('2027-03-28', 12 * 60, 'Europe/London')).toISOString()).toBe('2027-03-28T11:00:00.000Z');
  });

  it('names an unknown zone', () => {
    expect(() => assertTimeZone('Asia/Shangai')).toThrow(/Asia\/Shangai.*IANA/);
  });

  it('maps every existing wall time back to an instant showing it', () => {
    const zones = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata');
    fc.assert(fc.property(zones, fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }), (zone, minutes) => {
      const instant = at('2026-01-01T00:00:00Z') + minutes * 60_000;
      const clock = wallClock(instant, zone);
      const back = instantAt(clock.date, clock.minute, zone);
      expect(wallClock(back, zone)).toEqual(clock);
      expect(back).toBeLessThanOrEqual(instant);
    }));
  });
});
