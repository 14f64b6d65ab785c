import { describe, expect, it } from 'vitest';
import { CHANNEL_KINDS } from '../../../domain/plan/schema.js';
import { DEFAULT_PEAK_HOURS, dayWindows, formatWindow, peakWindows } from '../../../domain/publishing/peak-hours.js';

describe('peak hours', () => {
  it('sorts and merges overlapping windows', () => {
    expect(dayWindows(['20:00-23:00', '12:00-13:30', '22:00-23:30']).map(formatWindow)).toEqual(['12:00-13:30', '20:00-23:30']);
  });

  it('splits a window that runs past midnight over the end and start of the day', () => {
    expect(dayWindows(['22:00-01:00']).map(formatWindow)).toEqual(['00:00-01:00', '22:00-24:00']);
    expect(dayWindows(['20:00-24:30']).map(formatWindow)).toEqual(['00:00-00:30', '20:00-24:00']);
    expect(dayWindows(['18:00-24:00']).map(formatWindow)).toEqual(['18:00-24:00']);
  });

  it('drops empty windows and falls back to the kind\'s defaults when none remain', () => {
    expect(dayWindows(['09:00-09:00'])).toEqual([]);
    expect(peakWindows('edm', ['09:00-09:00']).map(formatWindow)).toEqual(['09:00-11:00', '14:00-16:00']);
    expect(peakWindows('edm', ['09:00-10:30']).map(formatWindow)).toEqual(['09:00-10:30']);
  });

  it('has valid defaults for every channel kind', () => {
    for (const kind of CHANNEL_KINDS) expect(dayWindows(DEFAULT_PEAK_HOURS[kind]).length).toBeGreaterThan(0);
  });

  it('refuses text that is not a time range', () => {
    expect(() => dayWindows(['8pm-11pm'])).toThrow(/not a time range/);
  });
});
