/**
 * What the audience said (interactions), imported from files and scored for sentiment as each is
 * stored, keyed by the campaign and the platform's item id; read back as the conversation up to
 * a plan-time instant, and per campaign day by tone for the report.
 */
import type { Pool } from 'pg';
import type { SentimentPoint } from '../domain/closing/qualitative.js';
import { ErrorType } from '../domain/errors.js';
import { NEGATIVE_AT } from '../domain/interactions/crisis.js';
import { parseInteractionsFile, sameInteraction, type InteractionRow } from '../domain/interactions/import.js';
import { sentimentScore } from '../domain/interactions/sentiment.js';
import type { Interaction } from '../domain/interactions/sla.js';
import { planChannelIds } from './campaigns.js';
import { isoInstant, refusal, type Queryable } from './db.js';
import {
  batchOutcomes, importedMeanwhile, importSourceFile, type FileImport, type ImportTarget, type SourceFileInput, type SourceFileReport, type WriteOutcome,
} from './imports.js';

export type InteractionsImportInput = SourceFileInput;
export type InteractionsImportReport = SourceFileReport;

/** An interaction with its sentiment score (its text left out: the checks do not read it). */
export type ScoredInteraction = Interaction & { score: number };

export interface InteractionRecords {
  /** An interactions file (domain/interactions/import.ts), each good item stored once and scored. */
  importFile(input: InteractionsImportInput): Promise<InteractionsImportReport>;
  /** Every item at or before the plan-time instant `now`, oldest first. */
  upTo(campaignId: string, now: string): Promise<ScoredInteraction[]>;
  /**
   * Mentions per campaign day by tone. A day is counted like imported metrics: the date in the plan's
   * time zone, day 1 being the date the campaign started. `at` is already plan time.
   */
  sentimentByDay(campaignId: string, timezone: string): Promise<SentimentPoint[]>;
}

/** A comment counts as positive from this score up, mirroring the crisis rule's negative threshold. */
const POSITIVE_AT = -NEGATIVE_AT;

export function interactionRecords(pool: Pool): InteractionRecords {
  return {
    importFile: (input) => importSourceFile(pool, input, interactionsImport),

    async upTo(campaignId, now) {
      const { rows } = await pool.query<{
        id: string; channelId: string; author: string; text: string; at: string; replyTo: string | null; answeredAt: string | null; score: number;
      }>(
        `SELECT item_id AS id, channel_id AS "channelId", author, '' AS text,
                ${isoInstant('at')} AS at, reply_to AS "replyTo",
                ${isoInstant('answered_at')} AS "answeredAt", score::float8 AS score
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
    },

    async sentimentByDay(campaignId, timezone) {
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
    },
  };
}

const interactionsImport: FileImport<readonly string[], InteractionRow> = {
  sourceMessage: (problem) => `source: ${problem}`,
  context: planChannelIds,
  unknownCampaign: (campaignId) => refusal(
    `There is no campaign "${campaignId}" in the records database (a campaign appears there a moment after it starts).`,
    ErrorType.CampaignNotFound,
  ),
  parse: (text, format, channelIds) => parseInteractionsFile({ text, format, channelIds }),
  write: writeBatch,
};

interface StoredItem {
  id: string;
  channelId: string;
  author: string;
  text: string;
  at: string;
  replyTo: string | null;
  answeredAt: string | null;
}

/**
 * Inserts a batch and, in the same statement, reads the items already stored under its ids: the
 * statement's snapshot predates its own inserts, so the join sees exactly what made an insert a conflict.
 */
async function writeBatch(db: Queryable, batch: readonly InteractionRow[], { campaignId, source }: ImportTarget): Promise<WriteOutcome[]> {
  const records = batch.map((r) => ({
    item_id: r.id, channel_id: r.channelId, author: r.author, text: r.text, at: r.at,
    reply_to: r.replyTo ?? null, answered_at: r.answeredAt ?? null, score: sentimentScore(r.text),
  }));
  const { rows } = await db.query<{ itemId: string; added: boolean } & Partial<StoredItem> & { stored: boolean }>(
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
            ${isoInstant('s.at')} AS at, s.reply_to AS "replyTo",
            ${isoInstant('s.answered_at')} AS "answeredAt"
       FROM incoming i
       LEFT JOIN added a ON a.item_id = i.item_id
       LEFT JOIN interactions s ON s.campaign_id = $1 AND s.item_id = i.item_id`,
    [campaignId, source, JSON.stringify(records)],
  );
  return batchOutcomes(batch, rows.map((r) => ({ id: r.itemId, added: r.added, stored: r.stored ? (r as unknown as StoredItem) : undefined })), {
    id: (row) => row.id,
    same: (stored, row) => sameInteraction(asInteraction(stored), row),
    refused: (row, stored) => ({
      line: row.line, field: 'id',
      message: stored ? `id "${row.id}" was imported before with other content; the stored item stands` : importedMeanwhile('id', row.id),
    }),
  });
}

function asInteraction(stored: StoredItem): Interaction {
  return {
    id: stored.id, channelId: stored.channelId, author: stored.author, text: stored.text, at: stored.at,
    ...(stored.replyTo !== null ? { replyTo: stored.replyTo } : {}),
    ...(stored.answeredAt !== null ? { answeredAt: stored.answeredAt } : {}),
  };
}
