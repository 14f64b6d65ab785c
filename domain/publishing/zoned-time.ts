/**
 * Wall-clock time in the plan's time zone without a date library. `Intl.DateTimeFormat` knows every
 * IANA zone and its daylight-saving history, so the offset at any instant is read from it; the
 * reverse (a local time to an instant) tries the offsets in force a day before and a day after, which
 * covers every zone whose clocks change at most once in two days (all of them, in practice).
 */
import { addDays, epochDay } from '../review-periods.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface WallClock {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError naming the zone when Intl does not know it (a typo in the plan's `timezone`). */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`"${timeZone}" is not a time zone; write an IANA name such as Asia/Shanghai`);
  }
}

/** The zone's wall time at `instant` read as if it were UTC, in milliseconds (seconds precision). */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** Local time minus UTC at `instant`, in milliseconds (+8 h for Asia/Shanghai). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(whole, timeZone) - whole;
}

/** The local calendar date and minute of the day of an instant. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const local = instant + offsetAt(instant, timeZone);
  const day = Math.floor(local / DAY_MS);
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  return { date, minute: Math.floor((local - day * DAY_MS) / MINUTE_MS) };
}

/** A stretch of instants over which the zone's offset does not change. */
export interface OffsetPiece {
  /** Instants, `from` included, `to` excluded. */
  from: number;
  to: number;
  offset: number;
}

/**
 * The instants whose wall clock shows `date`, in pieces of constant offset: one piece on most days,
 * two on a day the clocks change. Within a piece, wall time is the instant plus the offset, so a
 * window of wall-clock minutes maps to instants exactly, without guessing around the change.
 */
export function dayPieces(date: string, timeZone: string): OffsetPiece[] {
  const midnight = epochDay(date) * DAY_MS;
  // No zone is more than 14 hours from UTC, so every instant showing `date` lies in this span.
  const lo = midnight - 18 * HOUR_MS;
  const hi = midnight + DAY_MS + 18 * HOUR_MS;
  const first = offsetAt(lo, timeZone);
  const last = offsetAt(hi, timeZone);
  const showing = (offset: number, from: number, to: number): OffsetPiece[] => {
    const start = Math.max(from, midnight - offset);
    const end = Math.min(to, midnight + DAY_MS - offset);
    return start < end ? [{ from: start, to: end, offset }] : [];
  };
  if (first === last) return showing(first, lo, hi);
  const change = transitionBetween(lo, hi, timeZone, first);
  return [...showing(first, lo, change), ...showing(last, change, hi)];
}

/** The first whole second in (lo, hi] whose offset differs from `before` (clocks change on whole seconds). */
function transitionBetween(lo: number, hi: number, timeZone: string, before: number): number {
  let low = Math.floor(lo / 1000);
  let high = Math.ceil(hi / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * 1000, timeZone) === before) low = mid;
    else high = mid;
  }
  return high * 1000;
}

/**
 * The instant at which the zone's clocks show `date` and `minute` (0–1440; 1440 is the next midnight).
 * Times repeated when clocks go back resolve to the earlier one; times skipped when clocks go forward
 * resolve to the same distance after the jump (02:30 on a spring-forward night becomes 03:30), which
 * is what calendars and the ECMAScript Temporal proposal call "compatible".
 */
export function instantAt(date: string, minute: number, timeZone: string): number {
  if (!Number.isInteger(minute) || minute < 0 || minute > 1440) {
    throw new RangeError(`a minute of the day is a whole number from 0 to 1440 (got ${minute})`);
  }
  if (minute === 1440) return instantAt(addDays(date, 1), 0, timeZone);
  const local = epochDay(date) * DAY_MS + minute * MINUTE_MS;
  const pieces = dayPieces(date, timeZone);
  const exact = pieces.map((piece) => local - piece.offset).filter((at, i) => at >= pieces[i]!.from && at < pieces[i]!.to);
  if (exact.length > 0) return Math.min(...exact);
  // Skipped: read the wall time with the offset in force before the jump.
  return local - offsetAt(local - DAY_MS, timeZone);
}
