/**
 * The closing over the API (P3): the report (stored at closing, or live before), a person's
 * retrospective, the case library and plan drafts from a case (survey answers are imported with
 * the other files, import-routes.ts).
 */
import {
  CaseParams, CaseResponse, CaseSearchQuery, CaseSearchResponse, PlanDraftQuery, PlanDraftResponse, ReportQuery, ReportResponse,
  RetrospectiveRequest,
} from './closing-schemas.js';
import { apiOrigin, defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import { ActionResponse, CampaignParams } from './schemas.js';
import { CAMPAIGN_ROLES } from './tokens.js';

export function reportRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/campaigns/:id/report',
    operationId: 'campaignReport',
    summary: 'A campaign\'s closing report',
    description: 'The report stored at closing, in the language and format asked for; before the campaign closes, a live report built from its records now (`stored: false`).',
    roles: CAMPAIGN_ROLES,
    params: CampaignParams,
    query: ReportQuery,
    success: { status: 200, schema: ReportResponse, description: 'The report.' },
    problems: ['campaign-not-found', 'not-found'],
    handle: ({ params, query }) => ops.report(params.id, query),
  });
}

export function retrospectiveRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/retrospective',
    operationId: 'retrospect',
    summary: 'Send your retrospective',
    description: 'During the closing, each team member says what worked, what did not and why, and the lessons; sent again, it replaces the earlier answer.',
    roles: CAMPAIGN_ROLES,
    params: CampaignParams,
    body: RetrospectiveRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded.' },
    problems: ['malformed-body', 'campaign-not-found', 'not-authorised', 'signature-refused', 'refused'],
    handle: ({ params, body, caller }) => ops.retrospect(params.id, { ...body, by: caller.person }, apiOrigin(caller)),
  });
}

export function caseSearchRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases',
    operationId: 'searchCases',
    summary: 'Search the case library',
    description: 'Closed campaigns whose plan, retrospective or report match every word of `q`, in Chinese or English, best first; filter by channel kind, strategy and closing date. Rehearsals are left out unless `includeRehearsals=true`.',
    roles: CAMPAIGN_ROLES,
    query: CaseSearchQuery,
    success: { status: 200, schema: CaseSearchResponse, description: 'The matching cases.' },
    problems: [],
    handle: async ({ query }) => ({ cases: await ops.searchCases(query) }),
  });
}

export function caseRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases/:id',
    operationId: 'getCase',
    summary: 'One case of the library',
    description: 'The plan, timeline, metrics, decisions, retrospective and report model of a closed campaign.',
    roles: CAMPAIGN_ROLES,
    params: CaseParams,
    success: { status: 200, schema: CaseResponse, description: 'The case.' },
    problems: ['not-found'],
    handle: async ({ params }) => (await ops.getCase(params.id)) as unknown as Record<string, unknown>,
  });
}

export function planDraftRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/cases/:id/plan-draft',
    operationId: 'planDraftFromCase',
    summary: 'A new plan draft from a case',
    description: 'The case\'s team, gates with checklists, tasks with the durations they took and a channel split proposed from the past return, each suggestion with its evidence as a YAML comment. The draft validates as it is.',
    roles: CAMPAIGN_ROLES,
    params: CaseParams,
    query: PlanDraftQuery,
    success: { status: 200, schema: PlanDraftResponse, description: 'The draft.' },
    problems: ['not-found', 'rehearsal-case'],
    handle: ({ params, query }) => ops.planDraft(params.id, query),
  });
}

export function closingRoutes(deps: RouteDeps): AnyRoute[] {
  return [reportRoute(deps), retrospectiveRoute(deps), caseSearchRoute(deps), caseRoute(deps), planDraftRoute(deps)];
}
