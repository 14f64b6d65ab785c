/**
 * One API serves one environment (its task queue). Two APIs on one Temporal namespace and one
 * records database, each with its own task queue: neither reaches the other's campaigns, and a
 * campaign of the other environment is answered exactly as one that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { eventually } from '../helpers/campaign-env.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiServerUnderTest, type ApiTestEnv, type CallOptions } from './api-env.js';

let api: ApiTestEnv;
/** The other environment: an API on another task queue, which no worker polls. */
let other: ApiServerUnderTest;
let ours: string;
const tokens = { ops: '', approver: '', manager: '' };

beforeAll(async () => {
  api = await apiTestEnv('api-environments');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.approver = await api.token('zhao.lei', 'approver');
  tokens.manager = await api.token('chen.jing', 'manager');
  other = await api.server({ taskQueue: `${api.env.taskQueue}-other`, rateLimit: { perMinute: 10_000 }, unauthenticatedRateLimit: { perMinute: 10_000 } });
  ours = await api.startCampaign(tokens.ops, 'env');
});
afterAll(() => api?.stop());

interface CampaignRoute {
  name: string;
  method: 'GET' | 'POST';
  path: (id: string) => string;
  token: () => string;
  request?: CallOptions;
}

/** Every route on one campaign, each with a role that may use it. */
const CAMPAIGN_ROUTES: CampaignRoute[] = [
  { name: 'status', method: 'GET', path: (id) => `/v1/campaigns/${id}`, token: () => tokens.manager },
  { name: 'audit', method: 'GET', path: (id) => `/v1/campaigns/${id}/audit`, token: () => tokens.manager },
  { name: 'schedule', method: 'GET', path: (id) => `/v1/campaigns/${id}/schedule`, token: () => tokens.manager },
  { name: 'report', method: 'GET', path: (id) => `/v1/campaigns/${id}/report`, token: () => tokens.manager },
  { name: 'decide', method: 'POST', path: (id) => `/v1/campaigns/${id}/gates/platforms/decisions`, token: () => tokens.approver, request: { json: { decision: 'approve' } } },
  { name: 'readiness', method: 'POST', path: (id) => `/v1/campaigns/${id}/gates/assets/readiness`, token: () => tokens.approver, request: { json: { ready: true } } },
  { name: 'consultation', method: 'POST', path: (id) => `/v1/campaigns/${id}/gates/goals/consultations`, token: () => tokens.approver, request: { json: { comment: '同意' } } },
  { name: 'acknowledgement', method: 'POST', path: (id) => `/v1/campaigns/${id}/acknowledgements`, token: () => tokens.approver, request: { json: {} } },
  { name: 'task', method: 'POST', path: (id) => `/v1/campaigns/${id}/tasks/script/completion`, token: () => tokens.approver, request: { json: {} } },
  { name: 'pilot', method: 'POST', path: (id) => `/v1/campaigns/${id}/pilot-decisions`, token: () => tokens.approver, request: { json: { decision: 'go' } } },
  { name: 'crisis', method: 'POST', path: (id) => `/v1/campaigns/${id}/crisis-actions`, token: () => tokens.ops, request: { json: { action: 'start', reason: '测试' } } },
  { name: 'step', method: 'POST', path: (id) => `/v1/campaigns/${id}/steps/budget:initial:douyin`, token: () => tokens.ops, request: { json: { action: 'retry' } } },
  { name: 'retrospective', method: 'POST', path: (id) => `/v1/campaigns/${id}/retrospective`, token: () => tokens.approver, request: { json: { worked: ['短视频'] } } },
  { name: 'metrics', method: 'POST', path: (id) => `/v1/campaigns/${id}/metrics?source=env`, token: () => tokens.ops, request: { body: 'channel,day,record_id,clicks\ndouyin,1,env-1,5\n', contentType: 'text/csv' } },
  {
    name: 'interactions', method: 'POST', path: (id) => `/v1/campaigns/${id}/interactions?source=env`, token: () => tokens.ops,
    request: { body: JSON.stringify({ id: 'env-1', channel: 'xiaohongshu', author: '茶友', text: '好喝', at: '2027-03-10T20:15:00+08:00' }), contentType: 'application/x-ndjson' },
  },
  { name: 'survey', method: 'POST', path: (id) => `/v1/campaigns/${id}/survey?source=env`, token: () => tokens.ops, request: { body: 'answer_id,question,score\nenv-1,满意度,4\n', contentType: 'text/csv' } },
];

describe('two environments on one namespace and one database', () => {
  it('answers every route on another environment\'s campaign exactly as on one that does not exist', async () => {
    const nobody = uniqueCampaignId('nobody');
    for (const route of CAMPAIGN_ROUTES) {
      const theirs = await other.call(route.method, route.path(ours), { ...route.request, token: route.token() });
      const missing = await other.call(route.method, route.path(nobody), { ...route.request, token: route.token() });
      expect(theirs.status, `${route.name}: ${theirs.text}`).toBe(404);
      expect(theirs.body.type).toBe(problemType('campaign-not-found'));
      expect(theirs.body.detail).toBe(`There is no campaign "${ours}".`);
      expect(theirs.text.replaceAll(ours, '<id>'), route.name).toBe(missing.text.replaceAll(nobody, '<id>'));
      expect([...theirs.headers.keys()].sort(), route.name).toEqual([...missing.headers.keys()].sort());
    }
  });

  it('left the campaign as it was, and serves it in its own environment', async () => {
    const status = await api.call('GET', `/v1/campaigns/${ours}`, { token: tokens.manager });
    expect(status.status).toBe(200);
    expect(status.body.gates.find((g: { id: string }) => g.id === 'platforms').rounds).toEqual([]);
    expect(status.body.acknowledged).toEqual([]);
    const { rows } = await api.env.pool.query('SELECT count(*)::int AS n FROM metric_observations WHERE campaign_id = $1', [ours]);
    expect(rows[0].n).toBe(0);
    const audit = await api.call('GET', `/v1/campaigns/${ours}/audit`, { token: tokens.manager });
    expect(audit.body.entries.filter((e: { kind: string }) => e.kind === 'refused')).toEqual([]);
  });

  it('lists each environment\'s campaigns only', async () => {
    await eventually(async () => {
      const listed = await api.call('GET', '/v1/campaigns', { token: tokens.manager });
      return listed.body.campaigns.some((c: { campaignId: string }) => c.campaignId === ours) ? true : undefined;
    }, 'the campaign in its own list');
    const theirs = await other.call('GET', '/v1/campaigns', { token: tokens.manager });
    expect(theirs.body.campaigns.map((c: { campaignId: string }) => c.campaignId)).not.toContain(ours);
  });

  it('tells a campaign that has not published its status yet by the task queue Temporal describes', async () => {
    // Started in the other environment, which no worker serves: its workflow exists, its status never comes.
    const unpublished = uniqueCampaignId('env-unpublished');
    const started = await other.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id: unpublished, timeScale: 1440 } });
    expect(started.status, started.text).toBe(201);
    try {
      const own = await other.call('GET', `/v1/campaigns/${unpublished}`, { token: tokens.manager });
      expect(own.status).toBe(503);
      expect(own.body.type).toBe(problemType('status-not-published'));
      for (const route of [CAMPAIGN_ROUTES[0]!, CAMPAIGN_ROUTES[4]!]) {
        const foreign = await api.call(route.method, route.path(unpublished), { ...route.request, token: route.token() });
        expect(foreign.status, route.name).toBe(404);
        expect(foreign.body).toMatchObject({ type: problemType('campaign-not-found'), detail: `There is no campaign "${unpublished}".` });
      }
    } finally {
      await api.env.client.workflow.getHandle(campaignWorkflowId(unpublished)).terminate('test over');
    }
  });
});
