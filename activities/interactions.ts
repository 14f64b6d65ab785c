/**
 * What the audience says (P2.8–P2.10). Files of comments, messages and complaints come in through
 * `importInteractions` (called directly by the CLI and the API, like the metrics import: a file is
 * far above what an activity payload may carry, and the person importing wants the answer now);
 * each item is scored for sentiment as it is stored. The workflow then asks `checkInteractions`
 * where the conversation stands at a plan-time instant: answers overdue, what waits, the next
 * deadline, and whether the crisis rule triggers.
 */
import type { InteractionHealth } from '../domain/execution/state.js';
import { ApplicationFailure } from '@temporalio/common';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { isDuration } from '../domain/duration.js';
import { ErrorType } from '../domain/errors.js';
import { assessCrisis, isNegative, type CrisisAssessment } from '../domain/interactions/crisis.js';
import {
  detectFormat, parseInteractionsFile, sameInteraction, type ImportFormat, type InteractionRow, type RejectedLine,
} from '../domain/interactions/import.js';
import { sentimentScore } from '../domain/interactions/sentiment.js';
import { nextSlaDeadline, slaSummary, type Interaction } from '../domain/interactions/sla.js';
import { sourceNameProblem } from '../domain/metrics-import.js';
import type { ActivityDeps } from './deps.js';

export interface InteractionsImportInput {
  campaignId: string;
  /** Where the items come from (`weibo-export`, `crm`); stored with each item. */
  source: string;
  /** Used to tell CSV from NDJSON by extension, and nothing else. */
  fileName: string;
  text: string;
  format?: ImportFormat;
}

export interface InteractionsImportReport {
  campaignId: string;
  source: string;
  format: ImportFormat;
  /** Items stored by this import. */
  inserted: number;
  /** Items already stored (an earlier import) or repeated within the file, with the same content. */
  duplicates: number;
  /** Lines not imported, each with the field at fault; the others were imported whole. */
  rejected: RejectedLine[];
}

export async function importInteractions({ pool }: Pick<ActivityDeps, 'pool'>, input: InteractionsImportInput): Promise<InteractionsImportReport> {
  const sourceProblem = sourceNameProblem(input.source);
  if (sourceProblem) throw ApplicationFailure.nonRetryable(`source: ${sourceProblem}`, ErrorType.InvalidInput);
  const client = await pool.connect();
  try {
    const channelIds = await campaignChannels(client, input.campaignId);
    const format = input.format ?? detectFormat(input.fileName, input.text);
    const parsed = parseInteractionsFile({ text: input.text, format, channelIds });
    const written = await writeItems(client, input.campaignId, input.source, parsed.rows);
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

async function campaignChannels(client: PoolClient, campaignId: string): Promise<string[]> {
  const { rows } = await client.query<{ channels: Array<{ id: string }> | null }>(
    `SELECT plan->'channels' AS channels FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const found = rows[0];
  if (!found) {
    throw ApplicationFailure.nonRetryable(
      `There is no campaign "${campaignId}" in the records database (a campaign appears there a moment after it starts).`,
      ErrorType.CampaignNotFound,
    );
  }
  return (found.channels ?? []).map((c) => c.id);
}

const BATCH_ROWS = 1_000;

interface StoredItem {
  id: string;
  channelId: string;
  author: string;
  text: string;
  at: string;
  replyTo: string | null;
  answeredAt: string | null;
}

/** All rows in one transaction: a failure halfway leaves nothing behind, and the import can run again. */
async function writeItems(client: PoolClient, campaignId: string, source: string, rows: readonly InteractionRow[]) {
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
        if (added.has(row.id)) continue;
        const stored = kept.get(row.id);
        if (stored && sameInteraction(asInteraction(stored), row)) duplicates++;
        else rejected.push({ line: row.line, field: 'id', message: conflict(row, stored) });
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { inserted, duplicates, rejected };
}

function conflict(row: InteractionRow, stored: StoredItem | undefined): string {
  if (!stored) return `id "${row.id}" was being imported at the same time by someone else; import the file again to compare`;
  return `id "${row.id}" was imported before with other content; the stored item stands`;
}

function asInteraction(stored: StoredItem): Interaction {
  return {
    id: stored.id, channelId: stored.channelId, author: stored.author, text: stored.text, at: stored.at,
    ...(stored.replyTo !== null ? { replyTo: stored.replyTo } : {}),
    ...(stored.answeredAt !== null ? { answeredAt: stored.answeredAt } : {}),
  };
}

/**
 * Inserts a batch and, in the same statement, reads the items already stored under its ids: the
 * statement's snapshot predates its own inserts, so the join sees exactly what made an insert a conflict.
 */
async function insertBatch(client: PoolClient, campaignId: string, source: string, batch: readonly InteractionRow[]) {
  const records = batch.map((r) => ({
    item_id: r.id, channel_id: r.channelId, author: r.author, text: r.text, at: r.at,
    reply_to: r.replyTo ?? null, answered_at: r.answeredAt ?? null, score: sentimentScore(r.text),
  }));
  const { rows } = await client.query<{ itemId: string; added: boolean } & Partial<StoredItem> & { stored: boolean }>(
    `WITH incoming AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb)
         AS r(item_id text, channel_id text, author text, text text, at timestamptz, reply_to text, answered_at timestamptz, score real)
     ), added AS (
       INSERT INTO interactions (campaign_id, item_id, channel_id, author, text, at, reply_to, answered_at, score, source)
       SELECT $1, item_id, channel_id, author, text, at, reply_to, answered_at, score, $2 FROM incoming
       ON CONFLICT (campaign_id, item_id) DO NOTHING
       RETURNING item_id
     )
     SELECT i.item_id AS "itemId", a.item_id IS NOT NULL AS added, s.item_id IS NOT NULL AS stored,
            s.item_id AS id, s.channel_id AS "channelId", s.author, s.text,
            to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, s.reply_to AS "replyTo",
            to_char(s.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "answeredAt"
       FROM incoming i
       LEFT JOIN added a ON a.item_id = i.item_id
       LEFT JOIN interactions s ON s.campaign_id = $1 AND s.item_id = i.item_id`,
    [campaignId, source, JSON.stringify(records)],
  );
  const added = new Set<string>();
  const kept = new Map<string, StoredItem>();
  for (const row of rows) {
    if (row.added) added.add(row.itemId);
    else if (row.stored) kept.set(row.itemId, row as unknown as StoredItem);
  }
  return { added, kept };
}

// ---------- the workflow's check

export interface CheckInteractionsInput {
  campaignId: string;
  /** Plan-time ISO instant: only interactions at or before it count. */
  now: string;
  /** The plan's `interaction.responseSla` (`2h`); without it nothing is overdue. */
  responseSla?: string;
  /** The plan's `interaction.crisis` thresholds; without them no crisis is assessed. */
  crisis?: { negativeShare: number; window: string; minVolume: number };
  /** The brand's accounts: their replies answer, their own posts need no answer and are not the audience. */
  staff?: string[];
  /** What people call each channel (小红书), for messages. */
  channelNames?: Record<string, string>;
}

/** What the status shows of the audience (`InteractionHealth`), plus when to look again and the crisis rule's verdict. */
export interface InteractionCheck extends Omit<InteractionHealth, 'lastAssessment'> {
  /** When the next waiting item would breach: when the workflow has to look again. */
  nextDeadline?: string;
  crisis?: CrisisAssessment;
}

const SHOWN_BREACHES = 5;

const duration = z.string().refine(isDuration, 'give a duration like "2h" or "30m"');
const checkInputSchema = z.strictObject({
  campaignId: z.string().min(1, 'campaignId is missing'),
  now: z.iso.datetime({ offset: true, message: 'now must be an ISO instant, e.g. 2027-03-10T12:00:00Z' }),
  responseSla: duration.optional(),
  crisis: z.strictObject({
    negativeShare: z.number().min(0).max(1),
    window: duration,
    minVolume: z.number().int().positive(),
  }).optional(),
  staff: z.array(z.string().min(1)).optional(),
  channelNames: z.record(z.string(), z.string()).optional(),
});

type ScoredItem = Interaction & { score: number };

export function interactionActivities({ pool }: Pick<ActivityDeps, 'pool'>) {
  return {
    /** Where the conversation stands at a plan-time instant: SLA breaches, waiting items, the crisis rule. */
    async checkInteractions(input: CheckInteractionsInput): Promise<InteractionCheck> {
      const parsed = checkInputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw ApplicationFailure.nonRetryable(`checkInteractions ${issue?.path.join('.') || 'input'}: ${issue?.message}`, ErrorType.InvalidInput);
      }
      const { now, responseSla, crisis, staff, channelNames } = parsed.data;
      const items = await itemsUpTo(pool, input.campaignId, now);
      const team = new Set(staff);
      const audience = items.filter((item) => !team.has(item.author));
      const check: InteractionCheck = {
        checkedAt: now,
        total: audience.length,
        negative: audience.filter((item) => isNegative(item.score)).length,
        breaches: [],
        breachCount: 0,
        waiting: 0,
      };
      if (responseSla !== undefined) {
        const options = { responseSla, now, staff, ...(channelNames ? { channelNames } : {}) };
        const summary = slaSummary(items, options);
        check.breaches = summary.breaches.slice(0, SHOWN_BREACHES);
        check.breachCount = summary.breaches.length;
        check.waiting = summary.waiting;
        const next = nextSlaDeadline(items, { responseSla, now, staff });
        if (next !== undefined) check.nextDeadline = next;
      }
      if (crisis) {
        check.crisis = assessCrisis({ interactions: audience, settings: crisis, now, ...(channelNames ? { channelNames } : {}) });
      }
      return check;
    },
  };
}

async function itemsUpTo(pool: ActivityDeps['pool'], campaignId: string, now: string): Promise<ScoredItem[]> {
  const { rows } = await pool.query<{
    id: string; channelId: string; author: string; text: string; at: string; replyTo: string | null; answeredAt: string | null; score: number;
  }>(
    `SELECT item_id AS id, channel_id AS "channelId", author, '' AS text,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, reply_to AS "replyTo",
            to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "answeredAt", score::float8 AS score
       FROM interactions
      WHERE campaign_id = $1 AND at <= $2
      ORDER BY at, item_id`,
    [campaignId, now],
  );
  return rows.map((row) => ({
    id: row.id, channelId: row.channelId, author: row.author, text: row.text, at: row.at, score: row.score,
    ...(row.replyTo !== null ? { replyTo: row.replyTo } : {}),
    ...(row.answeredAt !== null ? { answeredAt: row.answeredAt } : {}),
  }));
}
