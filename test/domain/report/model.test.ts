/** The closing report's model: one document for P3.1–P3.10, and its JSON form. */
import { describe, expect, it } from 'vitest';
import { buildCampaignReport, toJSON } from '../../../domain/report/model.js';
import { closingInput } from './closing-fixture.js';

describe('campaign report model', () => {
  const report = buildCampaignReport(closingInput());

  it('describes the campaign and sums it up', () => {
    expect(report.campaign).toMatchObject({
      id: 'spring-tea-2027', name: '春季新茶上市', ownerName: '李娜', accountableName: '李娜', currency: 'CNY',
      days: { fromDay: 1, toDay: 21 }, languages: ['zh-CN', 'en'], budget: 200_000, strategy: { core: 'content' },
    });
    expect(report.summary).toEqual({
      kpis: { total: 3, met: 0, missed: 2, exceeded: 1, unknown: 0 },
      // Media 83,800 + items 27,500 and 10,000 (at cap) + people 2,520.
      input: 123_820,
      return: 132_680,
      roi: 1.07,
      net: 8_860,
      budgetUsed: 0.6065,
    });
  });

  it('holds every section: KPIs with hints and analysis, ROI, allocation, schedule, qualitative, retrospective, training', () => {
    expect(report.kpis.map((k) => [k.id, k.verdict, k.hints.length > 0])).toEqual([['orders', 'missed', true], ['uv', 'exceeded', true], ['cvr', 'missed', true]]);
    expect(report.kpis[0]!.analysis?.cause).toBe('execution');
    expect(report.roi.channels.map((c) => [c.name, c.spend, c.conversions])).toEqual([['小红书', 20_800, 666], ['抖音', 42_000, 371], ['百度搜索', 21_000, 315]]);
    expect(report.allocation.points.map((p) => p.day)).toEqual([0, 5, 10, 21]);
    expect(report.schedule.map((t) => t.slip)).toEqual([0, 2, -0.5, null]);
    expect(report.qualitative.sentiment.map((s) => s.negativeShare)).toEqual([0.0455, 0.1463, 0.0337, 0.0244]);
    expect(report.retrospective.map((a) => [a.name, a.roles])).toEqual([['李娜', ['pm']], ['王伟', ['content', 'design']]]);
    expect(report.practices[0]).toEqual({ text: '每日复盘会 15 分钟', people: ['李娜', '王伟'] });
    expect(report.training.map((r) => r.role)).toEqual(['pm', 'content', 'design']);
    expect(report.archive).toEqual({
      key: 'case:spring-tea-2027', planId: 'spring-tea-2027', closedAt: '2027-04-20T10:00:00.000Z', strategy: 'content',
      channelKinds: ['xiaohongshu', 'douyin', 'baidu-sem'], kpis: ['orders', 'uv', 'cvr'], tags: ['新品', '春茶', '视频'],
    });
  });

  it('works from the plan and the data alone, before anyone wrote a retrospective', () => {
    const { campaignId, plan, closedAt, rows } = closingInput();
    const bare = buildCampaignReport({ campaignId, plan, closedAt, rows });
    expect(bare.retrospective).toEqual([]);
    expect(bare.training).toEqual([]);
    expect(bare.qualitative).toEqual({ survey: null, sentiment: [], notes: [] });
    expect(bare.schedule.every((t) => t.actual === null)).toBe(true);
    expect(bare.kpis.every((k) => k.analysis === null)).toBe(true);
  });

  it('is its own JSON form', () => {
    expect(JSON.parse(toJSON(report))).toEqual(report);
  });
});
