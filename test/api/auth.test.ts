/**
 * Who may call what: every route refuses requests without a valid token, every role gets exactly
 * its routes, and a decision is always taken by the token's own person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../client/api/tokens.js';
import { campaignStatus } from '../../client/campaigns.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv, type CallOptions } from './api-env.js';

let api: ApiTestEnv;
let campaignId: string;
const tokens = { ops: '', approverLiNa: '', approverZhaoLei: '', approverWangWei: '', manager: '', opsWangWei: '', managerZhouMin: '', expired: '', revoked: '' };

beforeAll(async () => {
  api = await apiTestEnv('api-auth');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.approverLiNa = await api.token('li.na', 'approver');
  tokens.approverZhaoLei = await api.token('zhao.lei', 'approver');
  tokens.approverWangWei = await api.token('wang.wei', 'approver');
  tokens.manager = await api.token('chen.jing', 'manager');
  // Readers nobody waits on: their inbox does not depend on other test files' campaigns.
  tokens.opsWangWei = await api.token('wang.wei', 'ops');
  tokens.managerZhouMin = await api.token('zhou.min', 'manager');

  const expired = await createToken(api.env.pool, { person: 'li.na', role: 'approver' });
  await api.env.pool.query(
    "UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = $1",
    [expired.id],
  );
  tokens.expired = expired.token;
  const revoked = await createToken(api.env.pool, { person: 'li.na', role: 'approver' });
  expect(await revokeToken(api.env.pool, revoked.id)).toBe('revoked');
  tokens.revoked = revoked.token;

  campaignId = await api.startCampaign(tokens.ops, 'auth');
});
afterAll(() => api?.stop());

interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  request?: () => CallOptions;
}

const ROUTES: RouteCase[] = [
  { name: 'start', method: 'POST', path: () => '/v1/campaigns', request: () => ({ json: { plan: rehearsalPlan(), id: uniqueCampaignId('auth-start'), timeScale: 1440 } }) },
  { name: 'list', method: 'GET', path: () => '/v1/campaigns' },
  { name: 'status', method: 'GET', path: () => `/v1/campaigns/${campaignId}` },
  { name: 'decide', method: 'POST', path: () => `/v1/campaigns/${campaignId}/gates/assets/decisions`, request: () => ({ json: { decision: 'approve' } }) },
  { name: 'inbox', method: 'GET', path: () => '/v1/inbox' },
  { name: 'readiness', method: 'POST', path: () => `/v1/campaigns/${campaignId}/gates/assets/readiness`, request: () => ({ json: { ready: true } }) },
  { name: 'consultation', method: 'POST', path: () => `/v1/campaigns/${campaignId}/gates/goals/consultations`, request: () => ({ json: { comment: '口径没问题' } }) },
  { name: 'acknowledgement', method: 'POST', path: () => `/v1/campaigns/${campaignId}/acknowledgements`, request: () => ({ json: {} }) },
  { name: 'task completion', method: 'POST', path: () => `/v1/campaigns/${campaignId}/tasks/script/completion`, request: () => ({ json: {} }) },
  { name: 'audit', method: 'GET', path: () => `/v1/campaigns/${campaignId}/audit` },
  {
    name: 'metrics import', method: 'POST', path: () => `/v1/campaigns/${campaignId}/metrics?source=auth`,
    request: () => ({ body: 'channel,day,record_id,clicks\ndouyin,1,auth-1,5\n', contentType: 'text/csv' }),
  },
  { name: 'who am I', method: 'GET', path: () => '/v1/me' },
];

const UNKNOWN_TOKEN = `cpn_${'A'.repeat(43)}`;
const BAD_CREDENTIALS: Array<{ case: string; headers: () => Record<string, string>; refusal: string }> = [
  { case: 'no token', headers: () => ({}), refusal: 'missing' },
  { case: 'a malformed token', headers: () => ({ authorization: 'Bearer not-a-token' }), refusal: 'malformed' },
  { case: 'another scheme', headers: () => ({ authorization: `Basic ${Buffer.from('li.na:secret').toString('base64')}` }), refusal: 'malformed' },
  { case: 'an unknown token', headers: () => ({ authorization: `Bearer ${UNKNOWN_TOKEN}` }), refusal: 'unknown' },
  { case: 'an expired token', headers: () => ({ authorization: `Bearer ${tokens.expired}` }), refusal: 'expired' },
  { case: 'a revoked token', headers: () => ({ authorization: `Bearer ${tokens.revoked}` }), refusal: 'revoked' },
];

describe('authentication on every route', () => {
  const matrix = ROUTES.flatMap((route) => BAD_CREDENTIALS.map((bad) => ({ ...bad, route })));

  it.each(matrix)('$route.name with $case → 401', async ({ route, headers, refusal }) => {
    const res = await api.call(route.method, route.path(), { ...route.request?.(), headers: headers() });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="campaign-engine"/);
    expect(res.body).toMatchObject({ type: problemType('unauthenticated'), status: 401 });
    expect(res.body.detail).toMatch(refusal === 'missing' ? /Authorization: Bearer/ : refusal === 'malformed' ? /does not hold/ : new RegExp(refusal === 'unknown' ? 'not known' : refusal));
  });

  it('the refused requests left the campaign alone', async () => {
    const status = await campaignStatus(api.env, campaignId);
    const assets = status.gates.find((g) => g.id === 'assets');
    expect(assets?.status).toBe('waiting');
    expect(assets?.readiness).toEqual([expect.objectContaining({ person: 'wang.wei', ready: false })]);
    expect(status.gates.find((g) => g.id === 'goals')?.consultations).toEqual([{ person: 'zhao.lei' }]);
    expect(status.acknowledged).toEqual([]);
    expect(status.tasks.find((t) => t.id === 'script')?.status).toBe('planned');
    const { rows } = await api.env.pool.query('SELECT count(*)::int AS n FROM metric_observations WHERE campaign_id = $1', [campaignId]);
    expect(rows[0].n).toBe(0);
  });
});

describe('roles', () => {
  it('lets every role read: list, status and inbox', async () => {
    for (const token of [tokens.opsWangWei, tokens.approverWangWei, tokens.managerZhouMin]) {
      for (const path of ['/v1/campaigns', `/v1/campaigns/${campaignId}`, '/v1/inbox']) {
        const res = await api.call('GET', path, { token });
        expect(res.status, `${path}`).toBe(200);
      }
    }
  });

  it('lets only ops start a campaign', async () => {
    for (const token of [tokens.approverLiNa, tokens.manager]) {
      const res = await api.call('POST', '/v1/campaigns', { token, json: { plan: rehearsalPlan(), id: uniqueCampaignId('auth-role') } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ type: problemType('role-not-permitted') });
      expect(res.body.detail).toContain('"ops"');
    }
    const started = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id: uniqueCampaignId('auth-ops'), timeScale: 1440 } });
    expect(started.status).toBe(201);
  });

  it('lets only approvers decide, even when ops or a manager is the accountable person', async () => {
    // li.na is accountable for "goals"; her ops token still may not decide it.
    const liNaAsOps = await api.call('POST', `/v1/campaigns/${campaignId}/gates/goals/decisions`, { token: tokens.ops, json: { decision: 'approve' } });
    expect(liNaAsOps.status).toBe(403);
    expect(liNaAsOps.body.type).toBe(problemType('role-not-permitted'));
    const manager = await api.call('POST', `/v1/campaigns/${campaignId}/gates/channels-ready/decisions`, { token: tokens.manager, json: { decision: 'approve' } });
    expect(manager.status).toBe(403);
    expect(manager.body.type).toBe(problemType('role-not-permitted'));

    const status = await campaignStatus(api.env, campaignId);
    expect(status.gates.find((g) => g.id === 'goals')?.status).toBe('waiting');
    expect(status.gates.find((g) => g.id === 'channels-ready')?.status).toBe('waiting');
  });
});

describe('nobody decides for someone else', () => {
  it('refuses an approver who is not accountable, naming who may decide', async () => {
    const res = await api.call('POST', `/v1/campaigns/${campaignId}/gates/platforms/decisions`, { token: tokens.approverWangWei, json: { decision: 'approve' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: problemType('not-authorised'), status: 403 });
    expect(res.body.detail).toContain('Only zhao.lei');
    expect(res.body.detail).toContain('wang.wei is not accountable');
  });

  it('takes the person from the token: a "by" in the body is refused, not obeyed', async () => {
    const res = await api.call('POST', `/v1/campaigns/${campaignId}/gates/platforms/decisions`, {
      token: tokens.approverWangWei,
      json: { decision: 'approve', by: 'zhao.lei' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.by', message: 'not a field of this request' }]);
    const status = await campaignStatus(api.env, campaignId);
    expect(status.gates.find((g) => g.id === 'platforms')?.rounds).toEqual([]);
  });

  it('accepts the accountable person and records them as the decider', async () => {
    const res = await api.call('POST', `/v1/campaigns/${campaignId}/gates/platforms/decisions`, { token: tokens.approverZhaoLei, json: { decision: 'approve' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ gate: 'platforms', decision: 'approve', status: 'approved', round: 1 });
    const status = await campaignStatus(api.env, campaignId);
    expect(status.gates.find((g) => g.id === 'platforms')?.rounds).toMatchObject([{ decision: 'approve', by: 'zhao.lei' }]);
  });
});
