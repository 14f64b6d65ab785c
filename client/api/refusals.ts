/**
 * Refused attempts through the API leave a trace where someone looking into them would look. A
 * person's refused action on a campaign of this environment (a decision by someone not
 * accountable, a role that may not act, a closed gate) goes into the campaign's audit trail, so
 * `campaign audit <id>` shows who tried what and why it was refused. Requests without a valid
 * token, and refusals that name no campaign of this environment, go into the token audit.
 * Malformed requests and failures are not refusals: the access log has them.
 */
import { randomUUID } from 'node:crypto';
import type { RecordsStore } from '../../store/index.js';
import { CampaignError } from '../campaign-error.js';
import { TokenRejected } from './access.js';
import type { CampaignScope } from './environment.js';
import type { ApiProblem } from './problems.js';
import type { AnyRoute } from './route.js';
import { campaignId } from './schemas.js';
import type { Caller } from './tokens.js';

export interface RefusedRequest {
  route: AnyRoute;
  caller: Caller | undefined;
  problem: ApiProblem;
  /** As they came, unvalidated: read only to say what was attempted. */
  params: unknown;
  query: unknown;
  body: unknown;
  clientAddress: string;
}

/** Where a refusal was recorded. */
export type RefusalRecord = 'campaign' | 'tokens';

/** The statuses with which a campaign refuses what a person does (invalid for this gate, not theirs, wrong state). */
const CAMPAIGN_REFUSALS = new Set([400, 403, 409, 422]);

/** Whether the answer refuses what the caller tried, rather than a request that could not be read or a failure. */
export function isRefusal(route: AnyRoute, problem: ApiProblem): boolean {
  if (problem instanceof TokenRejected) return true;
  if (problem.problem === 'role-not-permitted' || problem.problem === 'unknown-person') return true;
  return route.method === 'POST' && CAMPAIGN_REFUSALS.has(problem.status) && problem.cause instanceof CampaignError;
}

export function refusalRecorder(deps: { store: RecordsStore; scope: CampaignScope; now: () => Date }) {
  const { store, scope } = deps;
  return async function record(refused: RefusedRequest): Promise<RefusalRecord> {
    const { route, caller, problem } = refused;
    if (!caller || problem instanceof TokenRejected) {
      const reason = problem instanceof TokenRejected ? problem.reason : problem.problem;
      await store.tokenAudit.refused({
        tokenId: problem instanceof TokenRejected ? problem.tokenId ?? null : null,
        actor: null,
        detail: { reason, operationId: route.operationId, client: refused.clientAddress },
      });
      return 'tokens';
    }
    const what = {
      operationId: route.operationId, tokenId: caller.tokenId, role: caller.role, path: 'api',
      problem: problem.problem, status: problem.status, message: problem.detail, ...attempted(refused),
    };
    const campaign = route.method === 'POST' ? attemptedCampaign(refused) : undefined;
    if (campaign && (await scope.holds(campaign).catch(() => false))) {
      const params = fields(refused.params);
      const recorded = await store.audit.recordIfKnown({
        campaignId: campaign,
        eventKey: `api-refusal:${randomUUID()}`,
        kind: 'refused',
        ...(typeof params['gate'] === 'string' ? { gate: params['gate'] } : {}),
        ...(typeof params['task'] === 'string' ? { task: params['task'] } : {}),
        actor: caller.person,
        detail: what,
        at: deps.now().toISOString(),
      });
      if (recorded) return 'campaign';
    }
    await store.tokenAudit.refused({ tokenId: caller.tokenId, actor: caller.person, detail: { ...what, ...(campaign ? { campaignId: campaign } : {}) } });
    return 'tokens';
  };
}

/** What the caller tried beyond the route: the failed step, the decision or action asked for. */
function attempted(refused: RefusedRequest): Record<string, string> {
  const params = fields(refused.params);
  const body = fields(refused.body);
  const out: Record<string, string> = {};
  if (typeof params['step'] === 'string') out['step'] = params['step'];
  for (const key of ['decision', 'action'] as const) if (typeof body[key] === 'string') out[key] = body[key];
  return out;
}

/**
 * The campaign a refused action was aimed at: the path's, or for a start the id asked for (in the
 * query with a plan file, in the body, or the plan's own). Only the campaign routes name one.
 */
function attemptedCampaign(refused: RefusedRequest): string | undefined {
  if (!refused.route.url.startsWith('/v1/campaigns')) return undefined;
  const body = fields(refused.body);
  const candidates = [fields(refused.params)['id'], fields(refused.query)['id'], body['id'], fields(body['plan'])['id']];
  return candidates.find((c): c is string => campaignId.safeParse(c).success);
}

function fields(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
