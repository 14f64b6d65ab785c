/**
 * Reading the case library and stored reports, and bringing survey answers in (P3.2, P3.9). Used by
 * the CLI and the API; the closing activity writes what these read.
 */
import type { Pool } from 'pg';
import { parseSurveyFile, type SurveyAnswer } from '../domain/closing/survey.js';
import type { CaseRecord } from '../domain/cases/case-record.js';
import type { CaseHit, CaseSearch } from '../domain/cases/case-search.js';
import { searchQuery, textMatches } from '../domain/cases/search-tokens.js';
import type { ImportFormat, RejectedLine } from '../domain/metrics-import.js';
import type { ReportLanguage } from '../domain/report/format.js';
import type { ReportFormat } from './closing-records.js';

const MAX_HIGHLIGHTS = 3;

/**
 * Cases whose words match every part of the search, best first (ts_rank over weighted lexemes:
 * title and strategy above what people wrote, above the plan's words), newest first on a tie.
 */
export async function searchCases(pool: Pool, search: CaseSearch): Promise<CaseHit[]> {
  const query = searchQuery(search.q);
  if (query === undefined) return [];
  const { rows } = await pool.query<{
    campaign_id: string; title: string; strategy: string | null; channel_kinds: string[]; closed_at: Date; rank: number; record: CaseRecord;
  }>(
    `SELECT campaign_id, title, strategy, channel_kinds, closed_at, ts_rank(search, $1::tsquery)::float8 AS rank, record
       FROM cases
      WHERE search @@ $1::tsquery
        AND ($2::text IS NULL OR $2 = ANY(channel_kinds))
        AND ($3::text IS NULL OR strategy = $3)
        AND ($4::date IS NULL OR closed_at >= $4::date)
        AND ($5::date IS NULL OR closed_at < $5::date + 1)
      ORDER BY rank DESC, closed_at DESC, campaign_id
      LIMIT $6`,
    [query, search.kind ?? null, search.strategy ?? null, search.since ?? null, search.until ?? null, search.limit],
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    title: r.title,
    strategy: r.strategy,
    channelKinds: r.channel_kinds,
    closedAt: r.closed_at.toISOString(),
    rank: Math.round(r.rank * 10_000) / 10_000,
    highlights: highlights(r.record, search.q),
  }));
}

/** What people wrote that matches: the lines to show beside a hit. */
function highlights(record: CaseRecord, q: string): string[] {
  const texts = record.retrospective.answers.flatMap((a) => [
    ...a.lessons.map((l) => l.text), ...a.worked, ...a.didNot.map((d) => `${d.what} — ${d.rootCause}`),
  ]);
  return texts.filter((t) => textMatches(t, q)).slice(0, MAX_HIGHLIGHTS);
}

export async function readCase(pool: Pool, campaignId: string): Promise<CaseRecord | undefined> {
  const { rows } = await pool.query<{ record: CaseRecord }>('SELECT record FROM cases WHERE campaign_id = $1', [campaignId]);
  return rows[0]?.record;
}

export async function readStoredReport(
  pool: Pool, campaignId: string, lang: ReportLanguage, format: ReportFormat,
): Promise<{ body: string; storedAt: string } | undefined> {
  const { rows } = await pool.query<{ body: string; created_at: Date }>(
    'SELECT body, created_at FROM campaign_reports WHERE campaign_id = $1 AND lang = $2 AND format = $3',
    [campaignId, lang, format],
  );
  const row = rows[0];
  return row ? { body: row.body, storedAt: row.created_at.toISOString() } : undefined;
}

/** Languages a campaign's report is stored in; empty before it is stored. */
export async function storedReportLanguages(pool: Pool, campaignId: string): Promise<string[]> {
  const { rows } = await pool.query<{ lang: string }>('SELECT DISTINCT lang FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang', [campaignId]);
  return rows.map((r) => r.lang);
}

export interface SurveyImportReport {
  campaignId: string;
  format: ImportFormat;
  source: string;
  /** Answers stored or changed by this import. */
  stored: number;
  /** Answers already stored as they are. */
  unchanged: number;
  rejected: RejectedLine[];
}

/**
 * Stores a survey's answers (CSV or NDJSON; domain/closing/survey.ts) for the report's qualitative
 * section. An answer sent again under the same id replaces the earlier one; lines that do not check
 * out are listed and every other answer is stored.
 */
export async function importSurvey(
  pool: Pool,
  input: { campaignId: string; text: string; format: ImportFormat; source?: string },
): Promise<SurveyImportReport> {
  const source = input.source ?? 'import';
  const { answers, rejected } = parseSurveyFile(input.text, input.format);
  let stored = 0;
  if (answers.length > 0) {
    const result = await pool.query(
      `INSERT INTO survey_answers (campaign_id, answer_id, respondent, question, score, out_of, text, source)
       SELECT $1, a.answer_id, a.respondent, a.question, a.score, a.out_of, a.text, $2
         FROM jsonb_to_recordset($3::jsonb) AS a(answer_id text, respondent text, question text, score float8, out_of float8, text text)
       ON CONFLICT (campaign_id, answer_id) DO UPDATE SET
         respondent = EXCLUDED.respondent, question = EXCLUDED.question, score = EXCLUDED.score, out_of = EXCLUDED.out_of,
         text = EXCLUDED.text, source = EXCLUDED.source, imported_at = now()
       WHERE (survey_answers.respondent, survey_answers.question, survey_answers.score, survey_answers.out_of, survey_answers.text)
             IS DISTINCT FROM (EXCLUDED.respondent, EXCLUDED.question, EXCLUDED.score, EXCLUDED.out_of, EXCLUDED.text)`,
      [input.campaignId, source, JSON.stringify(answers.map(wire))],
    );
    stored = result.rowCount ?? 0;
  }
  return { campaignId: input.campaignId, format: input.format, source, stored, unchanged: answers.length - stored, rejected };
}

function wire(a: SurveyAnswer) {
  return { answer_id: a.answerId, respondent: a.respondent, question: a.question, score: a.score, out_of: a.outOf, text: a.text };
}
