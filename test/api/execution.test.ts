/** The execution routes: pilot decisions, crisis actions, the schedule and interactions import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResult, campaignStatus, startCampaign } from '../../client/campaigns.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { eventually } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { rehearsalPlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
let tokens: { ops: string; approver: string; manager: string };
let id: string;

beforeAll(async () => {
  api = await apiTestEnv('api-execution');
  tokens = {
    ops: await api.token('zhao.lei', 'ops'),
    approver: await api.token('li.na', 'approver'),
    manager: await api.token('wang.wei', 'manager'),
  };
  id = await api.startCampaign(tokens.ops, 'api-exec');
  await eventually(async () => ((await api.env.pool.query('SELECT 1 FROM campaigns WHERE id = $1', [id])).rowCount ? true : undefined), 'the campaign\'s records');
});
afterAll(() => api?.stop());

describe('POST /v1/campaigns/:id/pilot-decisions', () => {
  it('needs a token, and an approver\'s', async () => {
    const anonymous = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { json: { decision: 'go' } });
    expect(anonymous.status).toBe(401);
    const manager = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { token: tokens.manager, json: { decision: 'go' } });
    expect(manager.status).toBe(403);
    expect(manager.body.type).toBe(problemType('role-not-permitted'));
  });

  it('names each field that is wrong, with what to write', async () => {
    const extend = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { token: tokens.approver, json: { decision: 'extend', comment: '再看三天' } });
    expect(extend.status).toBe(400);
    expect(extend.body.type).toBe(problemType('invalid-request'));
    expect(extend.body.errors).toEqual([{ path: 'body.extendBy', message: 'say how long to extend the pilot, e.g. extendBy "3d"' }]);

    const by = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { token: tokens.approver, json: { decision: 'go', by: 'li.na' } });
    expect(by.status).toBe(400);
    expect(by.body.errors).toEqual([{ path: 'body.by', message: 'not a field of this request' }]);

    const unknown = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { token: tokens.approver, json: { decision: 'maybe' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'body.decision', message: 'decision is "go", "extend", "send-back" or "cancel"' });
  });

  it('refuses a decision while the campaign has no pilot waiting (409)', async () => {
    const go = await api.call('POST', `/v1/campaigns/${id}/pilot-decisions`, { token: tokens.approver, json: { decision: 'go' } });
    expect({ status: go.status, body: go.body }).toMatchObject({ status: 409, body: { type: problemType('refused') } });
    expect(go.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('POST /v1/campaigns/:id/crisis-actions', () => {
  it('lets only ops start or end a crisis, and only approvers approve a statement', async () => {
    for (const [token, action] of [[tokens.manager, 'start'], [tokens.approver, 'end'], [tokens.ops, 'approve']] as const) {
      const refused = await api.call('POST', `/v1/campaigns/${id}/crisis-actions`, { token, json: { action, reason: '测试' } });
      expect(refused.status, `${action}`).toBe(403);
      expect(refused.body.type).toBe(problemType('role-not-permitted'));
      expect(refused.body.detail).toContain(`may not ${action} a crisis`);
    }
  });

  it('needs a reason to start and a statement to propose', async () => {
    const start = await api.call('POST', `/v1/campaigns/${id}/crisis-actions`, { token: tokens.ops, json: { action: 'start' } });
    expect(start.status).toBe(400);
    expect(start.body.errors).toEqual([{ path: 'body.reason', message: 'say why in a reason: it goes into the audit trail' }]);
    const statement = await api.call('POST', `/v1/campaigns/${id}/crisis-actions`, { token: tokens.manager, json: { action: 'statement', statement: ' ' } });
    expect(statement.status).toBe(400);
    expect(statement.body.errors).toEqual([{ path: 'body.statement', message: 'write the response statement' }]);
  });

  it('refuses approving a statement when there is no crisis (409)', async () => {
    const approve = await api.call('POST', `/v1/campaigns/${id}/crisis-actions`, { token: tokens.approver, json: { action: 'approve' } });
    expect({ status: approve.status, body: approve.body }).toMatchObject({ status: 409, body: { type: problemType('refused') } });
  });
});

describe('POST /v1/campaigns/:id/steps/:step', () => {
  it('takes ops and approver tokens, not managers\'', async () => {
    const manager = await api.call('POST', `/v1/campaigns/${id}/steps/budget:initial:douyin`, { token: tokens.manager, json: { action: 'retry' } });
    expect(manager.status).toBe(403);
    expect(manager.body.type).toBe(problemType('role-not-permitted'));
  });

  it('names each field that is wrong, and takes no "by"', async () => {
    const action = await api.call('POST', `/v1/campaigns/${id}/steps/budget:initial:douyin`, { token: tokens.ops, json: { action: 'redo' } });
    expect(action.status).toBe(400);
    expect(action.body.errors[0]).toMatchObject({ path: 'body.action', message: 'action is "retry" or "skip"' });
    const by = await api.call('POST', `/v1/campaigns/${id}/steps/budget:initial:douyin`, { token: tokens.ops, json: { action: 'retry', by: 'li.na' } });
    expect(by.status).toBe(400);
    expect(by.body.errors).toEqual([{ path: 'body.by', message: 'not a field of this request' }]);
  });

  it('answers 404 unknown-step for a step that has not failed, naming those that wait', async () => {
    const unknown = await api.call('POST', `/v1/campaigns/${id}/steps/budget:initial:douyin`, { token: tokens.approver, json: { action: 'skip', comment: '抖音暂停' } });
    expect({ status: unknown.status, type: unknown.body.type }).toEqual({ status: 404, type: problemType('unknown-step') });
    expect(unknown.body.detail).toBe('There is no failed step "budget:initial:douyin" in this campaign (waiting: none).');
    const missing = await api.call('POST', '/v1/campaigns/no-such-campaign/steps/register', { token: tokens.ops, json: { action: 'retry' } });
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe(problemType('campaign-not-found'));
  });
  it('retries or skips a failed step as the token\'s person, through the route and through the CLI with --api', async () => {
    const failing = uniqueCampaignId('api-steps');
    await startCampaign(api.env.client, { plan: rehearsalPlan('1d'), campaignId: failing, timeScale: scaleForDay(500), taskQueue: api.env.taskQueue });
    api.env.sandbox.setFaults({ status: 422, routes: ['budget'], channels: ['douyin', 'baidu'] });
    try {
      await playPreparation(api.env, failing);
      await eventually(async () => ((await campaignStatus(api.env, failing)).steps.filter((x) => x.status === 'waiting').length === 2 ? true : undefined), 'two failed budgets');
      // zhao.lei holds an ops token but is neither the owner, douyin's responsible person nor ops on this team.
      const notHis = await api.call('POST', `/v1/campaigns/${failing}/steps/budget:initial:douyin`, { token: tokens.ops, json: { action: 'retry' } });
      expect({ status: notHis.status, type: notHis.body.type }).toEqual({ status: 403, type: problemType('not-authorised') });
    } finally {
      api.env.sandbox.setFaults({});
    }
    const retried = await api.call('POST', `/v1/campaigns/${failing}/steps/budget:initial:douyin`, { token: tokens.approver, json: { action: 'retry' } });
    expect({ status: retried.status, body: retried.body }).toEqual({ status: 200, body: { accepted: true } });
    const skipped = await runCli(['step', failing, 'budget:initial:baidu', 'skip', '--comment', '百度本周暂停', '--json'], {
      TEMPORAL_ADDRESS: '127.0.0.1:9', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', CAMPAIGN_API_URL: api.url, CAMPAIGN_API_TOKEN: tokens.approver,
    });
    expect(skipped.stderr).toBe('');
    expect({ code: skipped.code, body: JSON.parse(skipped.stdout) }).toEqual({ code: 0, body: { accepted: true } });
    const again = await api.call('POST', `/v1/campaigns/${failing}/steps/budget:initial:baidu`, { token: tokens.approver, json: { action: 'retry' } });
    expect({ status: again.status, type: again.body.type }).toEqual({ status: 409, type: problemType('already-done') });

    await campaignResult(api.env.client, failing);
    const closed = await api.call('GET', `/v1/campaigns/${failing}`, { token: tokens.manager });
    expect(closed.body.steps.map((x: { id: string; status: string; decided: { by: string } }) => [x.id, x.status, x.decided.by]).sort()).toEqual([
      ['budget:initial:baidu', 'skipped', 'li.na'], ['budget:initial:douyin', 'retried', 'li.na'],
    ]);
  });
});

describe('GET /v1/campaigns/:id/schedule', () => {
  it('answers everyone on the team with the schedule, or null', async () => {
    const answer = await api.call('GET', `/v1/campaigns/${id}/schedule`, { token: tokens.manager });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ campaignId: id });
    expect(answer.body.schedule === null || Array.isArray(answer.body.schedule.tasks)).toBe(true);
    expect(answer.body.now === null || typeof answer.body.now === 'number').toBe(true);
    const missing = await api.call('GET', '/v1/campaigns/no-such-campaign/schedule', { token: tokens.manager });
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe(problemType('campaign-not-found'));
  });
});

describe('POST /v1/campaigns/:id/interactions', () => {
  const ndjson = [
    JSON.stringify({ id: 'api-1', channel: 'xiaohongshu', author: '茶友', text: '好喝', at: '2027-03-10T20:15:00+08:00' }),
    JSON.stringify({ id: 'api-2', channel: 'nowhere', author: '茶友', text: '好喝', at: '2027-03-10T20:15:00+08:00' }),
  ].join('\n');

  it('imports NDJSON for ops, listing rejected lines', async () => {
    const answer = await api.call('POST', `/v1/campaigns/${id}/interactions?source=api-test`, { token: tokens.ops, body: ndjson, contentType: 'application/x-ndjson' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ campaignId: id, source: 'api-test', format: 'ndjson', inserted: 1, duplicates: 0 });
    expect(answer.body.rejected).toEqual([{ line: 2, field: 'channel', message: expect.stringContaining('unknown channel "nowhere"') }]);
  });

  it('refuses other roles, other media types and unknown campaigns', async () => {
    const approver = await api.call('POST', `/v1/campaigns/${id}/interactions`, { token: tokens.approver, body: ndjson, contentType: 'application/x-ndjson' });
    expect(approver.status).toBe(403);
    const plain = await api.call('POST', `/v1/campaigns/${id}/interactions`, { token: tokens.ops, body: ndjson, contentType: 'text/plain' });
    expect(plain.status).toBe(415);
    const badSource = await api.call('POST', `/v1/campaigns/${id}/interactions?source=%20`, { token: tokens.ops, body: ndjson, contentType: 'application/x-ndjson' });
    expect(badSource.status).toBe(400);
    expect(badSource.body.errors[0].path).toBe('query.source');
    const missing = await api.call('POST', '/v1/campaigns/no-such-campaign/interactions', { token: tokens.ops, body: ndjson, contentType: 'application/x-ndjson' });
    expect(missing.status).toBe(404);
  });
});

it('documents the routes and request schemas in the OpenAPI document', async () => {
  const doc = await api.call('GET', '/v1/openapi.json');
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
    '/v1/campaigns/{id}/pilot-decisions', '/v1/campaigns/{id}/crisis-actions', '/v1/campaigns/{id}/schedule', '/v1/campaigns/{id}/interactions',
    '/v1/campaigns/{id}/steps/{step}',
  ]));
  expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining([
    'PilotDecisionRequest', 'CrisisActionRequest', 'ExecutionStatus', 'Schedule', 'InteractionsImportReport', 'StepResolutionRequest', 'FailedStep',
  ]));
  const step = doc.body.paths['/v1/campaigns/{id}/steps/{step}'].post;
  expect(step.operationId).toBe('resolveStep');
  expect(step['x-roles']).toEqual(['ops', 'approver']);
  expect(step.responses['404'].description).toContain('`unknown-step`');
});
