/**
 * Survey answers brought in from a file (P3.2): one answer per row, with the question, a score and
 * what the person wrote. The report's qualitative section shows their summary: how many answered,
 * the mean score per question and a few comments in the respondents' own words.
 */
import { z } from 'zod';
import { csvRecords } from '../csv.js';
import type { ImportFormat, RejectedLine } from '../metrics-import.js';
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

export interface ParsedSurvey {
  answers: SurveyAnswer[];
  rejected: RejectedLine[];
}

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

const ALIASES: Record<string, string> = { id: 'answer_id', answerid: 'answer_id', outof: 'out_of', answer: 'text', comment: 'text' };

function columnName(raw: string): string {
  const key = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
  return ALIASES[key.replaceAll('_', '')] ?? ALIASES[key] ?? key;
}

export function parseSurveyFile(text: string, format: ImportFormat): ParsedSurvey {
  const answers: SurveyAnswer[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Set<string>();
  const take = (line: number, row: Record<string, unknown>) => {
    const parsed = answerSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
        rejected.push({
          line,
          field: unknownKeys ? unknownKeys.join(', ') : typeof field === 'string' ? field : null,
          message: unknownKeys ? `unknown column; the columns are ${SURVEY_COLUMNS.join(', ')}` : issue.message,
        });
      }
      return;
    }
    const a = parsed.data;
    if (seen.has(a.answer_id)) {
      rejected.push({ line, field: 'answer_id', message: `answer_id "${a.answer_id}" appears twice in the file; each answer needs its own id` });
      return;
    }
    seen.add(a.answer_id);
    answers.push({
      answerId: a.answer_id, respondent: a.respondent?.trim() || null, question: a.question, score: a.score ?? null,
      outOf: a.out_of ?? null, text: a.text?.trim() || null,
    });
  };

  if (format === 'csv') {
    let header: string[] | undefined;
    for (const item of csvRecords(text)) {
      if ('unclosedQuote' in item) {
        rejected.push({ line: item.line, field: null, message: 'a quote opened here never closes' });
        break;
      }
      if (item.values.every((v) => v.trim() === '')) continue;
      if (!header) {
        header = item.values.map(columnName);
        continue;
      }
      const row: Record<string, unknown> = {};
      header.forEach((name, i) => {
        if (name) row[name] = item.values[i] ?? '';
      });
      take(item.line, row);
    }
  } else {
    text.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        rejected.push({ line: i + 1, field: null, message: 'not a JSON object' });
        return;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        rejected.push({ line: i + 1, field: null, message: 'not a JSON object' });
        return;
      }
      const row = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [columnName(k), v]));
      take(i + 1, row);
    });
  }
  return { answers, rejected };
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
