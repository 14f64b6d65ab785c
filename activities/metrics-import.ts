/**
 * Metrics files into metric_observations, next to what channel reports sync: reviews read both
 * alike. Checking is pure (domain/metrics-import.ts); this module reads the campaign the file is
 * checked against and writes the rows that passed.
 *
 * It is called directly, not through Temporal: a file of up to 50 MiB is far above what an activity
 * payload may carry, and the person importing it wants the line-by-line answer now. Running the
 * import again is the retry: rows are keyed by (source, record_id).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { PoolClient } from 'pg';
import { ErrorType } from '../domain/errors.js';
import {
  detectFormat, differences, IMPORT_METRICS, parseMetricsFile, sameRecord, sourceNameProblem,
  type ImportCampaign, type ImportFormat, type MetricRow, type RejectedLine, type StoredRecord,
} from '../domain/metrics-import.js';
import type { ActivityDeps } from './deps.js';

export interface MetricsImportInput {
  campaignId: string;
  /** Where the numbers come from (`douyin-export`, `warehouse`); record ids are unique per source. */
  source: string;
  /** Used to tell CSV from NDJSON by extension, and nothing else. */
  fileName: string;
  text: string;
  format?: ImportFormat;
}

export interface MetricsImportReport {
  campaignId: string;
  source: string;
  format: ImportFormat;
  /** Rows stored by this import. */
  inserted: number;
  /** Rows that were already stored (an earlier import) or repeated within the file, unchanged. */
  duplicates: number;
  /** Lines not imported, each with the field at fault; the others were imported whole. */
  rejected: RejectedLine[];
}

const BATCH_ROWS = 1_000;

export async function importMetrics({ pool }: Pick<ActivityDeps, 'pool'>, input: MetricsImportInput): Promise<MetricsImportReport> {
  const sourceProblem = sourceNameProblem(input.source);
  if (sourceProblem) throw ApplicationFailure.nonRetryable(sourceProblem, ErrorType.InvalidInput);
  const client = await pool.connect();
  try {
    const campaign = await importCampaign(client, input.campaignId);
    const format = input.format ?? detectFormat(input.fileName, input.text);
    const parsed = parseMetricsFile({ text: input.text, format, campaign });
    const written = await writeRows(client, input.campaignId, input.source, parsed.rows);
    return {
      campaignId: input.campaignId,
      source: input.source,
      format,
      inserted: written.inserted,
      duplicates: parsed.repeated + written.duplicates,
      rejected: [...parsed.rejected, ...written.rejected].sort((a, b) => a.line - b.line),
    };
  } finally {
    client.release();
  }
}

/** The channels rows may name, and the plan date that is campaign day 1 for rows that give a date. */
async function importCampaign(client: PoolClient, campaignId: string): Promise<ImportCampaign> {
  const { rows } = await client.query<{ channels: Array<{ id: string }> | null; start_date: string }>(
    `SELECT plan->'channels' AS channels,
            to_char(started_at AT TIME ZONE COALESCE(plan->>'timezone', 'Asia/Shanghai'), 'YYYY-MM-DD') AS start_date
       FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const found = rows[0];
  if (!found) {
    throw ApplicationFailure.nonRetryable(`There is no campaign "${campaignId}" in the records database.`, ErrorType.InvalidInput);
  }
  return { channelIds: (found.channels ?? []).map((c) => c.id), startDate: found.start_date };
}

type Stored = StoredRecord & { campaignId: string };

/**
 * All rows in one transaction: an operational failure halfway leaves nothing behind, and the
 * import can simply be run again. Rows a source already delivered are kept as they were.
 */
async function writeRows(client: PoolClient, campaignId: string, source: string, rows: readonly MetricRow[]) {
  let inserted = 0;
  let duplicates = 0;
  const rejected: RejectedLine[] = [];
  await client.query('BEGIN');
  try {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      const { added, kept } = await insertBatch(client, campaignId, source, batch);
      inserted += added.size;
      for (const row of batch) {
        if (added.has(row.recordId)) continue;
        const stored = kept.get(row.recordId);
        if (stored && stored.campaignId === campaignId && sameRecord(stored, row)) duplicates++;
        else rejected.push({ line: row.line, field: 'record_id', message: conflict(row, source, campaignId, stored) });
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { inserted, duplicates, rejected };
}

function conflict(row: MetricRow, source: string, campaignId: string, stored: Stored | undefined): string {
  // Another import of the same rows committed between this statement's snapshot and its insert.
  if (!stored) return `record_id "${row.recordId}" was being imported at the same time by someone else; import the file again to compare`;
  if (stored.campaignId !== campaignId) {
    return `record_id "${row.recordId}" of source "${source}" is already stored for campaign "${stored.campaignId}"; `
      + 'record ids are unique per source, so import this file with its own --source';
  }
  return `record_id "${row.recordId}" was imported before with other values (${differences(stored, row)}); the stored values stand`;
}

const COLUMNS = ['channel_id', 'day', 'record_id', ...IMPORT_METRICS] as const;
const RECORD_TYPES = [
  'channel_id text', 'day integer', 'record_id text',
  ...IMPORT_METRICS.map((m) => `${m} ${m === 'spend' || m === 'revenue' ? 'numeric' : 'bigint'}`),
].join(', ');

/**
 * Inserts a batch and, in the same statement, reads the rows that were already stored under the
 * batch's record ids: the statement's snapshot predates its own inserts, so the join sees exactly
 * the rows that made an insert a conflict.
 */
async function insertBatch(client: PoolClient, campaignId: string, source: string, batch: readonly MetricRow[]) {
  const records = batch.map((r) => ({
    channel_id: r.channelId, day: r.day, record_id: r.recordId, ...Object.fromEntries(IMPORT_METRICS.map((m) => [m, r[m]])),
  }));
  const { rows } = await client.query<{ recordId: string; added: boolean } & Partial<Stored>>(
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
  const added = new Set<string>();
  const kept = new Map<string, Stored>();
  for (const row of rows) {
    if (row.added) added.add(row.recordId);
    else if (row.campaignId) kept.set(row.recordId, row as Stored);
  }
  return { added, kept };
}
