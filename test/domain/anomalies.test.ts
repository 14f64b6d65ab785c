import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANOMALY_METRICS, channelDayAnomalies, detectAnomalies, formatNumber, metricValue, type AnomalyMetric, type MetricSeries,
} from '../../domain/anomalies.js';
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../../domain/channel-metrics.js';

function series(metric: AnomalyMetric, values: ReadonlyArray<number | null>, firstDay = 1): MetricSeries {
  return { channelId: 'douyin', metric, points: values.map((value, i) => ({ day: firstDay + i, value })) };
}

function day(channelId: string, dayNumber: number, values: Partial<ChannelDay>): ChannelDay {
  const zeros = Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0])) as Record<(typeof CHANNEL_DAY_METRICS)[number], number>;
  return { ...zeros, channelId, day: dayNumber, ...values };
}

describe('anomalies', () => {
  it('flags a clear drop against the trailing week and says it in both languages', () => {
    const found = detectAnomalies(series('orders', [47, 45, 50, 48, 46, 49, 47, 18], 5));
    expect(found).toEqual([{
      channelId: 'douyin', metric: 'orders', day: 12, direction: 'drop', value: 18, baseline: 47, change: -0.617,
      message: {
        en: 'douyin orders dropped 62% on day 12 (18 against a usual 47)',
        'zh-CN': 'douyin 订单数在第 12 天骤降 62%（18，平时约 47）',
      },
    }]);
  });

  it('flags a clear spike, with money formatted for reading', () => {
    const [spike] = detectAnomalies(series('spend', [1000, 1100, 950, 1050, 980, 3500.5]));
    expect(spike).toMatchObject({ day: 6, direction: 'spike', value: 3500.5, baseline: 1000, change: 2.501 });
    expect(spike?.message.en).toBe('douyin spend jumped 250% on day 6 (3,500.5 against a usual 1,000)');
  });

  it('judges only the days asked for, each against the days before it', () => {
    const values = [100, 102, 98, 101, 400, 99, 100, 20];
    expect(detectAnomalies(series('uv', values)).map((a) => [a.day, a.direction])).toEqual([[5, 'spike'], [8, 'drop']]);
    expect(detectAnomalies(series('uv', values), { fromDay: 6 }).map((a) => a.day)).toEqual([8]);
    expect(detectAnomalies(series('uv', values), { toDay: 7 }).map((a) => a.day)).toEqual([5]);
  });

  it('says "jumped to" when the usual value is zero, without a percentage', () => {
    const [jump] = detectAnomalies(series('orders', [0, 0, 0, 0, 12]));
    expect(jump).toMatchObject({ direction: 'spike', value: 12, baseline: 0, change: null });
    expect(jump?.message.en).toBe('douyin orders jumped to 12 on day 5 (usually 0)');
    expect(jump?.message['zh-CN']).toBe('douyin 订单数在第 5 天从平时的 0 跳到 12');
  });

  it('stays quiet without enough history, on tiny numbers, and on an all-zero series', () => {
    expect(detectAnomalies(series('orders', [40, 41, 5]))).toEqual([]);
    expect(detectAnomalies(series('orders', [1, 2, 1, 1, 4]))).toEqual([]);
    expect(detectAnomalies(series('spend', [0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([]);
  });

  it('treats a day without data as missing, not as zero', () => {
    expect(detectAnomalies(series('uv', [500, 520, 480, null, 510, 505]))).toEqual([]);
    // A report that never came (no point at all) is not a drop either.
    const gappy: MetricSeries = { channelId: 'douyin', metric: 'uv', points: [1, 2, 3, 7, 8].map((d) => ({ day: d, value: 500 })) };
    expect(detectAnomalies(gappy)).toEqual([]);
  });

  it('takes a lasting shift as the new normal once it fills most of the trailing week', () => {
    const values = [100, 100, 100, 100, 100, 100, 100, 100, 300, 300, 300, 300, 300, 300, 300, 300, 300];
    expect(detectAnomalies(series('uv', values)).map((a) => a.day)).toEqual([9, 10, 11, 12]);
  });

  it('computes CPA only from days with enough orders', () => {
    expect(metricValue(day('douyin', 1, { spend: 500, orders: 2 }), 'cpa')).toBeNull();
    expect(metricValue(day('douyin', 1, { spend: 500, orders: 4 }), 'cpa')).toBe(125);
    expect(metricValue(day('douyin', 1, { likes: 3, comments: 2, shares: 1, saves: 4 }), 'engagement')).toBe(10);
    expect(metricValue(day('douyin', 1, { orders: 3, signups: 2, inquiries: 1 }), 'conversions')).toBe(6);
  });

  it('finds anomalies across channels and metrics from review rows, with channel names', () => {
    const rows: ChannelDay[] = [];
    for (let d = 1; d <= 8; d++) {
      rows.push(day('douyin', d, { spend: 1000, orders: 40, revenue: 4000, likes: d === 8 ? 900 : 200 }));
      rows.push(day('xiaohongshu', d, { spend: 500, orders: d === 8 ? 4 : 20, revenue: 2000 }));
    }
    const found = channelDayAnomalies(rows, { fromDay: 8, channelNames: { douyin: '抖音', xiaohongshu: '小红书' } });
    expect(found.map((a) => [a.channelId, a.metric, a.direction])).toEqual([
      ['douyin', 'engagement', 'spike'],
      ['xiaohongshu', 'orders', 'drop'],
      ['xiaohongshu', 'conversions', 'drop'],
      ['xiaohongshu', 'cpa', 'spike'],
    ]);
    expect(found[0]?.message['zh-CN']).toBe('抖音 互动量在第 8 天激增 350%（900，平时约 200）');
    expect(found[3]?.message.en).toBe('小红书 CPA jumped 400% on day 8 (125 against a usual 25)');
  });

  it('formats numbers with grouped thousands and at most two decimals', () => {
    expect([formatNumber(0), formatNumber(1234567), formatNumber(1234.5), formatNumber(0.125), formatNumber(-2500)])
      .toEqual(['0', '1,234,567', '1,234.5', '0.13', '-2,500']);
  });
});

describe('anomaly invariants', () => {
  const metric = fc.constantFrom(...ANOMALY_METRICS);

  it('raises no alarm on a steady series with noise within ±10%', () => {
    fc.assert(fc.property(
      metric,
      fc.double({ min: 1, max: 1_000_000, noNaN: true }),
      fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 40 }),
      (m, level, noise) => {
        expect(detectAnomalies(series(m, noise.map((n) => level * (1 + n))))).toEqual([]);
      },
    ));
  });

  it('raises no alarm on small counts jittering below the absolute minimum', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }), (values) => {
      expect(detectAnomalies(series('orders', values))).toEqual([]);
    }));
  });

  it('always flags a threefold spike and a fall to a quarter after a steady week', () => {
    fc.assert(fc.property(
      metric,
      fc.integer({ min: 500, max: 1_000_000 }),
      fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 7, maxLength: 7 }),
      fc.boolean(),
      (m, level, noise, up) => {
        const values = [...noise.map((n) => level * (1 + n)), up ? level * 3 : level / 4];
        const found = detectAnomalies(series(m, values));
        expect(found.map((a) => [a.day, a.direction])).toEqual([[8, up ? 'spike' : 'drop']]);
      },
    ));
  });

  it('never reports NaN or Infinity, whatever the series (zeros included)', () => {
    const value = fc.oneof(fc.constant(0), fc.constant(null), fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e7, noNaN: true }));
    fc.assert(fc.property(metric, fc.array(value, { maxLength: 30 }), (m, values) => {
      for (const a of detectAnomalies(series(m, values))) {
        expect(Number.isFinite(a.value) && Number.isFinite(a.baseline)).toBe(true);
        expect(a.change === null || Number.isFinite(a.change)).toBe(true);
        expect(`${a.message.en} ${a.message['zh-CN']}`).not.toMatch(/NaN|Infinity/);
      }
    }));
  });
});
