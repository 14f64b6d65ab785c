import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../../../domain/channel-metrics.js';
import { monitorDay } from '../../../domain/execution/monitoring.js';

function row(channelId: string, day: number, figures: Partial<Omit<ChannelDay, 'channelId' | 'day'>> = {}): ChannelDay {
  const zero = Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0])) as Omit<ChannelDay, 'channelId' | 'day'>;
  return { ...zero, ...figures, channelId, day };
}

const zeros = Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0]));

describe('monitorDay', () => {
  const channels = ['xiaohongshu', 'douyin', 'wechat'];

  it('shows today\'s figures from that day\'s rows only, adding up several rows of a channel', () => {
    const rows = [
      row('xiaohongshu', 2, { uv: 100, likes: 5, orders: 2, spend: 300 }),
      row('xiaohongshu', 2, { uv: 50, comments: 3, orders: 1, spend: 200 }),
      // Yesterday's late row and tomorrow's do not count as today.
      row('xiaohongshu', 1, { uv: 999, spend: 999 }),
      row('xiaohongshu', 3, { uv: 777 }),
      row('douyin', 2, { impressions: 1000, clicks: 40, revenue: 880 }),
    ];
    const monitoring = monitorDay(undefined, 2, rows, channels);
    expect(monitoring.day).toBe(2);
    expect(monitoring.channels.map((c) => c.channelId)).toEqual(channels);
    const xhs = monitoring.channels[0]!;
    expect(xhs.today).toMatchObject({ uv: 150, likes: 5, comments: 3, orders: 3, spend: 500 });
    expect(xhs.total).toEqual(xhs.today);
    expect(monitoring.channels[1]!.today).toMatchObject({ impressions: 1000, clicks: 40, revenue: 880, uv: 0 });
  });

  it('reports zeros for a channel without rows, and ignores channels it was not asked about', () => {
    const monitoring = monitorDay(undefined, 1, [row('weibo', 1, { uv: 10 }), row('douyin', 1, { uv: 4 })], channels);
    expect(monitoring.channels.map((c) => c.channelId)).toEqual(channels);
    expect(monitoring.channels[0]).toEqual({ channelId: 'xiaohongshu', today: zeros, total: zeros });
    expect(monitoring.channels[2]).toEqual({ channelId: 'wechat', today: zeros, total: zeros });
    expect(monitoring.channels[1]!.today.uv).toBe(4);
  });

  it('accumulates totals across days while today shows the latest day only', () => {
    const day1 = monitorDay(undefined, 1, [row('xiaohongshu', 1, { uv: 100, spend: 120.5 }), row('douyin', 1, { orders: 3 })], channels);
    const day2 = monitorDay(day1, 2, [row('xiaohongshu', 2, { uv: 40, spend: 80.25 })], channels);
    const xhs = day2.channels.find((c) => c.channelId === 'xiaohongshu')!;
    expect(xhs.today).toMatchObject({ uv: 40, spend: 80.25 });
    expect(xhs.total).toMatchObject({ uv: 140, spend: 200.75 });
    // A channel quiet today keeps its total and shows zeros for today.
    const douyin = day2.channels.find((c) => c.channelId === 'douyin')!;
    expect(douyin.today).toEqual(zeros);
    expect(douyin.total).toMatchObject({ orders: 3 });
    // The previous monitoring is not changed.
    expect(day1.channels[0]!.total).toMatchObject({ uv: 100, spend: 120.5 });
  });

  it('keeps money free of floating-point noise', () => {
    let monitoring = monitorDay(undefined, 1, [row('wechat', 1, { spend: 0.1, revenue: 0.7 })], channels);
    monitoring = monitorDay(monitoring, 2, [row('wechat', 2, { spend: 0.2, revenue: 0.1 }), row('wechat', 2, { spend: 0.0, revenue: 0.2 })], channels);
    const wechat = monitoring.channels.find((c) => c.channelId === 'wechat')!;
    expect(wechat.today.spend).toBe(0.2);
    expect(wechat.today.revenue).toBe(0.3);
    expect(wechat.total.spend).toBe(0.3);
    expect(wechat.total.revenue).toBe(1);
  });

  it('starts a channel added later from zero', () => {
    const day1 = monitorDay(undefined, 1, [row('xiaohongshu', 1, { uv: 10 })], ['xiaohongshu']);
    const day2 = monitorDay(day1, 2, [row('douyin', 2, { uv: 3 })], ['xiaohongshu', 'douyin']);
    expect(day2.channels.find((c) => c.channelId === 'douyin')!.total.uv).toBe(3);
    expect(day2.channels.find((c) => c.channelId === 'xiaohongshu')!.total.uv).toBe(10);
  });

  it('after running day by day, totals equal the sum of every reported day\'s rows', () => {
    const counts = fc.record(Object.fromEntries(CHANNEL_DAY_METRICS.filter((m) => m !== 'spend' && m !== 'revenue').map((m) => [m, fc.nat(10_000)])));
    const scenario = fc.record({
      days: fc.integer({ min: 1, max: 10 }),
      rows: fc.array(fc.record({ channel: fc.constantFrom(...channels), day: fc.integer({ min: 1, max: 12 }), counts }), { maxLength: 40 }),
    });
    fc.assert(fc.property(scenario, ({ days, rows: raw }) => {
      const rows = raw.map((r) => row(r.channel, r.day, r.counts));
      let monitoring: ReturnType<typeof monitorDay> | undefined;
      for (let day = 1; day <= days; day++) monitoring = monitorDay(monitoring, day, rows, channels);
      for (const channel of channels) {
        const seen = rows.filter((r) => r.channelId === channel && r.day <= days);
        const latest = rows.filter((r) => r.channelId === channel && r.day === days);
        const got = monitoring!.channels.find((c) => c.channelId === channel)!;
        for (const metric of CHANNEL_DAY_METRICS) {
          expect(got.total[metric]).toBe(seen.reduce((sum, r) => sum + r[metric], 0));
          expect(got.today[metric]).toBe(latest.reduce((sum, r) => sum + r[metric], 0));
        }
      }
    }), { numRuns: 200 });
  });
});
