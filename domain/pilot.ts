/**
 * The pilot's go/no-go (P2.2): a small run on a few channels, then its numbers against the plan's
 * `pilot.successCriteria`. The result is a recommendation for the person who decides
 * (`pilot.decidedBy`), with every criterion's target and actual, never the decision itself.
 */
import { kpiValues } from './kpi/tree.js';
import { totalsByMetric, type ChannelMetrics } from './metrics.js';
import type { Lang } from './plan/issues.js';
import type { GoalInput, Plan } from './plan/schema.js';

export type SuccessCriterion = NonNullable<Plan['pilot']>['successCriteria'][number];

export interface CriterionResult {
  kpi: string;
  /** The KPI's name in the plan, or its id when the plan has no such KPI. */
  name: string;
  target: { atLeast?: number | undefined; atMost?: number | undefined };
  actual: number | 'unknown';
  pass: boolean;
  message: Record<Lang, string>;
}

export interface PilotEvaluation {
  recommendation: 'go' | 'no-go';
  criteria: CriterionResult[];
  message: Record<Lang, string>;
}

export interface PilotInput {
  goals: readonly GoalInput[];
  successCriteria: readonly SuccessCriterion[];
  /** Raw metrics over the pilot (what KPI leaves name), e.g. from `pilotMetrics`. */
  metrics: Readonly<Record<string, number>>;
}

/**
 * The pilot's raw metrics: channel totals, plus metrics that reach us another way (registrations
 * from a form, say). Those given separately win, as they are what the team measured directly.
 */
export function pilotMetrics(rows: readonly ChannelMetrics[], extra: Readonly<Record<string, number>> = {}): Record<string, number> {
  return { ...totalsByMetric(rows), ...extra };
}

export function evaluatePilot(input: PilotInput): PilotEvaluation {
  const values = new Map(kpiValues(input.goals, input.metrics).map((kpi) => [kpi.id, kpi]));
  const criteria = input.successCriteria.map((criterion): CriterionResult => {
    const kpi = values.get(criterion.kpi);
    const actual = kpi?.actual ?? 'unknown';
    const target = { atLeast: criterion.atLeast, atMost: criterion.atMost };
    const pass = actual !== 'unknown'
      && (criterion.atLeast === undefined || actual >= criterion.atLeast)
      && (criterion.atMost === undefined || actual <= criterion.atMost);
    const name = kpi?.name ?? criterion.kpi;
    return { kpi: criterion.kpi, name, target, actual, pass, message: criterionMessage(name, target, actual, pass, kpi !== undefined) };
  });
  const failed = criteria.filter((c) => !c.pass);
  const recommendation = failed.length === 0 ? 'go' : 'no-go';
  return { recommendation, criteria, message: overallMessage(criteria.length, failed) };
}

function criterionMessage(
  name: string,
  target: CriterionResult['target'],
  actual: number | 'unknown',
  pass: boolean,
  known: boolean,
): Record<Lang, string> {
  const wanted = targetText(target);
  if (!known) {
    return {
      en: `${name}: the plan has no KPI with this id, so the criterion (${wanted.en}) cannot be met.`,
      'zh-CN': `${name}: 计划中没有这个 KPI, 该标准(${wanted['zh-CN']})无法达成。`,
    };
  }
  if (actual === 'unknown') {
    return {
      en: `${name}: no value yet (the pilot reported none of the metrics it needs), so it counts as not met (${wanted.en}).`,
      'zh-CN': `${name}: 尚无数值(试点未上报所需指标), 按未达标处理(${wanted['zh-CN']})。`,
    };
  }
  return pass
    ? { en: `${name}: ${formatNumber(actual)}, meets ${wanted.en}.`, 'zh-CN': `${name}: ${formatNumber(actual)}, 达到${wanted['zh-CN']}。` }
    : { en: `${name}: ${formatNumber(actual)}, misses ${wanted.en}.`, 'zh-CN': `${name}: ${formatNumber(actual)}, 未达到${wanted['zh-CN']}。` };
}

/** A criterion without bounds asks only that the KPI be measured. */
function targetText(target: CriterionResult['target']): Record<Lang, string> {
  const en: string[] = [];
  const zh: string[] = [];
  if (target.atLeast !== undefined) {
    en.push(`at least ${formatNumber(target.atLeast)}`);
    zh.push(`不低于 ${formatNumber(target.atLeast)}`);
  }
  if (target.atMost !== undefined) {
    en.push(`at most ${formatNumber(target.atMost)}`);
    zh.push(`不高于 ${formatNumber(target.atMost)}`);
  }
  if (en.length === 0) return { en: 'a measured value', 'zh-CN': '有实际数值' };
  return { en: en.join(' and '), 'zh-CN': zh.join('且') };
}

function overallMessage(total: number, failed: readonly CriterionResult[]): Record<Lang, string> {
  if (total === 0) {
    return {
      en: 'Go: the pilot has no success criteria; decide from its data and the feedback collected.',
      'zh-CN': '建议继续: 试点未设成功标准, 请根据试点数据和收集到的反馈决定。',
    };
  }
  if (failed.length === 0) {
    return { en: `Go: all ${total} success criteria are met.`, 'zh-CN': `建议继续: ${total} 项成功标准全部达成。` };
  }
  const names = failed.map((c) => c.name);
  return {
    en: `No-go: ${failed.length} of ${total} success criteria are not met (${names.join(', ')}); fix what the pilot showed before scaling up.`,
    'zh-CN': `建议暂缓: ${total} 项成功标准中有 ${failed.length} 项未达成(${names.join('、')}), 请先解决试点暴露的问题再扩大投放。`,
  };
}

/** Rates keep three significant digits (0.0123), larger numbers two decimals at most. */
function formatNumber(value: number): string {
  if (value !== 0 && Math.abs(value) < 1) return String(Number(value.toPrecision(3)));
  return String(Math.round(value * 100) / 100);
}
