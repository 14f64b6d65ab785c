/**
 * Execution over HTTP (P2.1–P2.10): the pilot's go/no-go, crisis actions, failed steps and the task schedule
 * (interactions are imported with the other files, import-routes.ts). The person acting is always the token's; the workflow's
 * validators decide whether that person may (the pilot's decider, the crisis' accountable person)
 * and refuse anyone else with a sentence naming who may.
 */
import type { CrisisAction } from '../../domain/execution/actions.js';
import { ApiProblem } from './problems.js';
import { apiOrigin, campaignReadRoute, defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import { ActionResponse, CampaignParams, CancellationRequest, CrisisActionRequest, PilotDecisionRequest, ScheduleResponse, StepParams, StepResolutionRequest } from './schemas.js';
import { CAMPAIGN_ROLES, type Role } from './tokens.js';

const BODY_PROBLEMS = ['malformed-body', 'unsupported-media-type', 'payload-too-large'] as const;

export function pilotDecisionRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/pilot-decisions',
    operationId: 'decidePilot',
    summary: 'Decide the pilot: go, extend, send back or cancel',
    description:
      'Taken by the person the token belongs to, who must be the plan\'s `pilot.decidedBy` (or their delegate); anyone else ' +
      'gets `not-authorised` naming who may. `extend` needs `extendBy` (e.g. "3d"); every decision but `go` needs a comment. ' +
      'A campaign that is not waiting for a pilot decision answers `refused`.',
    roles: ['approver'],
    params: CampaignParams,
    body: PilotDecisionRequest,
    success: { status: 200, schema: ActionResponse, description: 'The decision was applied.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'campaign-not-found', 'refused'],
    handle: ({ params, body, caller }) => ops.decidePilot(params.id, { ...body, by: caller.person }, apiOrigin(caller)),
  });
}

/** Ops stop and resume by hand; the crisis' accountable person approves the statement; anyone may propose one. */
const CRISIS_ROLES: Record<CrisisAction, readonly Role[]> = {
  start: ['ops'],
  end: ['ops'],
  approve: ['approver'],
  statement: CAMPAIGN_ROLES,
};

export function crisisActionRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/crisis-actions',
    operationId: 'crisisAction',
    summary: 'Start, answer, approve or end a crisis',
    description:
      '`start` (ops, with a reason) holds every post and budget change; `statement` (anyone on the team) proposes the response ' +
      'statement; `approve` (an approver token of the crisis\' accountable person) approves it and the campaign resumes; `end` ' +
      '(ops, with a reason) ends a false alarm. A campaign without an active crisis answers `refused` for statement, approve and end.',
    roles: CAMPAIGN_ROLES,
    params: CampaignParams,
    body: CrisisActionRequest,
    success: { status: 200, schema: ActionResponse, description: 'The action was applied.' },
    problems: [...BODY_PROBLEMS, 'role-not-permitted', 'not-authorised', 'signature-refused', 'campaign-not-found', 'refused'],
    handle: ({ params, body, caller }) => {
      const allowed = CRISIS_ROLES[body.action];
      if (!allowed.includes(caller.role)) {
        throw new ApiProblem(
          'role-not-permitted',
          `A token for role "${caller.role}" may not ${body.action} a crisis; this needs role ${allowed.map((r) => `"${r}"`).join(' or ')}.`,
        );
      }
      return ops.crisisAction(params.id, { ...body, by: caller.person }, apiOrigin(caller));
    },
  });
}

export function stepResolutionRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/steps/:step',
    operationId: 'resolveStep',
    summary: 'Retry or skip a failed step',
    description:
      'A step is an effect or record the campaign could not carry out (a platform\'s refusal, an expired credential, a bug): ' +
      'the campaign status lists it under `steps` and the owner\'s inbox shows it. `retry` calls it again under the same ' +
      'idempotency key; `skip` goes on without it, which some steps refuse (`refused`: what follows needs them). Taken by the ' +
      'token\'s person, who must be the campaign\'s owner, the channel\'s responsible person or on the team with an ops role; ' +
      'anyone else gets `not-authorised`. A step that is not waiting answers `already-done`.',
    roles: ['ops', 'approver'],
    params: StepParams,
    body: StepResolutionRequest,
    success: { status: 200, schema: ActionResponse, description: 'The decision was taken; a retry runs in the campaign from now.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'campaign-not-found', 'unknown-step', 'already-done', 'refused'],
    handle: ({ params, body, caller }) => ops.resolveStep(params.id, { step: params.step, ...body, by: caller.person }, apiOrigin(caller)),
  });
}

export function cancellationRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/cancellation',
    operationId: 'cancelCampaign',
    summary: 'Cancel a campaign',
    description:
      'Stops the campaign in any phase before its closing: nothing more is published, no budget is moved, and it closes with a ' +
      'short report (no retrospective), like a pilot cancelled at its go/no-go. Taken by the token\'s person, who must be the ' +
      'campaign\'s owner (or their delegate) or on the team with an ops role; anyone else gets `not-authorised`. A campaign ' +
      'already cancelled answers `already-done`; one closing or closed answers `refused`.',
    roles: ['ops', 'approver'],
    params: CampaignParams,
    body: CancellationRequest,
    success: { status: 200, schema: ActionResponse, description: 'The campaign was cancelled; it closes from now.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'campaign-not-found', 'already-done', 'refused'],
    handle: ({ params, body, caller }) => ops.cancel(params.id, { ...body, by: caller.person }, apiOrigin(caller)),
  });
}

export function scheduleRoute({ ops }: RouteDeps): AnyRoute {
  return campaignReadRoute({
    path: 'schedule', operationId: 'campaignSchedule', summary: 'A campaign\'s task schedule as it runs',
    description: 'Each task planned against what happened, the rest forecast, with lateness and the current critical path (`campaign schedule <id>` draws it).',
    success: { schema: ScheduleResponse, description: 'The schedule; null before the campaign has one.' },
    read: async (id) => {
      const { schedule, now } = await ops.schedule(id);
      return { campaignId: id, schedule: schedule ?? null, now: now ?? null };
    },
  });
}
