import { createHmac } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotificationRejectedError, NotificationUnavailableError } from '../../../activities/notifications/errors.js';
import {
  sendEmail, sendToDingtalk, sendToFeishu, sendToSlack, sendToWebhook, sendToWecom, type Letter, type SendOptions,
} from '../../../activities/notifications/senders.js';
import { createMailer } from '../../../activities/notifications/smtp.js';
import { renderNotification } from '../../../domain/notifications/messages.js';
import { messagesOfEveryKind } from '../../domain/notifications/fixtures.js';
import { startHttpSink, type HttpSink } from '../../helpers/http-sink.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let sink: HttpSink;
let smtp: SmtpSink;

beforeAll(async () => {
  [sink, smtp] = await Promise.all([startHttpSink(), startSmtpSink()]);
});

afterAll(async () => {
  await Promise.all([sink.close(), smtp.close()]);
});

beforeEach(() => sink.reset());

const NOW = new Date('2027-03-03T04:00:00.000Z');
const message = messagesOfEveryKind()['gate-waiting'];
const letter: Letter = {
  deliveryId: 'spring-tea-2027:gate:goals:1:waiting:zhao.lei:0',
  campaignId: 'spring-tea-2027',
  notificationKey: 'gate:goals:1:waiting',
  personId: 'zhao.lei',
  language: 'zh-CN',
  message,
  rendered: renderNotification(message, { personId: 'zhao.lei', language: 'zh-CN' }),
};
const opts: SendOptions = { timeoutMs: 2_000, now: () => NOW };
/** A loopback port that was free a moment ago and has nobody listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const only = (path: string) => {
  const requests = sink.to(path);
  expect(requests).toHaveLength(1);
  return requests[0]!;
};

describe('WeCom', () => {
  it('posts the markdown message as UTF-8 JSON', async () => {
    await sendToWecom({ url: `${sink.url}/wecom/send?key=abc` }, letter, opts);
    const request = only('/wecom/send');
    expect(request.method).toBe('POST');
    expect(request.query.get('key')).toBe('abc');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.json).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**【春季新茶上市】关卡“目标与KPI确认”等待你审批**') } });
    expect(request.body).toContain('☑ KPI 定义与口径已确认');
  });

  it('reports the robot error code (HTTP 200) as a refusal, without the URL and its key', async () => {
    sink.script('/wecom/bad', { body: { errcode: 93000, errmsg: 'invalid webhook url' } });
    const error = await sendToWecom({ url: `${sink.url}/wecom/bad?key=secret-key` }, letter, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotificationRejectedError);
    expect((error as Error).message).toBe('WeCom robot refused the message: 93000 invalid webhook url');
  });

  it('treats the throttling code as temporary', async () => {
    sink.script('/wecom/busy', { body: { errcode: 45009, errmsg: 'api freq out of limit' } });
    await expect(sendToWecom({ url: `${sink.url}/wecom/busy` }, letter, opts)).rejects.toBeInstanceOf(NotificationUnavailableError);
  });

  it('treats a 200 answer that is not a robot reply as a refusal: the URL points somewhere else', async () => {
    sink.script('/wecom/html', { body: '<html>portal</html>' });
    await expect(sendToWecom({ url: `${sink.url}/wecom/html` }, letter, opts)).rejects.toThrow(/not a robot's reply: <html>portal<\/html>/);
  });
});

describe('DingTalk', () => {
  it('signs with timestamp and sign query parameters that recompute from the secret', async () => {
    const secret = 'SEC0123456789abcdef';
    await sendToDingtalk({ url: `${sink.url}/dingtalk/robot/send?access_token=tok`, secret }, letter, opts);
    const request = only('/dingtalk/robot/send');
    expect(request.query.get('access_token')).toBe('tok');
    const timestamp = request.query.get('timestamp');
    expect(timestamp).toBe(String(NOW.getTime()));
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(request.query.get('sign')).toBe(expected);
    expect(request.json).toEqual({ msgtype: 'markdown', markdown: { title: letter.rendered.title, text: expect.stringContaining(`#### ${letter.rendered.title}\n\n`) } });
  });

  it('sends no signature when the target has no secret', async () => {
    await sendToDingtalk({ url: `${sink.url}/dingtalk/plain?access_token=tok` }, letter, opts);
    const request = only('/dingtalk/plain');
    expect([...request.query.keys()]).toEqual(['access_token']);
  });

  it('reports a signature refusal as a refusal', async () => {
    sink.script('/dingtalk/sign', { body: { errcode: 310000, errmsg: 'sign not match' } });
    await expect(sendToDingtalk({ url: `${sink.url}/dingtalk/sign`, secret: 'x' }, letter, opts)).rejects.toThrow(
      new NotificationRejectedError('DingTalk robot refused the message: 310000 sign not match'),
    );
  });
});

describe('Feishu', () => {
  it('puts timestamp (seconds) and sign into the body, sign recomputed per Feishu scheme', async () => {
    const secret = 'feishu-secret';
    await sendToFeishu({ url: `${sink.url}/feishu/hook/abc`, secret }, letter, opts);
    const body = only('/feishu/hook/abc').json as Record<string, unknown>;
    const timestamp = String(Math.floor(NOW.getTime() / 1000));
    expect(body.timestamp).toBe(timestamp);
    expect(body.sign).toBe(createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64'));
    expect(body.msg_type).toBe('post');
    expect(body.content).toEqual({ post: { zh_cn: { title: letter.rendered.title, content: expect.any(Array) } } });
  });

  it('reads both answer shapes and reports a non-zero code as a refusal', async () => {
    sink.script('/feishu/old', { body: { Extra: null, StatusCode: 0, StatusMessage: 'success' } });
    await sendToFeishu({ url: `${sink.url}/feishu/old` }, letter, opts);
    sink.script('/feishu/bad', { body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} } });
    await expect(sendToFeishu({ url: `${sink.url}/feishu/bad`, secret: 's' }, letter, opts)).rejects.toThrow(
      'Feishu robot refused the message: 19021 sign match fail or timestamp is not within one hour from current time',
    );
  });
});

describe('Slack', () => {
  it('posts text and blocks to the incoming webhook', async () => {
    await sendToSlack({ url: `${sink.url}/slack/services/T/B/x` }, letter, opts);
    const body = only('/slack/services/T/B/x').json as { text: string; blocks: unknown[] };
    expect(body.text).toBe(letter.rendered.title);
    expect(body.blocks).toHaveLength(3);
  });

  it('reports Slack refusals (4xx) as refusals and 429 as temporary', async () => {
    sink.script('/slack/gone', { status: 404, body: 'no_service' });
    await expect(sendToSlack({ url: `${sink.url}/slack/gone` }, letter, opts)).rejects.toThrow(
      new NotificationRejectedError('Slack webhook answered HTTP 404: no_service'),
    );
    sink.script('/slack/slow-down', { status: 429, body: 'rate_limited' });
    await expect(sendToSlack({ url: `${sink.url}/slack/slow-down` }, letter, opts)).rejects.toBeInstanceOf(NotificationUnavailableError);
  });
});

describe('generic webhook', () => {
  it('signs the raw body with HMAC-SHA256 and sends the structured message', async () => {
    const secret = 'a-webhook-secret-of-length';
    await sendToWebhook({ url: `${sink.url}/hooks/campaigns`, secret }, letter, opts);
    const request = only('/hooks/campaigns');
    const expected = `sha256=${createHmac('sha256', secret).update(Buffer.from(request.body, 'utf8')).digest('hex')}`;
    expect(request.headers['x-campaign-signature']).toBe(expected);
    const timestamp = Number(request.headers['x-campaign-timestamp']);
    expect(timestamp).toBe(Math.floor(NOW.getTime() / 1000));
    expect(request.headers['x-campaign-delivery']).toBe(letter.deliveryId);
    expect(request.json).toEqual({
      type: 'campaign.notification',
      deliveryId: letter.deliveryId,
      campaignId: 'spring-tea-2027',
      notificationKey: 'gate:goals:1:waiting',
      personId: 'zhao.lei',
      language: 'zh-CN',
      timestamp,
      kind: 'gate-waiting',
      message,
      rendered: letter.rendered,
    });
  });

  it('sends unsigned without a secret, and counts any 2xx as delivered', async () => {
    sink.script('/hooks/open', { status: 202, body: { queued: true } });
    await sendToWebhook({ url: `${sink.url}/hooks/open` }, letter, opts);
    expect(only('/hooks/open').headers['x-campaign-signature']).toBeUndefined();
  });

  it('treats 5xx, a timeout and an unreachable host as temporary, and a redirect as a refusal', async () => {
    sink.script('/hooks/down', { status: 503, body: 'maintenance' });
    await expect(sendToWebhook({ url: `${sink.url}/hooks/down` }, letter, opts)).rejects.toThrow(
      new NotificationUnavailableError('Webhook answered HTTP 503: maintenance'),
    );
    sink.script('/hooks/slow', { delayMs: 1_000 });
    await expect(sendToWebhook({ url: `${sink.url}/hooks/slow` }, letter, { ...opts, timeoutMs: 100 })).rejects.toThrow(
      new NotificationUnavailableError('Webhook: no answer within 100 ms'),
    );
    await expect(sendToWebhook({ url: `http://127.0.0.1:${await closedPort()}/hooks` }, letter, opts)).rejects.toThrow(
      new NotificationUnavailableError('Webhook: could not be reached (ECONNREFUSED)'),
    );
    sink.script('/hooks/moved', { status: 301, body: '' });
    await expect(sendToWebhook({ url: `${sink.url}/hooks/moved` }, letter, opts)).rejects.toBeInstanceOf(NotificationRejectedError);
  });
});

describe('e-mail', () => {
  it('delivers subject, plain text and HTML in UTF-8 to the recipient over SMTP', async () => {
    const mailer = createMailer({ host: smtp.host, port: smtp.port, secure: false, from: '"活动助手" <campaigns@example.com>' }, 5_000);
    await sendEmail({ address: 'zhao.lei@example.com' }, letter, { ...opts, mailer });
    const mail = smtp.mails.at(-1)!;
    expect(mail.envelopeTo).toEqual(['zhao.lei@example.com']);
    expect(mail.parsed.subject).toBe('【春季新茶上市】关卡“目标与KPI确认”等待你审批');
    expect(mail.parsed.from?.value[0]).toEqual({ address: 'campaigns@example.com', name: '活动助手' });
    expect(mail.parsed.text).toContain('☐ 每个KPI有负责人');
    expect(mail.parsed.text).toContain('npx campaign approve spring-tea-2027 goals --as zhao.lei');
    expect(mail.parsed.html).toContain('<div>活动:春季新茶上市(spring-tea-2027)</div>');
    expect(mail.parsed.messageId).toMatch(/^<[0-9a-f]{32}@example\.com>$/);
  });

  it('reports an unknown mailbox (550) as a refusal and an unreachable server as temporary', async () => {
    const mailer = createMailer({ host: smtp.host, port: smtp.port, secure: false, from: 'campaigns@example.com' }, 5_000);
    await expect(sendEmail({ address: 'nobody@example.com' }, letter, { ...opts, mailer })).rejects.toThrow(NotificationRejectedError);
    await expect(sendEmail({ address: 'nobody@example.com' }, letter, { ...opts, mailer })).rejects.toThrow(/e-mail server answered 550/);
    const offline = createMailer({ host: '127.0.0.1', port: await closedPort(), secure: false, from: 'campaigns@example.com' }, 2_000);
    await expect(sendEmail({ address: 'zhao.lei@example.com' }, letter, { ...opts, mailer: offline })).rejects.toBeInstanceOf(NotificationUnavailableError);
  });

  it('refuses e-mail targets when no SMTP server is configured', async () => {
    await expect(sendEmail({ address: 'zhao.lei@example.com' }, letter, opts)).rejects.toBeInstanceOf(NotificationRejectedError);
  });
});
