import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_DAY_METRICS, channelReviewMetrics, conversionsOf, engagementOf, totalReviewMetrics, type ChannelDay,
} from '../../domain/channel-metrics.js';

function day(channelId: string, dayNumber: number, values: Partial<ChannelDay>): ChannelDay {
  const zeros = Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0])) as Record<(typeof CHANNEL_DAY_METRICS)[number], number>;
  return { ...zeros, channelId, day: dayNumber, ...values };
}

const rows: ChannelDay[] = [
  day('douyin', 1, { spend: 1000.1, uv: 900, pv: 2000, likes: 50, comments: 10, shares: 5, saves: 20, orders: 20, signups: 3, inquiries: 2, revenue: 4000.2 }),
  day('douyin', 2, { spend: 999.9, uv: 1100, pv: 2100, likes: 70, orders: 30, revenue: 5999.8 }),
  day('douyin', 9, { spend: 5000, orders: 1, revenue: 10 }),
  day('xiaohongshu', 2, { spend: 300, uv: 400, likes: 500, saves: 200, signups: 15, inquiries: 9 }),
];

describe('per-channel review metrics', () => {
  it('sums a period per channel, in the order asked, with engagement, conversions, CPA and ROI', () => {
    const lines = channelReviewMetrics(rows, { channelIds: ['xiaohongshu', 'douyin', 'weibo'], fromDay: 1, toDay: 7 });
    expect(lines).toEqual([
      {
        channelId: 'xiaohongshu', daysReported: 1, spend: 300, uv: 400, pv: 0, engagement: 700, orders: 0, conversions: 24,
        revenue: 0, cpa: null, roi: 0,
      },
      {
        channelId: 'douyin', daysReported: 2, spend: 2000, uv: 2000, pv: 4100, engagement: 155, orders: 50, conversions: 55,
        revenue: 10000, cpa: 40, roi: 5,
      },
      {
        channelId: 'weibo', daysReported: 0, spend: 0, uv: 0, pv: 0, engagement: 0, orders: 0, conversions: 0,
        revenue: 0, cpa: null, roi: null,
      },
    ]);
  });

  it('adds the channel lines up to the campaign line', () => {
    const lines = channelReviewMetrics(rows, { channelIds: ['douyin', 'xiaohongshu'], fromDay: 1, toDay: 9 });
    expect(totalReviewMetrics(lines)).toEqual({
      spend: 7300, uv: 2400, pv: 4100, engagement: 855, orders: 51, conversions: 80, revenue: 10010, cpa: 143.14, roi: 1.37,
    });
  });

  it('counts engagement and conversions from their parts', () => {
    expect(engagementOf({ likes: 1, comments: 2, shares: 3, saves: 4 })).toBe(10);
    expect(conversionsOf({ orders: 1, signups: 2, inquiries: 3 })).toBe(6);
  });

  it('keeps money in cents and ratios consistent with the sums, for any rows', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
    const count = fc.integer({ min: 0, max: 10_000 });
    const row = fc.record({
      channelId: fc.constantFrom('douyin', 'weibo'), day: fc.integer({ min: 1, max: 10 }),
      spend: cents, revenue: cents, orders: count, uv: count, likes: count, signups: count,
    }).map((r) => day(r.channelId, r.day, r));
    fc.assert(fc.property(fc.array(row, { maxLength: 30 }), (generated) => {
      for (const line of channelReviewMetrics(generated, { channelIds: ['douyin', 'weibo'], fromDay: 1, toDay: 10 })) {
        expect(Math.round(line.spend * 100)).toBeCloseTo(line.spend * 100, 6);
        expect(line.cpa === null).toBe(line.orders === 0);
        expect(line.roi === null).toBe(line.spend === 0);
        expect(line.conversions).toBeGreaterThanOrEqual(line.orders);
      }
    }));
  });
});
