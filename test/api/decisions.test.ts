/**
 * Deciding gates over HTTP: what a decision records, how refusals read, what happens when two
 * decisions on one gate arrive at once, and the approver's inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionResponse, InboxSchema } from '../../client/api/schemas.js';
import { campaignStatus, startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { eventually } from '../helpers/campaign-env.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
const tokens = { ops: '', liNa: '', zhaoLei: '', wangWei: '', chenJing: '' };

beforeAll(async () => {
  api = await apiTestEnv('api-decisions');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.liNa = await api.token('li.na', 'approver');
  tokens.zhaoLei = await api.token('zhao.lei', 'approver');
  tokens.wangWei = await api.token('wang.wei', 'approver');
  tokens.chenJing = await api.token('chen.jing', 'approver');
});
afterAll(() => api?.stop());

const decisionPath = (campaignId: string, gate: string) => `/v1/campaigns/${campaignId}/gates/${gate}/decisions`;

async function gate(campaignId: string, id: string) {
  const status = await campaignStatus(api.env, campaignId);
  return status.gates.find((g) => g.id === id)!;
}

async function auditRows(campaignId: string, gateId: string): Promise<Array<{ round: number; decision: string; decided_by: string }>> {
  const { rows } = await api.env.pool.query(
    'SELECT round, decision, decided_by FROM gate_decisions WHERE campaign_id = $1 AND gate_id = $2 ORDER BY round',
    [campaignId, gateId],
  );
  return rows;
}

describe('deciding a gate', () => {
  it('sends back with a comment, then approves in the next round; both rounds are recorded for the token\'s person', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec');
    const missingComment = await api.call('POST', decisionPath(id, 'channels-ready'), { token: tokens.chenJing, json: { decision: 'send-back' } });
    expect(missingComment.status).toBe(400);
    expect(missingComment.body.type).toBe(problemType('comment-required'));

    const sentBack = await api.call('POST', decisionPath(id, 'channels-ready'), { token: tokens.chenJing, json: { decision: 'send-back', comment: '海报尺寸不对' } });
    expect(sentBack.status).toBe(200);
    expect(DecisionResponse.parse(sentBack.body)).toEqual({ gate: 'channels-ready', decision: 'send-back', status: 'waiting', round: 1 });

    const approved = await api.call('POST', decisionPath(id, 'channels-ready'), { token: tokens.chenJing, json: { decision: 'approve', comment: '可以了' } });
    expect(approved.body).toEqual({ gate: 'channels-ready', decision: 'approve', status: 'approved', round: 2 });

    expect((await gate(id, 'channels-ready')).rounds).toMatchObject([
      { round: 1, decision: 'send-back', by: 'chen.jing', comment: '海报尺寸不对' },
      { round: 2, decision: 'approve', by: 'chen.jing', comment: '可以了' },
    ]);
    const rows = await eventually(async () => {
      const found = await auditRows(id, 'channels-ready');
      return found.length === 2 ? found : undefined;
    }, 'both decisions in gate_decisions');
    expect(rows).toEqual([
      { round: 1, decision: 'send-back', decided_by: 'chen.jing' },
      { round: 2, decision: 'approve', decided_by: 'chen.jing' },
    ]);

    const late = await api.call('POST', decisionPath(id, 'channels-ready'), { token: tokens.chenJing, json: { decision: 'send-back', comment: 'too late' } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: problemType('gate-closed'), status: 409 });
  });

  it('accepts a delegate within the delegation period and records on whose behalf', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec-delegate');
    const res = await api.call('POST', decisionPath(id, 'platforms'), { token: tokens.liNa, json: { decision: 'approve' } });
    expect(res.status).toBe(200);
    expect((await gate(id, 'platforms')).rounds).toMatchObject([{ by: 'li.na', onBehalfOf: 'zhao.lei' }]);
  });

  it('refuses a gate that cannot be decided yet, saying what it waits for', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec-not-open');
    // "assets" waits for wang.wei (responsible) to mark the deliverables ready.
    const res = await api.call('POST', decisionPath(id, 'assets'), { token: tokens.liNa, json: { decision: 'approve' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: problemType('gate-not-open'), status: 409 });
    expect(res.body.detail).toContain('wang.wei');
  });

  it('answers an unknown gate or campaign with 404', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec-404');
    const noGate = await api.call('POST', decisionPath(id, 'no-such-gate'), { token: tokens.liNa, json: { decision: 'approve' } });
    expect(noGate.status).toBe(404);
    expect(noGate.body.type).toBe(problemType('unknown-gate'));
    expect(noGate.body.detail).toContain('gates: goals, assets, platforms, channels-ready');

    const noCampaign = await api.call('POST', decisionPath('no-such-campaign', 'assets'), { token: tokens.liNa, json: { decision: 'approve' } });
    expect(noCampaign.status).toBe(404);
    expect(noCampaign.body).toMatchObject({ type: problemType('campaign-not-found'), detail: 'There is no campaign "no-such-campaign".' });
  });
});

describe('two decisions on one gate at once', () => {
  it('applies the same approval sent twice by the accountable person once, and answers both alike', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec-twice');
    const [first, second] = await Promise.all([
      api.call('POST', decisionPath(id, 'platforms'), { token: tokens.zhaoLei, json: { decision: 'approve' } }),
      api.call('POST', decisionPath(id, 'platforms'), { token: tokens.zhaoLei, json: { decision: 'approve' } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toEqual({ gate: 'platforms', decision: 'approve', status: 'approved', round: 1 });
    expect(second.body).toEqual(first.body);

    const rounds = (await gate(id, 'platforms')).rounds;
    expect(rounds.filter((r) => r.decision === 'approve')).toHaveLength(1);
    expect(rounds).toMatchObject([{ by: 'zhao.lei' }]);
    const rows = await eventually(async () => {
      const found = await auditRows(id, 'platforms');
      return found.length > 0 ? found : undefined;
    }, 'the decision in gate_decisions');
    expect(rows).toEqual([{ round: 1, decision: 'approve', decided_by: 'zhao.lei' }]);
  });

  it('applies one of two approvals by the accountable person and their delegate; the other is refused', async () => {
    const id = await api.startCampaign(tokens.ops, 'dec-race');
    const [zhao, li] = await Promise.all([
      api.call('POST', decisionPath(id, 'platforms'), { token: tokens.zhaoLei, json: { decision: 'approve' } }),
      api.call('POST', decisionPath(id, 'platforms'), { token: tokens.liNa, json: { decision: 'approve' } }),
    ]);
    const statuses = [zhao.status, li.status];
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const refused = zhao.status === 200 ? li : zhao;
    expect([403, 409]).toContain(refused.status);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const winner = zhao.status === 200 ? 'zhao.lei' : 'li.na';

    const rounds = (await gate(id, 'platforms')).rounds;
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ decision: 'approve', by: winner });
    const rows = await eventually(async () => {
      const found = await auditRows(id, 'platforms');
      return found.length > 0 ? found : undefined;
    }, 'the decision in gate_decisions');
    expect(rows).toEqual([{ round: 1, decision: 'approve', decided_by: winner }]);
  });
});

describe('inbox', () => {
  it('lists what waits for the caller, longest waiting first, and drops a gate once decided', async () => {
    const id = await api.startCampaign(tokens.ops, 'inbox');
    type Item = { campaignId: string; kind: string; gate?: string };
    const mine = async (token: string) => {
      const res = await api.call('GET', '/v1/inbox', { token });
      const inbox = InboxSchema.parse(res.body);
      return { inbox, items: inbox.items.filter((i: Item) => i.campaignId === id) };
    };

    const zhao = await eventually(async () => {
      const found = await mine(tokens.zhaoLei);
      return found.items.length > 0 ? found : undefined;
    }, 'the campaign in zhao.lei\'s inbox');
    expect(zhao.inbox.person).toBe('zhao.lei');
    const decidePlatforms = zhao.items.find((i) => i.kind === 'decide');
    expect(decidePlatforms).toMatchObject({
      person: 'zhao.lei', campaignId: id, campaignName: '春季新茶上市', gate: 'platforms', title: '平台与工具就绪',
    });
    expect(decidePlatforms!.waitedMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(decidePlatforms!.since)).toBeLessThanOrEqual(Date.now());
    const waits = zhao.inbox.items.map((i) => i.waitedMs);
    expect(waits).toEqual([...waits].sort((a, b) => b - a));

    const chen = await eventually(async () => {
      const found = await mine(tokens.chenJing);
      return found.items.length > 0 ? found : undefined;
    }, 'the campaign in chen.jing\'s inbox');
    expect(chen.items).toEqual([expect.objectContaining({ kind: 'decide', gate: 'channels-ready', title: '渠道对接完成' })]);

    const outsider = await api.call('GET', '/v1/inbox', { token: await api.token('nobody.here', 'manager') });
    expect(outsider.status).toBe(200);
    expect(outsider.body).toEqual({ person: 'nobody.here', items: [], unavailable: [] });

    await api.call('POST', decisionPath(id, 'platforms'), { token: tokens.zhaoLei, json: { decision: 'approve' } });
    await eventually(async () => {
      const { items } = await mine(tokens.zhaoLei);
      return items.some((i) => i.kind === 'decide' && i.gate === 'platforms') ? undefined : true;
    }, 'platforms to leave zhao.lei\'s inbox');
  });

  it('names a campaign whose workflow stopped instead of listing its work, and answers 503 for one no worker has run yet', async () => {
    const plan = rehearsalPlan();
    const member = { ...plan.team.find((m) => m.id === 'wang.wei')!, id: 'zhou.min', name: '周敏' };
    const withZhouMin = {
      ...plan,
      team: [...plan.team, member],
      gates: plan.gates.map((g) => (g.id === 'platforms' ? { ...g, accountable: 'zhou.min' } : g)),
    };
    const zhouMin = await api.token('zhou.min', 'approver');
    const id = uniqueCampaignId('inbox-stopped');
    await startCampaign(api.env.client, { plan: withZhouMin, campaignId: id, timeScale: 1440, taskQueue: api.env.taskQueue });
    await eventually(async () => {
      const res = await api.call('GET', '/v1/inbox', { token: zhouMin });
      return InboxSchema.parse(res.body).items.some((i) => i.campaignId === id) ? true : undefined;
    }, 'the gate in the inbox');
    await api.env.client.workflow.getHandle(campaignWorkflowId(id)).terminate('withdrawn');
    const inbox = InboxSchema.parse((await api.call('GET', '/v1/inbox', { token: zhouMin })).body);
    expect(inbox.items.filter((i) => i.campaignId === id)).toEqual([]);
    expect(inbox.unavailable).toContain(id);

    // A campaign on a task queue no worker polls (served by an API for that queue) never publishes a status.
    const stranding = await api.server({ taskQueue: `${api.env.taskQueue}-nobody` });
    const stranded = uniqueCampaignId('inbox-stranded');
    await startCampaign(api.env.client, { plan: withZhouMin, campaignId: stranded, timeScale: 1440, taskQueue: `${api.env.taskQueue}-nobody` });
    const status = await stranding.call('GET', `/v1/campaigns/${stranded}`, { token: zhouMin });
    expect(status.status).toBe(503);
    expect(status.body.type).toBe(problemType('status-not-published'));
    expect(status.body.detail).toContain(`Campaign "${stranded}" has not published its status yet.`);
    expect(status.headers.get('retry-after')).toBe('2');
    expect((await stranding.call('GET', '/v1/inbox', { token: zhouMin })).body).toEqual({ person: 'zhou.min', items: [], unavailable: [] });
    await stranding.close();
  });

  it('shows only the caller\'s own queue: asking for someone else\'s is refused', async () => {
    const res = await api.call('GET', '/v1/inbox?person=li.na', { token: tokens.wangWei });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'query.person', message: 'this route takes no query parameters' }]);
  });
});
