import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_KINDS, channelResponse, simulateChannelDay, typicalResponse, type ChannelDay,
} from '../../sandbox/response-model.js';

const day = (overrides: Partial<ChannelDay> = {}): ChannelDay => ({
  seed: 'spring-sale',
  campaignId: 'cmp-2025-spring',
  channelId: 'weibo-main',
  kind: 'weibo',
  day: 3,
  dailyBudget: 5_000,
  posts: 1,
  ...overrides,
});

describe('sandbox response model', () => {
  it('gives the same results for the same inputs', () => {
    expect(simulateChannelDay(day())).toEqual(simulateChannelDay(day()));
    expect(simulateChannelDay(day({ channelId: '微博-主号', kind: 'douyin' })))
      .toEqual(simulateChannelDay(day({ channelId: '微博-主号', kind: 'douyin' })));
  });

  it('varies from day to day, between channels and between seeds', () => {
    const base = simulateChannelDay(day());
    expect(simulateChannelDay(day({ day: 4 }))).not.toEqual(base);
    expect(simulateChannelDay(day({ channelId: 'weibo-second' }))).not.toEqual(base);
    expect(simulateChannelDay(day({ seed: 'other-seed' }))).not.toEqual(base);
  });

  it('spends nothing without a budget', () => {
    for (const kind of CHANNEL_KINDS) {
      expect(simulateChannelDay(day({ kind, dailyBudget: 0, posts: 0 })).spend).toBe(0);
      expect(simulateChannelDay(day({ kind, dailyBudget: 0, posts: 3 })).spend).toBe(0);
    }
  });

  it('spends close to, and never above, the daily budget', () => {
    const results = simulateChannelDay(day({ dailyBudget: 10_000 }));
    expect(results.spend).toBeLessThanOrEqual(10_000);
    expect(results.spend).toBeGreaterThan(8_000);
  });

  it('gives an official account organic reach from posts even at zero spend', () => {
    const quiet = simulateChannelDay(day({ kind: 'wechat-oa', dailyBudget: 0, posts: 0 }));
    const posted = simulateChannelDay(day({ kind: 'wechat-oa', dailyBudget: 0, posts: 2 }));
    expect(posted.spend).toBe(0);
    expect(posted.impressions).toBeGreaterThan(quiet.impressions + 5_000);
  });

  it('shows diminishing returns: doubling a large spend gives far less than double the orders', () => {
    const kinds = ['douyin', 'baidu-sem', 'xiaohongshu', 'weibo'] as const;
    for (const kind of kinds) {
      const saturation = typicalResponse(kind).saturationSpend;
      const high = simulateChannelDay(day({ kind, posts: 0, dailyBudget: 2 * saturation }));
      const doubled = simulateChannelDay(day({ kind, posts: 0, dailyBudget: 4 * saturation }));
      expect(doubled.spend).toBeGreaterThan(1.9 * high.spend);
      expect(doubled.orders).toBeGreaterThanOrEqual(high.orders);
      expect(doubled.orders).toBeLessThan(1.5 * high.orders);
      expect(doubled.impressions).toBeLessThan(1.5 * high.impressions);
    }
  });

  it('gives each kind its typical shape: search converts intent, short video reaches widely, EDM is cheap', () => {
    const sem = typicalResponse('baidu-sem');
    const douyin = typicalResponse('douyin');
    const xhs = typicalResponse('xiaohongshu');
    const edm = typicalResponse('edm');
    expect(sem.conversionRate).toBeGreaterThan(douyin.conversionRate);
    expect(sem.reachPerYuan).toBeLessThan(douyin.reachPerYuan);
    expect(xhs.reachPerYuan).toBeGreaterThan(sem.reachPerYuan);
    for (const kind of CHANNEL_KINDS) {
      if (kind !== 'edm') expect(edm.reachPerYuan).toBeGreaterThan(typicalResponse(kind).reachPerYuan);
    }
    expect(typicalResponse('wechat-oa').reachPerPost).toBeGreaterThan(0);
    expect(sem.reachPerPost).toBe(0);
  });

  it('perturbs each channel stably around its kind', () => {
    const a = channelResponse('s', 'c', 'weibo-a', 'weibo');
    const b = channelResponse('s', 'c', 'weibo-b', 'weibo');
    expect(a).toEqual(channelResponse('s', 'c', 'weibo-a', 'weibo'));
    expect(a).not.toEqual(b);
    const typical = typicalResponse('weibo');
    for (const response of [a, b]) {
      expect(response.reachPerYuan / typical.reachPerYuan).toBeGreaterThan(0.4);
      expect(response.reachPerYuan / typical.reachPerYuan).toBeLessThan(2.5);
    }
  });

  const inputs = fc.record({
    seed: fc.string({ maxLength: 12 }),
    campaignId: fc.string({ minLength: 1, maxLength: 12 }),
    channelId: fc.string({ minLength: 1, maxLength: 12 }),
    kind: fc.constantFrom(...CHANNEL_KINDS),
    day: fc.integer({ min: 0, max: 400 }),
    dailyBudget: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true })),
    posts: fc.integer({ min: 0, max: 20 }),
  });

  it('keeps the funnel consistent for any input', () => {
    fc.assert(fc.property(inputs, (input) => {
      const r = simulateChannelDay(input);
      for (const count of [r.impressions, r.clicks, r.uv, r.orders]) {
        expect(Number.isInteger(count)).toBe(true);
        expect(count).toBeGreaterThanOrEqual(0);
      }
      expect(r.orders).toBeLessThanOrEqual(r.uv);
      expect(r.uv).toBeLessThanOrEqual(r.clicks);
      expect(r.clicks).toBeLessThanOrEqual(r.impressions);
      expect(r.spend).toBeGreaterThanOrEqual(0);
      expect(r.spend).toBeLessThanOrEqual(input.dailyBudget);
      expect(r.revenue).toBeGreaterThanOrEqual(0);
      if (r.orders === 0) expect(r.revenue).toBe(0);
      if (r.orders > 0) expect(r.revenue).toBeGreaterThan(0);
      expect(Math.round(r.spend * 100) / 100).toBe(r.spend);
    }), { numRuns: 500 });
  });

  it('never gives less for more budget on the same day', () => {
    fc.assert(fc.property(inputs, fc.double({ min: 0, max: 1e6, noNaN: true }), (input, extra) => {
      const less = simulateChannelDay(input);
      const more = simulateChannelDay({ ...input, dailyBudget: input.dailyBudget + extra });
      expect(more.spend).toBeGreaterThanOrEqual(less.spend);
      expect(more.impressions).toBeGreaterThanOrEqual(less.impressions);
      expect(more.orders).toBeGreaterThanOrEqual(less.orders);
    }), { numRuns: 300 });
  });
});
