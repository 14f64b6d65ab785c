/**
 * Every route the server serves, called with a token of every role and with none: each role the
 * route names gets the route's own answer, every other role exactly `role-not-permitted`, and a
 * request without a token 401. The routes come from the server's OpenAPI document, so a route
 * added without a case here fails this test; docs/api.md's route × role table is checked against
 * the same document.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, ROLES, type Role } from '../../client/api/tokens.js';
import { rehearsalPlan } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv, type CallOptions } from './api-env.js';
import { routeRoleTable, tokenOperations, type OpenApiDocument } from './route-table.js';

const DOCS = new URL('../../docs/api.md', import.meta.url);
const TABLE_START = '<!-- route-roles: generated from the routes; test/api/route-roles.test.ts checks it -->';
const TABLE_END = '<!-- /route-roles -->';

let api: ApiTestEnv;
let document: OpenApiDocument;
let campaignId: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  api = await apiTestEnv('api-route-roles');
  // wang.wei is on the campaign's team (responsible for "assets", owner of "script"); li.na administers tokens.
  tokens.ops = await api.token('wang.wei', 'ops');
  tokens.approver = await api.token('wang.wei', 'approver');
  tokens.manager = await api.token('zhao.lei', 'manager');
  tokens.admin = await api.token('li.na', 'admin');
  campaignId = await api.startCampaign(tokens.ops, 'roles');
  document = (await api.call('GET', '/v1/openapi.json')).body as OpenApiDocument;
});
afterAll(() => api?.stop());

type Sample = { path: () => string } & { request?: () => Promise<CallOptions> | CallOptions };

const campaign = (rest = '') => () => `/v1/campaigns/${campaignId}${rest}`;
const json = (body: unknown) => () => ({ json: body });
const file = (body: string, contentType: string) => () => ({ body, contentType });
/** A token for the revoke and audit cases to work on, new for each call (a revocation is once). */
const spareTokenId = async () => (await createToken(api.env.pool, { person: 'chen.jing', role: 'manager', label: 'spare' })).id;
let spare = '';

/** One request per operation: what a caller of that route would send. */
const SAMPLES: Record<string, Sample> = {
  startCampaign: { path: () => '/v1/campaigns', request: () => ({ json: { plan: rehearsalPlan(), id: campaignId, timeScale: 1440 } }) },
  listCampaigns: { path: () => '/v1/campaigns' },
  campaignStatus: { path: campaign() },
  decideGate: { path: campaign('/gates/platforms/decisions'), request: json({ decision: 'approve' }) },
  prepareGate: { path: campaign('/gates/assets/readiness'), request: json({ ready: false }) },
  consultOnGate: { path: campaign('/gates/goals/consultations'), request: json({ comment: '口径没问题' }) },
  acknowledgeStrategy: { path: campaign('/acknowledgements'), request: json({}) },
  completeTask: { path: campaign('/tasks/script/completion'), request: json({}) },
  auditTrail: { path: campaign('/audit') },
  decidePilot: { path: campaign('/pilot-decisions'), request: json({ decision: 'go' }) },
  crisisAction: { path: campaign('/crisis-actions'), request: json({ action: 'statement', statement: '我们正在核实' }) },
  resolveStep: { path: campaign('/steps/budget:initial:douyin'), request: json({ action: 'retry' }) },
  cancelCampaign: { path: campaign('/cancellation'), request: json({ reason: '预算冻结' }) },
  campaignSchedule: { path: campaign('/schedule') },
  importMetrics: { path: campaign('/metrics?source=roles'), request: file('channel,day,record_id,clicks\ndouyin,1,roles-1,5\n', 'text/csv') },
  importInteractions: {
    path: campaign('/interactions?source=roles'),
    request: file(JSON.stringify({ id: 'roles-1', channel: 'xiaohongshu', author: '茶友', text: '好喝', at: '2027-03-10T20:15:00+08:00' }), 'application/x-ndjson'),
  },
  importSurvey: { path: campaign('/survey?source=roles'), request: file('answer_id,question,score\nroles-1,满意度,4\n', 'text/csv') },
  campaignReport: { path: campaign('/report?format=json') },
  retrospect: { path: campaign('/retrospective'), request: json({ worked: ['抖音短视频'] }) },
  searchCases: { path: () => '/v1/cases?q=tea' },
  getCase: { path: () => '/v1/cases/no-such-case' },
  planDraftFromCase: { path: () => '/v1/cases/no-such-case/plan-draft' },
  inbox: { path: () => '/v1/inbox' },
  whoAmI: { path: () => '/v1/me' },
  issueToken: { path: () => '/v1/tokens', request: json({ person: 'chen.jing', role: 'approver', label: 'route-roles', ttlDays: 1 }) },
  listTokens: { path: () => '/v1/tokens' },
  revokeToken: { path: () => `/v1/tokens/${spare}/revoke`, request: async () => ((spare = await spareTokenId()), {}) },
  tokenAudit: { path: () => `/v1/tokens/${spare}/audit`, request: async () => ((spare = await spareTokenId()), {}) },
};

describe('route × role', () => {
  it('has a case for every route the server serves, and none for a route it does not', () => {
    const served = tokenOperations(document).map((o) => o.operation.operationId);
    expect(served.length).toBeGreaterThan(25);
    expect(served.filter((id) => !SAMPLES[id]), 'routes without a case').toEqual([]);
    expect(Object.keys(SAMPLES).filter((id) => !served.includes(id)), 'cases without a route').toEqual([]);
  });

  it('answers each role as the route\'s roles say, and a request without a token with 401', async () => {
    const outcomes: string[] = [];
    for (const { method, operation } of tokenOperations(document)) {
      const sample = SAMPLES[operation.operationId]!;
      const allowed = operation['x-roles'] ?? [];
      const documented = Object.keys((operation as unknown as { responses: Record<string, unknown> }).responses).map(Number);
      for (const role of [...ROLES, undefined]) {
        const request = (await sample.request?.()) ?? {};
        const res = await api.call(method, sample.path(), { ...request, ...(role ? { token: tokens[role] } : {}) });
        const who = `${method} ${operation.operationId} as ${role ?? 'no token'}`;
        outcomes.push(`${who} → ${res.status}`);
        if (!role) {
          expect(res.status, who).toBe(401);
          expect(res.body.type, who).toBe(problemType('unauthenticated'));
        } else if (allowed.includes(role)) {
          expect(res.status, `${who}: ${res.text}`).toBeLessThan(500);
          expect(res.status, `${who}: ${res.text}`).not.toBe(401);
          expect(res.body.type, who).not.toBe(problemType('role-not-permitted'));
          expect(documented, `${who} answered ${res.status}, which the route does not document`).toContain(res.status);
        } else {
          expect(res.status, `${who}: ${res.text}`).toBe(403);
          expect(res.body.type, who).toBe(problemType('role-not-permitted'));
        }
      }
    }
    expect(outcomes.length).toBe(tokenOperations(document).length * (ROLES.length + 1));
  });

  it('is the table docs/api.md shows', async () => {
    const docs = await readFile(DOCS, 'utf8');
    const start = docs.indexOf(TABLE_START);
    const end = docs.indexOf(TABLE_END);
    expect(start, `docs/api.md needs the markers ${TABLE_START} … ${TABLE_END}`).toBeGreaterThan(-1);
    const shown = docs.slice(start + TABLE_START.length, end).trim();
    expect(shown, 'regenerate the table in docs/api.md from this test\'s expectation').toBe(routeRoleTable(document));
  });
});
