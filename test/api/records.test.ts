/**
 * What the API reads from and writes to the records database: a campaign's audit trail (every
 * role) and metrics files imported as CSV or NDJSON (ops).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrailSchema, MetricsImportReportSchema } from '../../client/api/schemas.js';
import { eventually } from '../helpers/campaign-env.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiResponse, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
const tokens = { ops: '', liNa: '', zhaoLei: '', wangWei: '', manager: '' };

beforeAll(async () => {
  api = await apiTestEnv('api-records');
  tokens.ops = await api.token('li.na', 'ops');
  tokens.liNa = await api.token('li.na', 'approver');
  tokens.zhaoLei = await api.token('zhao.lei', 'approver');
  tokens.wangWei = await api.token('wang.wei', 'approver');
  tokens.manager = await api.token('chen.jing', 'manager');
});
afterAll(() => api?.stop());

function expectProblem(res: ApiResponse, status: number, name: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: problemType(name), status });
}

/**
 * A campaign row as the workflow registers it (imports check rows against its channels and first
 * day), and its first status, published from this environment's task queue as the workflow does.
 */
async function recordedCampaign(prefix: string): Promise<string> {
  const id = uniqueCampaignId(prefix);
  const plan = { id, timezone: 'Asia/Shanghai', channels: [{ id: 'douyin' }, { id: 'xiaohongshu' }, { id: 'wechat' }] };
  await api.env.pool.query(
    `INSERT INTO campaigns (id, name, owner, plan, started_at) VALUES ($1, '春季新茶上市', 'li.na', $2, '2027-03-09T16:30:00Z')`,
    [id, JSON.stringify(plan)],
  );
  await api.env.store.statuses.publish({
    campaignId: id, workflowId: `campaign:${id}`, runId: 'recorded', taskQueue: api.env.taskQueue,
    asOf: '2027-03-09T16:30:00.000Z', revision: 0, phase: 'rollout', status: { id },
  });
  return id;
}

async function stored(campaignId: string) {
  const { rows } = await api.env.pool.query(
    'SELECT channel_id, day, source, record_id, clicks, orders, spend FROM metric_observations WHERE campaign_id = $1 ORDER BY record_id',
    [campaignId],
  );
  return rows;
}

const CSV = [
  '\uFEFFchannel,date,record_id,clicks,orders,spend,note',
  'douyin,2027-03-10,dy-1,3400,41,1234.5,"春季新茶首发, 直播间"',
  'douyin,2027-03-11,dy-2,3100,35,1180,',
].join('\n');

const NDJSON = [
  '{"channel":"xiaohongshu","day":1,"record_id":"x-1","clicks":800,"spend":600}',
  '{"channel":"xiaohongsu","day":2,"record_id":"x-2","clicks":760}',
  '',
].join('\n');

describe('audit trail', () => {
  it('shows every role what happened, oldest first, with who did it', async () => {
    const id = await api.startCampaign(tokens.ops, 'rec-audit');
    const gate = (name: string, what: string) => `/v1/campaigns/${id}/gates/${name}/${what}`;
    expect((await api.call('POST', gate('goals', 'consultations'), { token: tokens.zhaoLei, json: { comment: '口径没问题' } })).status).toBe(200);
    expect((await api.call('POST', gate('assets', 'readiness'), { token: tokens.wangWei, json: { ready: true } })).status).toBe(200);
    expect((await api.call('POST', gate('platforms', 'decisions'), { token: tokens.zhaoLei, json: { decision: 'approve' } })).status).toBe(200);

    const trail = await eventually(async () => {
      const res = await api.call('GET', `/v1/campaigns/${id}/audit`, { token: tokens.manager });
      const parsed = AuditTrailSchema.parse(res.body);
      return parsed.entries.length >= 3 ? parsed : undefined;
    }, 'the three actions in the audit trail');
    expect(trail.campaignId).toBe(id);
    expect(trail.entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'consultation', gate: 'goals', actor: 'zhao.lei', detail: expect.objectContaining({ comment: '口径没问题' }) }),
      expect.objectContaining({ kind: 'readiness', gate: 'assets', actor: 'wang.wei' }),
      expect.objectContaining({ kind: 'decision', gate: 'platforms', actor: 'zhao.lei', detail: expect.objectContaining({ decision: 'approve', round: 1 }) }),
    ]));
    const times = trail.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());

    for (const token of [tokens.ops, tokens.liNa]) {
      const res = await api.call('GET', `/v1/campaigns/${id}/audit`, { token });
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('answers a campaign nobody started with 404', async () => {
    const res = await api.call('GET', '/v1/campaigns/no-such-campaign/audit', { token: tokens.manager });
    expectProblem(res, 404, 'campaign-not-found');
    expect(res.body.detail).toBe('There is no campaign "no-such-campaign".');
  });
});

describe('metrics import', () => {
  const importPath = (id: string, source: string) => `/v1/campaigns/${id}/metrics?source=${encodeURIComponent(source)}`;

  it('imports a CSV export once: sending it again adds nothing', async () => {
    const id = await recordedCampaign('rec-csv');
    const first = await api.call('POST', importPath(id, 'douyin-export'), { token: tokens.ops, body: CSV, contentType: 'text/csv; charset=utf-8' });
    expect(first.status, first.text).toBe(200);
    expect(MetricsImportReportSchema.parse(first.body)).toEqual({
      campaignId: id, source: 'douyin-export', format: 'csv', inserted: 2, duplicates: 0,
      rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [],
    });
    expect(await stored(id)).toEqual([
      { channel_id: 'douyin', day: 1, source: 'douyin-export', record_id: 'dy-1', clicks: 3400, orders: 41, spend: 1234.5 },
      { channel_id: 'douyin', day: 2, source: 'douyin-export', record_id: 'dy-2', clicks: 3100, orders: 35, spend: 1180 },
    ]);

    const again = await api.call('POST', importPath(id, 'douyin-export'), { token: tokens.ops, body: CSV, contentType: 'text/csv' });
    expect(again.body).toMatchObject({ inserted: 0, duplicates: 2, rejected: [] });
  });

  it('imports NDJSON, listing the lines it rejected and importing the rest', async () => {
    const id = await recordedCampaign('rec-ndjson');
    const res = await api.call('POST', `/v1/campaigns/${id}/metrics`, { token: tokens.ops, body: NDJSON, contentType: 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'import', format: 'ndjson', inserted: 1, duplicates: 0 });
    expect(res.body.rejected).toEqual([{ line: 2, field: 'channel', message: expect.stringContaining('did you mean "xiaohongshu"?') }]);
    expect(res.body).toMatchObject({
      rejectedTotal: 1, rejectedLines: 1,
      rejectedReasons: [{ kind: 'field', field: 'channel', count: 1, firstLine: 2, example: res.body.rejected[0].message }],
    });
    expect((await stored(id)).map((r) => r.record_id)).toEqual(['x-1']);
  });

  it('is for ops only', async () => {
    const id = await recordedCampaign('rec-roles');
    for (const token of [tokens.liNa, tokens.manager]) {
      const res = await api.call('POST', importPath(id, 'x'), { token, body: CSV, contentType: 'text/csv' });
      expectProblem(res, 403, 'role-not-permitted');
      expect(res.body.detail).toContain('"ops"');
    }
    expect(await stored(id)).toEqual([]);
  });

  it('refuses what it cannot import, naming why', async () => {
    const id = await recordedCampaign('rec-refusals');
    const unknown = await api.call('POST', importPath('no-such-campaign', 'x'), { token: tokens.ops, body: CSV, contentType: 'text/csv' });
    expectProblem(unknown, 404, 'campaign-not-found');

    const source = await api.call('POST', importPath(id, ' padded '), { token: tokens.ops, body: CSV, contentType: 'text/csv' });
    expectProblem(source, 400, 'invalid-request');
    expect(source.body.errors).toEqual([{ path: 'query.source', message: 'a source name must not be empty or start or end with spaces' }]);

    const stray = await api.call('POST', `/v1/campaigns/${id}/metrics?source=x&format=csv`, { token: tokens.ops, body: CSV, contentType: 'text/csv' });
    expect(stray.body.errors).toEqual([{ path: 'query.format', message: 'not a parameter of this route' }]);

    // "春季" in GBK: a Chinese Excel export saved without choosing UTF-8.
    const gbk = Buffer.concat([Buffer.from('channel,day,record_id,note\ndouyin,1,g-1,'), Buffer.from([0xb4, 0xba, 0xbc, 0xbe]), Buffer.from('\n')]);
    const notUtf8 = await fetch(`${api.url}${importPath(id, 'gbk')}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.ops}`, 'content-type': 'text/csv' }, body: gbk,
    });
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.json()).toMatchObject({ type: problemType('malformed-body'), detail: expect.stringContaining('save the file as "CSV UTF-8"') });

    for (const contentType of ['application/json', 'text/plain', 'text/tab-separated-values']) {
      const res = await api.call('POST', importPath(id, 'x'), { token: tokens.ops, body: CSV, contentType });
      expectProblem(res, 415, 'unsupported-media-type');
      expect(res.body.detail).toContain('send text/csv or application/x-ndjson');
    }
    expect(await stored(id)).toEqual([]);
  });

  it('takes files larger than requests, up to its own limit', async () => {
    const id = await recordedCampaign('rec-limit');
    const rows = Array.from({ length: 12_000 }, (_, i) => `douyin,1,big-${i},${i},0,0,`);
    const big = [CSV.split('\n')[0]!.replace('date', 'day'), ...rows].join('\n');
    expect(Buffer.byteLength(big)).toBeGreaterThan(256 * 1024);
    const res = await api.call('POST', importPath(id, 'big'), { token: tokens.ops, body: big, contentType: 'text/csv' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ inserted: 12_000, rejected: [] });

    const small = await api.server({ importLimitBytes: 1024 });
    const refused = await small.call('POST', importPath(id, 'big-2'), { token: tokens.ops, body: big, contentType: 'text/csv' });
    expectProblem(refused, 413, 'payload-too-large');
    expect(refused.body.detail).toBe('The body is larger than 1024 bytes (1 KiB).');
    await small.close();
  });
});
