import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishingCalendar, type CalendarInput } from '../../../domain/publishing/calendar.js';
import { dayWindows, DEFAULT_PEAK_HOURS } from '../../../domain/publishing/peak-hours.js';

const HOUR = 3_600_000;

/** Wall time read straight from Intl, independent of the code under test. */
function localParts(iso: string, timeZone: string): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

const posts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}` }));

const xiaohongshu: CalendarInput['channel'] = {
  id: 'xiaohongshu', name: '小红书', kind: 'xiaohongshu', peakHours: ['12:00-13:30', '20:00-23:00'], pacing: { maxPostsPerDay: 2, maxSilence: '2d' },
};

describe('publishing calendar', () => {
  it('places posts inside the peak windows, spread over the week and within each window', () => {
    const calendar = publishingCalendar({
      channel: xiaohongshu, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-08T00:00:00+08:00' },
      posts: posts(5),
    });
    expect(calendar.posts.map((p) => `${p.localDate} ${p.localTime}`)).toEqual([
      '2027-03-01 13:08', '2027-03-02 21:53', '2027-03-04 13:08', '2027-03-05 21:53', '2027-03-07 13:08',
    ]);
    expect(calendar.posts[0]).toMatchObject({ id: 'p1', at: '2027-03-01T05:08:00.000Z' });
    expect(calendar.windows).toEqual(['12:00-13:30', '20:00-23:00']);
    expect(calendar.unplaced).toEqual([]);
    expect(calendar.silences).toEqual([]);
  });

  it('fills days up to the cap, one post per share of the day\'s window time', () => {
    const calendar = publishingCalendar({
      channel: xiaohongshu, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-03T00:00:00+08:00' },
      posts: posts(4),
    });
    expect(calendar.posts.map((p) => `${p.localDate} ${p.localTime}`)).toEqual([
      '2027-03-01 13:08', '2027-03-01 21:53', '2027-03-02 13:08', '2027-03-02 21:53',
    ]);
  });

  it('reports the posts there is no room for, in both languages', () => {
    const calendar = publishingCalendar({
      channel: xiaohongshu, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-03T00:00:00+08:00' },
      posts: posts(6),
    });
    expect(calendar.posts).toHaveLength(4);
    expect(calendar.unplaced.map((p) => p.id)).toEqual(['p5', 'p6']);
    expect(calendar.unplaced[0]!.message.en).toContain('at most 2 a day');
    expect(calendar.unplaced[0]!.message['zh-CN']).toContain('每天最多 2 条');
  });

  it('keeps a post back until it is ready', () => {
    const calendar = publishingCalendar({
      channel: xiaohongshu, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-08T00:00:00+08:00' },
      posts: [{ id: 'teaser' }, { id: 'launch', earliest: '2027-03-06T18:00:00+08:00' }],
    });
    expect(calendar.posts.map((p) => `${p.id} ${p.localDate} ${p.localTime}`)).toEqual(['teaser 2027-03-02 21:53', 'launch 2027-03-06 21:53']);
  });

  it('flags silences longer than maxSilence, including before the first and after the last post', () => {
    const calendar = publishingCalendar({
      channel: xiaohongshu, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-11T00:00:00+08:00' },
      posts: posts(2),
    });
    expect(calendar.posts.map((p) => p.localDate)).toEqual(['2027-03-03', '2027-03-08']);
    expect(calendar.silences.map((s) => [s.from, s.to])).toEqual([
      ['2027-02-28T16:00:00.000Z', calendar.posts[0]!.at],
      [calendar.posts[0]!.at, calendar.posts[1]!.at],
      [calendar.posts[1]!.at, '2027-03-10T16:00:00.000Z'],
    ]);
    expect(calendar.silences[1]!.length).toBe(Date.parse(calendar.posts[1]!.at) - Date.parse(calendar.posts[0]!.at));
    expect(calendar.silences[1]!.message.en).toMatch(/^小红书 is silent for 5 days \(2027-03-03 13:08 to 2027-03-08 13:08\)/);
    expect(calendar.silences[1]!.message['zh-CN']).toContain('超过节奏允许的 2天');
  });

  it('uses the kind\'s default windows and posts a day when the plan gives none', () => {
    const calendar = publishingCalendar({
      channel: { id: 'wechat', kind: 'wechat-oa', peakHours: [] }, timeZone: 'Asia/Shanghai',
      period: { from: '2027-03-01T00:00:00+08:00', to: '2027-03-03T00:00:00+08:00' },
      posts: posts(3),
    });
    expect(calendar.windows).toEqual([...DEFAULT_PEAK_HOURS['wechat-oa']]);
    expect(calendar.maxPostsPerDay).toBe(1);
    expect(calendar.posts).toHaveLength(2);
    expect(calendar.silences).toEqual([]);
  });

  it('keeps to wall-clock windows in New York across the spring-forward night', () => {
    const calendar = publishingCalendar({
      channel: { id: 'blog', kind: 'website', peakHours: ['01:00-03:30'], pacing: { maxPostsPerDay: 3, maxSilence: '1d' } },
      timeZone: 'America/New_York',
      period: { from: '2027-03-13T00:00:00-05:00', to: '2027-03-16T00:00:00-04:00' },
      posts: posts(9),
    });
    // 2027-03-14 has no 02:00-03:00, so its 90 window minutes are shared in three.
    expect(calendar.posts.filter((p) => p.localDate === '2027-03-14').map((p) => p.localTime)).toEqual(['01:15', '01:45', '03:15']);
    expect(calendar.posts.filter((p) => p.localDate === '2027-03-15').map((p) => p.localTime)).toEqual(['01:25', '02:15', '03:05']);
    for (const post of calendar.posts) expect(localParts(post.at, 'America/New_York').date).toBe(post.localDate);
  });

  it('counts the repeated hour of the fall-back night once per calendar day', () => {
    const calendar = publishingCalendar({
      channel: { id: 'blog', kind: 'website', peakHours: ['01:00-02:00'], pacing: { maxPostsPerDay: 2, maxSilence: '2d' } },
      timeZone: 'America/New_York',
      period: { from: '2027-11-07T00:00:00-04:00', to: '2027-11-08T00:00:00-05:00' },
      posts: posts(3),
    });
    // The window lasts two hours that night (01:00-02:00 EDT, then EST): both posts fall in it.
    expect(calendar.posts.map((p) => p.at)).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-07T06:30:00.000Z']);
    expect(calendar.posts.map((p) => p.localTime)).toEqual(['01:30', '01:30']);
    expect(calendar.unplaced.map((p) => p.id)).toEqual(['p3']);
  });

  it('reads London\'s evening windows in BST after the clocks change', () => {
    const calendar = publishingCalendar({
      channel: { id: 'mail', kind: 'edm', peakHours: ['19:00-20:00'], pacing: { maxPostsPerDay: 1, maxSilence: '3d' } },
      timeZone: 'Europe/London',
      period: { from: '2027-03-27T00:00:00Z', to: '2027-03-29T00:00:00+01:00' },
      posts: posts(2),
    });
    expect(calendar.posts.map((p) => [p.at, p.localTime])).toEqual([
      ['2027-03-27T19:30:00.000Z', '19:30'],
      ['2027-03-28T18:30:00.000Z', '19:30'],
    ]);
  });

  it('refuses an unknown time zone and a period bound that is not an instant', () => {
    const base = { channel: xiaohongshu, period: { from: '2027-03-01T00:00:00Z', to: '2027-03-02T00:00:00Z' }, posts: posts(1) };
    expect(() => publishingCalendar({ ...base, timeZone: 'Mars/Olympus' })).toThrow(/not a time zone/);
    expect(() => publishingCalendar({ ...base, timeZone: 'UTC', period: { from: 'monday', to: '2027-03-02T00:00:00Z' } })).toThrow(/period.from/);
  });

  describe('properties', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45));
    const range = fc.tuple(clock, clock).map(([[h1, m1], [h2, m2]]) => `${pad(h1)}:${pad(m1)}-${pad(h2)}:${pad(m2)}`);
    const scenario = fc.record({
      timeZone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London'),
      kind: fc.constantFrom('weibo', 'xiaohongshu', 'edm', 'custom') as fc.Arbitrary<'weibo' | 'xiaohongshu' | 'edm' | 'custom'>,
      peakHours: fc.array(range, { maxLength: 3 }),
      maxPostsPerDay: fc.integer({ min: 1, max: 4 }),
      maxSilenceHours: fc.integer({ min: 1, max: 96 }),
      // Periods start anywhere in 2027, so both DST changes of New York and London come up.
      startMinute: fc.integer({ min: 0, max: 365 * 24 * 60 }),
      lengthHours: fc.integer({ min: 1, max: 20 * 24 }),
      readyAfterHours: fc.array(fc.option(fc.integer({ min: 0, max: 20 * 24 }), { nil: undefined }), { maxLength: 30 }),
    });

    type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
    const run = (s: Scenario) => publishingCalendar(build(s));
    function build(s: Scenario): CalendarInput {
      const from = Date.parse('2027-01-01T00:00:00Z') + s.startMinute * 60_000;
      const ready = [...s.readyAfterHours].sort((a, b) => (a ?? 0) - (b ?? 0));
      return {
        channel: { id: 'c', kind: s.kind, peakHours: s.peakHours, pacing: { maxPostsPerDay: s.maxPostsPerDay, maxSilence: `${s.maxSilenceHours}h` } },
        timeZone: s.timeZone,
        period: { from: new Date(from).toISOString(), to: new Date(from + s.lengthHours * HOUR).toISOString() },
        posts: ready.map((hours, i) => ({ id: `p${i}`, earliest: hours === undefined ? undefined : new Date(from + hours * HOUR).toISOString() })),
      };
    }

    it('puts every post inside a peak window on the plan\'s clocks, in order, within the period', () => {
      fc.assert(fc.property(scenario, (s) => {
        const input = build(s);
        const calendar = run(s);
        const windows = dayWindows(s.peakHours).length > 0 ? dayWindows(s.peakHours) : dayWindows(DEFAULT_PEAK_HOURS[s.kind]);
        let previous = -Infinity;
        calendar.posts.forEach((post, i) => {
          const local = localParts(post.at, s.timeZone);
          expect(windows.some((w) => local.minute >= w.from && local.minute < w.to)).toBe(true);
          expect(post.localDate).toBe(local.date);
          const at = Date.parse(post.at);
          expect(at).toBeGreaterThan(previous);
          expect(at).toBeGreaterThanOrEqual(Date.parse(input.period.from));
          expect(at).toBeLessThan(Date.parse(input.period.to));
          const earliest = input.posts[i]!.earliest;
          if (earliest !== undefined) expect(at).toBeGreaterThanOrEqual(Date.parse(earliest));
          expect(post.id).toBe(input.posts[i]!.id);
          previous = at;
        });
        // What is not placed is the tail of the list.
        expect([...calendar.posts.map((p) => p.id), ...calendar.unplaced.map((p) => p.id)]).toEqual(input.posts.map((p) => p.id));
      }), { numRuns: 300 });
    });

    it('never exceeds the cap on a local calendar day', () => {
      fc.assert(fc.property(scenario, (s) => {
        const perDay = new Map<string, number>();
        for (const post of run(s).posts) {
          const date = localParts(post.at, s.timeZone).date;
          perDay.set(date, (perDay.get(date) ?? 0) + 1);
        }
        for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(s.maxPostsPerDay);
      }), { numRuns: 300 });
    });

    it('flags exactly the silences longer than maxSilence', () => {
      fc.assert(fc.property(scenario, (s) => {
        const input = build(s);
        const calendar = run(s);
        const marks = [input.period.from, ...calendar.posts.map((p) => p.at), input.period.to].map(Date.parse);
        const expected = marks.slice(1)
          .map((to, i) => ({ from: marks[i]!, to }))
          .filter((gap) => gap.to - gap.from > s.maxSilenceHours * HOUR)
          .map((gap) => [new Date(gap.from).toISOString(), new Date(gap.to).toISOString(), gap.to - gap.from]);
        expect(calendar.silences.map((a) => [a.from, a.to, a.length])).toEqual(expected);
      }), { numRuns: 300 });
    });

    it('places every post when the period has room and nothing holds posts back', () => {
      fc.assert(fc.property(scenario, (s) => {
        const days = Math.floor(s.lengthHours / 24);
        const count = Math.min(s.readyAfterHours.length, Math.max(0, days - 2));
        const input = build({ ...s, peakHours: ['09:00-21:00'], readyAfterHours: Array<undefined>(count).fill(undefined) });
        expect(publishingCalendar(input).unplaced).toEqual([]);
      }), { numRuns: 100 });
    });

    it('is deterministic', () => {
      fc.assert(fc.property(scenario, (s) => {
        expect(run(s)).toEqual(run(s));
      }), { numRuns: 50 });
    });
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
