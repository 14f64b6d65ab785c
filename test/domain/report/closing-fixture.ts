/**
 * A closed three-week campaign for closing and report tests: a tea launch in Chinese, three paid
 * channels of which Douyin under-delivers (worst in week 2), budget moves, a sent-back gate, a pilot,
 * retrospective answers, a survey and sentiment.
 */
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../../../domain/channel-metrics.js';
import { planSchema, type Plan, type PlanInput } from '../../../domain/plan/schema.js';
import type { ReportInput } from '../../../domain/report/model.js';

export function channelDay(channelId: string, day: number, values: Partial<ChannelDay>): ChannelDay {
  const zeros = Object.fromEntries(CHANNEL_DAY_METRICS.map((m) => [m, 0])) as Record<(typeof CHANNEL_DAY_METRICS)[number], number>;
  return { ...zeros, channelId, day, ...values };
}

export function closingPlan(overrides: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({
    id: 'spring-tea-2027',
    name: '春季新茶上市',
    owner: 'li.na',
    currency: 'CNY',
    team: [
      { id: 'li.na', name: '李娜', roles: ['pm'], hourlyCost: 200 },
      { id: 'zhao.lei', name: '赵磊', roles: ['data'], hourlyCost: 150 },
      { id: 'wang.wei', name: '王伟', roles: ['content', 'design'] },
      { id: 'chen.jing', name: '陈静', roles: ['channel-ops'], hourlyCost: 120 },
    ],
    goals: [{
      id: 'orders', name: '新品订单', metric: 'orders', target: 2000, owner: 'li.na',
      children: [
        { id: 'uv', name: '访客数', metric: 'uv', target: 100_000, owner: 'zhao.lei' },
        { id: 'cvr', name: '转化率', formula: 'orders / uv', target: 0.02, owner: 'zhao.lei' },
      ],
    }],
    strategy: { core: 'content', summary: '小红书和抖音种草，百度承接' },
    budget: {
      total: 200_000,
      reserve: 20_000,
      items: [
        { id: 'production', name: '内容制作', cap: 30_000 },
        { id: 'tools', name: '工具与平台', cap: 10_000 },
      ],
    },
    channels: [
      { id: 'xiaohongshu', name: '小红书', kind: 'xiaohongshu', budget: { initial: 40_000, min: 10_000, max: 80_000 } },
      { id: 'douyin', name: '抖音', kind: 'douyin', budget: { initial: 60_000, min: 10_000, max: 90_000 } },
      { id: 'baidu', name: '百度搜索', kind: 'baidu-sem', budget: { initial: 40_000, min: 10_000, max: 60_000 } },
    ],
    content: [
      {
        id: 'launch-story', title: '一杯春茶的旅程', channels: ['xiaohongshu', 'douyin'], tags: ['新品', '春茶'],
        media: [{ kind: 'image', url: 'https://assets.example.com/tea/cover.jpg' }, { kind: 'video', url: 'https://assets.example.com/tea/journey.mp4' }],
      },
      { id: 'tasting-video', title: '茶艺师品鉴视频', channels: ['douyin'], tags: ['视频'], media: [{ kind: 'video', url: 'https://assets.example.com/tea/tasting.mp4' }] },
    ],
    gates: [
      { id: 'goals', title: '目标与KPI确认', accountable: 'li.na' },
      { id: 'assets', title: '物料审核', accountable: 'li.na', responsible: ['wang.wei'] },
    ],
    tasks: [
      { id: 'script', name: '视频脚本', owner: 'wang.wei', duration: '2d' },
      { id: 'shoot', name: '拍摄抖音视频', owner: 'wang.wei', duration: '3d', dependsOn: ['script'] },
      { id: 'landing', name: '落地页', owner: 'chen.jing', duration: '2d' },
      { id: 'teaser', name: '预热海报', owner: 'wang.wei', duration: '1d', phase: 'warmup' },
    ],
    pilot: { channels: ['xiaohongshu'], budget: 5_000, duration: '3d', successCriteria: [{ kpi: 'cvr', atLeast: 0.012 }], decidedBy: 'li.na' },
    warmup: { duration: '2d' },
    rollout: { duration: '21d' },
    closing: { accountable: 'li.na' },
    ...overrides,
  });
}

/**
 * Per day: 小红书 spends 1,000 for 30 orders; 抖音 2,000 for 20 (10 in week 2); 百度 1,000 for 15.
 * Revenue is 100 an order. 小红书's spend alternates 800/1,200 with orders following it.
 */
export function closingRows(): ChannelDay[] {
  const rows: ChannelDay[] = [];
  for (let day = 1; day <= 21; day++) {
    const high = day % 2 === 0;
    const xhsOrders = high ? 36 : 24;
    rows.push(channelDay('xiaohongshu', day, { spend: high ? 1200 : 800, orders: xhsOrders, revenue: xhsOrders * 100, uv: 2000, likes: 300, signups: 2 }));
    const dyOrders = day >= 8 && day <= 14 ? 10 : 20;
    rows.push(channelDay('douyin', day, { spend: 2000, orders: dyOrders, revenue: dyOrders * 100, uv: 2500, likes: 500, inquiries: 1 }));
    rows.push(channelDay('baidu', day, { spend: 1000, orders: 15, revenue: 1500, uv: 800, clicks: 900 }));
  }
  return rows;
}

export function closingInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    campaignId: 'spring-tea-2027',
    plan: closingPlan(),
    closedAt: '2027-04-20T10:00:00.000Z',
    startedAt: '2027-03-01T01:00:00.000Z',
    rows: closingRows(),
    reviews: [
      { key: 'daily:10', day: 10, changes: [{ channelId: 'douyin', from: 60_000, to: 45_000, reason: '抖音单均成本偏高' }, { channelId: 'xiaohongshu', from: 40_000, to: 55_000, reason: '小红书投产比最高' }] },
      { key: 'daily:5', day: 5, changes: [{ channelId: 'baidu', from: 40_000, to: 40_000, reason: 'ROI 低于 0.3，暂停', status: 'paused' }] },
    ],
    gates: [
      { id: 'goals', title: '目标与KPI确认', rounds: [{ round: 1, decision: 'approve', by: 'li.na', at: '2027-03-02T02:00:00.000Z' }] },
      {
        id: 'assets', title: '物料审核', rounds: [
          { round: 1, decision: 'send-back', by: 'li.na', comment: '主视觉不够突出', at: '2027-03-04T02:00:00.000Z' },
          { round: 2, decision: 'approve', by: 'li.na', at: '2027-03-06T14:00:00.000Z' },
        ],
      },
    ],
    tasks: [
      { id: 'script', status: 'done', doneAt: '2027-03-03T01:00:00.000Z' },
      { id: 'shoot', status: 'done', doneAt: '2027-03-08T01:00:00.000Z' },
      { id: 'landing', status: 'done', doneAt: '2027-03-02T13:00:00.000Z' },
      { id: 'teaser', status: 'planned' },
    ],
    pilot: { decision: 'go', by: 'li.na', comment: '转化率 1.4%，达标' },
    itemSpend: { production: 27_500 },
    leadValues: { signups: 50, inquiries: 80 },
    allocations: { xiaohongshu: 55_000, douyin: 45_000, baidu: 40_000 },
    analyses: [{ kpi: 'orders', by: 'li.na', text: '抖音素材第二周疲劳，换素材太晚。', cause: 'execution' }],
    retrospective: [
      {
        person: 'li.na',
        worked: ['小红书种草笔记 + 百度品牌词承接', '每日复盘会 15 分钟'],
        didNot: [{ what: '抖音素材第二周疲劳', rootCause: '没有提前准备备用素材' }],
        lessons: [
          { text: '短视频素材至少准备三套轮换', skills: ['短视频创意', '投放优化'] },
          { text: '看板要有分渠道的单均成本', skills: ['数据分析'] },
        ],
      },
      {
        person: 'wang.wei',
        worked: ['每日复盘会 15 分钟'],
        didNot: [{ what: '物料审核被退回一次', rootCause: '品牌规范没有提前对齐' }],
        lessons: [{ text: '开工前先对齐品牌规范', skills: ['品牌规范', '短视频创意'] }],
      },
    ],
    qualitative: {
      survey: { respondents: 412, method: '线上问卷', summary: '品牌认知度从 21% 升到 34%。', scores: [{ name: '品牌认知度', value: 34, outOf: 100 }] },
      sentiment: [
        { day: 1, positive: 120, neutral: 300, negative: 20 },
        { day: 8, positive: 90, neutral: 260, negative: 60 },
        { day: 15, positive: 150, neutral: 280, negative: 15 },
        { day: 21, positive: 170, neutral: 310, negative: 12 },
      ],
      notes: ['《茶周刊》报道了新品发布。'],
    },
    ...overrides,
  };
}
