/** KPI attainment at closing: rates, verdicts, and the hints at causes (P3.1). */
import { describe, expect, it } from 'vitest';
import { kpiAttainment, type KpiAttainment } from '../../../domain/closing/attainment.js';
import { budgetDecisions, sendBacks } from '../../../domain/closing/decisions.js';
import { verdictOf } from '../../../domain/closing/kpi-judgement.js';
import { campaignPeriods } from '../../../domain/closing/period-gap.js';
import { closingInput, closingPlan, closingRows } from '../report/closing-fixture.js';

const input = closingInput();

function attainment(overrides: Partial<Parameters<typeof kpiAttainment>[0]> = {}): Map<string, KpiAttainment> {
  const result = kpiAttainment({
    plan: input.plan,
    rows: input.rows,
    reviews: input.reviews!,
    gates: input.gates!,
    pilot: input.pilot!,
    analyses: input.analyses!,
    ...overrides,
  });
  return new Map(result.map((k) => [k.id, k]));
}

const en = (k: KpiAttainment) => k.hints.map((h) => h.message.en);

describe('KPI attainment', () => {
  it('rates every KPI in the tree, formula KPIs included', () => {
    const kpis = attainment();
    expect([...kpis.keys()]).toEqual(['orders', 'uv', 'cvr']);
    // 小红书 624 + 抖音 350 + 百度 315 orders; 42,000 + 52,500 + 16,800 visitors.
    expect(kpis.get('orders')).toMatchObject({ target: 2000, actual: 1289, attainment: 0.6445, verdict: 'missed', owner: 'li.na' });
    expect(kpis.get('uv')).toMatchObject({ actual: 111_300, attainment: 1.113, verdict: 'exceeded' });
    expect(kpis.get('cvr')!.actual).toBeCloseTo(1289 / 111_300, 6);
    expect(kpis.get('cvr')!.verdict).toBe('missed');
  });

  it('names the channel behind most of the gap: more of the spend than of the result', () => {
    const orders = attainment().get('orders')!;
    expect(orders.hints[0]!.kind).toBe('channel');
    // 抖音 spent 42,000 of 83,800 (50.1%) and brought 350 orders; at its share of spend, 1,002.
    expect(orders.hints[0]!.message.en).toBe(
      '抖音 accounts for most of the gap: 50.1% of spend, 27.2% of 新品订单 (350); in proportion to its spend it would have been 1,002.',
    );
    expect(orders.hints[0]!.message['zh-CN']).toBe('差距主要来自抖音：花费占 50.1%，新品订单占 27.2%（350）；按花费占比应为 1,002。');
  });

  it('names the channel that carried an overshoot', () => {
    const uv = attainment().get('uv')!;
    expect(uv.hints[0]!.message.en).toMatch(/^小红书 drove most of the lead over the target: 24\.8% of spend, 37\.7% of 访客数 \(42,000\)/);
  });

  it('compares a rate KPI channel by channel with its target, weighted by spend', () => {
    const cvr = attainment().get('cvr')!;
    expect(cvr.hints[0]).toEqual({
      kind: 'channel',
      message: {
        en: '抖音 held 转化率 back most: 0.00667 against the target 0.02, on 50.1% of spend.',
        'zh-CN': '转化率受抖音拖累最大：0.00667（目标 0.02），花费占 50.1%。',
      },
    });
  });

  it('names the week furthest behind the run rate the target needed', () => {
    const orders = attainment().get('orders')!;
    // Week 2: 391 orders in 7 days against 2,000 ÷ 21 = 95.2 a day.
    expect(orders.hints.find((h) => h.kind === 'period')!.message.en).toBe(
      'Week 2 (days 8–14) fell furthest behind the pace of 新品订单: 55.9 a day against the 95.2 a day the target needed.',
    );
  });

  it('uses days as periods when the campaign ran less than two weeks', () => {
    expect(campaignPeriods({ fromDay: 1, toDay: 10 }).map((p) => [p.kind, p.fromDay, p.toDay])).toHaveLength(10);
    expect(campaignPeriods({ fromDay: 1, toDay: 15 }).map((p) => [p.kind, p.index, p.fromDay, p.toDay])).toEqual([
      ['week', 1, 1, 7], ['week', 2, 8, 14], ['week', 3, 15, 15],
    ]);
    const rows = closingRows().filter((r) => r.day <= 10);
    const orders = kpiAttainment({ plan: input.plan, rows }).find((k) => k.id === 'orders')!;
    expect(orders.hints.find((h) => h.kind === 'period')!.message.en).toMatch(/^Day 9 fell furthest behind/);
  });

  it('lists the budget moves of that channel and the pauses before the weak period, then the launch delays', () => {
    const orders = attainment().get('orders')!;
    expect(orders.hints.map((h) => h.kind)).toEqual(['channel', 'period', 'pause', 'budget-move', 'send-back']);
    expect(en(orders)).toContain('The day 5 review paused 百度搜索 (allocation ¥40,000 → ¥40,000): ROI 低于 0.3，暂停.');
    expect(en(orders)).toContain('The day 10 review moved 抖音 from ¥60,000 to ¥45,000: 抖音单均成本偏高.');
    // 小红书's move is not about the channel behind the gap.
    expect(en(orders).some((m) => m.includes('小红书'))).toBe(false);
    expect(orders.hints.at(-1)!.message['zh-CN']).toBe('关卡“物料审核”被退回 1 次（“主视觉不够突出”），首次退回 2.5 天后才通过，推迟了上线。');
  });

  it('does not explain an overshoot by pauses or launch delays; a piloted channel brings the pilot in', () => {
    const uv = attainment().get('uv')!;
    expect(uv.hints.map((h) => h.kind)).toEqual(['channel', 'period', 'pilot']);
    expect(uv.hints[2]!.message.en).toBe('The pilot on 小红书 (¥5,000, 3 days) ended in "go" and was scaled up, decided by 李娜: 转化率 1.4%，达标');
  });

  it('brings the pilot in for a KPI that was one of its criteria', () => {
    expect(attainment().get('cvr')!.hints.map((h) => h.kind)).toContain('pilot');
    expect(attainment({ pilot: { decision: 'no-go' } }).get('cvr')!.hints.find((h) => h.kind === 'pilot')!.message['zh-CN'])
      .toBe('小红书试点（¥5,000，3 天）结论为“不推广”。');
  });

  it('looks for no causes within 10% of the target', () => {
    const plan = closingPlan({
      goals: [
        { id: 'near-miss', name: 'Visitors', metric: 'uv', target: 117_000 },
        { id: 'met', name: 'Visitors again', metric: 'uv', target: 111_000 },
      ],
    });
    const [nearMiss, met] = kpiAttainment({ plan, rows: closingRows(), reviews: input.reviews!, gates: input.gates! });
    expect(nearMiss).toMatchObject({ verdict: 'missed', hints: [] });
    expect(met).toMatchObject({ verdict: 'met', hints: [] });
  });

  it('judges a KPI where less is better the other way round (a pilot criterion with only atMost says so)', () => {
    const plan = closingPlan({
      goals: [{ id: 'cpa', name: 'Cost per order', formula: 'spend / orders', target: 50, children: [
        { id: 'spend', name: 'Spend', metric: 'spend', target: 100_000 },
        { id: 'orders', name: 'Orders', metric: 'orders', target: 2000 },
      ] }],
      pilot: { channels: ['xiaohongshu'], budget: 5000, duration: '3d', successCriteria: [{ kpi: 'cpa', atMost: 60 }], decidedBy: 'li.na' },
    });
    const cpa = kpiAttainment({ plan, rows: closingRows() }).find((k) => k.id === 'cpa')!;
    // 83,800 ÷ 1,289 = 65.01 against 50: 30% over a ceiling.
    expect(cpa).toMatchObject({ better: 'lower', verdict: 'missed' });
    expect(cpa.attainment).toBeCloseTo(1.3002, 4);
    expect(cpa.hints[0]!.message.en).toBe('抖音 held Cost per order back most: 120 against the target 50, on 50.1% of spend.');
    expect(verdictOf(0.85, 'lower')).toBe('exceeded');
    expect(verdictOf(0.95, 'lower')).toBe('met');
  });

  it('is unknown without the data, and takes metrics no channel reports from extraMetrics without channel hints', () => {
    const plan = closingPlan({ goals: [{ id: 'registrations', name: 'Registrations', metric: 'registrations', target: 400 }] });
    expect(kpiAttainment({ plan, rows: closingRows() })[0]).toMatchObject({ actual: null, attainment: null, verdict: 'unknown', hints: [] });
    const [registrations] = kpiAttainment({ plan, rows: closingRows(), reviews: input.reviews!, extraMetrics: { registrations: 500 } });
    expect(registrations).toMatchObject({ actual: 500, attainment: 1.25, verdict: 'exceeded' });
    expect(registrations!.hints.map((h) => h.kind)).toEqual(['budget-move', 'budget-move']);
  });

  it('keeps room for the accountable person\'s analysis', () => {
    const kpis = attainment();
    expect(kpis.get('orders')!.analysis).toEqual({ by: 'li.na', text: '抖音素材第二周疲劳，换素材太晚。', cause: 'execution' });
    expect(kpis.get('uv')!.analysis).toBeNull();
  });
});

describe('decisions before a result', () => {
  it('reads every review once, in day order', () => {
    const reviews = [...input.reviews!, input.reviews![0]!];
    expect(budgetDecisions(reviews).map((d) => [d.day, d.channelId])).toEqual([[5, 'baidu'], [10, 'douyin'], [10, 'xiaohongshu']]);
  });

  it('measures a send-back\'s delay in plan days, undoing a rehearsal\'s time scale', () => {
    expect(sendBacks(input.gates!)).toEqual([{ gateId: 'assets', title: '物料审核', sendBacks: 1, firstComment: '主视觉不够突出', delayDays: 2.5 }]);
    expect(sendBacks(input.gates!, 10)[0]!.delayDays).toBe(25);
    expect(sendBacks([{ id: 'g', rounds: [{ round: 1, decision: 'send-back', by: 'x', comment: 'no', at: '2027-01-01T00:00:00Z' }] }])[0]!.delayDays).toBeNull();
  });
});
