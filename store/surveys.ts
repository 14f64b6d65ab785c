/**
 * Survey answers for the report's qualitative section (domain/closing/survey.ts), one per campaign
 * and answer id. An answer sent again under its id replaces the earlier one.
 */
import type { Pool } from 'pg';
import { parseSurveyFile, type SurveyAnswer } from '../domain/closing/survey.js';
import { ErrorType } from '../domain/errors.js';
import type { ImportFormat, RejectionReport } from '../domain/imports/pipeline.js';
import { campaignRecords } from './campaigns.js';
import { refusal, type Queryable } from './db.js';
import { importFile, type FileImport, type ImportTarget, type WriteOutcome } from './imports.js';

export interface SurveyImportInput {
  campaignId: string;
  text: string;
  format: ImportFormat;
  /** Where the answers come from (`wjx-export`); default `import`. */
  source?: string;
}

export type SurveyImportReport = RejectionReport & {
  campaignId: string;
  format: ImportFormat;
  source: string;
  /** Answers stored or changed by this import. */
  stored: number;
  /** Answers already stored as they are. */
  unchanged: number;
};

export interface SurveyRecords {
  /** A survey file: lines that do not check out are listed and every other answer is stored. */
  importFile(input: SurveyImportInput): Promise<SurveyImportReport>;
  /** The campaign's answers by answer id. */
  answers(campaignId: string): Promise<SurveyAnswer[]>;
}

export function surveyRecords(pool: Pool): SurveyRecords {
  return {
    async importFile(input) {
      const source = input.source ?? 'import';
      const imported = await importFile(pool, { ...input, source }, surveyImport);
      return { campaignId: input.campaignId, format: input.format, source, ...imported };
    },

    async answers(campaignId) {
      const { rows } = await pool.query<SurveyAnswer>(
        `SELECT answer_id AS "answerId", respondent, question, score, out_of AS "outOf", text
           FROM survey_answers WHERE campaign_id = $1 ORDER BY answer_id`,
        [campaignId],
      );
      return rows;
    },
  };
}

const surveyImport: FileImport<true, SurveyAnswer> = {
  sourceMessage: (problem) => `source: ${problem}`,
  context: async (db, campaignId) => ((await campaignRecords(db).exists(campaignId)) ? true : undefined),
  unknownCampaign: (campaignId) => refusal(`There is no campaign "${campaignId}" in the records.`, ErrorType.CampaignNotFound),
  parse: (text, format) => {
    const { answers, ...rejections } = parseSurveyFile(text, format);
    return { format, rows: answers, repeated: 0, ...rejections };
  },
  write: writeBatch,
};

/** Upserts a batch; an answer stored as it is stays untouched (and is not returned). */
async function writeBatch(db: Queryable, batch: readonly SurveyAnswer[], { campaignId, source }: ImportTarget): Promise<WriteOutcome[]> {
  const { rows } = await db.query<{ answer_id: string }>(
    `INSERT INTO survey_answers (campaign_id, answer_id, respondent, question, score, out_of, text, source)
     SELECT $1, a.answer_id, a.respondent, a.question, a.score, a.out_of, a.text, $2
       FROM jsonb_to_recordset($3::jsonb) AS a(answer_id text, respondent text, question text, score float8, out_of float8, text text)
     ON CONFLICT (campaign_id, answer_id) DO UPDATE SET
       respondent = EXCLUDED.respondent, question = EXCLUDED.question, score = EXCLUDED.score, out_of = EXCLUDED.out_of,
       text = EXCLUDED.text, source = EXCLUDED.source, imported_at = now()
     WHERE (survey_answers.respondent, survey_answers.question, survey_answers.score, survey_answers.out_of, survey_answers.text)
           IS DISTINCT FROM (EXCLUDED.respondent, EXCLUDED.question, EXCLUDED.score, EXCLUDED.out_of, EXCLUDED.text)
     RETURNING answer_id`,
    [campaignId, source, JSON.stringify(batch.map(wire))],
  );
  const written = new Set(rows.map((r) => r.answer_id));
  return batch.map((a) => (written.has(a.answerId) ? 'stored' : 'unchanged'));
}

function wire(a: SurveyAnswer) {
  return { answer_id: a.answerId, respondent: a.respondent, question: a.question, score: a.score, out_of: a.outOf, text: a.text };
}
