/**
 * Requests as clients send them, well-formed or not: starting from JSON and YAML, reading,
 * malformed and oversized bodies, content types, rate limits, the OpenAPI document, health, and
 * what the access log keeps (and does not).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignList, CampaignStatusSchema, ProblemSchema, StartCampaignResponse } from '../../client/api/schemas.js';
import { campaignStatus } from '../../client/campaigns.js';
import { eventually } from '../helpers/campaign-env.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiResponse, type ApiTestEnv } from './api-env.js';

const EXAMPLE_YAML = readFileSync(new URL('../../examples/spring-tea.zh.yaml', import.meta.url), 'utf8');

let api: ApiTestEnv;
const tokens = { ops: '', approver: '', manager: '' };
const issued: string[] = [];

beforeAll(async () => {
  api = await apiTestEnv('api-requests');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.approver = await api.token('li.na', 'approver');
  tokens.manager = await api.token('chen.jing', 'manager');
  issued.push(tokens.ops, tokens.approver, tokens.manager);
});
afterAll(() => api?.stop());

function expectProblem(res: ApiResponse, status: number, name: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(ProblemSchema.parse(res.body)).toMatchObject({ type: problemType(name), status });
  expect(res.text).not.toMatch(/\n\s+at /);
}

describe('starting a campaign', () => {
  it('starts from a JSON plan object and points at the new campaign', async () => {
    const id = uniqueCampaignId('req-json');
    const res = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
    expect(res.status).toBe(201);
    expect(StartCampaignResponse.parse(res.body)).toMatchObject({ campaignId: id, workflowId: `campaign:${id}` });
    expect(res.headers.get('location')).toBe(`/v1/campaigns/${id}`);

    const status = await api.call('GET', `/v1/campaigns/${id}`, { token: tokens.manager });
    expect(status.status).toBe(200);
    const parsed = CampaignStatusSchema.parse(status.body);
    expect(parsed).toMatchObject({ id, phase: 'preparation', owner: 'li.na', timeScale: 1440, closing: null });
    expect(parsed.waitingOn).toEqual(expect.arrayContaining(['chen.jing', 'zhao.lei']));
  });

  it('starts from a YAML plan file, with id and time scale in the query', async () => {
    const id = uniqueCampaignId('req-yaml');
    for (const contentType of ['application/yaml', 'text/yaml; charset=utf-8']) {
      const campaignId = `${id}-${contentType.startsWith('text') ? 't' : 'a'}`;
      const res = await api.call('POST', `/v1/campaigns?id=${campaignId}&timeScale=2880`, { token: tokens.ops, body: EXAMPLE_YAML, contentType });
      expect(res.status, res.text).toBe(201);
      const status = await campaignStatus(api.env, campaignId);
      expect(status).toMatchObject({ id: campaignId, name: '春季新茶上市', timeScale: 2880 });
    }
  });

  it('starts from the text of a plan file inside a JSON body', async () => {
    const id = uniqueCampaignId('req-text');
    const res = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: EXAMPLE_YAML, id, sandbox: true } });
    expect(res.status).toBe(201);
    expect((await campaignStatus(api.env, id)).timeScale).toBe(1);
  });

  it('refuses time scale 1 on sandbox channels unless "sandbox": true, naming the channels and both fixes', async () => {
    const id = uniqueCampaignId('req-sandbox');
    const refused = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id } });
    expectProblem(refused, 422, 'sandbox-launch');
    const channels = rehearsalPlan().channels.map((c) => c.id).join(', ');
    expect(refused.body.detail).toContain(`Channels ${channels} have adapter: sandbox`);
    expect(refused.body.detail).toContain('set adapter: webhook and your bridge\'s url');
    expect(refused.body.detail).toContain('"sandbox": true');
    expect((await api.call('GET', `/v1/campaigns/${id}`, { token: tokens.manager })).status).toBe(404);

    const yaml = await api.call('POST', `/v1/campaigns?id=${id}-y`, { token: tokens.ops, body: EXAMPLE_YAML, contentType: 'application/yaml' });
    expectProblem(yaml, 422, 'sandbox-launch');
    const said = await api.call('POST', `/v1/campaigns?id=${id}-y&sandbox=true`, { token: tokens.ops, body: EXAMPLE_YAML, contentType: 'application/yaml' });
    expect(said.status, said.text).toBe(201);
    expect(StartCampaignResponse.parse(said.body).rehearsal).toEqual({ sandboxChannels: ['xiaohongshu', 'douyin', 'baidu', 'wechat'] });
    const bad = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id, sandbox: 'yes' } });
    expectProblem(bad, 400, 'invalid-request');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.sandbox', message: 'sandbox is true or false' })]);
  });

  it('refuses an invalid plan with every issue, in the caller\'s language, and starts nothing', async () => {
    const plan = rehearsalPlan();
    const broken = { ...plan, gates: plan.gates.map((g) => (g.id === 'platforms' ? { ...g, accountable: 'zhao.le' } : g)) };
    const id = uniqueCampaignId('req-invalid');
    const en = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: broken, id } });
    expectProblem(en, 400, 'invalid-plan');
    expect(en.body.detail).toBe('The plan has 1 problem; nothing was started.');
    expect(en.body.errors).toEqual([expect.objectContaining({ rule: 'unknown-person', path: 'gates[2].accountable' })]);
    expect(en.body.errors[0].message).toContain("Did you mean 'zhao.lei'?");
    // The caller sent an object: lines of our re-serialised copy would point nowhere.
    expect(en.body.errors[0]).not.toHaveProperty('line');

    const zh = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: broken, id }, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.body.errors[0].message).toContain('不在团队');

    const yaml = await api.call('POST', '/v1/campaigns', { token: tokens.ops, body: 'id: x\nname: [\n', contentType: 'application/yaml' });
    expectProblem(yaml, 400, 'invalid-plan');
    expect(yaml.body.errors[0]).toMatchObject({ rule: 'yaml-syntax', line: 3 });

    const status = await api.call('GET', `/v1/campaigns/${id}`, { token: tokens.manager });
    expectProblem(status, 404, 'campaign-not-found');
  });

  it('refuses an id that was used before', async () => {
    const id = uniqueCampaignId('req-dup');
    const first = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
    expect(first.status).toBe(201);
    const again = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
    expectProblem(again, 409, 'campaign-exists');
    expect(again.body.detail).toContain(`"${id}" already exists`);
  });

  it('names each field that is wrong', async () => {
    const res = await api.call('POST', '/v1/campaigns?id=x', {
      token: tokens.ops,
      json: { plan: 42, id: 'Not An Id', timeScale: -1, owner: 'li.na' },
    });
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.id', 'body.owner', 'body.plan', 'body.timeScale']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.plan').message).toContain('JSON object, or as the text of a plan file');

    const misplaced = await api.call('POST', '/v1/campaigns?id=x', { token: tokens.ops, json: { plan: rehearsalPlan() } });
    expectProblem(misplaced, 400, 'invalid-request');
    expect(misplaced.body.errors).toEqual([{ path: 'query.id', message: 'move "id" into the JSON body' }]);
  });
});

describe('reading campaigns', () => {
  it('lists campaigns, filtered by phase and by who they wait on', async () => {
    const id = await api.startCampaign(tokens.ops, 'req-list');
    const listed = await eventually(async () => {
      const res = await api.call('GET', '/v1/campaigns?phase=preparation&waitingOn=zhao.lei', { token: tokens.manager });
      return CampaignList.parse(res.body).campaigns.find((c) => c.campaignId === id);
    }, 'the campaign in the list');
    expect(listed).toMatchObject({ workflowId: `campaign:${id}`, status: 'RUNNING', phase: 'preparation', owner: 'li.na' });
    expect(listed.waitingOn).toContain('zhao.lei');

    const rollout = await api.call('GET', '/v1/campaigns?phase=rollout', { token: tokens.manager });
    expect(CampaignList.parse(rollout.body).campaigns.some((c) => c.campaignId === id)).toBe(false);
  });

  it('refuses filters it does not know, and ids that cannot be campaigns', async () => {
    const phase = await api.call('GET', '/v1/campaigns?phase=launch&colour=red', { token: tokens.manager });
    expectProblem(phase, 400, 'invalid-request');
    expect(phase.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.colour', 'query.phase']);

    const badId = await api.call('GET', '/v1/campaigns/Not%20An%20Id', { token: tokens.manager });
    expectProblem(badId, 400, 'invalid-request');
    expect(badId.body.errors[0].path).toBe('params.id');

    const missing = await api.call('GET', '/v1/campaigns/no-such-campaign', { token: tokens.manager });
    expectProblem(missing, 404, 'campaign-not-found');

    const noRoute = await api.call('GET', '/v1/reports', { token: tokens.manager });
    expectProblem(noRoute, 404, 'not-found');
  });
});

describe('malformed, oversized and mistyped bodies', () => {
  let id: string;
  beforeAll(async () => {
    id = await api.startCampaign(tokens.ops, 'req-bodies');
  });
  const decisions = () => `/v1/campaigns/${id}/gates/platforms/decisions`;

  it('names the fields of a malformed decision', async () => {
    const missing = await api.call('POST', decisions(), { token: tokens.approver, json: {} });
    expectProblem(missing, 400, 'invalid-request');
    expect(missing.body.errors).toEqual([{ path: 'body.decision', message: expect.stringContaining('"approve" or "send-back"') }]);

    const wrong = await api.call('POST', decisions(), { token: tokens.approver, json: { decision: 'maybe', comment: 7 } });
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.decision', 'body.comment']);

    const notObject = await api.call('POST', decisions(), { token: tokens.approver, json: ['approve'] });
    expect(notObject.body.errors).toEqual([{ path: 'body', message: expect.stringContaining('expected object') }]);

    const tooLong = await api.call('POST', decisions(), { token: tokens.approver, json: { decision: 'approve', comment: 'x'.repeat(4_001) } });
    expect(tooLong.body.errors).toEqual([{ path: 'body.comment', message: 'keep the comment under 4,000 characters' }]);
  });

  it('refuses bodies that are not JSON at all', async () => {
    const broken = await api.call('POST', decisions(), { token: tokens.approver, body: '{"decision": "approve"', contentType: 'application/json' });
    expectProblem(broken, 400, 'malformed-body');
    const empty = await api.call('POST', decisions(), { token: tokens.approver, body: '', contentType: 'application/json' });
    expectProblem(empty, 400, 'malformed-body');
    const poisoned = await api.call('POST', decisions(), { token: tokens.approver, body: '{"decision":"approve","__proto__":{"x":1}}', contentType: 'application/json' });
    expectProblem(poisoned, 400, 'malformed-body');
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const huge = { plan: { ...rehearsalPlan(), notes: 'x'.repeat(300 * 1024) }, id: uniqueCampaignId('req-huge') };
    const res = await api.call('POST', '/v1/campaigns', { token: tokens.ops, json: huge });
    expectProblem(res, 413, 'payload-too-large');
    expect(res.body.detail).toContain('256 KiB');

    const small = await api.server({ bodyLimitBytes: 64 });
    const decided = await small.call('POST', decisions(), { token: tokens.approver, json: { decision: 'send-back', comment: 'y'.repeat(100) } });
    expectProblem(decided, 413, 'payload-too-large');
    await small.close();
  });

  it('takes only the content types a route declares', async () => {
    const cases: Array<[string, string | undefined, string]> = [
      [decisions(), 'text/plain', '{"decision":"approve"}'],
      [decisions(), 'application/yaml', 'decision: approve'],
      [decisions(), 'application/x-www-form-urlencoded', 'decision=approve'],
      [decisions(), undefined, '{"decision":"approve"}'],
      ['/v1/campaigns', 'application/xml', '<plan/>'],
      ['/v1/campaigns', 'multipart/form-data; boundary=x', '--x--'],
    ];
    for (const [path, contentType, body] of cases) {
      const token = path === '/v1/campaigns' ? tokens.ops : tokens.approver;
      const res = await api.call('POST', path, { token, body, ...(contentType ? { contentType } : {}) });
      expectProblem(res, 415, 'unsupported-media-type');
      expect(res.body.detail).toContain('application/json');
    }
    expect((await campaignStatus(api.env, id)).gates.find((g) => g.id === 'platforms')?.status).toBe('waiting');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token has used its minute, without slowing other tokens', async () => {
    const limited = await api.server({ rateLimit: { perMinute: 3 } });
    for (let i = 0; i < 3; i += 1) expect((await limited.call('GET', '/v1/campaigns?phase=closed', { token: tokens.manager })).status).toBe(200);
    const refused = await limited.call('GET', '/v1/campaigns?phase=closed', { token: tokens.manager });
    expectProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.call('GET', '/v1/campaigns?phase=closed', { token: tokens.approver })).status).toBe(200);
    await limited.close();
  });
});

describe('documents and health', () => {
  it('serves an OpenAPI 3.1 document without a token', async () => {
    const res = await api.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths).sort()).toEqual([
      '/healthz', '/v1/campaigns', '/v1/campaigns/{id}', '/v1/campaigns/{id}/acknowledgements', '/v1/campaigns/{id}/audit',
      '/v1/campaigns/{id}/cancellation', '/v1/campaigns/{id}/crisis-actions',
      '/v1/campaigns/{id}/gates/{gate}/consultations', '/v1/campaigns/{id}/gates/{gate}/decisions',
      '/v1/campaigns/{id}/gates/{gate}/readiness', '/v1/campaigns/{id}/interactions', '/v1/campaigns/{id}/metrics',
      '/v1/campaigns/{id}/pilot-decisions', '/v1/campaigns/{id}/report', '/v1/campaigns/{id}/retrospective',
      '/v1/campaigns/{id}/schedule', '/v1/campaigns/{id}/steps/{step}', '/v1/campaigns/{id}/survey', '/v1/campaigns/{id}/tasks/{task}/completion',
      '/v1/cases', '/v1/cases/{id}', '/v1/cases/{id}/plan-draft',
      '/v1/inbox', '/v1/me', '/v1/openapi.json', '/v1/tokens', '/v1/tokens/{tokenId}/audit', '/v1/tokens/{tokenId}/revoke',
    ]);
    const decide = res.body.paths['/v1/campaigns/{id}/gates/{gate}/decisions'].post;
    expect(decide['x-roles']).toEqual(['approver']);
    expect(decide.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/DecisionRequest' });
    expect(res.body.components.schemas.DecisionRequest).toMatchObject({ required: ['decision'], additionalProperties: false });
    expect(Object.keys(decide.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '500', '503']);
    expect(res.body.components.schemas.DecisionRequest.description).toContain('holder of the token');

    const readiness = res.body.paths['/v1/campaigns/{id}/gates/{gate}/readiness'].post;
    expect(readiness['x-roles']).toEqual(['approver', 'ops']);
    expect(readiness.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReadinessRequest' });
    const task = res.body.paths['/v1/campaigns/{id}/tasks/{task}/completion'].post;
    expect(task.responses['409'].description).toContain('`task-blocked`');
    expect(task.responses['404'].description).toContain('`unknown-task`');
    expect(res.body.paths['/v1/campaigns/{id}/audit'].get['x-roles']).toEqual(['ops', 'approver', 'manager']);
    const metrics = res.body.paths['/v1/campaigns/{id}/metrics'].post;
    expect(metrics['x-roles']).toEqual(['ops']);
    expect(Object.keys(metrics.requestBody.content)).toEqual(['text/csv', 'application/x-ndjson']);
    expect(metrics.parameters.map((p: { name: string; in: string }) => `${p.in}.${p.name}`)).toEqual(['path.id', 'query.source']);
    expect(metrics.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/MetricsImportReport' });

    const refs = JSON.stringify(res.body).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = ref.slice(ref.lastIndexOf('/') + 1, -1);
      expect(res.body.components.schemas, name).toHaveProperty(name);
    }
  });

  it('reports health without a token', async () => {
    const res = await api.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
  });
});

describe('access log', () => {
  it('writes one line per request with route, status, time and token id, and nothing personal or secret', async () => {
    const { id: tokenId } = (await api.env.pool.query<{ id: string }>('SELECT id FROM api_tokens WHERE person = $1 AND role = $2 ORDER BY created_at DESC LIMIT 1', ['chen.jing', 'manager'])).rows[0]!;
    const before = api.logLines.length;
    await api.call('GET', '/v1/campaigns/no-such-campaign?waitingOn=zhao.lei', { token: tokens.manager });
    await api.call('GET', '/v1/inbox');
    const lines = api.logLines.slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ component: 'api', method: 'GET', route: '/v1/campaigns/:id', status: 400, tokenId, msg: 'request' }),
      expect.objectContaining({ method: 'GET', route: '/v1/inbox', status: 401, tokenId: null, refusal: 'missing' }),
    ]);
    for (const line of lines) expect(typeof line['ms']).toBe('number');

    const everything = api.logText();
    for (const token of issued) expect(everything).not.toContain(token.slice(4));
    for (const person of ['li.na', 'zhao.lei', 'chen.jing', 'wang.wei']) expect(everything).not.toContain(person);
    expect(everything).not.toContain('海报');
    expect(everything).not.toContain('no-such-campaign');
  });
});
