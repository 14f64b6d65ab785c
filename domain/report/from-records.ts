/**
 * The report and case record of a campaign from what its records hold (plan, per-channel days,
 * reviews, survey answers, sentiment) and what its status says (gates, tasks, pilot, posts,
 * retrospective). Pure: the records store reads the records, the caller passes the time.
 */
import type { ChannelDay } from '../channel-metrics.js';
import type { CauseAnalysis } from '../closing/attainment.js';
import type { PilotOutcome, ReviewRecord } from '../closing/decisions.js';
import type { SentimentPoint } from '../closing/qualitative.js';
import type { RetrospectiveAnswer } from '../closing/retrospective.js';
import type { ContentPosts } from '../closing/roi.js';
import { summarizeSurvey, type SurveyAnswer } from '../closing/survey.js';
import { buildCaseRecord, type CaseRecord } from '../cases/case-record.js';
import type { ExecutionStatus } from '../execution/state.js';
import type { GateState, TaskState } from '../gates.js';
import type { Plan } from '../plan/schema.js';
import type { Rehearsal } from '../rehearsal.js';
import type { ChannelState } from '../review.js';
import { buildCampaignReport, type CampaignReport } from './model.js';

/** What the records store holds about a campaign for its report. */
export interface ReportRecords {
  plan: Plan;
  startedAt: string;
  timeScale: number;
  /** Why the campaign is a rehearsal, as its records decided at registration; null or absent for a real one. */
  rehearsal?: Rehearsal | null;
  rows: ChannelDay[];
  reviews: ReviewRecord[];
  answers: SurveyAnswer[];
  sentiment: SentimentPoint[];
}

/** The part of a campaign's status (workflows/contract.ts `CampaignStatus`) the report reads. */
export interface ReportedStatus {
  phase: string;
  day: number;
  rolloutDays: number;
  startedAt?: string;
  timeScale?: number;
  gates?: GateState[];
  tasks?: TaskState[];
  channels?: Array<Pick<ChannelState, 'id' | 'allocation'>>;
  closing?: { closedAt: string } | undefined;
  retrospective?: { answers: RetrospectiveAnswer[]; analyses: CauseAnalysis[]; signedOff?: { at: string } | undefined };
  execution?: Partial<Pick<ExecutionStatus, 'pilot' | 'posts'>>;
}

export interface BuiltReport {
  report: CampaignReport;
  plan: Plan;
  record: CaseRecord;
  /** True when the campaign has not closed: the report shows it as it stands now. */
  live: boolean;
}

/** When the campaign closed, by its status: the closing summary, else the sign-off. */
export function closedAtOf(status: ReportedStatus): string | undefined {
  return status.closing?.closedAt ?? status.retrospective?.signedOff?.at;
}

/**
 * Without `closedAt` (and without a closing in the status) it is a live report as of `now`.
 */
export function buildReport(
  campaignId: string, records: ReportRecords, status: ReportedStatus, opts: { closedAt?: string | undefined; now: string },
): BuiltReport {
  const { plan, rows, reviews } = records;
  const closed = opts.closedAt ?? closedAtOf(status);
  const lastDay = status.phase === 'closed' || status.phase === 'closing' ? status.rolloutDays : status.day;
  const survey = summarizeSurvey(records.answers);
  const pilot = pilotOutcome(status);
  const retrospective = status.retrospective;

  const report = buildCampaignReport({
    campaignId,
    plan,
    closedAt: closed ?? opts.now,
    startedAt: status.startedAt ?? records.startedAt,
    timeScale: status.timeScale ?? records.timeScale,
    ...(records.rehearsal ? { rehearsal: records.rehearsal } : {}),
    ...(lastDay > 0 ? { span: { fromDay: 1, toDay: Math.max(lastDay, lastReportedDay(rows)) } } : {}),
    rows,
    reviews,
    gates: status.gates ?? [],
    tasks: status.tasks ?? [],
    allocations: Object.fromEntries((status.channels ?? []).map((c) => [c.id, c.allocation])),
    posts: publishedPosts(status),
    ...(pilot ? { pilot } : {}),
    ...(retrospective ? { retrospective: retrospective.answers, analyses: retrospective.analyses } : {}),
    qualitative: { ...(survey ? { survey } : {}), sentiment: records.sentiment },
  });
  const record = buildCaseRecord({
    report,
    plan,
    tasks: status.tasks ?? [],
    gates: status.gates ?? [],
    reviews,
    ...(status.execution?.pilot ? { pilot: status.execution.pilot } : {}),
    ...(retrospective ? { retrospective: { answers: retrospective.answers, analyses: retrospective.analyses } } : {}),
  });
  return { report, plan, record, live: closed === undefined };
}

function lastReportedDay(rows: readonly ChannelDay[]): number {
  return rows.reduce((max, r) => Math.max(max, r.day), 0);
}

function pilotOutcome(status: ReportedStatus): PilotOutcome | undefined {
  const pilot = status.execution?.pilot;
  if (!pilot) return undefined;
  const last = [...pilot.decisions].reverse().find((d) => d.decision !== 'extend');
  if (pilot.status === 'go' || last?.decision === 'go') {
    return { decision: 'go', ...(last ? { by: last.by, ...(last.comment ? { comment: last.comment } : {}) } : {}) };
  }
  if (pilot.status === 'sent-back' || pilot.status === 'cancelled') {
    return { decision: 'no-go', ...(last ? { by: last.by, ...(last.comment ? { comment: last.comment } : {}) } : {}) };
  }
  return undefined;
}

/** Published posts per content item and channel, as the ROI per content item shares them. */
function publishedPosts(status: ReportedStatus): ContentPosts[] | undefined {
  const posts = status.execution?.posts ?? [];
  if (posts.length === 0) return undefined;
  const counts = new Map<string, ContentPosts>();
  for (const post of posts) {
    if (post.status !== 'published') continue;
    const key = `${post.contentId}\u0000${post.channelId}`;
    const entry = counts.get(key) ?? { contentId: post.contentId, channelId: post.channelId, posts: 0 };
    entry.posts += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}
