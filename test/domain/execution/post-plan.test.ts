import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planPosts, type PostPlan } from '../../../domain/execution/post-plan.js';
import { planSchema, type Plan } from '../../../domain/plan/schema.js';
import { DEFAULT_POSTS_PER_DAY } from '../../../domain/publishing/calendar.js';
import { peakWindows } from '../../../domain/publishing/peak-hours.js';
import { wallClock } from '../../../domain/publishing/zoned-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function examplePlan(): Plan {
  const raw = parse(readFileSync(new URL('../../../examples/spring-tea.zh.yaml', import.meta.url), 'utf8')) as unknown;
  return planSchema.parse(raw);
}

type Phase = 'warmup' | 'rollout';
type PostPlanPlan = Pick<Plan, 'channels' | 'content' | 'timezone'>;

/** The posts the plan asks for on a channel, in the order they should alternate: round by round, items in plan order. */
function roundRobin(plan: PostPlanPlan, phase: Phase, channelId: string): Array<[string, number]> {
  const items = plan.content.filter((c) => c.phase === phase && c.channels.includes(channelId));
  const rounds = Math.max(0, ...items.map((c) => c.posts));
  const order: Array<[string, number]> = [];
  for (let n = 1; n <= rounds; n++) for (const item of items) if (n <= item.posts) order.push([item.id, n]);
  return order;
}

function checkInvariants(plan: PostPlanPlan, phase: Phase, period: { from: string; to: string }, result: PostPlan): void {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const channels = new Map(plan.channels.map((c) => [c.id, c]));
  const perDay = new Map<string, number>();

  for (const post of result.posts) {
    const channel = channels.get(post.channelId)!;
    const item = plan.content.find((c) => c.id === post.contentId)!;
    // Only items of the phase, only on their channels.
    expect(post.phase).toBe(phase);
    expect(item.phase).toBe(phase);
    expect(item.channels).toContain(post.channelId);
    expect(post.status).toBe('scheduled');
    // Inside the period.
    const at = Date.parse(post.at);
    expect(at).toBeGreaterThanOrEqual(from);
    expect(at).toBeLessThan(to);
    // Inside one of the channel's peak windows on the plan's clocks.
    const clock = wallClock(at, plan.timezone);
    const windows = peakWindows(channel.kind, channel.peakHours);
    expect(windows.some((w) => clock.minute >= w.from && clock.minute < w.to), `${post.key} at ${clock.date} minute ${clock.minute}`).toBe(true);
    const day = `${post.channelId} ${clock.date}`;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  // No local day over the channel's cap.
  for (const [day, count] of perDay) {
    const channel = channels.get(day.split(' ')[0]!)!;
    expect(count, day).toBeLessThanOrEqual(channel.pacing?.maxPostsPerDay ?? DEFAULT_POSTS_PER_DAY[channel.kind]);
  }
  // Keys unique across placed and unplaced posts.
  const keys = [...result.posts.map((p) => p.key), ...result.unplaced.map((u) => u.key)];
  expect(new Set(keys).size).toBe(keys.length);
  // Time order.
  const times = result.posts.map((p) => Date.parse(p.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));

  for (const channel of plan.channels) {
    const wanted = roundRobin(plan, phase, channel.id);
    const placed = result.posts.filter((p) => p.channelId === channel.id);
    const unplaced = result.unplaced.filter((u) => u.channelId === channel.id);
    // Every post asked for is either placed or reported, never lost and never invented.
    expect(placed.length + unplaced.length).toBe(wanted.length);
    // Items alternate on the channel: placed posts follow the round-robin order; what does not fit is its tail.
    expect(placed.map((p) => p.contentId)).toEqual(wanted.slice(0, placed.length).map(([id]) => id));
    // Two posts on one channel never share an instant.
    expect(new Set(placed.map((p) => p.at)).size).toBe(placed.length);
    // A channel the phase has nothing for is not planned at all (Baidu carries no content).
    if (channel.pacing && wanted.length > 0) {
      const maxSilence = silenceMs(channel.pacing.maxSilence);
      const marks = [from, ...placed.map((p) => Date.parse(p.at)), to];
      const gaps = marks.slice(1).map((end, i) => ({ from: marks[i]!, to: end })).filter((g) => g.to - g.from > maxSilence);
      expect(result.silences.filter((s) => s.channelId === channel.id).map((s) => [Date.parse(s.from), Date.parse(s.to)]))
        .toEqual(gaps.map((g) => [g.from, g.to]));
    } else {
      expect(result.silences.filter((s) => s.channelId === channel.id)).toEqual([]);
    }
  }
}

/** Only the `<n>h` and `<n>d` durations these tests write. */
function silenceMs(duration: string): number {
  const match = /^(\d+)([hd])$/.exec(duration);
  if (!match) throw new Error(`test writes only <n>h or <n>d, got ${duration}`);
  return Number(match[1]) * (match[2] === 'h' ? HOUR : DAY);
}

describe('planPosts with the spring-tea example', () => {
  const plan = examplePlan();

  it('plans the warm-up teaser once on each of its channels, and nothing else', () => {
    const period = { from: '2027-03-10T00:00:00+08:00', to: '2027-03-13T00:00:00+08:00' };
    const result = planPosts({ plan, phase: 'warmup', period });
    expect(result.posts.map((p) => [p.contentId, p.channelId]).sort()).toEqual([['teaser', 'wechat'], ['teaser', 'xiaohongshu']]);
    expect(result.unplaced).toEqual([]);
    checkInvariants(plan, 'warmup', period, result);
  });

  it('plans every rollout post over a month, alternating the items on each channel', () => {
    const period = { from: '2027-03-13T00:00:00+08:00', to: '2027-04-12T00:00:00+08:00' };
    const result = planPosts({ plan, phase: 'rollout', period });
    expect(result.unplaced).toEqual([]);
    const on = (channel: string) => result.posts.filter((p) => p.channelId === channel).map((p) => p.contentId);
    expect(on('xiaohongshu')).toEqual([
      'launch-story', 'tasting-notes', 'launch-story', 'tasting-notes', 'launch-story', 'tasting-notes', 'tasting-notes',
    ]);
    expect(on('douyin')).toEqual(on('xiaohongshu'));
    expect(on('wechat')).toEqual(['launch-story', 'launch-story', 'launch-story']);
    // Baidu carries no content: no posts there.
    expect(on('baidu')).toEqual([]);
    expect(result.posts.every((p) => p.phase === 'rollout' && p.contentId !== 'teaser')).toBe(true);
    checkInvariants(plan, 'rollout', period, result);
  });

  it('reports the posts a too-short period has no room for, per channel, in both languages', () => {
    // One day: xiaohongshu takes 2 (its pacing), douyin 2 (its default), wechat 1 (its default).
    const period = { from: '2027-03-13T00:00:00+08:00', to: '2027-03-14T00:00:00+08:00' };
    const result = planPosts({ plan, phase: 'rollout', period });
    const count = (list: Array<{ channelId: string }>, channel: string) => list.filter((p) => p.channelId === channel).length;
    expect([count(result.posts, 'xiaohongshu'), count(result.posts, 'douyin'), count(result.posts, 'wechat')]).toEqual([2, 2, 1]);
    expect([count(result.unplaced, 'xiaohongshu'), count(result.unplaced, 'douyin'), count(result.unplaced, 'wechat')]).toEqual([5, 5, 2]);
    const first = result.unplaced.find((u) => u.channelId === 'xiaohongshu')!;
    expect(first.message.en).toContain(first.key);
    expect(first.message.en).toContain('at most 2 a day');
    expect(first.message['zh-CN']).toContain('每天最多 2 条');
    checkInvariants(plan, 'rollout', period, result);
  });

  it('reports silences longer than maxSilence on a paced channel only', () => {
    // 7 posts over 30 days on xiaohongshu leave gaps of about four days; its maxSilence is 2d.
    const period = { from: '2027-03-13T00:00:00+08:00', to: '2027-04-12T00:00:00+08:00' };
    const result = planPosts({ plan, phase: 'rollout', period });
    expect(result.silences.length).toBeGreaterThan(0);
    expect(new Set(result.silences.map((s) => s.channelId))).toEqual(new Set(['xiaohongshu']));
    for (const silence of result.silences) expect(silence.length).toBeGreaterThan(2 * DAY);
    checkInvariants(plan, 'rollout', period, result);
  });

  it('plans nothing for an empty period and reports every post as unplaced', () => {
    const period = { from: '2027-03-13T00:00:00+08:00', to: '2027-03-13T00:00:00+08:00' };
    const result = planPosts({ plan, phase: 'rollout', period });
    expect(result.posts).toEqual([]);
    expect(result.unplaced).toHaveLength(7 + 7 + 3);
  });

  describe('properties', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45));
    // Ranges that end before they start run past midnight.
    const range = fc.tuple(clock, clock).map(([[h1, m1], [h2, m2]]) => `${pad(h1)}:${pad(m1)}-${pad(h2)}:${pad(m2)}`);
    const channelTweak = fc.record({
      peakHours: fc.option(fc.array(range, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      pacing: fc.option(fc.record({ maxPostsPerDay: fc.integer({ min: 1, max: 4 }), maxSilenceHours: fc.integer({ min: 1, max: 120 }) }), { nil: undefined }),
    });
    const scenario = fc.record({
      phase: fc.constantFrom<Phase>('warmup', 'rollout'),
      timeZone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'),
      // Anywhere in 2027, so New York's and London's clock changes come up.
      startMinute: fc.integer({ min: 0, max: 365 * 24 * 60 }),
      lengthHours: fc.integer({ min: 1, max: 40 * 24 }),
      posts: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })),
      channels: fc.tuple(channelTweak, channelTweak, channelTweak, channelTweak),
    });
    type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

    const base = examplePlan();
    function build(s: Scenario): { plan: PostPlanPlan; period: { from: string; to: string } } {
      const plan: PostPlanPlan = {
        timezone: s.timeZone,
        content: base.content.map((c, i) => ({ ...c, posts: s.posts[i]! })),
        channels: base.channels.map((c, i) => {
          const tweak = s.channels[i]!;
          return {
            ...c,
            ...(tweak.peakHours ? { peakHours: tweak.peakHours } : {}),
            ...(tweak.pacing ? { pacing: { maxPostsPerDay: tweak.pacing.maxPostsPerDay, maxSilence: `${tweak.pacing.maxSilenceHours}h` } } : {}),
          };
        }),
      };
      const from = Date.parse('2027-01-01T00:00:00Z') + s.startMinute * 60_000;
      return { plan, period: { from: new Date(from).toISOString(), to: new Date(from + s.lengthHours * HOUR).toISOString() } };
    }

    it('keeps every post in its channel\'s windows, under its daily cap, in the period, alternating, with silences reported', () => {
      fc.assert(fc.property(scenario, (s) => {
        const { plan, period } = build(s);
        checkInvariants(plan, s.phase, period, planPosts({ plan, phase: s.phase, period }));
      }), { numRuns: 250 });
    });

    it('places every post when the period has a free day for each', () => {
      fc.assert(fc.property(scenario, (s) => {
        const { plan, period } = build({ ...s, channels: s.channels.map(() => ({ peakHours: undefined, pacing: undefined })) as Scenario['channels'] });
        const days = Math.floor(s.lengthHours / 24);
        const most = Math.max(...plan.channels.map((c) => roundRobin(plan, s.phase, c.id).length));
        fc.pre(most <= days - 2);
        expect(planPosts({ plan, phase: s.phase, period }).unplaced).toEqual([]);
      }), { numRuns: 150 });
    });

    it('is deterministic', () => {
      fc.assert(fc.property(scenario, (s) => {
        const { plan, period } = build(s);
        expect(planPosts({ plan, phase: s.phase, period })).toEqual(planPosts({ plan, phase: s.phase, period }));
      }), { numRuns: 30 });
    });
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
