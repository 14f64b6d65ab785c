/**
 * A closed campaign as the case library keeps it (P3.9): the plan, the timeline (tasks planned and
 * as taken, gates and their rounds, the pilot, budget moves), the metrics per channel and KPI, the
 * decisions, the retrospective, and the report itself. Pure: built from the report model and the
 * pieces of the campaign's status.
 */
import type { CauseAnalysis } from '../closing/attainment.js';
import type { GateRecord, ReviewRecord } from '../closing/decisions.js';
import { budgetDecisions } from '../closing/decisions.js';
import type { RetrospectiveAnswer } from '../closing/retrospective.js';
import { durationDays } from '../plan/schedule.js';
import { isNamedEntry, type WrittenTarget } from '../notifications/targets.js';
import type { Plan } from '../plan/schema.js';
import type { Rehearsal } from '../rehearsal.js';
import type { CampaignReport } from '../report/model.js';
import type { SearchWeight } from './search-tokens.js';

export interface CaseTask {
  id: string;
  name: string;
  owner: string;
  phase: string;
  /** Days the plan gave it. */
  plannedDays: number;
  /** Days it took (from when it could begin to when it was done); null when it was not done. */
  actualDays: number | null;
  doneAt: string | null;
}

export interface CaseGate {
  id: string;
  title: string;
  rounds: Array<{ round: number; decision: string; by: string; comment?: string; at: string }>;
  /** Checklist items as the plan wrote them: what the next team can start from. */
  checklist: string[];
}

export interface CaseChannel {
  channelId: string;
  name: string;
  kind: string;
  budget: { initial: number; min: number; max: number };
  /** The allocation it held at the end; null when unknown. */
  finalAllocation: number | null;
  spend: number;
  return: number;
  roi: number | null;
  marginalRoi: number | null;
}

export interface CasePilot {
  status: string;
  channels: string[];
  budget: number;
  days: number;
  decisions: Array<{ decision: string; by: string; at: string; comment?: string }>;
}

export interface CaseRecord {
  version: 1;
  campaignId: string;
  title: string;
  strategy: string | null;
  strategySummary: string | null;
  channelKinds: string[];
  startedAt: string | null;
  closedAt: string;
  /**
   * Why the campaign was a rehearsal; absent for a real one. Searches and plan drafts leave
   * rehearsals out unless asked, so simulated results are not learnt from.
   */
  rehearsal?: Rehearsal;
  /** The plan as run, with the team's named notify targets only (inline URLs and secrets stay private). */
  plan: Plan;
  timeline: {
    tasks: CaseTask[];
    gates: CaseGate[];
    pilot: CasePilot | null;
    budgetMoves: Array<{ day: number; channelId: string; from: number; to: number; reason: string; status?: string }>;
  };
  metrics: {
    currency: string;
    input: number;
    return: number;
    roi: number | null;
    mediaRoi: number | null;
    net: number;
    channels: CaseChannel[];
    kpis: Array<{ id: string; name: string; target: number; actual: number | null; attainment: number | null; verdict: string }>;
  };
  retrospective: { answers: RetrospectiveAnswer[]; analyses: CauseAnalysis[] };
  report: CampaignReport;
}

export interface CaseRecordInput {
  report: CampaignReport;
  plan: Plan;
  /** The status's tasks (`doneAt` when done). */
  tasks?: ReadonlyArray<{ id: string; status?: 'planned' | 'done'; doneAt?: string }>;
  gates?: readonly GateRecord[];
  reviews?: readonly ReviewRecord[];
  pilot?: {
    status: string; channels: string[]; budget: number; days: number;
    decisions: ReadonlyArray<{ decision: string; by: string; at: string; comment?: string }>;
  };
  retrospective?: { answers: readonly RetrospectiveAnswer[]; analyses: readonly CauseAnalysis[] };
}

export function buildCaseRecord(input: CaseRecordInput): CaseRecord {
  const { report, plan } = input;
  const schedule = new Map(report.schedule.map((t) => [t.id, t]));
  const doneAt = new Map((input.tasks ?? []).filter((t) => t.status !== 'planned' && t.doneAt).map((t) => [t.id, t.doneAt!]));
  const allocations = new Map(report.roi.unspent.channels.map((c) => [c.channelId, c.allocation]));
  const returns = new Map(report.roi.channels.map((c) => [c.channelId, c]));
  const gateRounds = new Map((input.gates ?? []).map((g) => [g.id, g.rounds]));

  return {
    version: 1,
    campaignId: report.campaign.id,
    title: plan.name,
    strategy: plan.strategy?.core ?? null,
    strategySummary: plan.strategy?.summary ?? null,
    channelKinds: [...new Set(plan.channels.map((c) => c.kind))],
    startedAt: report.campaign.startedAt,
    closedAt: report.campaign.closedAt,
    ...(report.campaign.rehearsal ? { rehearsal: report.campaign.rehearsal } : {}),
    plan: withoutNotifySecrets(plan),
    timeline: {
      tasks: plan.tasks.map((task) => {
        const actual = schedule.get(task.id)?.actual ?? null;
        return {
          id: task.id,
          name: task.name,
          owner: task.owner,
          phase: task.phase,
          plannedDays: round1(durationDays(task.duration)),
          actualDays: actual ? round1(actual.finish - actual.start) : null,
          doneAt: doneAt.get(task.id) ?? null,
        };
      }),
      gates: plan.gates.map((gate) => ({
        id: gate.id,
        title: gate.title,
        checklist: [...gate.checklist],
        rounds: (gateRounds.get(gate.id) ?? []).map((r) => ({
          round: r.round, decision: r.decision, by: r.by, at: r.at, ...(r.comment ? { comment: r.comment } : {}),
        })),
      })),
      pilot: input.pilot
        ? {
          status: input.pilot.status,
          channels: [...input.pilot.channels],
          budget: input.pilot.budget,
          days: input.pilot.days,
          decisions: input.pilot.decisions.map((d) => ({ decision: d.decision, by: d.by, at: d.at, ...(d.comment ? { comment: d.comment } : {}) })),
        }
        : null,
      budgetMoves: budgetDecisions(input.reviews ?? []).map((d) => ({
        day: d.day, channelId: d.channelId, from: d.from, to: d.to, reason: d.reason, ...(d.status ? { status: d.status } : {}),
      })),
    },
    metrics: {
      currency: plan.currency,
      input: report.roi.input.total,
      return: report.roi.return.total,
      roi: report.roi.roi,
      mediaRoi: report.roi.mediaRoi,
      net: report.roi.net,
      channels: plan.channels.map((c) => {
        const r = returns.get(c.id);
        return {
          channelId: c.id,
          name: c.name ?? c.id,
          kind: c.kind,
          budget: { initial: c.budget.initial, min: c.budget.min, max: c.budget.max },
          finalAllocation: allocations.get(c.id) ?? null,
          spend: r?.spend ?? 0,
          return: r?.return ?? 0,
          roi: r?.roi ?? null,
          marginalRoi: r?.marginalRoi ?? null,
        };
      }),
      kpis: report.kpis.map((k) => ({ id: k.id, name: k.name, target: k.target, actual: k.actual, attainment: k.attainment, verdict: k.verdict })),
    },
    retrospective: {
      answers: (input.retrospective?.answers ?? []).map((a) => ({ ...a })),
      analyses: (input.retrospective?.analyses ?? []).map((a) => ({ ...a })),
    },
    report,
  };
}

/**
 * Team members keep their ids, names, roles, costs and named notify targets. A campaign started
 * before targets were named carries robot URLs and secrets inline: those stay with the campaign.
 */
function withoutNotifySecrets(plan: Plan): Plan {
  return { ...plan, team: plan.team.map((m) => ({ ...m, notify: (m.notify as WrittenTarget[]).filter(isNamedEntry) })) };
}

/**
 * What a search looks through, by weight: A the name and strategy; B what people wrote (the
 * retrospective, analyses, survey and notes); C the plan's words (KPIs, channels, content, gates,
 * tasks, audiences) and the findings.
 */
export function caseSearchTexts(record: CaseRecord): Array<{ weight: SearchWeight; texts: string[] }> {
  const { plan, report } = record;
  const retro = record.retrospective.answers.flatMap((a) => [
    ...a.worked, ...a.didNot.flatMap((d) => [d.what, d.rootCause]), ...a.lessons.flatMap((l) => [l.text, ...l.skills]),
  ]);
  const qualitative = report.qualitative;
  return [
    { weight: 'A', texts: [record.title, record.campaignId, plan.strategy?.summary ?? '', record.strategy ?? ''] },
    {
      weight: 'B',
      texts: [
        ...retro,
        ...record.retrospective.analyses.map((a) => a.text),
        ...(qualitative.survey ? [qualitative.survey.summary, qualitative.survey.method ?? ''] : []),
        ...qualitative.notes,
      ],
    },
    {
      weight: 'C',
      texts: [
        ...report.kpis.map((k) => k.name),
        ...plan.channels.flatMap((c) => [c.name ?? '', c.id, c.kind]),
        ...plan.content.flatMap((c) => [c.title, ...c.tags]),
        ...plan.audiences.map((a) => a.name),
        ...plan.gates.flatMap((g) => [g.title, ...g.checklist]),
        ...plan.tasks.map((t) => t.name),
        ...plan.budget.items.map((i) => i.name),
        ...plan.team.map((m) => m.name),
        ...report.roi.findings.flatMap((f) => [f.message.en, f.message['zh-CN']]),
      ],
    },
  ];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
