/**
 * Survey answers brought in from a file (P3.2): one answer per row, with the question, a score and
 * what the person wrote. The report's qualitative section shows their summary: how many answered,
 * the mean score per question and a few comments in the respondents' own words.
 */
import { z } from 'zod';
import { parseImport, type ImportFormat, type ImportSpec, type RejectionReport } from '../imports/pipeline.js';
import type { SurveySummary } from './qualitative.js';

export const SURVEY_COLUMNS = ['answer_id', 'respondent', 'question', 'score', 'out_of', 'text'] as const;

export interface SurveyAnswer {
  answerId: string;
  respondent: string | null;
  question: string;
  score: number | null;
  outOf: number | null;
  text: string | null;
}

export type ParsedSurvey = RejectionReport & { answers: SurveyAnswer[] };

const optionalNumber = (field: string) => z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
  z.number({ error: `${field} must be a number, e.g. 4` }).finite({ error: `${field} must be a number, e.g. 4` }).min(0, `${field} cannot be negative`).optional(),
);
const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(4_000, 'keep it under 4,000 characters').optional());

const answerSchema = z.strictObject({
  answer_id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ error: 'give each answer an id (answer_id), unique in the survey' })
    .trim().min(1, 'give each answer an id (answer_id), unique in the survey').max(200)),
  respondent: optionalText,
  question: z.string({ error: 'say which question was answered (question)' }).trim().min(1, 'say which question was answered (question)').max(500),
  score: optionalNumber('score'),
  out_of: optionalNumber('out_of'),
  text: optionalText,
}).refine((a) => a.score !== undefined || (a.text ?? '').trim() !== '', { message: 'give a score or a text answer', path: ['score'] })
  .refine((a) => a.score === undefined || a.out_of === undefined || a.score <= a.out_of, { message: 'score is above out_of', path: ['score'] });

const surveySpec: ImportSpec<z.output<typeof answerSchema>, SurveyAnswer> = {
  fields: SURVEY_COLUMNS,
  // Survey tools' own names for the same columns, and camelCase keys.
  aliases: { id: 'answer_id', answerid: 'answer_id', outof: 'out_of', answer: 'text', comment: 'text' },
  requiredColumns: ['answer_id', 'question'],
  example: '{"answer_id":"a1","question":"推荐意愿","score":9,"out_of":10}',
  widthHint: 'put a text with commas in double quotes',
  schema: answerSchema,
  row: (a) => ({
    answerId: a.answer_id, respondent: a.respondent?.trim() || null, question: a.question, score: a.score ?? null,
    outOf: a.out_of ?? null, text: a.text?.trim() || null,
  }),
  identity: (answer) => answer.answerId,
  // An answer sent again replaces the stored one, so a file that gives an id twice is ambiguous.
  repeated: (_earlier, answer, line) => ({
    line, field: 'answer_id', message: `answer_id "${answer.answerId}" appears twice in the file; each answer needs its own id`,
  }),
};

export function parseSurveyFile(text: string, format: ImportFormat): ParsedSurvey {
  const { rows, format: _format, repeated: _repeated, ...rejections } = parseImport(surveySpec, { text, format });
  return { answers: rows, ...rejections };
}

/** How many comments the summary quotes. */
const QUOTED_COMMENTS = 5;

/** The answers as the report's survey summary; undefined without any. */
export function summarizeSurvey(answers: readonly SurveyAnswer[]): SurveySummary | undefined {
  if (answers.length === 0) return undefined;
  const respondents = new Set(answers.map((a) => a.respondent).filter((r): r is string => r !== null));
  const questions = new Map<string, { sum: number; count: number; outOf: number | undefined }>();
  for (const a of answers) {
    if (a.score === null) continue;
    const q = questions.get(a.question) ?? { sum: 0, count: 0, outOf: undefined };
    q.sum += a.score;
    q.count += 1;
    if (a.outOf !== null) q.outOf = Math.max(q.outOf ?? 0, a.outOf);
    questions.set(a.question, q);
  }
  const comments = answers.map((a) => a.text).filter((t): t is string => t !== null);
  return {
    respondents: respondents.size > 0 ? respondents.size : answers.length,
    method: 'survey',
    summary: comments.length > 0 ? comments.slice(0, QUOTED_COMMENTS).join(' / ') : '—',
    scores: [...questions].map(([name, q]) => ({
      name, value: Math.round((q.sum / q.count) * 100) / 100, ...(q.outOf !== undefined ? { outOf: q.outOf } : {}),
    })),
  };
}
