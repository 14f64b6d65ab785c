/**
 * Which channel accounts for most of a KPI's gap (or its overshoot). Each channel is expected to
 * deliver the target in proportion to its share of spend; what it delivered above or below that is
 * its part of the gap. For an additive KPI those parts add up to the whole gap, so the largest one
 * is the channel that explains most of it. A rate (a formula KPI) does not add up; there each
 * channel's own level is compared with the target, weighted by its share of spend.
 */
import { formatNumber, formatPercent, type Bilingual } from '../report/format.js';
import type { Verdict } from './kpi-judgement.js';

export interface ChannelKpiValue {
  channelId: string;
  name: string;
  /** The KPI computed from this channel's data alone. */
  value: number;
  spend: number;
}

export interface GapQuestion {
  kpiName: string;
  target: number;
  additive: boolean;
  verdict: Extract<Verdict, 'missed' | 'exceeded'>;
  /** +1 when the cause is a channel above expectation, −1 when below. */
  direction: 1 | -1;
}

export interface ChannelGap {
  channelId: string;
  message: Bilingual;
}

export function channelGap(question: GapQuestion, channels: readonly ChannelKpiValue[]): ChannelGap | undefined {
  const totalSpend = channels.reduce((s, c) => s + c.spend, 0);
  // Without spend there is no share to expect results in proportion to.
  if (channels.length < 2 || totalSpend <= 0) return undefined;
  const totalValue = channels.reduce((s, c) => s + c.value, 0);
  let best: { channel: ChannelKpiValue; score: number; spendShare: number } | undefined;
  for (const channel of channels) {
    const spendShare = channel.spend / totalSpend;
    const part = question.additive
      ? channel.value - spendShare * question.target
      : spendShare * (channel.value - question.target);
    const score = question.direction * part;
    if (score > 1e-12 && (!best || score > best.score)) best = { channel, score, spendShare };
  }
  if (!best) return undefined;
  const { channel, spendShare } = best;
  const message = question.additive
    ? additiveMessage(question, channel, spendShare, totalValue)
    : rateMessage(question, channel, spendShare);
  return { channelId: channel.channelId, message };
}

function additiveMessage(q: GapQuestion, c: ChannelKpiValue, spendShare: number, totalValue: number): Bilingual {
  const valueShare = totalValue !== 0 ? c.value / totalValue : 0;
  const expected = spendShare * q.target;
  const f = (lang: 'en' | 'zh-CN') => ({
    spend: formatPercent(spendShare, lang),
    share: formatPercent(valueShare, lang),
    value: formatNumber(c.value, lang),
    expected: formatNumber(expected, lang),
  });
  const en = f('en');
  const zh = f('zh-CN');
  return q.verdict === 'missed'
    ? {
      en: `${c.name} accounts for most of the gap: ${en.spend} of spend, ${en.share} of ${q.kpiName} (${en.value}); in proportion to its spend it would have been ${en.expected}.`,
      'zh-CN': `差距主要来自${c.name}：花费占 ${zh.spend}，${q.kpiName}占 ${zh.share}（${zh.value}）；按花费占比应为 ${zh.expected}。`,
    }
    : {
      en: `${c.name} drove most of the lead over the target: ${en.spend} of spend, ${en.share} of ${q.kpiName} (${en.value}) against ${en.expected} in proportion to its spend.`,
      'zh-CN': `超出目标主要来自${c.name}：花费占 ${zh.spend}，${q.kpiName}占 ${zh.share}（${zh.value}），按花费占比应为 ${zh.expected}。`,
    };
}

function rateMessage(q: GapQuestion, c: ChannelKpiValue, spendShare: number): Bilingual {
  const f = (lang: 'en' | 'zh-CN') => ({
    spend: formatPercent(spendShare, lang),
    value: formatNumber(c.value, lang),
    target: formatNumber(q.target, lang),
  });
  const en = f('en');
  const zh = f('zh-CN');
  return q.verdict === 'missed'
    ? {
      en: `${c.name} held ${q.kpiName} back most: ${en.value} against the target ${en.target}, on ${en.spend} of spend.`,
      'zh-CN': `${q.kpiName}受${c.name}拖累最大：${zh.value}（目标 ${zh.target}），花费占 ${zh.spend}。`,
    }
    : {
      en: `${c.name} carried ${q.kpiName} most: ${en.value} against the target ${en.target}, on ${en.spend} of spend.`,
      'zh-CN': `${q.kpiName}主要由${c.name}带动：${zh.value}（目标 ${zh.target}），花费占 ${zh.spend}。`,
    };
}
