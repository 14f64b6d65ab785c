/**
 * When a channel's audience is active (P2.7): the plan's `peakHours`, or a default per channel kind
 * when the plan leaves them out. Windows are wall-clock times in the plan's time zone.
 */
import type { CHANNEL_KINDS } from '../plan/schema.js';

export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A window within one local day, in minutes since midnight: `from` included, `to` excluded. */
export interface DayWindow {
  from: number;
  to: number;
}

/**
 * Defaults are the slots Chinese social-media teams commonly quote (commute, lunch break, evening),
 * not platform rules, and deliberately generous: a plan that knows its audience should say so.
 */
export const DEFAULT_PEAK_HOURS: Record<ChannelKind, readonly string[]> = {
  // Subscribers read pushed articles on the morning commute, at lunch and before bed.
  'wechat-oa': ['07:30-09:00', '12:00-13:30', '20:00-22:30'],
  weibo: ['08:00-10:00', '12:00-14:00', '18:00-23:00'],
  douyin: ['12:00-14:00', '18:00-23:00'],
  xiaohongshu: ['12:00-14:00', '19:00-23:00'],
  // Search ads answer intent whenever it happens; changes go live in waking hours when someone watches.
  'baidu-sem': ['08:00-22:00'],
  // Business mail is opened in office hours.
  edm: ['09:00-11:00', '14:00-16:00'],
  kol: ['12:00-14:00', '19:00-22:00'],
  website: ['09:00-18:00'],
  custom: ['08:00-22:00'],
};

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/**
 * The windows of one local day, sorted and merged. A range that ends before it starts
 * (`22:00-01:00`, `20:00-24:30`) runs past midnight, so it covers the end of every day and the start of the next.
 * A range that starts and ends at the same minute covers nothing and is dropped.
 */
export function dayWindows(ranges: readonly string[]): DayWindow[] {
  const windows: DayWindow[] = [];
  for (const range of ranges) {
    const match = RANGE.exec(range.trim());
    if (!match) throw new RangeError(`"${range}" is not a time range; write it as 20:00-23:00`);
    const from = Number(match[1]) * 60 + Number(match[2]);
    // The plan format lets an evening run to 24:30; that is half past midnight of the next day.
    const written = Number(match[3]) * 60 + Number(match[4]);
    const to = written > 1440 ? written - 1440 : written;
    if (from < to) windows.push({ from, to });
    else if (from > to) {
      windows.push({ from, to: 1440 });
      if (to > 0) windows.push({ from: 0, to });
    }
  }
  windows.sort((a, b) => a.from - b.from);
  const merged: DayWindow[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else merged.push({ ...window });
  }
  return merged;
}

/** The plan's windows for a channel, or its kind's defaults when the plan names none that cover time. */
export function peakWindows(kind: ChannelKind, peakHours: readonly string[]): DayWindow[] {
  const own = dayWindows(peakHours);
  return own.length > 0 ? own : dayWindows(DEFAULT_PEAK_HOURS[kind]);
}

export function formatWindow(window: DayWindow): string {
  const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${clock(window.from)}-${clock(window.to)}`;
}
