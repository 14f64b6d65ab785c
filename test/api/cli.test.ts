/**
 * The `campaign` CLI through the HTTP API (CAMPAIGN_API_URL, CAMPAIGN_API_TOKEN): it reaches
 * neither Temporal nor PostgreSQL itself, answers as it does directly, and acts as the token's
 * person.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../client/api/tokens.js';
import { freePort } from '../../workers/free-port.js';
import { eventually } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, type ApiTestEnv } from './api-env.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));

let api: ApiTestEnv;
let scratch: string;
let campaignId: string;
const tokens = { ops: '', liNa: '', zhaoLei: '', wangWei: '', chenJing: '', manager: '' };

/** Temporal and PostgreSQL out of reach: whatever works, works through the API. */
const UNREACHABLE = { TEMPORAL_ADDRESS: '127.0.0.1:9', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' };

function viaApi(token: string, args: string[], extra: Record<string, string> = {}) {
  return runCli(args, { ...UNREACHABLE, CAMPAIGN_API_URL: api.url, CAMPAIGN_API_TOKEN: token, ...extra });
}

function direct(args: string[]) {
  return runCli(args, { TEMPORAL_ADDRESS: api.env.temporalAddress, TASK_QUEUE: api.env.taskQueue, DATABASE_URL: api.env.databaseUrl });
}

beforeAll(async () => {
  api = await apiTestEnv('api-cli');
  scratch = await mkdtemp(path.join(os.tmpdir(), 'api-cli-'));
  tokens.ops = await api.token('li.na', 'ops');
  tokens.liNa = await api.token('li.na', 'approver');
  tokens.zhaoLei = await api.token('zhao.lei', 'approver');
  tokens.wangWei = await api.token('wang.wei', 'approver');
  tokens.chenJing = await api.token('chen.jing', 'approver');
  tokens.manager = await api.token('zhou.min', 'manager');

  // Time scale 1: nothing moves on its own during the test, so both ways can be compared exactly.
  // Its channels are the sandbox's, so the start says it is a rehearsal at full length.
  campaignId = uniqueCampaignId('cli-api');
  const started = await viaApi(tokens.ops, ['start', EXAMPLE, '--id', campaignId, '--sandbox']);
  expect(started.stderr).toBe('');
  expect(started.code).toBe(0);
  expect(started.stdout).toContain('Rehearsal (simulated channels xiaohongshu, douyin, baidu, wechat)');
  expect(started.stdout).toContain(`Started campaign ${campaignId} (workflow campaign:${campaignId}).`);
  expect(started.stdout).toContain('Gates wait for: li.na, zhao.lei, chen.jing.');
  await eventually(async () => ((await viaApi(tokens.manager, ['status', campaignId])).code === 0 ? true : undefined), 'the campaign\'s status');
});
afterAll(async () => {
  await api?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('campaign CLI through the API', () => {
  it('shows a campaign as it does directly', async () => {
    const [overApi, overTemporal] = await Promise.all([viaApi(tokens.manager, ['status', campaignId]), direct(['status', campaignId])]);
    expect(overApi.code).toBe(0);
    expect(overApi.stdout).toMatch(/platforms\s+平台与工具就绪\s+zhao\.lei\s+waiting for zhao\.lei/);
    // Read a moment apart, the two say the same but for how long ago the status was published.
    const sansAge = (text: string) => text.replace(/\(published [^)]* ago\)/, '(published … ago)');
    expect(sansAge(overApi.stdout)).toBe(sansAge(overTemporal.stdout));

    const [jsonApi, jsonTemporal] = await Promise.all([
      viaApi(tokens.manager, ['status', campaignId, '--json']), direct(['status', campaignId, '--json']),
    ]);
    const withoutAge = (json: string) => {
      const status = JSON.parse(json) as { reading: { ageMs?: number } };
      expect(status.reading.ageMs).toBeGreaterThanOrEqual(0);
      delete status.reading.ageMs;
      return status;
    };
    expect(withoutAge(jsonApi.stdout)).toEqual(withoutAge(jsonTemporal.stdout));

    const listed = await eventually(async () => {
      const r = await viaApi(tokens.manager, ['list', '--waiting-on', 'chen.jing', '--json']);
      return (JSON.parse(r.stdout) as Array<{ campaignId: string; phase: string }>).find((c) => c.campaignId === campaignId);
    }, 'the campaign in the list');
    expect(listed.phase).toBe('preparation');
  });

  it('acts as the token\'s person: approves, prepares, consults, acknowledges, completes tasks', async () => {
    const approved = await viaApi(tokens.zhaoLei, ['approve', campaignId, 'platforms']);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toBe('Gate platforms approved by zhao.lei.\n');

    const consulted = await viaApi(tokens.zhaoLei, ['consult', campaignId, 'goals', '--as', 'zhao.lei', '--comment', '口径确认']);
    expect(consulted.stdout).toBe('Comment recorded on gate goals; it is now deciding.\n');
    const ticked = await viaApi(tokens.liNa, ['tick', campaignId, 'goals', '1', '2']);
    expect(ticked.stdout).toBe('Ticked 2 item(s) of gate goals; it is now deciding.\n');
    expect((await viaApi(tokens.liNa, ['approve', campaignId, 'goals', '--comment', '可以'])).code).toBe(0);

    const ready = await viaApi(tokens.wangWei, ['ready', campaignId, 'assets', '--evidence', 'https://drive.example/kv.png', '--evidence', '终稿']);
    expect(ready.stdout).toBe('wang.wei marked gate assets ready; it is now deciding.\n');
    expect((await viaApi(tokens.wangWei, ['acknowledge', campaignId])).stdout).toBe('wang.wei acknowledged the strategy.\n');
    expect((await viaApi(tokens.wangWei, ['task', 'done', campaignId, 'script'])).stdout).toBe('Task script done.\n');
  });

  it('exits 3 with the workflow\'s sentence when the person may not, and 2 on invalid input', async () => {
    const wrongPerson = await viaApi(tokens.wangWei, ['approve', campaignId, 'channels-ready']);
    expect(wrongPerson.code).toBe(3);
    expect(wrongPerson.stderr).toContain('Only chen.jing');
    expect(wrongPerson.stderr).not.toMatch(/\n\s+at /);

    const json = await viaApi(tokens.wangWei, ['approve', campaignId, 'channels-ready', '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { exitCode: 3, type: 'NotAuthorised', message: expect.stringContaining('Only chen.jing') } });

    const twice = await viaApi(tokens.wangWei, ['acknowledge', campaignId]);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toBe('campaign: wang.wei has already acknowledged the strategy.\n');
    const notTheirs = await viaApi(tokens.zhaoLei, ['task', 'done', campaignId, 'teaser', '--json']);
    expect(notTheirs.code).toBe(3);
    expect(JSON.parse(notTheirs.stdout).error).toMatchObject({ type: 'NotAuthorised', message: expect.stringContaining('belongs to wang.wei') });

    const role = await viaApi(tokens.manager, ['approve', campaignId, 'channels-ready']);
    expect(role.code).toBe(3);
    expect(role.stderr).toContain('A token for role "manager" may not');

    const noComment = await viaApi(tokens.chenJing, ['send-back', campaignId, 'channels-ready', '--comment', ' ', '--json']);
    expect(noComment.code).toBe(2);
    expect(JSON.parse(noComment.stdout).error.type).toBe('CommentRequired');
    const unknown = await viaApi(tokens.chenJing, ['approve', 'no-such-campaign', 'channels-ready']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('campaign: There is no campaign "no-such-campaign".\n');
  });

  it('refuses a start at time scale 1 on sandbox channels without --sandbox, as it does directly', async () => {
    const id = uniqueCampaignId('cli-api-unsaid');
    const [overApi, overTemporal] = await Promise.all([viaApi(tokens.ops, ['start', EXAMPLE, '--id', id]), direct(['start', EXAMPLE, '--id', id])]);
    expect([overApi.code, overTemporal.code]).toEqual([3, 3]);
    expect(overApi.stderr).toContain('Channels xiaohongshu, douyin, baidu, wechat have adapter: sandbox');
    expect(overApi.stderr).toContain('start with --sandbox');
    expect(overApi.stderr).toBe(overTemporal.stderr);
  });

  it('refuses --as naming someone other than the token\'s person, before acting', async () => {
    const res = await viaApi(tokens.wangWei, ['approve', campaignId, 'channels-ready', '--as', 'chen.jing']);
    expect(res.code).toBe(3);
    expect(res.stderr).toBe('campaign: The API token belongs to wang.wei, not chen.jing: drop --as, or use chen.jing\'s own token in CAMPAIGN_API_TOKEN.\n');
    const status = await viaApi(tokens.manager, ['status', campaignId, '--json']);
    expect(JSON.parse(status.stdout).gates.find((g: { id: string }) => g.id === 'channels-ready').status).toBe('waiting');
  });

  it('shows the token\'s own inbox', async () => {
    const box = await eventually(async () => {
      const r = await viaApi(tokens.chenJing, ['inbox', '--json']);
      const parsed = JSON.parse(r.stdout) as { person: string; items: Array<{ campaignId: string; kind: string; gate?: string }> };
      return parsed.items.some((i) => i.campaignId === campaignId) ? parsed : undefined;
    }, 'the campaign in chen.jing\'s inbox');
    expect(box.person).toBe('chen.jing');
    expect(box.items).toContainEqual(expect.objectContaining({ campaignId, kind: 'decide', gate: 'channels-ready' }));

    const text = await viaApi(tokens.chenJing, ['inbox', '--as', 'chen.jing']);
    expect(text.stdout).toMatch(new RegExp(`${campaignId}\\s+decide\\s+channels-ready\\s+渠道对接完成`));
    const nobody = await viaApi(await api.token('nobody.here', 'manager'), ['inbox']);
    expect(nobody.stdout).toBe('Nothing waits on nobody.here.\n');
  });

  it('reads the audit trail as it does directly', async () => {
    const trail = await eventually(async () => {
      const r = await viaApi(tokens.manager, ['audit', campaignId, '--json']);
      const entries = JSON.parse(r.stdout) as Array<{ kind: string; actor: string }>;
      return entries.some((e) => e.kind === 'task-done') ? r : undefined;
    }, 'the task in the audit trail');
    const kinds = (JSON.parse(trail.stdout) as Array<{ kind: string }>).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['consultation', 'checklist', 'decision', 'readiness', 'acknowledgement', 'task-done']));

    const [overApi, overDatabase] = await Promise.all([viaApi(tokens.manager, ['audit', campaignId]), direct(['audit', campaignId])]);
    expect(overApi.code).toBe(0);
    expect(overApi.stdout).toBe(overDatabase.stdout);

    const missing = await viaApi(tokens.manager, ['audit', 'no-such-campaign']);
    expect(missing.code).toBe(2);
  });

  it('imports metrics files, with exit 2 when some lines were rejected', async () => {
    const good = path.join(scratch, 'douyin.csv');
    await writeFile(good, 'channel,day,record_id,clicks,spend\ndouyin,1,cli-1,100,50\n');
    const imported = await viaApi(tokens.ops, ['metrics', 'import', good, '--campaign', campaignId, '--source', 'cli-api']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported ${good} into campaign ${campaignId} (source "cli-api", csv): 1 new row(s), 0 already there.`);

    const partly = path.join(scratch, 'warehouse.ndjson');
    await writeFile(partly, '{"channel":"douyin","day":2,"record_id":"cli-2","clicks":5}\n{"channel":"douyn","day":2,"record_id":"cli-3"}\n');
    const rejected = await viaApi(tokens.ops, ['metrics', 'import', partly, '--campaign', campaignId, '--source', 'cli-api']);
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toContain('1 new row(s)');
    expect(rejected.stderr).toContain(`${partly}:2  channel  unknown channel "douyn"`);

    const approver = await viaApi(tokens.liNa, ['metrics', 'import', good, '--campaign', campaignId]);
    expect(approver.code).toBe(3);
  });

  it('says which token problem it met, and when the API cannot be reached', async () => {
    const unknown = await viaApi(`cpn_${'A'.repeat(43)}`, ['status', campaignId]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('This token is not known');

    const revoked = await createToken(api.env.pool, { person: 'zhou.min', role: 'manager' });
    await revokeToken(api.env.pool, revoked.id);
    const refused = await viaApi(revoked.token, ['list']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('This token has been revoked');

    const noToken = await runCli(['status', campaignId, '--api', api.url], { ...UNREACHABLE, CAMPAIGN_API_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('needs your API token in CAMPAIGN_API_TOKEN');

    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await viaApi(tokens.manager, ['status', campaignId, '--api', closed]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Cannot reach the campaign API at ${closed} (ECONNREFUSED)`);
  });
});
