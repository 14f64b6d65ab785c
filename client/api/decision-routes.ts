/** The caller's own side: who they are, deciding a gate, and everything that waits for them (the inbox). */
import { ServiceError, type Client } from '@temporalio/client';
import type { CampaignStatus } from '../../workflows/contract.js';
import { CampaignError, campaignStatus, decide, listCampaigns } from '../campaigns.js';
import type { InboxItem } from '../inbox.js';
import { defineRoute, type AnyRoute } from './route.js';
import { CallerSchema, DecisionRequest, DecisionResponse, GateParams, InboxSchema } from './schemas.js';
import { ROLES } from './tokens.js';

const STATUS_DEADLINE_MS = 3_000;

export interface DecisionRouteDeps {
  client: Client;
  taskQueue: string;
  now: () => Date;
}

export function whoAmIRoute(): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/me',
    operationId: 'whoAmI',
    summary: 'Who your token speaks for',
    description: 'The person and role of the token, e.g. for a client to check it holds the token it means to use.',
    roles: ROLES,
    success: { status: 200, schema: CallerSchema, description: 'The token\'s person and role.' },
    problems: [],
    handle: async ({ caller }) => caller,
  });
}

export function decideRoute(deps: DecisionRouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/gates/:gate/decisions',
    operationId: 'decideGate',
    summary: 'Approve a gate, or send it back with a comment',
    description:
      'The decision is taken by the person the token belongs to; nobody can decide for someone else. Only the gate\'s ' +
      'accountable person (or their delegate, within the delegation period) may decide; anyone else gets `not-authorised` ' +
      'naming who may. Repeating the same decision returns the same result without applying it twice.',
    roles: ['approver'],
    params: GateParams,
    body: DecisionRequest,
    success: { status: 200, schema: DecisionResponse, description: 'The decision was applied (or had already been).' },
    problems: ['malformed-body', 'comment-required', 'not-authorised', 'campaign-not-found', 'unknown-gate', 'gate-closed', 'gate-not-open', 'checklist-incomplete', 'refused', 'unsupported-media-type', 'payload-too-large'],
    handle: ({ params, body, caller }) =>
      decide(deps.client, params.id, {
        gate: params.gate,
        decision: body.decision,
        by: caller.person,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
      }),
  });
}

export function inboxRoute(deps: DecisionRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/inbox',
    operationId: 'inbox',
    summary: 'What waits for you',
    description:
      'Everything, in every campaign, that waits for the caller: gates to decide, deliverables to prepare, consultations, ' +
      'acknowledgements, tasks; each with since when, longest waiting first. A campaign appears here a moment after it ' +
      'starts (the search index lags). Only campaigns run by this server\'s task queue are listed.',
    roles: ROLES,
    success: { status: 200, schema: InboxSchema, description: 'Your inbox.' },
    problems: [],
    async handle({ caller }) {
      const listed = await listCampaigns(deps.client, { waitingOn: caller.person, taskQueue: deps.taskQueue });
      const statuses = await Promise.all(listed.map(async (l) => ({ campaignId: l.campaignId, status: await readStatus(deps.client, l.campaignId) })));
      const now = deps.now().getTime();
      const items = statuses.flatMap(({ status }) => (typeof status === 'object' ? itemsFor(caller.person, status, now) : []));
      items.sort((a, b) => b.waitedMs - a.waitedMs);
      const unavailable = statuses.filter((s) => s.status === 'unavailable').map((s) => s.campaignId);
      return { person: caller.person, items, unavailable };
    },
  });
}

/** As client/inbox.ts reads a status, so the API and `campaign inbox` show the same items. */
function itemsFor(person: string, status: CampaignStatus, now: number): InboxItem[] {
  return status.waiting
    .filter((w) => w.person === person)
    .map((item) => ({
      ...item,
      campaignId: status.id,
      campaignName: status.name,
      title: item.gate
        ? (status.gates.find((g) => g.id === item.gate)?.title ?? item.gate)
        : (status.tasks.find((t) => t.id === item.task)?.name ?? item.task ?? ''),
      waitedMs: Math.max(0, now - Date.parse(item.since)),
    }));
}

/**
 * One campaign's status for the inbox, read concurrently with the others. A campaign whose worker
 * is down would hold the whole inbox for the query timeout (30 s); it is named as unavailable
 * instead. One the index still lists after it is gone is left out.
 */
async function readStatus(client: Client, campaignId: string): Promise<CampaignStatus | 'unavailable' | undefined> {
  try {
    return await client.withDeadline(Date.now() + STATUS_DEADLINE_MS, () => campaignStatus(client, campaignId));
  } catch (err) {
    if (err instanceof CampaignError && err.exitCode === 2) return undefined;
    if (err instanceof CampaignError || err instanceof ServiceError) return 'unavailable';
    throw err;
  }
}
