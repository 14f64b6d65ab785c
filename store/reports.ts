/**
 * Closing reports: built from the campaign's records and its status (domain/report/from-records.ts),
 * stored in every language and format the plan asks for together with the campaign's case, and
 * read back. Storing only writes what changed, so a retried closing changes nothing anyone can see.
 */
import type { Pool } from 'pg';
import type { CaseRecord } from '../domain/cases/case-record.js';
import { ErrorType } from '../domain/errors.js';
import { MAX_CAMPAIGN_DAY } from '../domain/metrics-import.js';
import { planSchema } from '../domain/plan/schema.js';
import type { ReportLanguage } from '../domain/report/format.js';
import { buildReport, type BuiltReport, type ReportedStatus, type ReportRecords } from '../domain/report/from-records.js';
import type { ReportFormat } from '../domain/report/render.js';
import { storedCampaign } from './campaigns.js';
import { fileCase } from './cases.js';
import { inTransaction, refusal, withClient } from './db.js';
import { interactionRecords } from './interactions.js';
import { channelDays } from './metrics.js';
import { reviewRecords } from './reviews.js';
import { surveyRecords } from './surveys.js';

export interface ReportBody {
  lang: string;
  format: ReportFormat;
  body: string;
}

export interface StoredReportBody {
  body: string;
  storedAt: string;
}

export interface ReportRecordsStore {
  /** What the records hold for the campaign's report; refuses a campaign not in the records. */
  sources(campaignId: string): Promise<ReportRecords>;
  /**
   * The report and case record of a campaign from its records and status. Without `closedAt` (and
   * without a closing in the status) it is a live report as of now.
   */
  build(campaignId: string, status: ReportedStatus, closedAt?: string): Promise<BuiltReport>;
  /**
   * Stores the rendered bodies and files the case in one transaction; an unchanged body or case is
   * left as it was. Returns when the latest of the given languages' reports was stored.
   */
  file(campaignId: string, bodies: readonly ReportBody[], record: CaseRecord): Promise<string>;
  read(campaignId: string, lang: ReportLanguage, format: ReportFormat): Promise<StoredReportBody | undefined>;
  /** Languages a campaign's report is stored in; empty before it is stored. */
  languages(campaignId: string): Promise<string[]>;
}

export function reportRecords(pool: Pool): ReportRecordsStore {
  async function sources(campaignId: string): Promise<ReportRecords> {
    const row = await storedCampaign(pool, campaignId);
    if (!row) throw refusal(`There is no campaign "${campaignId}" in the records.`, ErrorType.CampaignNotFound);
    const parsed = planSchema.safeParse(row.plan);
    if (!parsed.success) {
      throw refusal(`The stored plan of "${campaignId}" cannot be read: ${parsed.error.issues[0]?.message}`, ErrorType.InvalidPlan);
    }
    const plan = parsed.data;
    const [rows, reviews, answers, sentiment] = await Promise.all([
      channelDays(pool, { campaignId, channelIds: plan.channels.map((c) => c.id), fromDay: 0, toDay: MAX_CAMPAIGN_DAY }),
      reviewRecords(pool).decisions(campaignId),
      surveyRecords(pool).answers(campaignId),
      interactionRecords(pool).sentimentByDay(campaignId, plan.timezone),
    ]);
    return { plan, startedAt: row.startedAt, timeScale: row.timeScale, rehearsal: row.rehearsal, rows, reviews, answers, sentiment };
  }

  return {
    sources,

    async build(campaignId, status, closedAt) {
      return buildReport(campaignId, await sources(campaignId), status, { closedAt, now: new Date().toISOString() });
    },

    async file(campaignId, bodies, record) {
      const languages = [...new Set(bodies.map((b) => b.lang))];
      return withClient(pool, (client) => inTransaction(client, async () => {
        for (const { lang, format, body } of bodies) {
          await client.query(
            `INSERT INTO campaign_reports (campaign_id, lang, format, body) VALUES ($1, $2, $3, $4)
             ON CONFLICT (campaign_id, lang, format) DO UPDATE SET body = EXCLUDED.body, created_at = now()
             WHERE campaign_reports.body IS DISTINCT FROM EXCLUDED.body`,
            [campaignId, lang, format, body],
          );
        }
        await fileCase(client, record);
        const { rows } = await client.query<{ stored_at: Date }>(
          'SELECT max(created_at) AS stored_at FROM campaign_reports WHERE campaign_id = $1 AND lang = ANY($2::text[])',
          [campaignId, languages],
        );
        return rows[0]!.stored_at.toISOString();
      }));
    },

    async read(campaignId, lang, format) {
      const { rows } = await pool.query<{ body: string; created_at: Date }>(
        'SELECT body, created_at FROM campaign_reports WHERE campaign_id = $1 AND lang = $2 AND format = $3',
        [campaignId, lang, format],
      );
      const row = rows[0];
      return row ? { body: row.body, storedAt: row.created_at.toISOString() } : undefined;
    },

    async languages(campaignId) {
      const { rows } = await pool.query<{ lang: string }>('SELECT DISTINCT lang FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang', [campaignId]);
      return rows.map((r) => r.lang);
    },
  };
}
