/**
 * The closing report and the case library (P3.1–P3.10): everything the report needs is read from
 * PostgreSQL (plan, per-channel days, reviews, survey answers, interactions) and from the status
 * the workflow passes in (gates, tasks, pilot, posts, retrospective), rendered in every language the
 * plan asks for, and stored with the campaign's case. Storing is an upsert that only writes what
 * changed, so a retried activity changes nothing anyone can see.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { ChannelDay } from '../domain/channel-metrics.js';
import type { ReviewRecord, PilotOutcome } from '../domain/closing/decisions.js';
import type { SentimentPoint } from '../domain/closing/qualitative.js';
import type { ContentPosts } from '../domain/closing/roi.js';
import { summarizeSurvey, type SurveyAnswer } from '../domain/closing/survey.js';
import { buildCaseRecord, caseSearchTexts, type CaseRecord } from '../domain/cases/case-record.js';
import { tsvectorLiteral } from '../domain/cases/search-tokens.js';
import { ErrorType } from '../domain/errors.js';
import { NEGATIVE_AT } from '../domain/interactions/crisis.js';
import { MAX_CAMPAIGN_DAY } from '../domain/metrics-import.js';
import { planSchema, type Plan } from '../domain/plan/schema.js';
import type { Review } from '../domain/review.js';
import { renderHtml } from '../domain/report/html.js';
import { renderMarkdown } from '../domain/report/markdown.js';
import { buildCampaignReport, toJSON, type CampaignReport } from '../domain/report/model.js';
import type { ReportLanguage } from '../domain/report/format.js';
import type { CampaignStatus } from '../workflows/contract.js';
import { channelDayActivities } from './channel-days.js';
import type { ActivityDeps } from './deps.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A comment counts as positive from this score up, mirroring the crisis rule's negative threshold. */
const POSITIVE_AT = -NEGATIVE_AT;

export interface StoreReportInput {
  campaignId: string;
  status: CampaignStatus;
}

export interface StoredReport {
  storedAt: string;
  languages: string[];
  caseId: string;
}

export interface BuiltReport {
  report: CampaignReport;
  plan: Plan;
  record: CaseRecord;
  /** True when the campaign has not closed: the report shows it as it stands now. */
  live: boolean;
}

export function closingRecordActivities({ pool, log }: Pick<ActivityDeps, 'pool' | 'log'>) {
  return {
    /** Renders the report in every language of the plan and files the case; idempotent. */
    async storeCampaignReport({ campaignId, status }: StoreReportInput): Promise<StoredReport> {
      const closedAt = status.closing?.closedAt ?? status.retrospective?.signedOff?.at;
      if (!closedAt) {
        throw ApplicationFailure.nonRetryable(`Campaign "${campaignId}" has not closed: a report is stored once it closes.`, ErrorType.WrongPhase);
      }
      const built = await buildReportFor(pool, campaignId, status, closedAt);
      const languages = [...built.plan.closing.reportLanguages];
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const lang of languages) {
          for (const format of REPORT_FORMATS) {
            await client.query(
              `INSERT INTO campaign_reports (campaign_id, lang, format, body) VALUES ($1, $2, $3, $4)
               ON CONFLICT (campaign_id, lang, format) DO UPDATE SET body = EXCLUDED.body, created_at = now()
               WHERE campaign_reports.body IS DISTINCT FROM EXCLUDED.body`,
              [campaignId, lang, format, renderReport(built.report, lang, format)],
            );
          }
        }
        await upsertCase(client, built.record);
        const { rows } = await client.query<{ stored_at: Date }>(
          'SELECT max(created_at) AS stored_at FROM campaign_reports WHERE campaign_id = $1 AND lang = ANY($2::text[])',
          [campaignId, languages],
        );
        await client.query('COMMIT');
        const storedAt = rows[0]!.stored_at.toISOString();
        log.info({ campaignId, languages }, 'closing report stored');
        return { storedAt, languages, caseId: campaignId };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

/** One format of the report in one language. */
export function renderReport(report: CampaignReport, lang: ReportLanguage, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, lang);
    case 'html':
      return renderHtml(report, lang);
    case 'json':
      return toJSON(report);
  }
}

/**
 * The report and case record of a campaign from its records and status. Without `closedAt` (and
 * without a closing in the status) it is a live report as of now.
 */
export async function buildReportFor(pool: Pool, campaignId: string, status: CampaignStatus, closedAt?: string): Promise<BuiltReport> {
  const campaign = await pool.query<{ plan: unknown; started_at: Date; time_scale: number }>(
    'SELECT plan, started_at, time_scale FROM campaigns WHERE id = $1',
    [campaignId],
  );
  const row = campaign.rows[0];
  if (!row) {
    throw ApplicationFailure.nonRetryable(`There is no campaign "${campaignId}" in the records.`, ErrorType.CampaignNotFound);
  }
  const parsed = planSchema.safeParse(row.plan);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`The stored plan of "${campaignId}" cannot be read: ${parsed.error.issues[0]?.message}`, ErrorType.InvalidPlan);
  }
  const plan = parsed.data;
  const closed = closedAt ?? status.closing?.closedAt ?? status.retrospective?.signedOff?.at;
  const startedAt = status.startedAt ?? row.started_at.toISOString();

  const [rows, reviews, answers, sentiment] = await Promise.all([
    channelDayActivities({ pool }).readChannelDays({
      campaignId, channelIds: plan.channels.map((c) => c.id), fromDay: 0, toDay: MAX_CAMPAIGN_DAY,
    }),
    readReviews(pool, campaignId),
    readSurveyAnswers(pool, campaignId),
    readSentiment(pool, campaignId, plan.timezone),
  ]);
  const lastDay = status.phase === 'closed' || status.phase === 'closing' ? status.rolloutDays : status.day;
  const survey = summarizeSurvey(answers);
  const pilot = pilotOutcome(status);
  const retrospective = status.retrospective;

  const report = buildCampaignReport({
    campaignId,
    plan,
    closedAt: closed ?? new Date().toISOString(),
    startedAt,
    timeScale: status.timeScale ?? row.time_scale,
    ...(lastDay > 0 ? { span: { fromDay: 1, toDay: Math.max(lastDay, lastReportedDay(rows)) } } : {}),
    rows,
    reviews,
    gates: status.gates ?? [],
    tasks: status.tasks ?? [],
    allocations: Object.fromEntries((status.channels ?? []).map((c) => [c.id, c.allocation])),
    posts: publishedPosts(status),
    ...(pilot ? { pilot } : {}),
    ...(retrospective ? { retrospective: retrospective.answers, analyses: retrospective.analyses } : {}),
    qualitative: { ...(survey ? { survey } : {}), sentiment },
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

async function readReviews(pool: Pool, campaignId: string): Promise<ReviewRecord[]> {
  const { rows } = await pool.query<{ summary: Review }>(
    'SELECT summary FROM reviews WHERE campaign_id = $1 ORDER BY day, review_key',
    [campaignId],
  );
  return rows.map(({ summary }) => ({ key: summary.key, day: summary.day, changes: summary.changes ?? [] }));
}

export async function readSurveyAnswers(pool: Pool, campaignId: string): Promise<SurveyAnswer[]> {
  const { rows } = await pool.query<SurveyAnswer>(
    `SELECT answer_id AS "answerId", respondent, question, score, out_of AS "outOf", text
       FROM survey_answers WHERE campaign_id = $1 ORDER BY answer_id`,
    [campaignId],
  );
  return rows;
}

/**
 * Mentions per campaign day by tone. A day is counted like imported metrics: the date in the plan's
 * time zone, day 1 being the date the campaign started. `at` is already plan time.
 */
async function readSentiment(pool: Pool, campaignId: string, timezone: string): Promise<SentimentPoint[]> {
  try {
    const { rows } = await pool.query<SentimentPoint>(
      `SELECT ((i.at AT TIME ZONE $2)::date - (c.started_at AT TIME ZONE $2)::date + 1) AS day,
              count(*) FILTER (WHERE i.score >= $3)::int AS positive,
              count(*) FILTER (WHERE i.score > $4 AND i.score < $3)::int AS neutral,
              count(*) FILTER (WHERE i.score <= $4)::int AS negative
         FROM interactions i JOIN campaigns c ON c.id = i.campaign_id
        WHERE i.campaign_id = $1
        GROUP BY 1 ORDER BY 1`,
      [campaignId, timezone, POSITIVE_AT, NEGATIVE_AT],
    );
    return rows;
  } catch (err) {
    // A records database from before interactions were imported has no such table: no sentiment yet.
    if ((err as { code?: string }).code === '42P01') return [];
    throw err;
  }
}

function pilotOutcome(status: CampaignStatus): PilotOutcome | undefined {
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
function publishedPosts(status: CampaignStatus): ContentPosts[] | undefined {
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

/** Files the case; an unchanged record leaves the row as it was. */
export async function upsertCase(db: Pick<Pool, 'query'>, record: CaseRecord): Promise<void> {
  await db.query(
    `INSERT INTO cases (campaign_id, title, plan, record, strategy, channel_kinds, started_at, closed_at, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::tsvector)
     ON CONFLICT (campaign_id) DO UPDATE SET
       title = EXCLUDED.title, plan = EXCLUDED.plan, record = EXCLUDED.record, strategy = EXCLUDED.strategy,
       channel_kinds = EXCLUDED.channel_kinds, started_at = EXCLUDED.started_at, closed_at = EXCLUDED.closed_at,
       search = EXCLUDED.search, updated_at = now()
     WHERE cases.record IS DISTINCT FROM EXCLUDED.record`,
    [
      record.campaignId, record.title, JSON.stringify(record.plan), JSON.stringify(record), record.strategy,
      record.channelKinds, record.startedAt, record.closedAt, tsvectorLiteral(caseSearchTexts(record)),
    ],
  );
}
