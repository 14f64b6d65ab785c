import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandboxPlatform, type SandboxPlatform } from '../../sandbox/platform.js';

let platform: SandboxPlatform;

beforeAll(async () => {
  platform = await startSandboxPlatform({ seed: 'platform-test' });
});

afterAll(async () => {
  await platform.close();
});

beforeEach(() => {
  platform.setFaults({});
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const channel = (campaign: string, channelId: string) => `/v1/campaigns/${campaign}/channels/${channelId}`;
const budget = (key: string, dailyBudget = 1_000, extra: Record<string, unknown> = {}) =>
  ({ amount: dailyBudget * 30, dailyBudget, currency: 'CNY', idempotencyKey: key, ...extra });

describe('sandbox platform over HTTP', () => {
  it('applies a budget once per idempotency key', async () => {
    const path = `${channel('c-budget', 'sem')}/budget`;
    expect(await call('PUT', path, budget('k1', 2_000, { channelKind: 'baidu-sem' }))).toEqual({ status: 200, body: { applied: true } });
    expect(await call('PUT', path, budget('k1', 2_000))).toEqual({ status: 200, body: { applied: false } });
    const stats = platform.stats().perChannel['c-budget/sem'];
    expect(stats).toMatchObject({ kind: 'baidu-sem', budgetsApplied: 1, budgetRepeats: 1, dailyBudget: 2_000 });
  });

  it('refuses an idempotency key reused for a different budget, and a change of currency', async () => {
    const path = `${channel('c-reuse', 'sem')}/budget`;
    await call('PUT', path, budget('k1', 2_000));
    const reused = await call('PUT', path, budget('k1', 3_000));
    expect(reused.status).toBe(422);
    expect(reused.body.field).toBe('idempotencyKey');
    const otherCurrency = await call('PUT', path, { ...budget('k2'), currency: 'USD' });
    expect(otherCurrency.status).toBe(422);
    expect(otherCurrency.body.error).toMatch(/CNY/);
  });

  it('creates a post once per idempotency key and counts it once', async () => {
    const path = `${channel('c-posts', 'oa')}/posts`;
    const post = { contentId: 'launch', title: '春季新品上市', body: '长文正文', idempotencyKey: 'p1' };
    const first = await call('POST', path, post, { 'x-channel-kind': 'wechat-oa' });
    const again = await call('POST', path, post, { 'x-channel-kind': 'wechat-oa' });
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(again).toEqual({ status: 200, body: { postId: first.body.postId, created: false } });
    expect(platform.stats().perChannel['c-posts/oa']).toMatchObject({ kind: 'wechat-oa', postsCreated: 1, postRepeats: 1 });
  });

  it('refuses posts that do not fit the platform', async () => {
    const refused = await call('POST', `${channel('c-rules', 'xhs')}/posts`,
      { contentId: 'note', title: '这是一个远远超过二十个字的小红书笔记标题会被平台拒绝', body: '正文', idempotencyKey: 'n1', channelKind: 'xiaohongshu' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/xiaohongshu titles are at most 20 characters/);
  });

  it('freezes a report once served: a later budget does not change it', async () => {
    const base = channel('c-frozen', 'dy');
    await call('PUT', `${base}/budget`, budget('b1', 5_000, { channelKind: 'douyin' }));
    const first = await call('GET', `${base}/reports/daily?day=1`);
    await call('PUT', `${base}/budget`, budget('b2', 50_000));
    const again = await call('GET', `${base}/reports/daily?day=1`);
    expect(again).toEqual(first);
    expect(first.body).toMatchObject({ campaignId: 'c-frozen', channelId: 'dy', day: 1, recordId: 'sbx-c-frozen-dy-d1' });
    expect(first.body.spend).toBeLessThanOrEqual(5_000);
    const day2 = await call('GET', `${base}/reports/daily?day=2`);
    expect(day2.body.spend).toBeGreaterThan(5_000);
  });

  it('uses the budget in force on each day', async () => {
    const base = channel('c-schedule', 'wb');
    await call('PUT', `${base}/budget`, budget('from-0', 1_000, { effectiveFromDay: 0, channelKind: 'weibo' }));
    await call('PUT', `${base}/budget`, budget('from-5', 3_000, { effectiveFromDay: 5 }));
    const before = await call('GET', `${base}/reports/daily?day=4`);
    const after = await call('GET', `${base}/reports/daily?day=5`);
    expect(before.body.spend).toBeLessThanOrEqual(1_000);
    expect(after.body.spend).toBeGreaterThan(1_000);
    expect(after.body.spend).toBeLessThanOrEqual(3_000);
  });

  it('stops spending when the budget total runs out', async () => {
    const base = channel('c-dry', 'sem');
    await call('PUT', `${base}/budget`, { amount: 1_500, dailyBudget: 1_000, currency: 'CNY', idempotencyKey: 'k' });
    const spends: number[] = [];
    for (const day of [1, 2, 3]) spends.push((await call('GET', `${base}/reports/daily?day=${day}`)).body.spend as number);
    expect(spends[0]).toBeGreaterThan(900);
    expect(spends[1]).toBeLessThanOrEqual(1_500 - spends[0]!);
    expect(spends[2]).toBeLessThan(spends[0]! / 10);
    expect(spends.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_500);
  });

  it('counts posts on their day', async () => {
    const base = channel('c-organic', 'oa');
    const post = (key: string, day: number) => call('POST', `${base}/posts`,
      { contentId: key, title: '标题', body: '正文', idempotencyKey: key, day, channelKind: 'wechat-oa' });
    await post('a', 2);
    await post('b', 2);
    const quiet = await call('GET', `${base}/reports/daily?day=1`);
    const busy = await call('GET', `${base}/reports/daily?day=2`);
    expect(busy.body.impressions as number).toBeGreaterThan((quiet.body.impressions as number) + 5_000);
    expect(busy.body.spend).toBe(0);
  });

  it('counts an undated post on the next day reported after it', async () => {
    const base = channel('c-undated', 'oa');
    await call('GET', `${base}/reports/daily?day=1`, undefined, { 'x-channel-kind': 'wechat-oa' });
    await call('POST', `${base}/posts`, { contentId: 'a', title: '标题', body: '正文', idempotencyKey: 'a' });
    const withPost = await call('GET', `${base}/reports/daily?day=2`);
    const without = await call('GET', `${base}/reports/daily?day=3`);
    expect(withPost.body.impressions as number).toBeGreaterThan((without.body.impressions as number) + 3_000);
  });

  it('answers 400 naming the field of a malformed body', async () => {
    const path = `${channel('c-bad', 'x')}/budget`;
    const missing = await call('PUT', path, { amount: 10, currency: 'CNY', idempotencyKey: 'k' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('dailyBudget');
    expect(missing.body.error).toMatch(/^dailyBudget: /);
    const negative = await call('PUT', path, { ...budget('k'), amount: -5 });
    expect(negative.body.field).toBe('amount');
    const notJson = await call('PUT', path, '{"amount": 1,');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/JSON/);
    const badKind = await call('PUT', path, budget('k'), { 'x-channel-kind': 'myspace' });
    expect(badKind).toMatchObject({ status: 400, body: { field: 'x-channel-kind' } });
    const noDay = await call('GET', `${channel('c-bad', 'x')}/reports/daily`);
    expect(noDay).toMatchObject({ status: 400, body: { field: 'day' } });
    const badDay = await call('GET', `${channel('c-bad', 'x')}/reports/daily?day=-1`);
    expect(badDay).toMatchObject({ status: 400, body: { field: 'day' } });
    expect(platform.stats().perChannel['c-bad/x']).toBeUndefined();
  });

  it('answers 413 to a body larger than a platform accepts', async () => {
    const huge = await call('POST', `${channel('c-huge', 'x')}/posts`,
      { contentId: 'c', title: 't', body: 'x'.repeat(1_100_000), idempotencyKey: 'k' });
    expect(huge.status).toBe(413);
  });

  it('answers 404 on unknown routes and 405 on the wrong method', async () => {
    expect((await call('GET', '/v1/nothing-here')).status).toBe(404);
    expect((await call('GET', `${channel('c', 'x')}/comments`)).status).toBe(404);
    const wrongMethod = await fetch(`${platform.url}${channel('c', 'x')}/budget`, { method: 'POST', body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PUT');
  });

  it('serves stats over HTTP', async () => {
    const stats = await call('GET', '/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ budgetsApplied: expect.any(Number), faultsInjected: expect.any(Number), perChannel: expect.any(Object) });
  });

  it('fails the next requests as planned, then serves again', async () => {
    const path = `${channel('c-outage', 'wb')}/budget`;
    const faultsBefore = platform.stats().faultsInjected;
    const plan = await call('PUT', '/v1/faults', { failNext: 2, status: 503, routes: ['budget'] });
    expect(plan.body).toMatchObject({ failNext: 2, remaining: 2 });
    expect((await call('PUT', path, budget('k'))).status).toBe(503);
    expect((await call('GET', `${channel('c-outage', 'wb')}/reports/daily?day=1`)).status).toBe(200);
    expect((await call('PUT', path, budget('k'))).status).toBe(503);
    expect(await call('PUT', path, budget('k'))).toEqual({ status: 200, body: { applied: true } });
    expect(platform.stats().faultsInjected - faultsBefore).toBe(2);
    expect(platform.stats().perChannel['c-outage/wb']?.budgetsApplied).toBe(1);
  });

  it('can apply a request and lose the answer, so the retry finds it done', async () => {
    const path = `${channel('c-lost', 'dy')}/posts`;
    platform.setFaults({ failNext: 1, status: 502, loseResponse: true });
    const post = { contentId: 'v1', title: '', body: '短视频文案', idempotencyKey: 'lost-1' };
    expect((await call('POST', path, post)).status).toBe(502);
    const retry = await call('POST', path, post);
    expect(retry).toMatchObject({ status: 200, body: { created: false } });
    expect(platform.stats().perChannel['c-lost/dy']).toMatchObject({ postsCreated: 1, postRepeats: 1 });
  });

  it('can drop connections and fault a share of requests with a seeded rate', async () => {
    platform.setFaults({ reset: true, failNext: 1 });
    await expect(fetch(`${platform.url}${channel('c-reset', 'x')}/reports/daily?day=1`)).rejects.toThrow();

    platform.setFaults({ rate: 0.5, status: 500, channels: ['flaky'] });
    const statuses: number[] = [];
    for (let day = 0; day < 40; day++) statuses.push((await call('GET', `${channel('c-rate', 'flaky')}/reports/daily?day=${day}`)).status);
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
    expect((await call('GET', `${channel('c-rate', 'steady')}/reports/daily?day=0`)).status).toBe(200);
  });

  it('refuses a malformed fault plan', async () => {
    const refused = await call('PUT', '/v1/faults', { rate: 2 });
    expect(refused).toMatchObject({ status: 400, body: { field: 'rate' } });
    expect(() => platform.setFaults({ status: 200 })).toThrow();
  });

  it('closes promptly even while a request is held by a delay fault', async () => {
    const slow = await startSandboxPlatform({ faults: { delayMs: 60_000 } });
    const pending = fetch(`${slow.url}${channel('c', 'x')}/reports/daily?day=1`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
