/**
 * The closing report and the case library (P3.1–P3.10): the report is built from the records and
 * from the status the workflow passes in (gates, tasks, pilot, posts, retrospective), rendered in
 * every language the plan asks for, and stored with the campaign's case. Storing only writes what
 * changed, so a retried activity changes nothing anyone can see.
 */
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '../domain/errors.js';
import { closedAtOf } from '../domain/report/from-records.js';
import { REPORT_FORMATS, renderReport } from '../domain/report/render.js';
import type { CampaignStatus } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';

export interface StoreReportInput {
  campaignId: string;
  status: CampaignStatus;
}

export interface StoredReport {
  storedAt: string;
  languages: string[];
  caseId: string;
}

export function closingRecordActivities({ store, log }: Pick<ActivityDeps, 'store' | 'log'>) {
  return {
    /** Renders the report in every language of the plan and files the case; idempotent. */
    async storeCampaignReport({ campaignId, status }: StoreReportInput): Promise<StoredReport> {
      const closedAt = closedAtOf(status);
      if (!closedAt) {
        throw ApplicationFailure.nonRetryable(`Campaign "${campaignId}" has not closed: a report is stored once it closes.`, ErrorType.WrongPhase);
      }
      const built = await store.reports.build(campaignId, status, closedAt);
      const languages = [...built.plan.closing.reportLanguages];
      const bodies = languages.flatMap((lang) => REPORT_FORMATS.map((format) => ({ lang, format, body: renderReport(built.report, lang, format) })));
      const storedAt = await store.reports.file(campaignId, bodies, built.record);
      log.info({ campaignId, languages }, 'closing report stored');
      return { storedAt, languages, caseId: campaignId };
    },
  };
}
