/**
 * Preparing gates over HTTP: readiness, evidence and checklist ticks, consultation comments, the
 * strategy acknowledgement, and tasks done. The person acting is always the token's; the
 * workflow's validators decide whether that person may (responsible, consulted, in the team, the
 * task's owner) and refuse anyone else with a sentence saying who may.
 */
import { apiOrigin, defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import {
  AcknowledgementRequest, ActionResponse, CampaignParams, ConsultationRequest, GateParams, ReadinessRequest, TaskCompletionRequest,
  TaskParams,
} from './schemas.js';
import type { Role } from './tokens.js';

/** Approvers and ops prepare; managers only read. */
const PREPARERS: readonly Role[] = ['approver', 'ops'];

const BODY_PROBLEMS = ['malformed-body', 'unsupported-media-type', 'payload-too-large'] as const;

export function readinessRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/gates/:gate/readiness',
    operationId: 'prepareGate',
    summary: 'Mark deliverables ready, add evidence, tick checklist items',
    description:
      'Responsible people mark their deliverables for the gate ready (`ready: false` takes the mark back) and add evidence ' +
      '(links or notes); responsible people and the accountable person tick or untick checklist items, by their text or ' +
      'number (1 = first). Anyone else gets `not-authorised` naming who may.',
    roles: PREPARERS,
    params: GateParams,
    body: ReadinessRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded; `stage` is where the gate stands now.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'campaign-not-found', 'unknown-gate', 'gate-closed', 'refused'],
    handle: ({ params, body, caller }) => ops.prepare(params.id, { ...body, gate: params.gate, by: caller.person }, apiOrigin(caller)),
  });
}

export function consultationRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/gates/:gate/consultations',
    operationId: 'consultOnGate',
    summary: 'Comment on a gate you are consulted on',
    description: 'Only the people the gate consults may comment; anyone else gets `not-authorised` naming them. A later comment replaces the earlier one.',
    roles: PREPARERS,
    params: GateParams,
    body: ConsultationRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded; `stage` is where the gate stands now.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'campaign-not-found', 'unknown-gate', 'gate-closed', 'refused'],
    handle: ({ params, body, caller }) => ops.consult(params.id, { ...body, gate: params.gate, by: caller.person }, apiOrigin(caller)),
  });
}

export function acknowledgementRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/acknowledgements',
    operationId: 'acknowledgeStrategy',
    summary: 'Acknowledge the campaign\'s strategy',
    description: 'Every team member acknowledges the strategy once; someone outside the team gets `not-authorised`, a second acknowledgement `already-done`.',
    roles: PREPARERS,
    params: CampaignParams,
    body: AcknowledgementRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'already-done', 'campaign-not-found', 'refused'],
    handle: ({ params, caller }) => ops.acknowledge(params.id, { by: caller.person }, apiOrigin(caller)),
  });
}

export function taskCompletionRoute({ ops }: RouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/tasks/:task/completion',
    operationId: 'completeTask',
    summary: 'Mark a task you own done',
    description:
      'The task\'s owner (or the campaign owner) marks it done, once its dependencies are done. Anyone else gets ' +
      '`not-authorised` naming the owner; a task done before is `already-done`, one still waiting for others `task-blocked`.',
    roles: PREPARERS,
    params: TaskParams,
    body: TaskCompletionRequest,
    success: { status: 200, schema: ActionResponse, description: 'Recorded.' },
    problems: [...BODY_PROBLEMS, 'not-authorised', 'signature-refused', 'already-done', 'task-blocked', 'campaign-not-found', 'unknown-task', 'refused'],
    handle: ({ params, caller }) => ops.completeTask(params.id, { task: params.task, by: caller.person }, apiOrigin(caller)),
  });
}
