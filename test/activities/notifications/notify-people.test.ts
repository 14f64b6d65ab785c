import { createHmac } from 'node:crypto';
import type { Pool } from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { notificationActivities, type NotifyInput } from '../../../activities/notifications/index.js';
import type { NotifyRecipient } from '../../../domain/notifications/audience.js';
import { createPool } from '../../../platform/database.js';
import { createStore } from '../../../store/index.js';
import { uniqueCampaignId } from '../../helpers/plans.js';
import { messagesOfEveryKind, teaPlan } from '../../domain/notifications/fixtures.js';
import { startHttpSink, type HttpSink } from '../../helpers/http-sink.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { parseSecretsFile, workerSecrets } from '../../../workers/secrets.js';

let pool: Pool;
let sink: HttpSink;
let smtp: SmtpSink;
let activities: ReturnType<typeof notificationActivities>;

beforeAll(async () => {
  pool = createPool(inject('databaseUrl'), { max: 2 });
  [sink, smtp] = await Promise.all([startHttpSink(), startSmtpSink()]);
  // The worker's secrets file: where the targets plans name really are.
  const secrets = workerSecrets(parseSecretsFile([
    'notify:',
    `  team-robot: { kind: wecom, url: "${sink.url}/wecom/team?key=robot-key" }`,
    `  data-robot: { kind: dingtalk, url: "${sink.url}/dingtalk/data?access_token=robot-token", secret: SEC-data-secret }`,
  ].join('\n'), 'secrets.yaml'));
  activities = notificationActivities({
    store: createStore(pool),
    // Failures are expected here; the outcome and the table are what the tests check.
    log: pino({ level: 'silent' }),
    smtp: { host: smtp.host, port: smtp.port, secure: false, from: 'campaigns@example.com' },
    fetchTimeoutMs: 2_000,
    retry: { attempts: 3, backoffMs: 10 },
    targets: secrets.notify,
  });
});

afterAll(async () => {
  await Promise.all([pool.end(), sink.close(), smtp.close()]);
});

beforeEach(() => sink.reset());

/** A campaigns row for the foreign key, as registerCampaign writes it. */
async function newCampaign(): Promise<string> {
  const id = uniqueCampaignId('notify');
  await pool.query('INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, $2, $3, $4)', [id, '春季新茶上市', 'li.na', JSON.stringify(teaPlan())]);
  return id;
}

const message = messagesOfEveryKind()['gate-waiting'];

function input(campaignId: string, recipients: NotifyRecipient[], notificationKey = 'gate:goals:1:waiting'): NotifyInput {
  return { campaignId, notificationKey, recipients, message };
}

async function deliveryRows(campaignId: string) {
  const { rows } = await pool.query(
    `SELECT notification_key, person_id, target_index, kind, status, attempts, last_error, delivered_at IS NOT NULL AS has_delivered_at
     FROM notification_deliveries WHERE campaign_id = $1 ORDER BY notification_key, person_id, target_index`,
    [campaignId],
  );
  return rows;
}

describe('notifyPeople', () => {
  it('delivers to targets by name, with the URL and secret the worker\'s secrets file gives them', async () => {
    const campaignId = await newCampaign();
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'wecom', name: 'team-robot' }, { kind: 'dingtalk', name: 'data-robot' }] },
    ]));
    expect(outcome).toEqual({ delivered: [{ personId: 'li.na', kind: 'wecom', targetIndex: 0 }, { personId: 'li.na', kind: 'dingtalk', targetIndex: 1 }], failed: [] });
    expect(sink.to('/wecom/team')[0]!.query.get('key')).toBe('robot-key');
    const signed = sink.to('/dingtalk/data')[0]!;
    const timestamp = signed.query.get('timestamp')!;
    expect(signed.query.get('sign')).toBe(createHmac('sha256', 'SEC-data-secret').update(`${timestamp}\nSEC-data-secret`).digest('base64'));
  });

  it('records a target the worker does not know as a failed delivery that says where to define it', async () => {
    const campaignId = await newCampaign();
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'feishu', name: 'ops-robot' }, { kind: 'dingtalk', name: 'team-robot' }, { kind: 'wecom', name: 'team-robot' }] },
    ]));
    const missing = 'notify target "ops-robot" (feishu) is not defined on this worker: add ops-robot with kind: feishu and its url under notify: '
      + 'in the worker\'s secrets file (CAMPAIGN_SECRETS_FILE, docs/notifications.md)';
    const mismatch = 'notify target "team-robot" is a wecom target in the worker\'s secrets file, but the plan sends to it as dingtalk: correct the kind in one of them';
    expect(outcome).toEqual({
      delivered: [{ personId: 'li.na', kind: 'wecom', targetIndex: 2 }],
      failed: [
        { personId: 'li.na', kind: 'feishu', targetIndex: 0, error: missing, retryable: false },
        { personId: 'li.na', kind: 'dingtalk', targetIndex: 1, error: mismatch, retryable: false },
      ],
    });
    const rows = await deliveryRows(campaignId);
    expect(rows[0]).toMatchObject({ target_index: 0, kind: 'feishu', status: 'failed', attempts: 1, last_error: missing });
    expect(rows[1]).toMatchObject({ target_index: 1, kind: 'dingtalk', status: 'failed', last_error: mismatch });
  });

  it('still delivers the inline targets of campaigns started before targets were named', async () => {
    const campaignId = await newCampaign();
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'dingtalk', url: `${sink.url}/dingtalk/inline?access_token=t`, secret: 'SEC-inline' }] },
    ]));
    expect(outcome.failed).toEqual([]);
    expect(sink.to('/dingtalk/inline')[0]!.query.get('sign')).toBeTruthy();
  });

  it('delivers to every target of every recipient, each in the recipient language', async () => {
    const campaignId = await newCampaign();
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'zhao.lei', language: 'en', targets: [{ kind: 'slack', url: `${sink.url}/slack/zhao` }, { kind: 'email', address: 'zhao.lei@example.com' }] },
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'wecom', url: `${sink.url}/wecom/li` }] },
    ]));
    expect(outcome).toEqual({
      delivered: [
        { personId: 'zhao.lei', kind: 'slack', targetIndex: 0 },
        { personId: 'zhao.lei', kind: 'email', targetIndex: 1 },
        { personId: 'li.na', kind: 'wecom', targetIndex: 0 },
      ],
      failed: [],
    });
    expect((sink.to('/slack/zhao')[0]?.json as { text: string }).text).toBe('［春季新茶上市］ Gate "目标与KPI确认" waits for your decision');
    const wecom = sink.to('/wecom/li')[0]?.json as { markdown: { content: string } };
    // Ids read as they are written; a zero-width space after the dot keeps clients from linking li.na.
    expect(wecom.markdown.content.replaceAll('\u200b', '')).toContain('你是赵磊(zhao.lei)的代理人,可代为决定。');
    expect(wecom.markdown.content).toContain('`npx campaign approve spring-tea-2027 goals --as li.na`');
    expect(smtp.mails.filter((m) => m.envelopeTo.includes('zhao.lei@example.com')).at(-1)?.parsed.subject)
      .toBe('[春季新茶上市] Gate "目标与KPI确认" waits for your decision');
    expect(await deliveryRows(campaignId)).toEqual([
      { notification_key: 'gate:goals:1:waiting', person_id: 'li.na', target_index: 0, kind: 'wecom', status: 'delivered', attempts: 1, last_error: null, has_delivered_at: true },
      { notification_key: 'gate:goals:1:waiting', person_id: 'zhao.lei', target_index: 0, kind: 'slack', status: 'delivered', attempts: 1, last_error: null, has_delivered_at: true },
      { notification_key: 'gate:goals:1:waiting', person_id: 'zhao.lei', target_index: 1, kind: 'email', status: 'delivered', attempts: 1, last_error: null, has_delivered_at: true },
    ]);
  });

  it('sends once when called twice with the same key (an activity retry), and again under a new key', async () => {
    const campaignId = await newCampaign();
    const recipients: NotifyRecipient[] = [{ personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'dingtalk', url: `${sink.url}/dingtalk/li` }] }];
    const first = await activities.notifyPeople(input(campaignId, recipients));
    const retry = await activities.notifyPeople(input(campaignId, recipients));
    expect(retry).toEqual(first);
    expect(sink.to('/dingtalk/li')).toHaveLength(1);
    await activities.notifyPeople(input(campaignId, recipients, 'gate:goals:1:reminder:1'));
    expect(sink.to('/dingtalk/li')).toHaveLength(2);
  });

  it('retries a 500 and succeeds, recording the attempts', async () => {
    const campaignId = await newCampaign();
    sink.script('/feishu/flaky', { status: 500, body: 'upstream error' });
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'wang.wei', language: 'zh-CN', targets: [{ kind: 'feishu', url: `${sink.url}/feishu/flaky` }] },
    ]));
    expect(outcome).toEqual({ delivered: [{ personId: 'wang.wei', kind: 'feishu', targetIndex: 0 }], failed: [] });
    expect(sink.to('/feishu/flaky')).toHaveLength(2);
    expect((await deliveryRows(campaignId))[0]).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
  });

  it('reports a robot error code as failed without retrying or throwing, and still delivers to the others', async () => {
    const campaignId = await newCampaign();
    sink.script('/wecom/broken', { body: { errcode: 93000, errmsg: 'invalid webhook url' } });
    const outcome = await activities.notifyPeople(input(campaignId, [
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'wecom', url: `${sink.url}/wecom/broken` }, { kind: 'wecom', url: `${sink.url}/wecom/fine` }] },
      { personId: 'wang.wei', language: 'zh-CN', targets: [{ kind: 'email', address: 'nobody@example.com' }] },
    ]));
    expect(outcome.delivered).toEqual([{ personId: 'li.na', kind: 'wecom', targetIndex: 1 }]);
    expect(outcome.failed).toEqual([
      { personId: 'li.na', kind: 'wecom', targetIndex: 0, error: 'WeCom robot refused the message: 93000 invalid webhook url', retryable: false },
      { personId: 'wang.wei', kind: 'email', targetIndex: 0, error: expect.stringMatching(/^e-mail server answered 550/), retryable: false },
    ]);
    expect(sink.to('/wecom/broken')).toHaveLength(1);
    const rows = await deliveryRows(campaignId);
    expect(rows.find((r) => r.person_id === 'li.na' && r.target_index === 0)).toMatchObject({
      status: 'failed', attempts: 1, last_error: 'WeCom robot refused the message: 93000 invalid webhook url', has_delivered_at: false,
    });
  });

  it('gives up after three tries of a temporary failure, and a later call delivers only what failed', async () => {
    const campaignId = await newCampaign();
    sink.script('/hooks/down', { status: 503 }, { status: 503 }, { status: 503 });
    const recipients: NotifyRecipient[] = [{
      personId: 'chen.jing', language: 'en',
      targets: [{ kind: 'webhook', url: `${sink.url}/hooks/down`, secret: 'sixteen-chars-secret' }, { kind: 'slack', url: `${sink.url}/slack/chen` }],
    }];
    const first = await activities.notifyPeople(input(campaignId, recipients));
    expect(first.failed).toEqual([{ personId: 'chen.jing', kind: 'webhook', targetIndex: 0, error: 'Webhook answered HTTP 503', retryable: true }]);
    expect(sink.to('/hooks/down')).toHaveLength(3);

    const second = await activities.notifyPeople(input(campaignId, recipients));
    expect(second).toEqual({
      delivered: [{ personId: 'chen.jing', kind: 'webhook', targetIndex: 0 }, { personId: 'chen.jing', kind: 'slack', targetIndex: 1 }],
      failed: [],
    });
    expect(sink.to('/hooks/down')).toHaveLength(4);
    expect(sink.to('/slack/chen')).toHaveLength(1);
    expect((await deliveryRows(campaignId))[0]).toMatchObject({ target_index: 0, status: 'delivered', attempts: 4, last_error: null });
  });

  it('delivers Chinese text intact (UTF-8) through a webhook', async () => {
    const campaignId = await newCampaign();
    const decided = messagesOfEveryKind()['gate-decided'];
    await activities.notifyPeople({
      campaignId, notificationKey: 'gate:goals:1:decided', message: decided,
      recipients: [{ personId: 'wang.wei', language: 'zh-CN', targets: [{ kind: 'webhook', url: `${sink.url}/hooks/zh` }] }],
    });
    const request = sink.to('/hooks/zh')[0]!;
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = request.json as { rendered: { title: string; lines: string[] }; message: { comment: string } };
    expect(body.rendered.title).toBe('【春季新茶上市】关卡“目标与KPI确认”被退回(李娜)');
    expect(body.message.comment).toBe('请补充复购率口径');
    expect(body.rendered.lines).toContain('意见:请补充复购率口径');
  });

  it('removes the deliveries with their campaign', async () => {
    const campaignId = await newCampaign();
    await activities.notifyPeople(input(campaignId, [{ personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'wecom', url: `${sink.url}/wecom/x` }] }]));
    await pool.query('DELETE FROM campaigns WHERE id = $1', [campaignId]);
    expect(await deliveryRows(campaignId)).toEqual([]);
  });
});
