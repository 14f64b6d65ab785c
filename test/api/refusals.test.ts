/**
 * Refused attempts through the API leave a trace: a person's refused action on a campaign is in
 * the campaign's audit trail (who, with which token, what, and why), shown by the API and by
 * `campaign audit`; requests without a valid token are in the token audit, not the campaign's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rehearsalPlan } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
let id: string;
const tokens = { ops: '', zhaoLei: '', wangWei: '', wangWeiOps: '', manager: '' };
const tokenIds = {} as Record<keyof typeof tokens, string>;

interface Entry { kind: string; gate: string | null; task: string | null; actor: string | null; detail: Record<string, unknown> }

beforeAll(async () => {
  api = await apiTestEnv('api-refusals');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.zhaoLei = await api.token('zhao.lei', 'approver');
  tokens.wangWei = await api.token('wang.wei', 'approver');
  tokens.wangWeiOps = await api.token('wang.wei', 'ops');
  tokens.manager = await api.token('chen.jing', 'manager');
  for (const key of Object.keys(tokens) as Array<keyof typeof tokens>) {
    tokenIds[key] = (await api.call('GET', '/v1/me', { token: tokens[key] })).body.tokenId;
  }
  id = await api.startCampaign(tokens.ops, 'refusals');
});
afterAll(() => api?.stop());

async function refusals(): Promise<Entry[]> {
  const trail = await api.call('GET', `/v1/campaigns/${id}/audit`, { token: tokens.manager });
  expect(trail.status).toBe(200);
  return (trail.body.entries as Entry[]).filter((e) => e.kind === 'refused');
}

describe('refused attempts on a campaign', () => {
  it('record who tried to decide a gate that is not theirs, with their token, and why it was refused', async () => {
    const res = await api.call('POST', `/v1/campaigns/${id}/gates/platforms/decisions`, { token: tokens.wangWei, json: { decision: 'approve' } });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(problemType('not-authorised'));
    expect(await refusals()).toEqual([{
      kind: 'refused', gate: 'platforms', task: null, actor: 'wang.wei', at: expect.any(String),
      detail: {
        operationId: 'decideGate', tokenId: tokenIds.wangWei, role: 'approver', path: 'api',
        problem: 'not-authorised', status: 403, message: res.body.detail, decision: 'approve',
      },
    }]);
  });

  it('record a role that may not act, a closed gate, a blocked task, a missing comment and a second start', async () => {
    const before = (await refusals()).length;
    const ack = await api.call('POST', `/v1/campaigns/${id}/acknowledgements`, { token: tokens.manager, json: {} });
    expect(ack.body.type).toBe(problemType('role-not-permitted'));
    const uncommented = await api.call('POST', `/v1/campaigns/${id}/gates/platforms/decisions`, { token: tokens.zhaoLei, json: { decision: 'send-back' } });
    expect(uncommented.body.type).toBe(problemType('comment-required'));
    expect((await api.call('POST', `/v1/campaigns/${id}/gates/platforms/decisions`, { token: tokens.zhaoLei, json: { decision: 'approve' } })).status).toBe(200);
    const closed = await api.call('POST', `/v1/campaigns/${id}/gates/platforms/decisions`, { token: tokens.zhaoLei, json: { decision: 'send-back', comment: '再看看' } });
    expect(closed.body.type).toBe(problemType('gate-closed'));
    const blocked = await api.call('POST', `/v1/campaigns/${id}/tasks/shoot/completion`, { token: tokens.wangWeiOps, json: {} });
    expect(blocked.body.type).toBe(problemType('task-blocked'));
    const again = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
    expect(again.body.type).toBe(problemType('campaign-exists'));

    const recorded = (await refusals()).slice(before);
    expect(recorded.map((e) => [e.detail['operationId'], e.actor, e.gate ?? e.task, e.detail['problem']])).toEqual([
      ['acknowledgeStrategy', 'chen.jing', null, 'role-not-permitted'],
      ['decideGate', 'zhao.lei', 'platforms', 'comment-required'],
      ['decideGate', 'zhao.lei', 'platforms', 'gate-closed'],
      ['completeTask', 'wang.wei', 'shoot', 'task-blocked'],
      ['startCampaign', 'li.na', null, 'campaign-exists'],
    ]);
    expect(recorded[3]!.detail).toMatchObject({ tokenId: tokenIds.wangWeiOps, role: 'ops', message: blocked.body.detail });
  });

  it('are shown by `campaign audit`', async () => {
    const shown = await runCli(['audit', id], { DATABASE_URL: api.env.databaseUrl, TEMPORAL_ADDRESS: api.env.temporalAddress, TASK_QUEUE: api.env.taskQueue });
    expect(shown.code, shown.stderr).toBe(0);
    const line = shown.stdout.split('\n').find((l) => /refused\s+platforms\s+wang\.wei\s/.test(l));
    for (const part of ['operationId: decideGate', `tokenId: ${tokenIds.wangWei}`, 'role: approver', 'path: api', 'problem: not-authorised', 'message: Only zhao.lei']) {
      expect(line, part).toContain(part);
    }
  });

  it('leave requests that could not be read, or came without a valid token, out of the campaign\'s trail', async () => {
    const before = (await refusals()).length;
    expect((await api.call('POST', `/v1/campaigns/${id}/gates/assets/decisions`, { token: tokens.zhaoLei, json: { decision: 'maybe' } })).status).toBe(400);
    expect((await api.call('POST', `/v1/campaigns/${id}/gates/assets/decisions`, { json: { decision: 'approve' } })).status).toBe(401);
    expect((await refusals()).length).toBe(before);
    const { rows } = await api.env.pool.query(
      "SELECT token_id, actor, detail FROM api_token_audit WHERE event = 'refused' AND detail->>'operationId' = 'decideGate' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({ token_id: null, actor: null, detail: { reason: 'missing', operationId: 'decideGate', client: '127.0.0.1' } });
  });
});
