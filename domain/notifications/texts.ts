/**
 * Every sentence a notification can say, English and Simplified Chinese side by side so that
 * neither falls behind. Names come first and ids follow in brackets: people recognise the name,
 * commands need the id.
 */
import { formatMoney } from '../money.js';
import type { CampaignRef, GateRef, NotificationLanguage, PersonRef, ReviewSummaryMessage } from './messages.js';

type ReviewTotals = ReviewSummaryMessage['totals'];
type ReviewChannel = ReviewSummaryMessage['channels'][number];
import { formatInstant } from './time.js';

export interface Phrases {
  language: NotificationLanguage;
  waitingTitle(c: CampaignRef, g: GateRef): string;
  reminderTitle(c: CampaignRef, g: GateRef): string;
  escalationTitle(c: CampaignRef, g: GateRef, accountable: PersonRef, span: string): string;
  decidedTitle(c: CampaignRef, g: GateRef, decision: 'approve' | 'send-back', by: PersonRef): string;
  consultTitle(c: CampaignRef, g: GateRef): string;
  campaignLine(c: CampaignRef): string;
  gateLine(g: GateRef): string;
  waitingSince(iso: string, timeZone: string): string;
  waitingFor(span: string): string;
  due(iso: string, timeZone: string): string;
  sentBack(by: PersonRef, comment: string): string;
  asDelegate(accountable: PersonRef): string;
  checklistHeading(done: number, total: number): string;
  notDecided(accountable: PersonRef, span: string, since: string, timeZone: string): string;
  followUp(accountable: PersonRef): string;
  decision(decision: 'approve' | 'send-back'): string;
  decidedBy(by: PersonRef, onBehalfOf?: PersonRef): string;
  comment(text: string): string;
  decidedAt(iso: string, timeZone: string): string;
  nextRound(round: number): string;
  consultAsk(accountable: PersonRef): string;
  consultReply(accountable: PersonRef): string;
  reviewTitle(c: CampaignRef, period: 'weekly' | 'monthly', label: string): string;
  reviewDays(fromDay: number, toDay: number): string;
  reviewTotals(t: ReviewTotals, currency: string): string;
  reviewChannel(c: ReviewChannel, currency: string): string;
  approveLabel: string;
  sendBackLabel: string;
  statusLabel: string;
  reworkPlaceholder: string;
}

const en: Phrases = {
  language: 'en',
  waitingTitle: (c, g) => `[${c.name}] Gate "${g.title}" waits for your decision`,
  reminderTitle: (c, g) => `[${c.name}] Reminder: gate "${g.title}" still waits for your decision`,
  escalationTitle: (c, g, a, span) => `[${c.name}] Escalation: gate "${g.title}" has waited ${span} for ${a.name}`,
  decidedTitle: (c, g, d, by) => `[${c.name}] Gate "${g.title}" ${d === 'approve' ? 'approved' : 'sent back'} by ${by.name}`,
  consultTitle: (c, g) => `[${c.name}] Your input is asked on gate "${g.title}"`,
  campaignLine: (c) => `Campaign: ${c.name} (${c.id})`,
  gateLine: (g) => `Gate: ${g.title} (${g.id})${g.round > 1 ? `, round ${g.round}` : ''}`,
  waitingSince: (iso, tz) => `Waiting since: ${formatInstant(iso, tz)} (${tz})`,
  waitingFor: (span) => `Waiting for: ${span}`,
  due: (iso, tz) => `Due: ${formatInstant(iso, tz)} (${tz})`,
  sentBack: (by, comment) => `Sent back by ${person(by)}: ${comment}`,
  asDelegate: (a) => `You may decide for ${person(a)} as their delegate.`,
  checklistHeading: (done, total) => `Checklist (${done} of ${total} done):`,
  notDecided: (a, span, since, tz) => `${person(a)} has not decided for ${span} (waiting since ${formatInstant(since, tz)}, ${tz}).`,
  followUp: (a) => `Please follow up with ${a.name}; only they (or their delegate) can decide.`,
  decision: (d) => `Decision: ${d === 'approve' ? 'approved' : 'sent back for rework'}`,
  decidedBy: (by, onBehalfOf) => `By: ${person(by)}${onBehalfOf ? ` on behalf of ${person(onBehalfOf)}` : ''}`,
  comment: (text) => `Comment: ${text}`,
  decidedAt: (iso, tz) => `At: ${formatInstant(iso, tz)} (${tz})`,
  nextRound: (round) => `Round ${round} is open: the gate waits for the rework and a new decision.`,
  consultAsk: (a) => `${person(a)} decides this gate and asks for your input first.`,
  consultReply: (a) => `Reply to ${a.name} directly; only they can approve the gate or send it back.`,
  reviewTitle: (c, period, label) => `[${c.name}] ${period === 'weekly' ? 'Weekly' : 'Monthly'} review ${label}`,
  reviewDays: (from, to) => `Rollout days ${from}–${to}`,
  reviewTotals: (t, cur) => `Spend ${formatMoney(t.spend, cur)} · orders ${t.orders} · revenue ${formatMoney(t.revenue, cur)} · ROI ${t.roi ?? '—'}`,
  reviewChannel: (c, cur) => `${c.name}: spend ${formatMoney(c.spend, cur)}, orders ${c.orders}, ROI ${c.roi ?? '—'}`,
  approveLabel: 'Approve',
  sendBackLabel: 'Send back (say what to rework)',
  statusLabel: 'See the campaign',
  reworkPlaceholder: 'what to rework',
};

const zhCN: Phrases = {
  language: 'zh-CN',
  waitingTitle: (c, g) => `【${c.name}】关卡“${g.title}”等待你审批`,
  reminderTitle: (c, g) => `【${c.name}】提醒:关卡“${g.title}”仍在等待你审批`,
  escalationTitle: (c, g, a, span) => `【${c.name}】升级:关卡“${g.title}”已等待${a.name}决定${span}`,
  decidedTitle: (c, g, d, by) => `【${c.name}】关卡“${g.title}”${d === 'approve' ? '已通过' : '被退回'}(${by.name})`,
  consultTitle: (c, g) => `【${c.name}】请就关卡“${g.title}”提供意见`,
  campaignLine: (c) => `活动:${c.name}(${c.id})`,
  gateLine: (g) => `关卡:${g.title}(${g.id})${g.round > 1 ? `,第 ${g.round} 轮` : ''}`,
  waitingSince: (iso, tz) => `开始等待:${formatInstant(iso, tz)}(${tz})`,
  waitingFor: (span) => `已等待:${span}`,
  due: (iso, tz) => `截止时间:${formatInstant(iso, tz)}(${tz})`,
  sentBack: (by, comment) => `上一轮被${personZh(by)}退回:${comment}`,
  asDelegate: (a) => `你是${personZh(a)}的代理人,可代为决定。`,
  checklistHeading: (done, total) => `检查清单(已完成 ${done}/${total}):`,
  notDecided: (a, span, since, tz) => `${personZh(a)}已${span}未作决定(自 ${formatInstant(since, tz)} 起等待,${tz})。`,
  followUp: (a) => `请跟进${a.name};只有其本人(或其代理人)可以决定。`,
  decision: (d) => `决定:${d === 'approve' ? '通过' : '退回修改'}`,
  decidedBy: (by, onBehalfOf) => `决定人:${personZh(by)}${onBehalfOf ? `,代${personZh(onBehalfOf)}决定` : ''}`,
  comment: (text) => `意见:${text}`,
  decidedAt: (iso, tz) => `时间:${formatInstant(iso, tz)}(${tz})`,
  nextRound: (round) => `已开启第 ${round} 轮:等待修改后重新审批。`,
  consultAsk: (a) => `${personZh(a)}负责审批此关卡,审批前请你提供意见。`,
  consultReply: (a) => `请直接回复${a.name};只有其本人可以通过或退回。`,
  reviewTitle: (c, period, label) => `【${c.name}】${period === 'weekly' ? '周' : '月'}复盘 ${label}`,
  reviewDays: (from, to) => `推广第 ${from}–${to} 天`,
  reviewTotals: (t, cur) => `花费 ${formatMoney(t.spend, cur)} · 订单 ${t.orders} · 收入 ${formatMoney(t.revenue, cur)} · 投产比 ${t.roi ?? '—'}`,
  reviewChannel: (c, cur) => `${c.name}:花费 ${formatMoney(c.spend, cur)},订单 ${c.orders},投产比 ${c.roi ?? '—'}`,
  approveLabel: '通过',
  sendBackLabel: '退回(写明需要修改的内容)',
  statusLabel: '查看活动',
  reworkPlaceholder: '需要修改的内容',
};

function person(p: PersonRef): string {
  return p.name === p.id ? p.id : `${p.name} (${p.id})`;
}

function personZh(p: PersonRef): string {
  return p.name === p.id ? p.id : `${p.name}(${p.id})`;
}

export const TEXTS: Record<NotificationLanguage, Phrases> = { en, 'zh-CN': zhCN };
