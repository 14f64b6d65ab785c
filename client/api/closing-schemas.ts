/**
 * Request and response bodies of the closing routes (report, retrospective, case library, survey).
 * Registered in the same schema registry as client/api/schemas.ts, so the OpenAPI document names
 * them the same way.
 */
import { z } from 'zod';
import { caseSearchSchema, type CaseHit } from '../../domain/cases/case-search.js';
import { retrospectiveInputSchema } from '../../domain/closing/retrospective.js';
import { REPORT_LANGUAGES } from '../../domain/plan/schema.js';
import { REPORT_FORMATS } from '../../domain/report/render.js';
import type { SurveyImportReport } from '../../store/index.js';
import { apiSchemas, campaignId, rejectionFields } from './schemas.js';

function named<S extends z.ZodType>(schema: S, id: string, description?: string): S {
  apiSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

const instant = z.string().meta({ description: 'ISO 8601 instant', format: 'date-time' });

export const CaseParams = z.strictObject({ id: campaignId });

export const ReportQuery = named(z.strictObject({
  lang: z.enum(REPORT_LANGUAGES, { message: 'lang is zh-CN or en' }).optional()
    .meta({ description: 'Default: the first of the plan\'s report languages.' }),
  format: z.enum(REPORT_FORMATS, { message: 'format is md, html or json' }).default('md'),
}), 'ReportQuery');

const { by: _by, ...retrospectiveFields } = retrospectiveInputSchema.shape;

/** One person's retrospective without `by`: the token says who answers. */
export const RetrospectiveRequest = named(
  z.strictObject(retrospectiveFields).refine((a) => a.worked.length + a.didNot.length + a.lessons.length + a.analyses.length > 0, {
    message: 'say at least one thing: what worked, what did not, a lesson or a KPI analysis', path: ['worked'],
  }),
  'RetrospectiveRequest',
  'What worked, what did not (with root causes), lessons (with skills) and, for the accountable person, KPI analyses. Sent again, it replaces the earlier answer. The person answering is the holder of the token.',
);

export const CaseSearchQuery = named(caseSearchSchema, 'CaseSearchQuery',
  'Words in Chinese or English (every word must match; Chinese is matched by character pairs, so 提前备货 finds 提前两周备货), and filters.');

export const PlanDraftQuery = named(z.strictObject({
  lang: z.enum(REPORT_LANGUAGES, { message: 'lang is zh-CN or en' }).default('en'),
  id: campaignId.optional().meta({ description: 'The new plan\'s id; default the case\'s plan id with -next.' }),
  includeRehearsals: z.enum(['true', 'false'], { error: 'includeRehearsals is true or false' }).transform((v) => v === 'true').optional()
    .meta({ description: 'A rehearsal\'s case is refused (`rehearsal-case`) unless true; the draft then warns in its comments and suggestions.' }),
}), 'PlanDraftQuery');

export const SurveyQuery = named(z.strictObject({
  source: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'a source name, e.g. wjx-export' }).default('import'),
}), 'SurveyQuery');

const bilingual = z.object({ en: z.string(), 'zh-CN': z.string() });

export const ReportResponse = named(z.object({
  campaignId: z.string(),
  lang: z.enum(REPORT_LANGUAGES),
  format: z.enum(REPORT_FORMATS),
  stored: z.boolean().meta({ description: 'True for the report stored at closing; false for a live report built now (the campaign has not closed).' }),
  storedAt: instant.nullable(),
  body: z.string().meta({ description: 'The report: Markdown, a self-contained HTML file, or the JSON model as text.' }),
}), 'Report');

export const CaseHitSchema = named(z.object({
  campaignId: z.string(),
  title: z.string(),
  strategy: z.string().nullable(),
  channelKinds: z.array(z.string()),
  closedAt: instant,
  rehearsal: z.boolean().meta({ description: 'A rehearsal\'s case: listed only with includeRehearsals=true.' }),
  rank: z.number(),
  highlights: z.array(z.string()).meta({ description: 'Lessons and practices that match, as people wrote them.' }),
}), 'CaseHit');

export const CaseSearchResponse = named(z.object({ cases: z.array(CaseHitSchema) }), 'CaseSearchResult', 'Best match first.');

export const CaseResponse = named(z.record(z.string(), z.unknown()), 'Case',
  'A closed campaign as the case library keeps it: plan, timeline, metrics, decisions, retrospective and the report model (docs/report.md).');

export const PlanDraftResponse = named(z.object({
  caseId: z.string(),
  yaml: z.string().meta({ description: 'The plan draft, with every suggestion and its evidence as a YAML comment.' }),
  suggestions: z.array(z.object({ kind: z.enum(['channel-split', 'task-duration', 'dropped', 'rehearsal']), path: z.string(), message: bilingual })),
}), 'PlanDraft');

export const SurveyImportResponse = named(z.object({
  campaignId: z.string(),
  format: z.enum(['csv', 'ndjson']),
  source: z.string(),
  stored: z.int(),
  unchanged: z.int(),
  ...rejectionFields('answer'),
}), 'SurveyImportReport');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const holds = <T extends true>(ok: T): T => ok;
holds<Same<z.output<typeof CaseHitSchema>, CaseHit>>(true);
holds<Same<z.output<typeof SurveyImportResponse>, SurveyImportReport>>(true);
