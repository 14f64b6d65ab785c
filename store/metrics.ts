/**
 * Channel results in metric_observations: platform reports synced by the workflow (keyed by the
 * platform's record id) and files people import (keyed by their source's record ids), read back
 * alike as period sums and channel days.
 */
import type { Pool } from 'pg';
import { CHANNEL_DAY_METRICS, type ChannelDay } from '../domain/channel-metrics.js';
import { ErrorType } from '../domain/errors.js';
import {
  differences, IMPORT_METRICS, parseMetricsFile, sameRecord,
  type ImportCampaign, type MetricRow, type StoredRecord,
} from '../domain/metrics-import.js';
import { emptyMetrics, roundMoney, type ChannelMetrics, type RawMetricValues } from '../domain/metrics.js';
import { metricsImportCampaign } from './campaigns.js';
import { refusal, type Queryable } from './db.js';
import {
  batchOutcomes, importedMeanwhile, importSourceFile, type FileImport, type ImportTarget, type SourceFileInput, type SourceFileReport, type WriteOutcome,
} from './imports.js';

export interface ReportedDay extends RawMetricValues {
  campaignId: string;
  channelId: string;
  day: number;
  /** Who reported it (the adapter name): record ids are unique per source. */
  source: string;
  recordId: string;
}

export interface ChannelPeriod {
  campaignId: string;
  channelIds: string[];
  /** Campaign days, both ends included. */
  fromDay: number;
  toDay: number;
}

export type MetricsImportInput = SourceFileInput;
export type MetricsImportReport = SourceFileReport;

export interface MetricRecords {
  /** Stores a platform's report of one channel day unless its record id is stored already; true when it was added. */
  recordReport(day: ReportedDay): Promise<boolean>;
  /** Per-channel sums over the period; channels without data report zeros. */
  periodSums(period: ChannelPeriod): Promise<ChannelMetrics[]>;
  /**
   * One row per channel and day that has data, every source added up, ordered by the channels as
   * asked, then by day. Days without data are absent, not zero: a late report is not a day without sales.
   */
  channelDays(period: ChannelPeriod): Promise<ChannelDay[]>;
  /** A metrics file (domain/metrics-import.ts), its good rows stored once per source and record id. */
  importFile(input: MetricsImportInput): Promise<MetricsImportReport>;
  /** How many observations the campaign has. */
  count(campaignId: string): Promise<number>;
}

export function metricRecords(pool: Pool): MetricRecords {
  return {
    async recordReport(r) {
      const result = await pool.query(
        `INSERT INTO metric_observations
           (campaign_id, channel_id, day, source, record_id, impressions, clicks, uv, orders, spend, revenue)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (source, record_id) DO NOTHING`,
        [r.campaignId, r.channelId, r.day, r.source, r.recordId, r.impressions, r.clicks, r.uv, r.orders, r.spend, r.revenue],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async periodSums({ campaignId, channelIds, fromDay, toDay }) {
      const { rows } = await pool.query<ChannelMetrics>(
        `SELECT channel_id AS "channelId",
                COALESCE(SUM(impressions), 0)::float8 AS impressions, COALESCE(SUM(clicks), 0)::float8 AS clicks,
                COALESCE(SUM(uv), 0)::float8 AS uv, COALESCE(SUM(orders), 0)::float8 AS orders,
                COALESCE(SUM(spend), 0)::float8 AS spend, COALESCE(SUM(revenue), 0)::float8 AS revenue
           FROM metric_observations
          WHERE campaign_id = $1 AND day BETWEEN $2 AND $3
          GROUP BY channel_id`,
        [campaignId, fromDay, toDay],
      );
      return channelIds.map((id) => rows.find((r) => r.channelId === id) ?? emptyMetrics(id));
    },

    channelDays: (period) => channelDays(pool, period),

    importFile: (input) => importSourceFile(pool, input, metricsImport),

    async count(campaignId) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_observations WHERE campaign_id = $1', [campaignId]);
      return rows[0]?.n ?? 0;
    },
  };
}

export async function channelDays(db: Queryable, { campaignId, channelIds, fromDay, toDay }: ChannelPeriod): Promise<ChannelDay[]> {
  const { rows } = await db.query<ChannelDay>(
    `SELECT channel_id AS "channelId", day,
            ${CHANNEL_DAY_METRICS.map((m) => `SUM(${m})::float8 AS ${m}`).join(', ')}
       FROM metric_observations
      WHERE campaign_id = $1 AND channel_id = ANY($2::text[]) AND day BETWEEN $3 AND $4
      GROUP BY channel_id, day
      ORDER BY array_position($2::text[], channel_id), day`,
    [campaignId, channelIds, fromDay, toDay],
  );
  return rows.map((r) => ({ ...r, spend: roundMoney(r.spend), revenue: roundMoney(r.revenue) }));
}

type Stored = StoredRecord & { campaignId: string };

const metricsImport: FileImport<ImportCampaign, MetricRow> = {
  sourceMessage: (problem) => problem,
  context: metricsImportCampaign,
  unknownCampaign: (campaignId) =>
    refusal(`There is no campaign "${campaignId}" in the records database.`, ErrorType.InvalidInput),
  parse: (text, format, campaign) => parseMetricsFile({ text, format, campaign }),
  write: writeBatch,
};

const COLUMNS = ['channel_id', 'day', 'record_id', ...IMPORT_METRICS] as const;
const RECORD_TYPES = [
  'channel_id text', 'day integer', 'record_id text',
  ...IMPORT_METRICS.map((m) => `${m} ${m === 'spend' || m === 'revenue' ? 'numeric' : 'bigint'}`),
].join(', ');

/**
 * Inserts a batch and, in the same statement, reads the rows that were already stored under the
 * batch's record ids: the statement's snapshot predates its own inserts, so the join sees exactly
 * the rows that made an insert a conflict. Rows a source already delivered are kept as they were.
 */
async function writeBatch(db: Queryable, batch: readonly MetricRow[], { campaignId, source }: ImportTarget): Promise<WriteOutcome[]> {
  const records = batch.map((r) => ({
    channel_id: r.channelId, day: r.day, record_id: r.recordId, ...Object.fromEntries(IMPORT_METRICS.map((m) => [m, r[m]])),
  }));
  const { rows } = await db.query<{ recordId: string; added: boolean } & Partial<Stored>>(
    `WITH incoming AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(${RECORD_TYPES})
     ), added AS (
       INSERT INTO metric_observations (campaign_id, source, ${COLUMNS.join(', ')})
       SELECT $1, $2, ${COLUMNS.join(', ')} FROM incoming
       ON CONFLICT (source, record_id) DO NOTHING
       RETURNING record_id
     )
     SELECT i.record_id AS "recordId", a.record_id IS NOT NULL AS added,
            m.campaign_id AS "campaignId", m.channel_id AS "channelId", m.day,
            ${IMPORT_METRICS.map((m) => `m.${m}::float8 AS ${m}`).join(', ')}
       FROM incoming i
       LEFT JOIN added a ON a.record_id = i.record_id
       LEFT JOIN metric_observations m ON m.source = $2 AND m.record_id = i.record_id`,
    [campaignId, source, JSON.stringify(records)],
  );
  return batchOutcomes(batch, rows.map((r) => ({ id: r.recordId, added: r.added, stored: r.campaignId ? (r as Stored) : undefined })), {
    id: (row) => row.recordId,
    same: (stored, row) => stored.campaignId === campaignId && sameRecord(stored, row),
    refused: (row, stored) => ({ line: row.line, field: 'record_id', message: conflict(row, source, campaignId, stored) }),
  });
}

function conflict(row: MetricRow, source: string, campaignId: string, stored: Stored | undefined): string {
  if (!stored) return importedMeanwhile('record_id', row.recordId);
  if (stored.campaignId !== campaignId) {
    return `record_id "${row.recordId}" of source "${source}" is already stored for campaign "${stored.campaignId}"; `
      + 'record ids are unique per source, so import this file with its own --source';
  }
  return `record_id "${row.recordId}" was imported before with other values (${differences(stored, row)}); the stored values stand`;
}
