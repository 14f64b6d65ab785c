/**
 * The closing over the API (P3): the report (stored at closing, or live before), a person's
 * retrospective, the case library and plan drafts from a case, and survey answers (ops).
 */
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { planFromCase } from '../../domain/cases/plan-from-case.js';
import { exitCodeFor } from '../../domain/errors.js';
import { MAX_IMPORT_BYTES } from '../../domain/metrics-import.js';
import type { ReportLanguage } from '../../domain/report/format.js';
import { renderReport } from '../../domain/report/render.js';
import { createStore } from '../../store/index.js';
import { campaignExists } from '../audit.js';
import { CampaignError, campaignStatus, retrospect } from '../campaigns.js';
import {
  CaseParams, CaseResponse, CaseSearchQuery, CaseSearchResponse, PlanDraftQuery, PlanDraftResponse, ReportQuery, ReportResponse,
  RetrospectiveRequest, SurveyFile, SurveyImportResponse, SurveyQuery,
} from './closing-schemas.js';
import { ApiProblem, problemFromCampaignError } from './problems.js';
import { defineRoute, type AnyRoute } from './route.js';
import { ActionResponse, CampaignParams } from './schemas.js';
import { ROLES } from './tokens.js';

export interface ClosingRouteDeps {
  client: Client;
  pool: pg.Pool;
}

function asProblem(err: unknown, id: string): unknown {
  if (err instanceof CampaignError) return problemFromCampaignError(err, id);
  if (err instanceof ApplicationFailure) {
    const type = err.type ?? undefined;
    return problemFromCampaignError(new CampaignError(err.message, exitCodeFor(type), type), id);
  }
  return err;
}

export function reportRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/campaigns/:id/report',
    operationId: 'campaignReport',
    summary: 'A campaign\'s closing report',
    description: 'The report stored at closing, in the language and format asked for; before the campaign closes, a live report built from its records now (`stored: false`).',
    roles: ROLES,
    params: CampaignParams,
    query: ReportQuery,
    success: { status: 200, schema: ReportResponse, description: 'The report.' },
    problems: ['campaign-not-found', 'not-found'],
    async handle({ params, query }) {
      try {
        const langs = await reportLanguages(deps.pool, params.id);
        const lang: ReportLanguage = query.lang ?? (langs[0] as ReportLanguage | undefined) ?? 'zh-CN';
        const stored = await createStore(deps.pool).reports.read(params.id, lang, query.format);
        if (stored) return { campaignId: params.id, lang, format: query.format, stored: true, storedAt: stored.storedAt, body: stored.body };
        if (langs.length > 0 && (await createStore(deps.pool).reports.read(params.id, langs[0] as ReportLanguage, query.format))) {
          throw new ApiProblem('not-found', `The report of "${params.id}" was stored in ${langs.join(', ')} only; ask for one of those.`);
        }
        const status = await campaignStatus(deps.client, params.id);
        const built = await createStore(deps.pool).reports.build(params.id, status);
        return { campaignId: params.id, lang, format: query.format, stored: false, storedAt: null, body: renderReport(built.report, lang, query.format) };
      } catch (err) {
        throw asProblem(err, params.id);
      }
    },
  });
}

/** The plan's report languages, from the records; a campaign not in the records is not found. */
async function reportLanguages(pool: pg.Pool, id: string): Promise<string[]> {
  if (!(await campaignExists(pool, id))) throw new ApiProblem('campaign-not-found', `There is no campaign "${id}" in the records.`);
  return createStore(pool).campaigns.reportLanguages(id);
}

export function retrospectiveRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/retrospective',
    operationId: 'retrospect',
    summary: 'Send your retrospective',
    description: 'During the closing, each team member says what worked, what did not and why, and the lessons; sent again, it replaces the earlier answer.',
    roles: ROLES,
    params: CampaignParams,
    body: RetrospectiveRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded.' },
    problems: ['malformed-body', 'campaign-not-found', 'not-authorised', 'refused'],
    async handle({ params, body, caller }) {
      try {
        return await retrospect(deps.client, params.id, { ...body, by: caller.person });
      } catch (err) {
        throw asProblem(err, params.id);
      }
    },
  });
}

export function caseSearchRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases',
    operationId: 'searchCases',
    summary: 'Search the case library',
    description: 'Closed campaigns whose plan, retrospective or report match every word of `q`, in Chinese or English, best first; filter by channel kind, strategy and closing date.',
    roles: ROLES,
    query: CaseSearchQuery,
    success: { status: 200, schema: CaseSearchResponse, description: 'The matching cases.' },
    problems: [],
    async handle({ query }) {
      return { cases: await createStore(deps.pool).cases.search(query) };
    },
  });
}

async function requireCase(pool: pg.Pool, id: string) {
  const record = await createStore(pool).cases.read(id);
  if (!record) throw new ApiProblem('not-found', `There is no case "${id}": a campaign becomes a case when it closes.`);
  return record;
}

export function caseRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases/:id',
    operationId: 'getCase',
    summary: 'One case of the library',
    description: 'The plan, timeline, metrics, decisions, retrospective and report model of a closed campaign.',
    roles: ROLES,
    params: CaseParams,
    success: { status: 200, schema: CaseResponse, description: 'The case.' },
    problems: ['not-found'],
    async handle({ params }) {
      return (await requireCase(deps.pool, params.id)) as unknown as Record<string, unknown>;
    },
  });
}

export function planDraftRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases/:id/plan-draft',
    operationId: 'planDraftFromCase',
    summary: 'A new plan draft from a case',
    description: 'The case\'s team, gates with checklists, tasks with the durations they took and a channel split proposed from the past return, each suggestion with its evidence as a YAML comment. The draft validates as it is.',
    roles: ROLES,
    params: CaseParams,
    query: PlanDraftQuery,
    success: { status: 200, schema: PlanDraftResponse, description: 'The draft.' },
    problems: ['not-found'],
    async handle({ params, query }) {
      const record = await requireCase(deps.pool, params.id);
      const draft = planFromCase(record, { lang: query.lang, ...(query.id ? { id: query.id } : {}) });
      return { caseId: params.id, yaml: draft.yaml, suggestions: draft.suggestions };
    },
  });
}

export function surveyImportRoute(deps: ClosingRouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/survey',
    operationId: 'importSurvey',
    summary: 'Import survey answers',
    description:
      'Send a CSV with a header row as `text/csv`, or NDJSON as `application/x-ndjson`, in UTF-8: one answer per row with ' +
      '`answer_id`, `question`, `score` and/or `text`, optionally `respondent` and `out_of`. The report\'s qualitative section ' +
      'summarises them. An answer sent again under its id replaces the earlier one; lines that do not check out are listed in `rejected`.',
    roles: ['ops'],
    params: CampaignParams,
    query: SurveyQuery,
    body: SurveyFile,
    accepts: ['text/csv', 'application/x-ndjson'],
    text: {
      description: 'The survey file.',
      toBody: (text, _query, mediaType) => ({ text, format: mediaType === 'text/csv' ? 'csv' : 'ndjson' }),
    },
    bodyLimitBytes: MAX_IMPORT_BYTES,
    success: { status: 200, schema: SurveyImportResponse, description: 'Imported; `rejected` lists the lines that were not.' },
    problems: ['malformed-body', 'campaign-not-found', 'unsupported-media-type', 'payload-too-large'],
    async handle({ params, query, body }) {
      if (!(await campaignExists(deps.pool, params.id))) throw new ApiProblem('campaign-not-found', `There is no campaign "${params.id}" in the records.`);
      return createStore(deps.pool).surveys.importFile({ campaignId: params.id, text: body.text, format: body.format, source: query.source });
    },
  });
}

export function closingRoutes(deps: ClosingRouteDeps): AnyRoute[] {
  return [reportRoute(deps), retrospectiveRoute(deps), caseSearchRoute(deps), caseRoute(deps), planDraftRoute(deps), surveyImportRoute(deps)];
}
