/**
 * The closing report (P3.1–P3.10 in one document) as data: what the Markdown and HTML renderers
 * draw and what the case library archives as JSON. Sentences the system writes carry both report
 * languages; what people wrote (retrospective, survey) stays in their words.
 */
import type { ChannelDay } from '../channel-metrics.js';
import type { Plan } from '../plan/schema.js';
import { allocationHistory, type AllocationHistory } from '../closing/allocation-history.js';
import { kpiAttainment, type CauseAnalysis, type KpiAttainment } from '../closing/attainment.js';
import type { GateRecord, PilotOutcome, ReviewRecord } from '../closing/decisions.js';
import type { Verdict } from '../closing/kpi-judgement.js';
import { reportedSpan, type DaySpan, type MetricTotals } from '../closing/metric-totals.js';
import { personName } from '../closing/names.js';
import { qualitativeResults, type QualitativeInput, type QualitativeResults } from '../closing/qualitative.js';
import {
  namedAnswers, reusablePractices, trainingSuggestions, type NamedAnswer, type Practice, type RetrospectiveAnswer, type RoleTraining,
} from '../closing/retrospective.js';
import { campaignRoi, type CampaignRoi, type ContentPosts, type LeadValues } from '../closing/roi.js';
import { plannedVsActual, type GanttTask, type PhaseName, type TaskRecord } from '../closing/schedule-actual.js';
import type { Rehearsal } from '../rehearsal.js';
import type { ReportLanguage } from './format.js';

export interface ReportInput {
  /** The campaign id (the plan id, or `--id` at start). */
  campaignId: string;
  plan: Plan;
  closedAt: string;
  startedAt?: string;
  /** A rehearsal's time scale; wall-clock spans are multiplied by it to get plan days. */
  timeScale?: number;
  /** Why the campaign is a rehearsal (domain/rehearsal.ts); absent for a real campaign. */
  rehearsal?: Rehearsal;
  /** Analytics' per-channel, per-day rows for the whole campaign. */
  rows: readonly ChannelDay[];
  /** The days the campaign ran; the reported days otherwise. */
  span?: DaySpan;
  reviews?: readonly ReviewRecord[];
  gates?: readonly GateRecord[];
  tasks?: readonly TaskRecord[];
  phaseStarts?: Partial<Record<PhaseName, number>>;
  pilot?: PilotOutcome;
  extraMetrics?: Readonly<MetricTotals>;
  lowerIsBetter?: readonly string[];
  analyses?: readonly CauseAnalysis[];
  itemSpend?: Readonly<Record<string, number>>;
  leadValues?: LeadValues;
  posts?: readonly ContentPosts[];
  /** Each channel's allocation at the end (the status's channels). */
  allocations?: Readonly<Record<string, number>>;
  retrospective?: readonly RetrospectiveAnswer[];
  qualitative?: QualitativeInput;
}

export interface CampaignReport {
  version: 1;
  campaign: {
    id: string;
    planId: string;
    name: string;
    owner: string;
    ownerName: string;
    /** Who is accountable for the closing (the plan's `closing.accountable`). */
    accountable: string;
    accountableName: string;
    currency: string;
    timezone: string;
    strategy: { core: string; summary: string } | null;
    startedAt: string | null;
    closedAt: string;
    days: DaySpan | null;
    languages: ReportLanguage[];
    budget: number;
    /** Present only for a rehearsal: its numbers are not a real campaign's. */
    rehearsal?: Rehearsal;
  };
  /** The team as the plan names them, to put names to the ids above and below. */
  people: Array<{ id: string; name: string; roles: string[] }>;
  summary: {
    kpis: Record<Verdict, number> & { total: number };
    input: number;
    return: number;
    roi: number | null;
    net: number;
    /** Media spend and budget items against the plan's budget. */
    budgetUsed: number | null;
  };
  kpis: KpiAttainment[];
  roi: CampaignRoi;
  allocation: AllocationHistory;
  schedule: GanttTask[];
  qualitative: QualitativeResults;
  retrospective: NamedAnswer[];
  /** What worked, as candidates for SOPs, checklists and templates (P3.8). */
  practices: Practice[];
  training: RoleTraining[];
  /** How the case library files the campaign (P3.9). */
  archive: { key: string; planId: string; closedAt: string; strategy: string | null; channelKinds: string[]; kpis: string[]; tags: string[] };
}

export function buildCampaignReport(input: ReportInput): CampaignReport {
  const { plan } = input;
  const span = input.span ?? reportedSpan(input.rows);
  const kpis = kpiAttainment({
    plan,
    rows: input.rows,
    ...(input.reviews ? { reviews: input.reviews } : {}),
    ...(input.gates ? { gates: input.gates } : {}),
    ...(input.pilot ? { pilot: input.pilot } : {}),
    ...(input.extraMetrics ? { extraMetrics: input.extraMetrics } : {}),
    ...(input.lowerIsBetter ? { lowerIsBetter: input.lowerIsBetter } : {}),
    ...(input.analyses ? { analyses: input.analyses } : {}),
    ...(span ? { span } : {}),
    ...(input.timeScale ? { timeScale: input.timeScale } : {}),
  });
  const roi = campaignRoi({
    plan,
    rows: input.rows,
    ...(input.itemSpend ? { itemSpend: input.itemSpend } : {}),
    ...(input.leadValues ? { leadValues: input.leadValues } : {}),
    ...(input.posts ? { posts: input.posts } : {}),
    ...(input.gates ? { gates: input.gates } : {}),
    ...(input.allocations ? { allocations: input.allocations } : {}),
  });
  const answers = input.retrospective ?? [];
  const counts = { total: kpis.length, met: 0, missed: 0, exceeded: 0, unknown: 0 };
  for (const k of kpis) counts[k.verdict] += 1;

  return {
    version: 1,
    campaign: {
      id: input.campaignId,
      planId: plan.id,
      name: plan.name,
      owner: plan.owner,
      ownerName: personName(plan, plan.owner),
      accountable: plan.closing.accountable,
      accountableName: personName(plan, plan.closing.accountable),
      currency: plan.currency,
      timezone: plan.timezone,
      strategy: plan.strategy ? { core: plan.strategy.core, summary: plan.strategy.summary } : null,
      startedAt: input.startedAt ?? null,
      closedAt: input.closedAt,
      days: span ?? null,
      languages: [...plan.closing.reportLanguages],
      budget: plan.budget.total,
      ...(input.rehearsal ? { rehearsal: input.rehearsal } : {}),
    },
    people: plan.team.map((m) => ({ id: m.id, name: m.name, roles: [...m.roles] })),
    summary: {
      kpis: counts,
      input: roi.input.total,
      return: roi.return.total,
      roi: roi.roi,
      net: roi.net,
      budgetUsed: plan.budget.total > 0 ? Math.round(((roi.input.media + roi.input.items) / plan.budget.total) * 10_000) / 10_000 : null,
    },
    kpis,
    roi,
    allocation: allocationHistory(plan, input.reviews ?? [], span?.toDay),
    schedule: plannedVsActual({
      plan,
      ...(input.tasks ? { tasks: input.tasks } : {}),
      ...(input.startedAt ? { startedAt: input.startedAt } : {}),
      ...(input.timeScale ? { timeScale: input.timeScale } : {}),
      ...(input.phaseStarts ? { phaseStarts: input.phaseStarts } : {}),
    }),
    qualitative: qualitativeResults(input.qualitative),
    retrospective: namedAnswers(plan, answers),
    practices: reusablePractices(plan, answers),
    training: trainingSuggestions(plan, answers),
    archive: {
      key: `case:${input.campaignId}`,
      planId: plan.id,
      closedAt: input.closedAt,
      strategy: plan.strategy?.core ?? null,
      channelKinds: [...new Set(plan.channels.map((c) => c.kind))],
      kpis: kpis.map((k) => k.id),
      tags: [...new Set(plan.content.flatMap((c) => c.tags))],
    },
  };
}

/** The report as the case library stores it and `--format json` prints it: the model itself. */
export function toJSON(report: CampaignReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

