/**
 * A channel's publishing calendar (P2.4, P2.7): when each post goes out. Posts land inside the
 * channel's peak windows in the plan's time zone, at most `maxPostsPerDay` on one local calendar
 * day, in the order given, and spread over the period — bunching posts up tires the audience and
 * leaves long silences after them. Silences longer than `maxSilence` are reported, not hidden.
 *
 * The calendar works in plan time (the instants the posts would have at time scale 1); see
 * `time-scale.ts` for how a rehearsal maps them onto its compressed clock.
 */
import { parseDuration } from '../duration.js';
import type { Lang } from '../plan/issues.js';
import type { Channel } from '../plan/schema.js';
import { addDays } from '../review-periods.js';
import { formatWindow, peakWindows, type ChannelKind, type DayWindow } from './peak-hours.js';
import { silenceAlerts, type SilenceAlert } from './silences.js';
import { assertTimeZone, dayPieces, wallClock } from './zoned-time.js';

const MINUTE_MS = 60_000;

/**
 * Posts a day when the plan sets no pacing: what a team can sustain and an audience tolerates.
 * WeChat subscription accounts may send one mass message a day, so the default never asks for more.
 */
export const DEFAULT_POSTS_PER_DAY: Record<ChannelKind, number> = {
  'wechat-oa': 1, weibo: 5, douyin: 2, xiaohongshu: 2, 'baidu-sem': 1, edm: 1, kol: 1, website: 3, custom: 2,
};

export interface CalendarPost {
  id: string;
  /** ISO instant before which the post may not go out (its asset is ready then, say). */
  earliest?: string | undefined;
}

export interface CalendarInput {
  channel: Pick<Channel, 'id' | 'kind' | 'peakHours' | 'pacing'> & { name?: string | undefined };
  /** The plan's IANA time zone; peak hours and days are read on its clocks. */
  timeZone: string;
  /** ISO instants in plan time; `from` included, `to` excluded. */
  period: { from: string; to: string };
  /** In the order they should go out. */
  posts: readonly CalendarPost[];
}

export interface ScheduledPost {
  id: string;
  /** ISO instant, plan time. */
  at: string;
  /** Where it falls on the plan's clocks: `YYYY-MM-DD` and `HH:MM`. */
  localDate: string;
  localTime: string;
}

export interface UnplacedPost {
  id: string;
  message: Record<Lang, string>;
}

export interface PublishingCalendar {
  channelId: string;
  /** The windows used, `HH:MM-HH:MM` (the plan's, or the kind's defaults). */
  windows: string[];
  maxPostsPerDay: number;
  posts: ScheduledPost[];
  /** Posts for which the period has no room left (too many for the days and cap, or ready too late). */
  unplaced: UnplacedPost[];
  /** Only when the plan sets `pacing.maxSilence`. */
  silences: SilenceAlert[];
}

export function publishingCalendar(input: CalendarInput): PublishingCalendar {
  const { channel, timeZone } = input;
  assertTimeZone(timeZone);
  const windows = peakWindows(channel.kind, channel.peakHours);
  const maxPostsPerDay = channel.pacing?.maxPostsPerDay ?? DEFAULT_POSTS_PER_DAY[channel.kind];
  const from = instantOf(input.period.from, 'period.from');
  const to = instantOf(input.period.to, 'period.to');
  const slots = publishingSlots(windows, maxPostsPerDay, from, to, timeZone);

  const earliest = input.posts.map((post) => Math.max(from, post.earliest === undefined ? from : instantOf(post.earliest, `earliest of ${post.id}`)));
  const chosen = chooseSlots(slots, earliest, from, to);
  const posts = chosen.map((slot, i): ScheduledPost => {
    const at = slots[slot]!;
    const clock = wallClock(at, timeZone);
    return { id: input.posts[i]!.id, at: new Date(at).toISOString(), localDate: clock.date, localTime: hhmm(clock.minute) };
  });
  const windowText = windows.map(formatWindow);
  const unplaced = input.posts.slice(chosen.length).map((post) => ({
    id: post.id,
    message: unplacedMessage(post.id, channel.name ?? channel.id, maxPostsPerDay, windowText),
  }));
  const silences = channel.pacing
    ? silenceAlerts({
      channelId: channel.id,
      channelName: channel.name,
      timeZone,
      period: input.period,
      times: posts.map((post) => post.at),
      maxSilenceMs: parseDuration(channel.pacing.maxSilence),
    })
    : [];
  return { channelId: channel.id, windows: windowText, maxPostsPerDay, posts, unplaced, silences };
}

/**
 * Every instant a post may take, in order: per local day, `perDay` points spread evenly over the
 * day's window time inside the period (the middle of each share, so not all at a window's start),
 * on whole minutes where that keeps them apart.
 */
export function publishingSlots(windows: readonly DayWindow[], perDay: number, from: number, to: number, timeZone: string): number[] {
  if (!Number.isInteger(perDay) || perDay < 1) throw new RangeError(`posts per day is a whole number, at least 1 (got ${perDay})`);
  const slots: number[] = [];
  if (!(from < to)) return slots;
  const lastDate = wallClock(to - 1, timeZone).date;
  for (let date = wallClock(from, timeZone).date; date <= lastDate; date = addDays(date, 1)) {
    const intervals = windowInstants(date, windows, timeZone, from, to);
    const total = intervals.reduce((sum, [start, end]) => sum + end - start, 0);
    if (total <= 0) continue;
    let last = -Infinity;
    for (let j = 0; j < perDay; j++) {
      const point = instantAtOffset(intervals, ((j + 0.5) * total) / perDay);
      const rounded = Math.ceil(point.at / MINUTE_MS) * MINUTE_MS;
      const at = rounded > last && rounded < point.end ? rounded : point.at;
      if (at > last) {
        slots.push(at);
        last = at;
      }
    }
  }
  return slots;
}

/** The instants of one local day that fall in its windows and in [from, to), in order. */
function windowInstants(date: string, windows: readonly DayWindow[], timeZone: string, from: number, to: number): [number, number][] {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const intervals: [number, number][] = [];
  for (const piece of dayPieces(date, timeZone)) {
    for (const window of windows) {
      const start = Math.max(piece.from, from, midnight + window.from * MINUTE_MS - piece.offset);
      const end = Math.min(piece.to, to, midnight + window.to * MINUTE_MS - piece.offset);
      if (start < end) intervals.push([start, end]);
    }
  }
  return intervals.sort((a, b) => a[0] - b[0]);
}

function instantAtOffset(intervals: readonly [number, number][], offset: number): { at: number; end: number } {
  let left = offset;
  for (const [start, end] of intervals) {
    if (left < end - start) return { at: start + Math.floor(left), end };
    left -= end - start;
  }
  const [, end] = intervals[intervals.length - 1]!;
  return { at: end - 1, end };
}

/**
 * One slot index per post, increasing. First the earliest slot each post could take (posts that get
 * none are left out: the rest cannot be placed either, as order is kept); then the latest each may
 * take and still leave room for the posts after it; each post takes the slot nearest its even share
 * of the period within those bounds.
 */
function chooseSlots(slots: readonly number[], earliest: readonly number[], from: number, to: number): number[] {
  const first: number[] = [];
  let next = 0;
  for (const notBefore of earliest) {
    next = Math.max(next, firstSlotAtOrAfter(slots, notBefore));
    if (next >= slots.length) break;
    first.push(next);
    next++;
  }
  const count = first.length;
  const chosen: number[] = [];
  for (let k = 0; k < count; k++) {
    const latest = slots.length - (count - k);
    const lowest = Math.max(first[k]!, k > 0 ? chosen[k - 1]! + 1 : 0);
    const target = from + ((k + 0.5) * (to - from)) / count;
    chosen.push(Math.min(latest, Math.max(lowest, nearestSlot(slots, target))));
  }
  return chosen;
}

function firstSlotAtOrAfter(slots: readonly number[], at: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (slots[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Ties go to the earlier slot: a post early is better than a silence. */
function nearestSlot(slots: readonly number[], at: number): number {
  const after = firstSlotAtOrAfter(slots, at);
  if (after === 0) return 0;
  if (after === slots.length) return slots.length - 1;
  return at - slots[after - 1]! <= slots[after]! - at ? after - 1 : after;
}

function instantOf(iso: string, what: string): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) throw new RangeError(`${what} "${iso}" is not an ISO instant such as 2027-03-01T04:00:00Z`);
  return at;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function unplacedMessage(postId: string, channel: string, perDay: number, windows: readonly string[]): Record<Lang, string> {
  return {
    en: `No room for post ${postId} on ${channel} before the period ends (at most ${perDay} a day, in ${windows.join(', ')}): lengthen the period, raise pacing.maxPostsPerDay or drop a post.`,
    'zh-CN': `${channel} 在本阶段内已排不下内容 ${postId}(每天最多 ${perDay} 条, 时段 ${windows.join('、')}): 请延长阶段、提高 pacing.maxPostsPerDay 或减少内容。`,
  };
}
