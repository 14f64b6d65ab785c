import { describe, expect, it } from 'vitest';
import { emptyMetrics } from '../../domain/metrics.js';
import { evaluatePilot, pilotMetrics } from '../../domain/pilot.js';
import type { GoalInput } from '../../domain/plan/schema.js';

const goals: GoalInput[] = [{
  id: 'orders', name: '新品订单', metric: 'orders', target: 2400,
  children: [
    { id: 'uv', name: '访客数', metric: 'uv', target: 150000 },
    { id: 'cvr', name: '转化率', formula: 'orders / uv', target: 0.016 },
  ],
}, { id: 'registrations', name: 'Registrations', metric: 'registrations', target: 100 }];

const pilotRows = [
  { ...emptyMetrics('xiaohongshu'), uv: 8000, orders: 96, spend: 12000.004, revenue: 30000 },
  { ...emptyMetrics('douyin'), uv: 2000, orders: 34, spend: 6000, revenue: 9000 },
];

describe('pilot go/no-go', () => {
  it('adds up channel metrics, with directly measured ones winning', () => {
    expect(pilotMetrics(pilotRows, { registrations: 42, uv: 10500 })).toMatchObject({ uv: 10500, orders: 130, spend: 18000, registrations: 42 });
  });

  it('recommends go when every criterion is met', () => {
    const result = evaluatePilot({ goals, successCriteria: [{ kpi: 'cvr', atLeast: 0.012 }, { kpi: 'orders', atLeast: 100, atMost: 500 }], metrics: pilotMetrics(pilotRows) });
    expect(result.recommendation).toBe('go');
    expect(result.criteria).toEqual([
      expect.objectContaining({ kpi: 'cvr', name: '转化率', target: { atLeast: 0.012, atMost: undefined }, actual: 0.013, pass: true }),
      expect.objectContaining({ kpi: 'orders', actual: 130, pass: true }),
    ]);
    expect(result.criteria[0]!.message).toEqual({ en: '转化率: 0.013, meets at least 0.012.', 'zh-CN': '转化率: 0.013, 达到不低于 0.012。' });
    expect(result.criteria[1]!.message['zh-CN']).toBe('新品订单: 130, 达到不低于 100且不高于 500。');
    expect(result.message.en).toBe('Go: all 2 success criteria are met.');
  });

  it('recommends no-go when a criterion misses, naming it', () => {
    const result = evaluatePilot({ goals, successCriteria: [{ kpi: 'cvr', atLeast: 0.02 }, { kpi: 'uv', atMost: 20000 }], metrics: pilotMetrics(pilotRows) });
    expect(result.recommendation).toBe('no-go');
    expect(result.criteria.map((c) => c.pass)).toEqual([false, true]);
    expect(result.criteria[0]!.message.en).toBe('转化率: 0.013, misses at least 0.02.');
    expect(result.message['zh-CN']).toBe('建议暂缓: 2 项成功标准中有 1 项未达成(转化率), 请先解决试点暴露的问题再扩大投放。');
  });

  it('fails a criterion whose KPI has no value yet, and says why', () => {
    const result = evaluatePilot({ goals, successCriteria: [{ kpi: 'registrations', atLeast: 10 }], metrics: pilotMetrics(pilotRows) });
    expect(result.criteria[0]).toMatchObject({ actual: 'unknown', pass: false });
    expect(result.criteria[0]!.message.en).toBe('Registrations: no value yet (the pilot reported none of the metrics it needs), so it counts as not met (at least 10).');
    expect(result.recommendation).toBe('no-go');
  });

  it('fails a criterion on a KPI the plan does not have', () => {
    const result = evaluatePilot({ goals, successCriteria: [{ kpi: 'ctr', atLeast: 0.01 }], metrics: {} });
    expect(result.criteria[0]).toMatchObject({ kpi: 'ctr', name: 'ctr', actual: 'unknown', pass: false });
    expect(result.criteria[0]!.message['zh-CN']).toBe('ctr: 计划中没有这个 KPI, 该标准(不低于 0.01)无法达成。');
  });

  it('treats a criterion without bounds as "measured", and no criteria as a judgement call', () => {
    const measured = evaluatePilot({ goals, successCriteria: [{ kpi: 'uv' }], metrics: { uv: 5 } });
    expect(measured.criteria[0]).toMatchObject({ pass: true });
    const none = evaluatePilot({ goals, successCriteria: [], metrics: {} });
    expect(none.recommendation).toBe('go');
    expect(none.message.en).toContain('no success criteria');
  });
});
