/** Starting campaigns (ops) and reading them, their status and audit trail (everyone with a token). */
import { validatePlanData, validatePlanText } from '../../domain/plan/validate.js';
import { CampaignError } from '../campaigns.js';
import { ApiProblem, problemFromCampaignError } from './problems.js';
import { campaignReadRoute, defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import {
  AuditTrailSchema, CampaignList, CampaignStatusSchema, ListQuery, StartCampaignRequest, StartCampaignResponse, StartQuery,
} from './schemas.js';
import { CAMPAIGN_ROLES } from './tokens.js';

export function startCampaignRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns',
    operationId: 'startCampaign',
    summary: 'Validate a plan and start its campaign',
    description:
      'Send `application/json` with the plan as an object (or as the text of a plan file) plus optional `id`, `timeScale` and `sandbox`; ' +
      'or send the plan file itself as `application/yaml` / `text/yaml`, with `id`, `timeScale` and `sandbox` in the query. ' +
      'At time scale 1, sandbox channels are refused (`sandbox-launch`) unless `sandbox` is true: a rehearsal at full length. ' +
      'An invalid plan starts nothing and is answered with every problem in it (`invalid-plan`), in the language of `Accept-Language` (zh or en).',
    roles: ['ops'],
    query: StartQuery,
    body: StartCampaignRequest,
    accepts: ['application/json', 'application/yaml', 'text/yaml'],
    text: {
      description: 'The text of a plan file.',
      toBody: (text, query) => ({
        plan: text,
        ...(query.id !== undefined ? { id: query.id } : {}),
        ...(query.timeScale !== undefined ? { timeScale: query.timeScale } : {}),
        ...(query.sandbox !== undefined ? { sandbox: query.sandbox } : {}),
      }),
    },
    success: { status: 201, schema: StartCampaignResponse, description: 'Started. `Location` is the campaign.' },
    problems: ['malformed-body', 'invalid-plan', 'campaign-exists', 'sandbox-launch', 'payload-too-large', 'unsupported-media-type'],
    async handle({ query, body, mediaType, lang, reply }) {
      if (mediaType === 'application/json') rejectQueryOptions(query);
      // Validated once, as it came: text with lines and columns, an object by its paths.
      const validation = typeof body.plan === 'string'
        ? validatePlanText(body.plan, { lang, ...(mediaType === 'application/json' ? {} : { fileName: 'plan.yaml' }) })
        : validatePlanData(body.plan, { lang });
      if (!validation.ok) {
        const count = validation.issues.length;
        throw new ApiProblem('invalid-plan', `The plan has ${count} problem${count === 1 ? '' : 's'}; nothing was started.`, {
          errors: validation.issues,
        });
      }
      const campaignId = body.id ?? validation.plan.id;
      try {
        const started = await ops.start({ plan: validation.plan, campaignId, timeScale: body.timeScale, sandbox: body.sandbox });
        reply.header('location', `/v1/campaigns/${started.campaignId}`);
        return started;
      } catch (err) {
        throw err instanceof CampaignError ? problemFromCampaignError(err, campaignId) : err;
      }
    },
  });
}

/** With a JSON body the options live in the body; two places for one value invite contradictions. */
function rejectQueryOptions(query: { id?: string | undefined; timeScale?: number | undefined; sandbox?: boolean | undefined }): void {
  const misplaced = (['id', 'timeScale', 'sandbox'] as const).filter((key) => query[key] !== undefined);
  if (misplaced.length === 0) return;
  throw new ApiProblem('invalid-request', 'With a JSON body, give id, timeScale and sandbox in the body.', {
    errors: misplaced.map((key) => ({ path: `query.${key}`, message: `move "${key}" into the JSON body` })),
  });
}

export function listCampaignsRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/campaigns',
    operationId: 'listCampaigns',
    summary: 'Campaigns, newest first',
    description:
      'Filter by `phase` or by `waitingOn` (a person a campaign waits for). The list lags changes by a moment. Only campaigns ' +
      'run by this server\'s task queue are listed: environments sharing a Temporal namespace stay apart.',
    roles: CAMPAIGN_ROLES,
    query: ListQuery,
    success: { status: 200, schema: CampaignList, description: 'The campaigns.' },
    problems: [],
    async handle({ query }) {
      const listings = await ops.list(query);
      return { campaigns: listings.map((l) => ({ ...l, phase: l.phase ?? null, owner: l.owner ?? null })) };
    },
  });
}

export function campaignStatusRoute({ ops }: RouteDeps): AnyRoute {
  return campaignReadRoute({
    operationId: 'campaignStatus', summary: 'Where a campaign stands',
    description: 'Phase, gates with every decision round, tasks, channels with spend, KPIs against targets, reviews (latest first), alerts, and the closing summary once closed.',
    success: { schema: CampaignStatusSchema, description: 'The campaign\'s status.' },
    read: async (id) => {
      const status = await ops.status(id);
      return { ...status, closing: status.closing ?? null, rehearsal: status.rehearsal ?? null };
    },
  });
}

export function auditRoute({ ops }: RouteDeps): AnyRoute {
  return campaignReadRoute({
    path: 'audit', operationId: 'auditTrail', summary: 'A campaign\'s audit trail',
    description: 'Decisions, readiness, checklist ticks, consultations, acknowledgements, tasks, reminders and escalations, oldest first.',
    success: { schema: AuditTrailSchema, description: 'The trail.' },
    read: async (id) => ({ campaignId: id, entries: await ops.auditTrail(id) }),
  });
}
