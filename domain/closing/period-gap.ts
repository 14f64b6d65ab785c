/**
 * Which period of the campaign was furthest off the pace a KPI needed. Weeks when the campaign ran
 * at least two of them, days otherwise. An additive KPI's daily rate in the period is compared with
 * the target spread evenly over the campaign's days (the run rate); a rate KPI's level in the period
 * is compared with the target itself.
 */
import { formatNumber, type Bilingual } from '../report/format.js';
import type { GapQuestion } from './channel-gap.js';
import type { DaySpan } from './metric-totals.js';

export interface Period extends DaySpan {
  /** 1-based: week 1, week 2 … or day numbers when periods are days. */
  index: number;
  kind: 'week' | 'day';
}

export interface PeriodKpiValue {
  period: Period;
  value: number;
}

export interface PeriodGap {
  period: Period;
  message: Bilingual;
}

const WEEK = 7;

export function campaignPeriods(span: DaySpan): Period[] {
  const days = span.toDay - span.fromDay + 1;
  const length = days >= 2 * WEEK ? WEEK : 1;
  const periods: Period[] = [];
  for (let from = span.fromDay, index = 1; from <= span.toDay; from += length, index++) {
    periods.push({ fromDay: from, toDay: Math.min(span.toDay, from + length - 1), index: length === 1 ? from : index, kind: length === 1 ? 'day' : 'week' });
  }
  return periods;
}

export function periodGap(question: GapQuestion, span: DaySpan, values: readonly PeriodKpiValue[]): PeriodGap | undefined {
  if (values.length < 2) return undefined;
  const campaignDays = span.toDay - span.fromDay + 1;
  const pace = question.target / campaignDays;
  let best: { entry: PeriodKpiValue; score: number; level: number } | undefined;
  for (const entry of values) {
    const level = question.additive ? entry.value / (entry.period.toDay - entry.period.fromDay + 1) : entry.value;
    const score = question.direction * (level - (question.additive ? pace : question.target));
    if (score > 1e-12 && (!best || score > best.score)) best = { entry, score, level };
  }
  if (!best) return undefined;
  const { period } = best.entry;
  return { period, message: message(question, period, best.level, pace) };
}

function label(p: Period): Bilingual {
  return p.kind === 'day'
    ? { en: `Day ${p.fromDay}`, 'zh-CN': `第 ${p.fromDay} 天` }
    : { en: `Week ${p.index} (days ${p.fromDay}–${p.toDay})`, 'zh-CN': `第 ${p.index} 周（第 ${p.fromDay}–${p.toDay} 天）` };
}

function message(q: GapQuestion, p: Period, level: number, pace: number): Bilingual {
  const name = label(p);
  const en = { level: formatNumber(level, 'en'), pace: formatNumber(pace, 'en'), target: formatNumber(q.target, 'en') };
  const zh = { level: formatNumber(level, 'zh-CN'), pace: formatNumber(pace, 'zh-CN'), target: formatNumber(q.target, 'zh-CN') };
  if (q.additive) {
    return q.verdict === 'missed'
      ? {
        en: `${name.en} fell furthest behind the pace of ${q.kpiName}: ${en.level} a day against the ${en.pace} a day the target needed.`,
        'zh-CN': `${name['zh-CN']}${q.kpiName}离目标节奏最远：日均 ${zh.level}，目标需要日均 ${zh.pace}。`,
      }
      : {
        en: `${name.en} ran furthest ahead of the pace of ${q.kpiName}: ${en.level} a day against the ${en.pace} a day the target needed.`,
        'zh-CN': `${name['zh-CN']}${q.kpiName}超出目标节奏最多：日均 ${zh.level}，目标只需日均 ${zh.pace}。`,
      };
  }
  return q.verdict === 'missed'
    ? {
      en: `${name.en} was the weakest for ${q.kpiName}: ${en.level} against the target ${en.target}.`,
      'zh-CN': `${name['zh-CN']}${q.kpiName}表现最弱：${zh.level}（目标 ${zh.target}）。`,
    }
    : {
      en: `${name.en} was the strongest for ${q.kpiName}: ${en.level} against the target ${en.target}.`,
      'zh-CN': `${name['zh-CN']}${q.kpiName}表现最好：${zh.level}（目标 ${zh.target}）。`,
    };
}
