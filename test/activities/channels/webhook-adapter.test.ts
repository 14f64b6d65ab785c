/** The webhook adapter against a real HTTP server on loopback, checking signatures as a receiver would. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { analyticsActivities } from '../../../activities/analytics.js';
import { channelEffectActivities } from '../../../activities/channel-effects.js';
import { ChannelRejectedError } from '../../../activities/channels/adapter.js';
import { ChannelUnavailableError } from '../../../activities/channels/http.js';
import { channelRegistry } from '../../../activities/channels/registry.js';
import { createWebhookAdapter } from '../../../activities/channels/webhook-adapter.js';
import { publishingActivities } from '../../../activities/publishing.js';
import { createPool } from '../../../platform/database.js';
import { createStore } from '../../../store/index.js';
import { startHttpSink, type HttpSink, type SunkRequest } from '../../helpers/http-sink.js';
import { uniqueCampaignId } from '../../helpers/plans.js';
import { parseSecretsFile, workerSecrets } from '../../../workers/secrets.js';

const SECRET = 'test-webhook-secret-0123456789';
const WEIBO_SECRET = 'weibo-bridge-secret-9876543210';
const NOW = new Date('2027-03-10T04:00:00Z');
/** The worker's secrets file: each webhook channel signs with its own secret. */
const secrets = workerSecrets(parseSecretsFile(`channels:\n  agency: { webhookSecret: ${SECRET} }\n  weibo: { webhookSecret: ${WEIBO_SECRET} }\n`, 'secrets.yaml'));

let sink: HttpSink;
let weiboSink: HttpSink;
let pool: Pool;
const adapter = createWebhookAdapter({ secretFor: secrets.channelWebhookSecret, timeoutMs: 300, now: () => NOW });

beforeAll(async () => {
  [sink, weiboSink] = await Promise.all([startHttpSink(), startHttpSink()]);
  pool = createPool(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await sink?.close();
  await weiboSink?.close();
  await pool?.end();
});
beforeEach(() => {
  sink.reset();
  weiboSink.reset();
});

/** What a receiver does: recompute the HMAC over `${timestamp}.${raw body}` and compare in constant time. */
function verified(request: SunkRequest, secret = SECRET): boolean {
  const timestamp = String(request.headers['x-campaign-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-campaign-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const budget = (url: string | undefined) => ({
  campaignId: 'spring-tea', channelId: 'agency', channelKind: 'custom', amount: 9_000, dailyBudget: 300, currency: 'CNY',
  idempotencyKey: 'spring-tea:budget:initial:agency', effectiveFromDay: 1, ...(url ? { url } : {}),
});

const post = (url: string) => ({
  campaignId: 'spring-tea', channelId: 'agency', channelKind: 'custom', contentId: 'launch', title: '春茶上新', body: '明前龙井 #春茶',
  tags: ['#春茶'], media: [{ kind: 'image' as const, url: 'https://cdn.example/tea.jpg' }], day: 2,
  idempotencyKey: 'spring-tea:rollout:launch:agency:1', url,
});

describe('webhook channel adapter', () => {
  it('POSTs a budget change as signed JSON to the channel\'s url', async () => {
    await adapter.setBudget(budget(`${sink.url}/hooks/agency`));
    const [request] = sink.to('/hooks/agency');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-campaign-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(request?.headers['idempotency-key']).toBe('spring-tea:budget:initial:agency');
    expect(verified(request!)).toBe(true);
    expect(request?.json).toEqual({
      type: 'budget', campaignId: 'spring-tea', channelId: 'agency', idempotencyKey: 'spring-tea:budget:initial:agency',
      channelKind: 'custom', amount: 9_000, dailyBudget: 300, currency: 'CNY', effectiveFromDay: 1,
    });
  });

  it('signs the timestamp too: the same body with another timestamp does not verify', async () => {
    await adapter.setBudget(budget(`${sink.url}/hooks/agency`));
    const [request] = sink.to('/hooks/agency');
    expect(verified({ ...request!, headers: { ...request!.headers, 'x-campaign-timestamp': String(NOW.getTime() / 1000 + 600) } })).toBe(false);
    expect(verified({ ...request!, body: request!.body.replace('9000', '90000') })).toBe(false);
  });

  it('POSTs a post with its text, tags and media, and reads the receiver\'s post id when it gives one', async () => {
    const first = await adapter.publish(post(`${sink.url}/hooks/agency`));
    expect(first).toEqual({ postId: 'webhook:spring-tea:rollout:launch:agency:1', created: true });
    sink.script('/hooks/agency', { status: 200, body: { postId: 'ag-77', created: false } });
    expect(await adapter.publish(post(`${sink.url}/hooks/agency`))).toEqual({ postId: 'ag-77', created: false });
    const [request] = sink.to('/hooks/agency');
    expect(verified(request!)).toBe(true);
    expect(request?.json).toMatchObject({
      type: 'post', contentId: 'launch', day: 2, title: '春茶上新', body: '明前龙井 #春茶', tags: ['#春茶'],
      media: [{ kind: 'image', url: 'https://cdn.example/tea.jpg' }], idempotencyKey: 'spring-tea:rollout:launch:agency:1',
    });
  });

  it('treats 4xx as a refusal, 5xx, 429 and slowness as retryable', async () => {
    const url = `${sink.url}/hooks/agency`;
    sink.script('/hooks/agency', { status: 422, body: { error: 'budget above the agency cap' } });
    const refused = await adapter.setBudget(budget(url)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChannelRejectedError);
    expect(refused).toMatchObject({ status: 422, message: expect.stringContaining('budget above the agency cap') });

    sink.script('/hooks/agency', { status: 502 }, { status: 429 }, { delayMs: 1_000 });
    for (let i = 0; i < 3; i++) await expect(adapter.setBudget(budget(url))).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it('refuses a webhook channel without a url, saying what to add', async () => {
    await expect(adapter.setBudget(budget(undefined))).rejects.toThrow(/has no url; add channels\[\]\.url to the plan/);
  });

  it('carries the url through applyBudget and publishPost, and the analytics sync skips webhook channels', async () => {
    const campaignId = uniqueCampaignId('webhook');
    await pool.query(`INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, 'w', 'li.na', '{}')`, [campaignId]);
    const channels = channelRegistry({ webhook: adapter });
    const url = `${sink.url}/hooks/${campaignId}`;
    await channelEffectActivities({ store: createStore(pool), channels }).applyBudget({
      campaignId, channelId: 'agency', adapter: 'webhook', channelKind: 'custom', url, amount: 100, dailyBudget: 10, currency: 'CNY',
      effectiveFromDay: 1, effectKey: 'budget:initial:agency',
    });
    const outcome = await publishingActivities({ store: createStore(pool), channels }).publishPost({
      campaignId, channelId: 'agency', adapter: 'webhook', channelKind: 'custom', url, contentId: 'launch',
      variant: { title: 't', body: 'b', tags: [], media: [] }, day: 1, phase: 'warmup', effectKey: 'warmup:launch:agency:1',
    });
    expect(outcome).toEqual({ status: 'published', postId: `webhook:${campaignId}:warmup:launch:agency:1`, created: true });
    expect(sink.to(`/hooks/${campaignId}`).map((r) => (r.json as { type: string }).type)).toEqual(['budget', 'post']);
    expect(sink.to(`/hooks/${campaignId}`).every((r) => verified(r))).toBe(true);

    const added = await analyticsActivities({ store: createStore(pool), channels }).syncChannelReports({
      campaignId, day: 1, channels: [{ id: 'agency', adapter: 'webhook', kind: 'custom' }],
    });
    expect(added).toBe(0);
    expect(sink.to(`/hooks/${campaignId}`)).toHaveLength(2);
  });

  it('signs each channel with its own secret, so one channel\'s receiver can neither verify nor forge another\'s requests', async () => {
    await adapter.setBudget(budget(`${sink.url}/hooks/agency`));
    await adapter.setBudget({ ...budget(`${weiboSink.url}/hooks/weibo`), channelId: 'weibo', idempotencyKey: 'spring-tea:budget:initial:weibo' });
    const [toAgency] = sink.to('/hooks/agency');
    const [toWeibo] = weiboSink.to('/hooks/weibo');
    expect(verified(toAgency!, SECRET)).toBe(true);
    expect(verified(toWeibo!, WEIBO_SECRET)).toBe(true);
    // The agency's receiver knows only the agency's secret: Weibo's requests do not verify with it…
    expect(verified(toWeibo!, SECRET)).toBe(false);
    // …and a request it signs for Weibo is refused by Weibo's receiver.
    const body = toWeibo!.body.replace('9000', '90000');
    const timestamp = String(toWeibo!.headers['x-campaign-timestamp']);
    const forged = { ...toWeibo!, body, headers: { ...toWeibo!.headers, 'x-campaign-signature': `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}` } };
    expect(verified(forged, WEIBO_SECRET)).toBe(false);
  });

  it('refuses a webhook channel the worker has no secret for, saying where to add one', async () => {
    const refused = await adapter.setBudget({ ...budget(`${sink.url}/hooks/kol`), channelId: 'kol' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChannelRejectedError);
    expect((refused as Error).message).toContain('this worker has no signing secret for channel kol; add channels: { kol: { webhookSecret: … } } to its secrets file (CAMPAIGN_SECRETS_FILE');
    expect(sink.to('/hooks/kol')).toHaveLength(0);
  });

  it('signs channels without a secret of their own with the deprecated shared secret, when one is set', async () => {
    const shared = 'deprecated-shared-secret-000000';
    const fallback = createWebhookAdapter({ secretFor: workerSecrets(parseSecretsFile('', 'secrets.yaml'), shared).channelWebhookSecret, now: () => NOW });
    await fallback.setBudget(budget(`${sink.url}/hooks/agency`));
    expect(verified(sink.to('/hooks/agency')[0]!, shared)).toBe(true);
  });
});
