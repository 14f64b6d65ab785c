/**
 * The records store: every statement on the records database, behind one contract. `createStore`
 * gives one repository per concept; activities, the CLI, the API and the benchmarks reach
 * PostgreSQL only through it (and db/migrations defines the schema it relies on).
 */
import type { Pool } from 'pg';
import { auditRecords, type AuditRecords } from './audit.js';
import { campaignRecords, type CampaignRecords } from './campaigns.js';
import { caseRecords, type CaseRecords } from './cases.js';
import { decisionRecords, type DecisionRecords } from './decisions.js';
import { deliveryRecords, type DeliveryRecords } from './deliveries.js';
import { effectRecords, type EffectRecords } from './effects.js';
import { lockRecords, type LockRecords } from './locks.js';
import { interactionRecords, type InteractionRecords } from './interactions.js';
import { metricRecords, type MetricRecords } from './metrics.js';
import { reportRecords, type ReportRecordsStore } from './reports.js';
import { reviewRecords, type ReviewRecords } from './reviews.js';
import { statusRecords, type StatusRecords } from './statuses.js';
import { surveyRecords, type SurveyRecords } from './surveys.js';
import { tokenAuditRecords, type TokenAuditRecords } from './token-audit.js';
import { tokenRecords, type TokenRecords } from './tokens.js';

export interface RecordsStore {
  /** The campaign row: registration, closing, what files and reports are checked against. */
  campaigns: CampaignRecords;
  /** The read model: each campaign's status as its workflow last published it. */
  statuses: StatusRecords;
  /** Gate decisions. */
  decisions: DecisionRecords;
  /** The audit trail (every event besides decisions, read back with them). */
  audit: AuditRecords;
  /** Budgets and posts the platforms accepted. */
  effects: EffectRecords;
  /** Channel results: platform reports, imported files, period sums and channel days. */
  metrics: MetricRecords;
  /** What the audience said: imported, scored, read up to an instant, sentiment per day. */
  interactions: InteractionRecords;
  /** Reviews the workflow computed. */
  reviews: ReviewRecords;
  /** Closing reports: built, stored with the case, read back. */
  reports: ReportRecordsStore;
  /** The case library. */
  cases: CaseRecords;
  /** API tokens (hashes only), with who issued them. */
  tokens: TokenRecords;
  /** What happened to API tokens and with them: issued, revoked, used, refused. */
  tokenAudit: TokenAuditRecords;
  /** Survey answers. */
  surveys: SurveyRecords;
  /** The notification delivery log. */
  deliveries: DeliveryRecords;
  /** Advisory locks: one process at a time repairs a campaign. */
  locks: LockRecords;
  /** Resolves when the database answers a trivial statement. */
  ping(): Promise<void>;
}

export function createStore(pool: Pool): RecordsStore {
  return {
    campaigns: campaignRecords(pool),
    statuses: statusRecords(pool),
    decisions: decisionRecords(pool),
    audit: auditRecords(pool),
    effects: effectRecords(pool),
    metrics: metricRecords(pool),
    interactions: interactionRecords(pool),
    reviews: reviewRecords(pool),
    reports: reportRecords(pool),
    cases: caseRecords(pool),
    tokens: tokenRecords(pool),
    tokenAudit: tokenAuditRecords(pool),
    surveys: surveyRecords(pool),
    deliveries: deliveryRecords(pool),
    locks: lockRecords(pool),
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}

export type { AuditEntry, AuditEvent, AuditRecords } from './audit.js';
export type { CampaignRecords, CampaignRegistration, OpenCampaignPlan } from './campaigns.js';
export type { CaseRecords } from './cases.js';
export type { DecisionRecords } from './decisions.js';
export type { DeliveryKey, DeliveryRecords } from './deliveries.js';
export type { ChannelEffect, EffectKind, EffectRecords } from './effects.js';
export type { LockRecords, Locked } from './locks.js';
export type { InteractionRecords, InteractionsImportInput, InteractionsImportReport, ScoredInteraction } from './interactions.js';
export type { ChannelPeriod, MetricRecords, MetricsImportInput, MetricsImportReport, ReportedDay } from './metrics.js';
export type { ReportBody, ReportRecordsStore, StoredReportBody } from './reports.js';
export type { ReviewRecords } from './reviews.js';
export type { PublishedStatus, StatusPublication, StatusRecords } from './statuses.js';
export type { SurveyImportInput, SurveyImportReport, SurveyRecords } from './surveys.js';
export type { TokenAuditEntry, TokenAuditRecords, TokenEvent, TokenRefusalRecord } from './token-audit.js';
export type { NewToken, StoredToken, TokenHolder, TokenIssuer, TokenRecords, TokenRevoker } from './tokens.js';
