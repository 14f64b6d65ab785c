/**
 * A closed campaign in the records database, as the closing activity finds it: the campaign row,
 * per-channel daily metrics, reviews, interactions and survey answers, and a status built by hand
 * the way the workflow reports it at the end.
 */
import type { Pool } from 'pg';
import { CHANNEL_DAY_METRICS } from '../../domain/channel-metrics.js';
import type { RetrospectiveAnswer } from '../../domain/closing/retrospective.js';
import type { Plan, PlanInput } from '../../domain/plan/schema.js';
import type { CampaignStatus } from '../../workflows/contract.js';
import { closingPlan, closingRows } from '../domain/report/closing-fixture.js';

export interface ClosedCampaign {
  id: string;
  plan: Plan;
  status: CampaignStatus;
}

export const CHINESE_ANSWERS: RetrospectiveAnswer[] = [
  {
    person: 'li.na',
    worked: ['小红书种草笔记 + 百度品牌词承接'],
    didNot: [{ what: '抖音素材第二周疲劳', rootCause: '没有提前准备备用素材' }],
    lessons: [{ text: '下次要提前两周备货', skills: ['供应链'] }],
  },
  { person: 'wang.wei', worked: ['每日复盘会 15 分钟'], didNot: [], lessons: [{ text: '开工前先对齐品牌规范', skills: ['品牌规范'] }] },
];

export async function insertClosedCampaign(
  pool: Pool,
  opts: { id: string; plan?: Partial<PlanInput>; answers?: RetrospectiveAnswer[]; closedAt?: string; timeScale?: number; rehearsal?: boolean },
): Promise<ClosedCampaign> {
  const plan = closingPlan({ id: opts.id.slice(0, 64), ...opts.plan });
  // The row stands for a real campaign unless told (its numbers are the fixture's, not a simulator's);
  // `rehearsal` is the flag registration would have set (domain/rehearsal.ts).
  const closedAt = opts.closedAt ?? '2027-04-20T10:00:00.000Z';
  await pool.query(
    `INSERT INTO campaigns (id, name, owner, plan, time_scale, rehearsal, phase, started_at) VALUES ($1, $2, $3, $4, $5, $6, 'closed', '2027-03-01T01:00:00Z')`,
    [opts.id, plan.name, plan.owner, JSON.stringify(plan), opts.timeScale ?? 1, opts.rehearsal ?? false],
  );
  const channels = new Set(plan.channels.map((c) => c.id));
  for (const row of closingRows().filter((r) => channels.has(r.channelId))) {
    await pool.query(
      `INSERT INTO metric_observations (campaign_id, channel_id, day, source, record_id, ${CHANNEL_DAY_METRICS.join(', ')})
       VALUES ($1, $2, $3, 'test', $4, ${CHANNEL_DAY_METRICS.map((_, i) => `$${i + 5}`).join(', ')})`,
      [opts.id, row.channelId, row.day, `${opts.id}:${row.channelId}:${row.day}`, ...CHANNEL_DAY_METRICS.map((m) => row[m])],
    );
  }
  const reviews = [
    { key: 'daily:5', day: 5, changes: [{ channelId: plan.channels[0]!.id, from: 40_000, to: 40_000, reason: 'ROI 低于 0.3，暂停', status: 'paused' }] },
    { key: 'daily:10', day: 10, changes: [{ channelId: plan.channels[0]!.id, from: 40_000, to: 55_000, reason: '投产比最高' }] },
  ];
  for (const review of reviews) {
    await pool.query(
      'INSERT INTO reviews (campaign_id, review_key, period, day, summary) VALUES ($1, $2, $3, $4, $5)',
      [opts.id, review.key, 'daily', review.day, JSON.stringify({ ...review, period: 'daily', at: closedAt, lines: [], totals: {}, notes: [] })],
    );
  }
  const mentions: Array<[string, number]> = [['2027-03-02T04:00:00Z', 0.6], ['2027-03-02T05:00:00Z', -0.7], ['2027-03-03T05:00:00Z', 0]];
  for (const [i, [at, score]] of mentions.entries()) {
    await pool.query(
      `INSERT INTO interactions (campaign_id, item_id, channel_id, author, text, at, score, source) VALUES ($1, $2, $3, 'fan', '好喝', $4, $5, 'test')`,
      [opts.id, `m${i}`, plan.channels[0]!.id, at, score],
    );
  }
  const status = closedStatus(opts.id, plan, closedAt, opts.answers ?? CHINESE_ANSWERS);
  return { id: opts.id, plan, status };
}

function closedStatus(id: string, plan: Plan, closedAt: string, answers: RetrospectiveAnswer[]): CampaignStatus {
  const gates = plan.gates.map((g) => ({
    id: g.id, title: g.title, accountable: g.accountable, responsible: g.responsible, consulted: g.consulted, informed: g.informed,
    dependsOn: g.dependsOn, requiresAcknowledgement: false, status: 'approved', stage: 'approved', stageSince: '2027-03-06T14:00:00.000Z',
    round: 1, openedAt: '2027-03-01T01:00:00.000Z', checklist: [], readiness: [], consultations: [], consultClosed: true, reminders: 0, escalations: 0,
    rounds: [{ round: 1, decision: 'approve', by: g.accountable, at: '2027-03-06T14:00:00.000Z' }],
  }));
  const tasks = plan.tasks.map((t, i) => ({
    id: t.id, name: t.name, owner: t.owner, phase: t.phase, dependsOn: t.dependsOn,
    ...(t.phase === 'preparation' ? { status: 'done', doneAt: `2027-03-0${3 + i * 2}T01:00:00.000Z`, doneBy: t.owner } : { status: 'planned' }),
  }));
  const status = {
    id, name: plan.name, owner: plan.owner, currency: plan.currency, phase: 'closed', timeScale: 1,
    startedAt: '2027-03-01T01:00:00.000Z', day: 21, rolloutDays: 21, waitingOn: [], waiting: [], acknowledged: [],
    gates, tasks,
    channels: plan.channels.map((c) => ({ id: c.id, name: c.name ?? c.id, kind: c.kind, allocation: c.budget.initial, dailyBudget: 0, status: 'active', spend: 0, orders: 0, uv: 0, revenue: 0 })),
    kpis: [], reviews: [], alerts: [],
    closing: { campaignId: id, closedAt, currency: plan.currency, kpis: [], channels: [], totals: { spend: 0, orders: 0, revenue: 0, roi: null, budget: plan.budget.total, budgetUsed: null } },
    budgetApproval: undefined,
    execution: {
      clock: { planStart: '2027-03-01T01:00:00.000Z', workflowStart: '2027-03-01T01:00:00.000Z' },
      schedule: undefined,
      pilot: { status: 'go', channels: [plan.channels[0]!.id], budget: 5_000, days: 3, plannedDays: 3, decisions: [{ decision: 'go', by: 'li.na', at: '2027-03-12T02:00:00.000Z', comment: '达标' }] },
      posts: [
        { key: `rollout:launch-story:${plan.channels[0]!.id}:1`, phase: 'rollout', contentId: 'launch-story', channelId: plan.channels[0]!.id, at: '2027-03-14T12:00:00+08:00', status: 'published', postId: 'p1' },
        { key: `rollout:launch-story:${plan.channels[0]!.id}:2`, phase: 'rollout', contentId: 'launch-story', channelId: plan.channels[0]!.id, at: '2027-03-15T12:00:00+08:00', status: 'failed', error: 'rejected' },
      ],
      crisis: undefined, crises: 0, interactions: undefined, monitoring: undefined,
    },
    retrospective: {
      asked: plan.team.map((m) => m.id),
      answers,
      analyses: [{ kpi: 'orders', by: 'li.na', text: '抖音素材第二周疲劳，换素材太晚。', cause: 'execution' }],
      signedOff: { by: 'li.na', at: closedAt },
    },
    report: undefined,
  };
  return status as unknown as CampaignStatus;
}
