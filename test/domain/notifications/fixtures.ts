/** A small plan written in Chinese and one message of every kind about its gates. */
import { taskStartedMessage } from '../../../domain/notifications/execution-messages.js';
import { newGateState, type GateState } from '../../../domain/gates.js';
import {
  consultRequestMessage, gateDecidedMessage, gateEscalationMessage, gateReminderMessage, gateWaitingMessage,
} from '../../../domain/notifications/gate-messages.js';
import type { NotificationMessage } from '../../../domain/notifications/messages.js';
import { reviewSummaryMessage } from '../../../domain/notifications/review-messages.js';
import type { Review } from '../../../domain/review.js';
import { planSchema, type Plan, type PlanInput } from '../../../domain/plan/schema.js';

export const CAMPAIGN_ID = 'spring-tea-2027';
/** 2027-03-01 09:00 in Shanghai. */
export const OPENED = '2027-03-01T01:00:00.000Z';
/** Two days and three hours later. */
export const LATER = new Date('2027-03-03T04:00:00.000Z');

export function teaPlan(overrides: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({
    id: CAMPAIGN_ID,
    name: '春季新茶上市',
    owner: 'li.na',
    timezone: 'Asia/Shanghai',
    team: [
      { id: 'li.na', name: '李娜', roles: ['pm'], notify: [{ wecom: 'team-robot' }] },
      {
        id: 'zhao.lei', name: '赵磊', roles: ['data'], language: 'en',
        delegate: { to: 'li.na', until: '2027-03-02' },
        notify: [{ email: 'zhao.lei@example.com' }, { slack: 'data-channel' }],
      },
      { id: 'wang.wei', name: '王伟', roles: ['content'], notify: [{ dingtalk: 'content-robot' }] },
      { id: 'chen.jing', name: '陈静', roles: ['channel-ops'] },
    ],
    goals: [{ id: 'orders', name: '新品订单', metric: 'orders', target: 20000, owner: 'li.na' }],
    budget: { total: 100000 },
    channels: [{ id: 'douyin', kind: 'douyin', budget: { initial: 50000, min: 0, max: 80000 } }],
    gates: [
      {
        id: 'goals', title: '目标与KPI确认', accountable: 'zhao.lei', consulted: ['wang.wei', 'zhao.lei'],
        informed: ['wang.wei', 'chen.jing'], responsible: ['li.na'],
        checklist: ['KPI 定义与口径已确认', '每个KPI有负责人'], due: '2d', remind: '1d', escalateTo: 'li.na',
      },
      { id: 'assets', title: '物料审核', accountable: 'li.na', responsible: ['wang.wei'], due: '3d' },
    ],
    rollout: { duration: '10d' },
    closing: { accountable: 'li.na' },
    ...overrides,
  });
}

/** The goals gate, opened at OPENED and waiting for its accountable person ever since. */
export function openGate(overrides: Partial<GateState> = {}): GateState {
  const gate = newGateState(teaPlan().gates[0]!, new Date(OPENED));
  return { ...gate, stage: 'deciding', openedAt: OPENED, stageSince: OPENED, ...overrides };
}

/** The goals gate after one send-back, waiting for round 2 with its first item ticked. */
export function reworkedGate(): GateState {
  const reopened = '2027-03-02T02:00:00.000Z';
  return openGate({
    round: 2,
    openedAt: reopened,
    stageSince: reopened,
    checklist: [{ item: 'KPI 定义与口径已确认', ticked: true, by: 'li.na', at: reopened }, { item: '每个KPI有负责人', ticked: false }],
    rounds: [{ round: 1, decision: 'send-back', by: 'zhao.lei', comment: '转化率口径要和百度统计一致', at: reopened }],
  });
}

export function messagesOfEveryKind(plan: Plan = teaPlan()): Record<NotificationMessage['kind'], NotificationMessage> {
  const checklist = [{ item: 'KPI 定义与口径已确认', ticked: true }, { item: '每个KPI有负责人', ticked: false }];
  const ctx = { campaignId: CAMPAIGN_ID, plan, gate: openGate({ checklist }), at: LATER };
  return {
    'gate-waiting': gateWaitingMessage(ctx),
    'gate-reminder': gateReminderMessage(ctx),
    'gate-escalation': gateEscalationMessage(ctx),
    'gate-decided': gateDecidedMessage(ctx, {
      round: 1, decision: 'send-back', by: 'li.na', onBehalfOf: 'zhao.lei', comment: '请补充复购率口径', at: LATER.toISOString(),
    }),
    'consult-request': consultRequestMessage(ctx),
    'review-summary': reviewSummaryMessage({ campaignId: CAMPAIGN_ID, plan, review: weeklyReview(), at: LATER })!,
    notice: taskStartedMessage({ campaignId: CAMPAIGN_ID, plan, at: LATER }, { id: 'teaser', name: '预热海报', owner: 'wang.wei', deliverable: '三张预热海报' }),
  };
}

/** A weekly review of the first rollout week: douyin spent more and sold less. */
export function weeklyReview(): Review {
  const day = (channelId: string, spend: number, orders: number, revenue: number) =>
    ({ channelId, impressions: 10 * spend, clicks: spend, uv: spend / 2, orders, spend, revenue });
  const douyin = day('douyin', 12_000, 90, 9_000);
  return {
    key: 'weekly:2027-W11', period: 'weekly', day: 7, fromDay: 1, at: LATER.toISOString(),
    lines: [{ channelId: 'douyin', period: douyin, cumulative: douyin, cpa: 133.33, roi: 0.75 }],
    totals: { spend: 12_000, orders: 90, revenue: 9_000, cpa: 133.33, roi: 0.75 },
    changes: [],
    notes: ['抖音订单比平时少了 40%'],
  };
}
