/**
 * One sender per kind of notify target. Each resolves when the receiver accepted the message and
 * throws NotificationUnavailableError (try again) or NotificationRejectedError (fix the target).
 * Chat robots answer HTTP 200 even when they refuse, with the reason in an error code in the body,
 * so the code decides, not the status.
 */
import type { NotificationLanguage, NotificationMessage, RenderedNotification } from '../../domain/notifications/messages.js';
import { NotificationRejectedError, NotificationUnavailableError } from './errors.js';
import { dingtalkMarkdown, emailMessage, feishuPost, slackMessage, webhookPayload, wecomMarkdown } from './formats.js';
import { post, requireSuccessStatus, snippet, type HttpReply } from './http.js';
import { dingtalkSign, feishuSign, webhookSignature } from './signatures.js';
import type { Mailer } from './smtp.js';
import type { ResolvedTarget } from './targets.js';

/** One message on its way to one person's target. */
export interface Letter {
  /** `<campaign>:<notification key>:<person>:<target index>`: unique per delivery. */
  deliveryId: string;
  campaignId: string;
  notificationKey: string;
  personId: string;
  language: NotificationLanguage;
  message: NotificationMessage;
  rendered: RenderedNotification;
}

export interface SendOptions {
  timeoutMs: number;
  now: () => Date;
  /** Absent when no SMTP server is configured: e-mail targets are then refused. */
  mailer?: Mailer;
}

interface RobotTarget {
  url: string;
  secret?: string | undefined;
}

export function sendToTarget(target: ResolvedTarget, letter: Letter, opts: SendOptions): Promise<void> {
  switch (target.kind) {
    case 'wecom':
      return sendToWecom(target, letter, opts);
    case 'dingtalk':
      return sendToDingtalk(target, letter, opts);
    case 'feishu':
      return sendToFeishu(target, letter, opts);
    case 'slack':
      return sendToSlack(target, letter, opts);
    case 'webhook':
      return sendToWebhook(target, letter, opts);
    case 'email':
      return sendEmail(target, letter, opts);
  }
}

/** WeCom robots have no signing scheme: the key in the URL is the credential. */
export async function sendToWecom(target: RobotTarget, letter: Letter, opts: SendOptions): Promise<void> {
  const service = 'WeCom robot';
  const reply = await post({ url: target.url, body: JSON.stringify(wecomMarkdown(letter.rendered)), timeoutMs: opts.timeoutMs, service });
  requireRobotSuccess(service, reply, robotCode(reply, 'errcode', 'errmsg'), WECOM_THROTTLED);
}

export async function sendToDingtalk(target: RobotTarget, letter: Letter, opts: SendOptions): Promise<void> {
  const service = 'DingTalk robot';
  const url = new URL(target.url);
  if (target.secret) {
    const timestamp = opts.now().getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingtalkSign(target.secret, timestamp));
  }
  const reply = await post({ url: url.toString(), body: JSON.stringify(dingtalkMarkdown(letter.rendered)), timeoutMs: opts.timeoutMs, service });
  requireRobotSuccess(service, reply, robotCode(reply, 'errcode', 'errmsg'), DINGTALK_THROTTLED);
}

export async function sendToFeishu(target: RobotTarget, letter: Letter, opts: SendOptions): Promise<void> {
  const service = 'Feishu robot';
  const payload = feishuPost(letter.rendered);
  const timestamp = Math.floor(opts.now().getTime() / 1000);
  // Feishu expects the timestamp as a string of seconds beside the message fields.
  const body = target.secret ? { timestamp: String(timestamp), sign: feishuSign(target.secret, timestamp), ...payload } : payload;
  const reply = await post({ url: target.url, body: JSON.stringify(body), timeoutMs: opts.timeoutMs, service });
  // Older Feishu endpoints answer `{ StatusCode, StatusMessage }`, newer ones `{ code, msg }`.
  const code = robotCode(reply, 'code', 'msg') ?? robotCode(reply, 'StatusCode', 'StatusMessage');
  requireRobotSuccess(service, reply, code, FEISHU_THROTTLED);
}

/** Slack answers the plain text `ok`, and refusals as 4xx with a reason such as `invalid_payload`. */
export async function sendToSlack(target: RobotTarget, letter: Letter, opts: SendOptions): Promise<void> {
  const service = 'Slack webhook';
  const reply = await post({ url: target.url, body: JSON.stringify(slackMessage(letter.rendered)), timeoutMs: opts.timeoutMs, service });
  requireSuccessStatus(service, reply);
}

export async function sendToWebhook(target: RobotTarget, letter: Letter, opts: SendOptions): Promise<void> {
  const service = 'Webhook';
  const timestamp = Math.floor(opts.now().getTime() / 1000);
  const body = JSON.stringify(webhookPayload({
    deliveryId: letter.deliveryId,
    campaignId: letter.campaignId,
    notificationKey: letter.notificationKey,
    personId: letter.personId,
    language: letter.language,
    timestamp,
    message: letter.message,
    rendered: letter.rendered,
  }));
  const headers: Record<string, string> = {
    'user-agent': 'campaign-engine',
    'x-campaign-timestamp': String(timestamp),
    'x-campaign-delivery': letter.deliveryId,
  };
  if (target.secret) headers['x-campaign-signature'] = webhookSignature(target.secret, body);
  const reply = await post({ url: target.url, body, headers, timeoutMs: opts.timeoutMs, service });
  requireSuccessStatus(service, reply);
}

export async function sendEmail(target: { address: string }, letter: Letter, opts: SendOptions): Promise<void> {
  if (!opts.mailer) {
    throw new NotificationRejectedError('e-mail is not set up on this worker (no SMTP server configured)');
  }
  const mail = emailMessage(letter.rendered, letter.language);
  await opts.mailer.send({ to: target.address, ...mail, deliveryId: letter.deliveryId });
}

/**
 * Error codes that mean "too many messages, try later", from each robot's published error-code
 * table: WeCom 45009 (api freq out of limit), DingTalk 130101 (send too fast), Feishu 11232
 * (frequency limited). Every other non-zero code is a refusal.
 */
const WECOM_THROTTLED = new Set([45009]);
const DINGTALK_THROTTLED = new Set([130101]);
const FEISHU_THROTTLED = new Set([11232]);

interface RobotCode {
  code: number;
  message: string;
}

function robotCode(reply: HttpReply, codeField: string, messageField: string): RobotCode | undefined {
  const body = reply.json;
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as Record<string, unknown>)[codeField];
  const message = (body as Record<string, unknown>)[messageField];
  return typeof code === 'number' ? { code, message: typeof message === 'string' ? message : '' } : undefined;
}

function requireRobotSuccess(service: string, reply: HttpReply, answer: RobotCode | undefined, throttled: ReadonlySet<number>): void {
  const explained = answer ? `${answer.code} ${answer.message}`.trim() : snippet(reply.text);
  if (answer && throttled.has(answer.code)) {
    throw new NotificationUnavailableError(`${service} is throttling messages: ${explained}`);
  }
  requireSuccessStatus(service, reply, explained);
  if (!answer) throw new NotificationRejectedError(`${service} gave an answer that is not a robot's reply: ${explained || '(empty)'}`);
  if (answer.code !== 0) throw new NotificationRejectedError(`${service} refused the message: ${explained}`);
}
