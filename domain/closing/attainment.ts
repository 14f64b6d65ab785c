/**
 * KPI attainment at closing (P3.1): every KPI in the tree against its target, with hints at why a
 * KPI missed or beat its target by more than 10%: the channel behind most of the gap, the period
 * furthest off pace, and the decisions that came before. The accountable person's own analysis sits
 * beside the hints; the hints are where that analysis starts, not its conclusion.
 */
import type { ChannelDay } from '../channel-metrics.js';
import { flattenGoals, kpiValues, type KpiValue } from '../kpi/tree.js';
import type { GoalInput, Plan } from '../plan/schema.js';
import type { Bilingual } from '../report/format.js';
import { channelGap, type ChannelKpiValue, type GapQuestion } from './channel-gap.js';
import {
  budgetDecisions, budgetHints, pilotHint, sendBackHints, type GateRecord, type PilotOutcome, type ReviewRecord,
} from './decisions.js';
import { additiveKpis, lowerIsBetterKpis, needsCauses, verdictOf, type Better, type Verdict } from './kpi-judgement.js';
import { channelIdsOf, metricTotals, reportedSpan, type DaySpan, type MetricTotals } from './metric-totals.js';
import { channelName } from './names.js';
import { campaignPeriods, periodGap, type PeriodKpiValue } from './period-gap.js';

export type HintKind = 'channel' | 'period' | 'budget-move' | 'pause' | 'pilot' | 'send-back';

export interface KpiHint {
  kind: HintKind;
  message: Bilingual;
}

/** P3.1's four kinds of cause, as the accountable person names them. */
export const CAUSE_KINDS = ['strategy', 'execution', 'environment', 'target'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** Why a KPI landed where it did, in the accountable person's own words. */
export interface CauseAnalysis {
  kpi: string;
  /** Team member id. */
  by: string;
  text: string;
  cause?: CauseKind;
}

export interface KpiAttainment {
  id: string;
  name: string;
  owner: string | null;
  unit: string | null;
  target: number;
  /** Null while the data needed is missing. */
  actual: number | null;
  /** actual ÷ target; null when either is unknown. */
  attainment: number | null;
  better: Better;
  verdict: Verdict;
  hints: KpiHint[];
  /** Filled from the accountable person's retrospective; null until then. */
  analysis: Omit<CauseAnalysis, 'kpi'> | null;
}

export interface AttainmentInput {
  plan: Plan;
  rows: readonly ChannelDay[];
  reviews?: readonly ReviewRecord[];
  gates?: readonly GateRecord[];
  pilot?: PilotOutcome;
  /**
   * Campaign-wide metrics no channel reports (registrations from the CRM, survey reach); they
   * replace channel totals of the same name. KPIs that need them get no channel or period hints.
   */
  extraMetrics?: Readonly<MetricTotals>;
  /** KPIs where less is better, beyond those the pilot criteria mark so. */
  lowerIsBetter?: readonly string[];
  analyses?: readonly CauseAnalysis[];
  /** The days the campaign ran; the reported days otherwise. */
  span?: DaySpan;
  /** A rehearsal's time scale: gate delays are measured in wall-clock time. */
  timeScale?: number;
}

export function kpiAttainment(input: AttainmentInput): KpiAttainment[] {
  const { plan, rows } = input;
  const flat = flattenGoals(plan.goals);
  const goals = new Map<string, { goal: GoalInput; owner: string | undefined }>();
  for (const f of flat) if (!goals.has(f.goal.id)) goals.set(f.goal.id, { goal: f.goal, owner: f.owner });
  const additive = additiveKpis(flat.map((f) => f.goal));
  const lowerBetter = lowerIsBetterKpis(plan, input.lowerIsBetter);
  const campaign = kpiValues(plan.goals, { ...metricTotals(rows), ...input.extraMetrics });
  const perChannel = channelKpis(plan, rows);
  const span = input.span ?? reportedSpan(rows);
  const perPeriod = span ? periodKpis(plan, rows, span) : [];
  const decisions = budgetDecisions(input.reviews ?? []);
  const launchDelays = sendBackHints(input.gates ?? [], input.timeScale);

  return campaign.map((value) => {
    const { goal, owner } = goals.get(value.id)!;
    const better: Better = lowerBetter.has(value.id) ? 'lower' : 'higher';
    const actual = known(value.actual);
    const rate = known(value.attainment);
    const verdict = verdictOf(rate, better);
    const analysis = input.analyses?.find((a) => a.kpi === value.id);
    const result: KpiAttainment = {
      id: value.id,
      name: value.name,
      owner: owner ?? null,
      unit: goal.unit ?? null,
      target: value.target,
      actual,
      attainment: rate,
      better,
      verdict,
      hints: [],
      analysis: analysis ? { by: analysis.by, text: analysis.text, ...(analysis.cause ? { cause: analysis.cause } : {}) } : null,
    };
    if ((verdict !== 'missed' && verdict !== 'exceeded') || !needsCauses(rate)) return result;

    const question: GapQuestion = {
      kpiName: value.name,
      target: value.target,
      additive: additive.has(value.id),
      verdict,
      direction: ((better === 'higher' ? 1 : -1) * (verdict === 'exceeded' ? 1 : -1)) as 1 | -1,
    };
    const channel = channelGap(question, perChannel.flatMap((c) => channelValue(c, value.id)));
    const period = span ? periodGap(question, span, perPeriod.flatMap((p) => periodValue(p, value.id))) : undefined;
    const hints: KpiHint[] = [];
    if (channel) hints.push({ kind: 'channel', message: channel.message });
    if (period) hints.push({ kind: 'period', message: period.message });
    hints.push(...budgetHints(plan, decisions, {
      ...(channel ? { channelId: channel.channelId } : {}),
      ...(period ? { untilDay: period.period.toDay } : {}),
      pauses: verdict === 'missed',
    }));
    const pilot = pilotHint(plan, input.pilot, { kpiId: value.id, ...(channel ? { channelId: channel.channelId } : {}) });
    if (pilot) hints.push(pilot);
    // A late launch shortens the time to reach a target; it does not explain beating one.
    if (verdict === 'missed') hints.push(...launchDelays);
    return { ...result, hints };
  });
}

interface ChannelKpis {
  channelId: string;
  name: string;
  spend: number;
  values: Map<string, KpiValue>;
}

function channelKpis(plan: Plan, rows: readonly ChannelDay[]): ChannelKpis[] {
  return channelIdsOf(plan.channels, rows).flatMap((channelId) => {
    const own = rows.filter((r) => r.channelId === channelId);
    if (own.length === 0) return [];
    const totals = metricTotals(own);
    return [{
      channelId,
      name: channelName(plan, channelId),
      spend: totals['spend']!,
      values: new Map(kpiValues(plan.goals, totals).map((v) => [v.id, v])),
    }];
  });
}

function channelValue(c: ChannelKpis, kpiId: string): ChannelKpiValue[] {
  const value = known(c.values.get(kpiId)?.actual ?? 'unknown');
  return value === null ? [] : [{ channelId: c.channelId, name: c.name, value, spend: c.spend }];
}

function periodKpis(plan: Plan, rows: readonly ChannelDay[], span: DaySpan) {
  return campaignPeriods(span).map((period) => {
    const inPeriod = rows.filter((r) => r.day >= period.fromDay && r.day <= period.toDay);
    return { period, values: new Map(kpiValues(plan.goals, metricTotals(inPeriod)).map((v) => [v.id, v])) };
  });
}

function periodValue(p: ReturnType<typeof periodKpis>[number], kpiId: string): PeriodKpiValue[] {
  const value = known(p.values.get(kpiId)?.actual ?? 'unknown');
  return value === null ? [] : [{ period: p.period, value }];
}

function known(value: number | 'unknown'): number | null {
  return value === 'unknown' || !Number.isFinite(value) ? null : round6(value);
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
