/**
 * Preparing gates over HTTP (readiness, evidence, checklist ticks, consultations, the strategy
 * acknowledgement, tasks done): who may, what a refusal says, and how malformed bodies are named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionResponse } from '../../client/api/schemas.js';
import { campaignStatus } from '../../client/campaigns.js';
import { apiTestEnv, problemType, type ApiResponse, type ApiTestEnv, type CallOptions } from './api-env.js';

let api: ApiTestEnv;
const tokens = { ops: '', liNa: '', zhaoLei: '', wangWei: '', wangWeiOps: '', manager: '', outsider: '' };

beforeAll(async () => {
  api = await apiTestEnv('api-actions');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.liNa = await api.token('li.na', 'approver');
  tokens.zhaoLei = await api.token('zhao.lei', 'approver');
  tokens.wangWei = await api.token('wang.wei', 'approver');
  tokens.wangWeiOps = await api.token('wang.wei', 'ops');
  tokens.manager = await api.token('chen.jing', 'manager');
  tokens.outsider = await api.token('zhou.min', 'approver');
});
afterAll(() => api?.stop());

function expectProblem(res: ApiResponse, status: number, name: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: problemType(name), status });
}

interface ActionCase {
  name: string;
  path: (id: string) => string;
  json: unknown;
  /** Someone with a preparing role whom the workflow refuses, and what the refusal says. */
  wrongPerson: { token: () => string; detail: string };
  /** Tokens of the person who may, in each role that may act. */
  rightPerson: Array<() => string>;
}

const CASES: ActionCase[] = [
  {
    name: 'readiness',
    path: (id) => `/v1/campaigns/${id}/gates/assets/readiness`,
    json: { ready: true, evidence: [{ kind: 'link', value: 'https://drive.example/kv.png' }] },
    wrongPerson: { token: () => tokens.zhaoLei, detail: 'Only the responsible people of gate "assets" (wang.wei) mark it ready; zhao.lei is not one of them.' },
    rightPerson: [() => tokens.wangWei, () => tokens.wangWeiOps],
  },
  {
    name: 'checklist ticks',
    path: (id) => `/v1/campaigns/${id}/gates/goals/readiness`,
    json: { tick: ['1', '每个KPI有负责人'] },
    wrongPerson: { token: () => tokens.zhaoLei, detail: 'Only li.na tick the checklist of gate "goals".' },
    rightPerson: [() => tokens.liNa, () => tokens.ops],
  },
  {
    name: 'consultation',
    path: (id) => `/v1/campaigns/${id}/gates/goals/consultations`,
    json: { comment: '口径没问题' },
    wrongPerson: { token: () => tokens.wangWei, detail: 'Gate "goals" consults zhao.lei; wang.wei is not one of them.' },
    rightPerson: [() => tokens.zhaoLei],
  },
  {
    name: 'acknowledgement',
    path: (id) => `/v1/campaigns/${id}/acknowledgements`,
    json: {},
    wrongPerson: { token: () => tokens.outsider, detail: 'zhou.min is not in this campaign\'s team.' },
    rightPerson: [() => tokens.wangWei],
  },
  {
    name: 'task completion',
    path: (id) => `/v1/campaigns/${id}/tasks/script/completion`,
    json: {},
    wrongPerson: { token: () => tokens.zhaoLei, detail: 'Task "script" belongs to wang.wei; only they (or the campaign owner li.na) mark it done.' },
    rightPerson: [() => tokens.wangWeiOps],
  },
];

describe.each(CASES)('$name', (action) => {
  let id: string;
  beforeAll(async () => {
    id = await api.startCampaign(tokens.ops, `act-${action.name.replace(/\W+/g, '-')}`);
  });
  const post = (token: string, opts: CallOptions = {}) => api.call('POST', action.path(id), { token, json: action.json, ...opts });

  it('is not for managers, even ones on the team', async () => {
    const res = await post(tokens.manager);
    expectProblem(res, 403, 'role-not-permitted');
    expect(res.body.detail).toContain('"approver" or "ops"');
  });

  it('refuses someone the workflow does not let act, saying who may', async () => {
    const res = await post(action.wrongPerson.token());
    expectProblem(res, 403, 'not-authorised');
    expect(res.body.detail).toBe(action.wrongPerson.detail);
  });

  it('takes the person from the token: a "by" in the body is refused, not obeyed', async () => {
    const res = await post(action.rightPerson[0]!(), { json: { ...(action.json as object), by: 'li.na' } });
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors).toEqual([{ path: 'body.by', message: 'not a field of this request' }]);
  });

  it('lets the right person act, in each role that may', async () => {
    for (const token of action.rightPerson) {
      const res = await post(token());
      expect(res.status, res.text).toBe(200);
      expect(ActionResponse.parse(res.body)).toMatchObject({ accepted: true });
    }
    const status = await campaignStatus(api.env, id);
    const assets = status.gates.find((g) => g.id === 'assets')!;
    const goals = status.gates.find((g) => g.id === 'goals')!;
    const done = {
      'readiness': () => expect(assets.readiness).toEqual([expect.objectContaining({ person: 'wang.wei', ready: true, evidence: expect.arrayContaining([{ kind: 'link', value: 'https://drive.example/kv.png' }]) })]),
      'checklist ticks': () => expect(goals.checklist).toEqual([expect.objectContaining({ ticked: true, by: 'li.na' }), expect.objectContaining({ ticked: true, by: 'li.na' })]),
      'consultation': () => expect(goals.consultations).toEqual([expect.objectContaining({ person: 'zhao.lei', comment: '口径没问题' })]),
      'acknowledgement': () => expect(status.acknowledged).toEqual(['wang.wei']),
      'task completion': () => expect(status.tasks.find((t) => t.id === 'script')).toMatchObject({ status: 'done', doneBy: 'wang.wei' }),
    }[action.name];
    done!();
  });
});

describe('refusals of the workflow', () => {
  let id: string;
  beforeAll(async () => {
    id = await api.startCampaign(tokens.ops, 'act-refusals');
  });

  it('answers a task done twice, a task out of order and an unknown task with their own problem types', async () => {
    const task = (name: string) => `/v1/campaigns/${id}/tasks/${name}/completion`;
    const blocked = await api.call('POST', task('shoot'), { token: tokens.wangWei, json: {} });
    expectProblem(blocked, 409, 'task-blocked');
    expect(blocked.body.detail).toBe('Task "shoot" waits for script to be done first.');

    expect((await api.call('POST', task('script'), { token: tokens.wangWei, json: {} })).status).toBe(200);
    const twice = await api.call('POST', task('script'), { token: tokens.wangWei, json: {} });
    expectProblem(twice, 409, 'already-done');
    expect(twice.body.detail).toBe('Task "script" was already completed by wang.wei.');

    const unknown = await api.call('POST', task('edit'), { token: tokens.wangWei, json: {} });
    expectProblem(unknown, 404, 'unknown-task');
    expect(unknown.body.detail).toContain('tasks: script, shoot');
  });

  it('answers a second acknowledgement with already-done', async () => {
    const path = `/v1/campaigns/${id}/acknowledgements`;
    expect((await api.call('POST', path, { token: tokens.zhaoLei, json: {} })).body).toEqual({ accepted: true });
    const again = await api.call('POST', path, { token: tokens.zhaoLei, json: {} });
    expectProblem(again, 409, 'already-done');
    expect(again.body.detail).toBe('zhao.lei has already acknowledged the strategy.');
  });

  it('says where the gate stands after each step, and refuses preparing an approved gate', async () => {
    const gate = (name: string, what: string) => `/v1/campaigns/${id}/gates/${name}/${what}`;
    const consulted = await api.call('POST', gate('goals', 'consultations'), { token: tokens.zhaoLei, json: { comment: '口径确认' } });
    expect(consulted.body).toEqual({ accepted: true, stage: 'deciding' });
    const ready = await api.call('POST', gate('assets', 'readiness'), { token: tokens.wangWei, json: { ready: true } });
    expect(ready.body).toEqual({ accepted: true, stage: 'deciding' });

    expect((await api.call('POST', gate('platforms', 'decisions'), { token: tokens.zhaoLei, json: { decision: 'approve' } })).status).toBe(200);
    const late = await api.call('POST', gate('platforms', 'readiness'), { token: tokens.liNa, json: { tick: ['1'] } });
    expectProblem(late, 409, 'gate-closed');
  });

  it('answers unknown gates and campaigns with 404, and unknown checklist items with 400', async () => {
    const noGate = await api.call('POST', `/v1/campaigns/${id}/gates/launch/consultations`, { token: tokens.zhaoLei, json: { comment: 'x' } });
    expectProblem(noGate, 404, 'unknown-gate');
    const noCampaign = await api.call('POST', '/v1/campaigns/no-such-campaign/acknowledgements', { token: tokens.zhaoLei, json: {} });
    expectProblem(noCampaign, 404, 'campaign-not-found');
    expect(noCampaign.body.detail).toBe('There is no campaign "no-such-campaign".');

    const item = await api.call('POST', `/v1/campaigns/${id}/gates/goals/readiness`, { token: tokens.liNa, json: { tick: ['9'] } });
    expectProblem(item, 400, 'invalid-request');
    expect(item.body.detail).toContain('Gate "goals" has no checklist item "9" (items: 1. KPI 定义与口径已确认; 2. 每个KPI有负责人).');
  });
});

describe('malformed requests', () => {
  let id: string;
  beforeAll(async () => {
    id = await api.startCampaign(tokens.ops, 'act-bodies');
  });
  const paths = (errors: ApiResponse) => errors.body.errors.map((e: { path: string }) => e.path);

  it('names each wrong field of a readiness body, and refuses one that says nothing', async () => {
    const path = `/v1/campaigns/${id}/gates/assets/readiness`;
    const wrong = await api.call('POST', path, {
      token: tokens.wangWei,
      json: { ready: 'yes', evidence: [{ kind: 'photo', value: '' }], tick: 'one', colour: 'red' },
    });
    expectProblem(wrong, 400, 'invalid-request');
    expect(paths(wrong).sort()).toEqual(['body.colour', 'body.evidence[0].kind', 'body.evidence[0].value', 'body.ready', 'body.tick']);

    const empty = await api.call('POST', path, { token: tokens.wangWei, json: {} });
    expectProblem(empty, 400, 'invalid-request');
    expect(empty.body.errors).toEqual([{ path: 'body', message: 'say what changed: ready, evidence, tick or untick' }]);
  });

  it('names the comment of a consultation that has none', async () => {
    const path = `/v1/campaigns/${id}/gates/goals/consultations`;
    const missing = await api.call('POST', path, { token: tokens.zhaoLei, json: {} });
    expect(missing.body.errors).toEqual([{ path: 'body.comment', message: 'required (string)' }]);
    const blank = await api.call('POST', path, { token: tokens.zhaoLei, json: { comment: '   ' } });
    expect(blank.body.errors).toEqual([{ path: 'body.comment', message: 'write the comment you want recorded' }]);
  });

  it('takes only an empty object for an acknowledgement or a task done, and ids that can be ids', async () => {
    const ack = await api.call('POST', `/v1/campaigns/${id}/acknowledgements`, { token: tokens.wangWei, json: { note: 'ok' } });
    expect(ack.body.errors).toEqual([{ path: 'body.note', message: 'not a field of this request' }]);
    const noBody = await api.call('POST', `/v1/campaigns/${id}/acknowledgements`, { token: tokens.wangWei, body: '', contentType: 'application/json' });
    expectProblem(noBody, 400, 'malformed-body');
    const task = await api.call('POST', `/v1/campaigns/${id}/tasks/Not%20a%20task/completion`, { token: tokens.wangWei, json: [] });
    expectProblem(task, 400, 'invalid-request');
    expect(paths(task).sort()).toEqual(['body', 'params.task']);

    const status = await campaignStatus(api.env, id);
    expect(status.acknowledged).toEqual([]);
    expect(status.gates.find((g) => g.id === 'assets')?.readiness).toEqual([expect.objectContaining({ ready: false, evidence: [] })]);
  });
});
