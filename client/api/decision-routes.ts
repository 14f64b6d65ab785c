/** The caller's own side: who they are, deciding a gate, and everything that waits for them (the inbox). */
import { apiOrigin, defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import { CallerSchema, DecisionRequest, DecisionResponse, GateParams, InboxSchema } from './schemas.js';
import { CAMPAIGN_ROLES, ROLES } from './tokens.js';

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

export function decideRoute({ ops }: RouteDeps): AnyRoute {
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
    problems: ['malformed-body', 'comment-required', 'not-authorised', 'signature-refused', 'campaign-not-found', 'unknown-gate', 'gate-closed', 'gate-not-open', 'checklist-incomplete', 'refused', 'unsupported-media-type', 'payload-too-large'],
    handle: ({ params, body, caller }) =>
      ops.decide(params.id, {
        gate: params.gate,
        decision: body.decision,
        by: caller.person,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
      }, apiOrigin(caller)),
  });
}

export function inboxRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/inbox',
    operationId: 'inbox',
    summary: 'What waits for you',
    description:
      'Everything, in every campaign, that waits for the caller: gates to decide, deliverables to prepare, consultations, ' +
      'acknowledgements, tasks; each with since when, longest waiting first. A campaign appears here a moment after it ' +
      'starts (the search index lags). Only campaigns run by this server\'s task queue are listed.',
    roles: CAMPAIGN_ROLES,
    success: { status: 200, schema: InboxSchema, description: 'Your inbox.' },
    problems: [],
    handle: ({ caller }) => ops.inbox(caller.person),
  });
}
