/**
 * One rendered notification, shaped for each place people read it. The robot formats follow each
 * platform's published documentation for custom group robots, using only their long-standing,
 * widely supported parts (markdown subsets, rich-text posts), because a message a client cannot
 * display is a message nobody reads. Every title and line passes through inertText (unlinked for
 * mail), since they carry what people and plans wrote; only commands, built by the system from
 * validated ids, are set as code.
 */
import { inertText, unlinked } from './inert-text.js';
import type {
  NotificationLanguage, NotificationMessage, RenderedNotification,
} from '../../domain/notifications/messages.js';

/**
 * WeCom group robot (企业微信群机器人, developer docs "群机器人配置说明", message type markdown):
 * `{ msgtype: 'markdown', markdown: { content } }`. Its markdown knows bold, quotes and inline
 * code but not lists; content is limited to 4096 UTF-8 bytes.
 */
export interface WecomMarkdown {
  msgtype: 'markdown';
  markdown: { content: string };
}

const WECOM_MAX_BYTES = 4096;

export function wecomMarkdown(r: RenderedNotification): WecomMarkdown {
  const commands = r.commands.map((c) => `> ${inertText(c.label)}:\n\`${c.text}\``);
  const content = [`**${inertText(r.title)}**`, ...r.lines.map(inertText), ...commands].join('\n');
  return { msgtype: 'markdown', markdown: { content: fitUtf8(content, WECOM_MAX_BYTES) } };
}

/**
 * DingTalk custom robot (钉钉自定义机器人, open platform docs "自定义机器人发送群消息", msgtype
 * markdown): `{ msgtype: 'markdown', markdown: { title, text } }`. `title` is what the chat list
 * previews. A single newline does not break a line in its markdown, so paragraphs are separated by
 * blank lines; commands go in quotes because inline code is not in its documented subset.
 */
export interface DingtalkMarkdown {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
}

export function dingtalkMarkdown(r: RenderedNotification): DingtalkMarkdown {
  const title = inertText(r.title);
  const commands = r.commands.flatMap((c) => [`**${inertText(c.label)}:**`, `> ${c.text}`]);
  const paragraphs = fitLinesUtf8([`#### ${title}`, ...r.lines.map(inertText), ...commands], ROBOT_BODY_BUDGET_BYTES);
  return { msgtype: 'markdown', markdown: { title, text: paragraphs.join('\n\n') } };
}

/**
 * Feishu/Lark custom bot (飞书自定义机器人, open platform docs "自定义机器人使用指南", msg_type
 * post): a rich-text post with a title and paragraphs of `text` elements. The body may not exceed
 * 20 KB. The locale key is always `zh_cn`: clients fall back to the one locale given, whatever
 * language its text is in.
 */
export interface FeishuPost {
  msg_type: 'post';
  content: { post: { zh_cn: { title: string; content: Array<Array<{ tag: 'text'; text: string }>> } } };
}

export function feishuPost(r: RenderedNotification): FeishuPost {
  const lines = [...r.lines.map(inertText), ...r.commands.flatMap((c) => [`${inertText(c.label)}:`, c.text])];
  const paragraphs = fitLinesUtf8(lines, ROBOT_BODY_BUDGET_BYTES).map((text) => [{ tag: 'text' as const, text }]);
  return { msg_type: 'post', content: { post: { zh_cn: { title: inertText(r.title), content: paragraphs } } } };
}

/**
 * Slack incoming webhook (api.slack.com "Sending messages using incoming webhooks"): `text` is the
 * notification fallback, `blocks` the layout. mrkdwn needs &, < and > escaped; `verbatim` keeps
 * Slack from turning addresses, channel names and @here into links and mentions; a section's text
 * is limited to 3000 characters.
 */
export interface SlackMessage {
  text: string;
  blocks: Array<{ type: 'section'; text: { type: 'mrkdwn'; text: string; verbatim: true } }>;
}

const SLACK_SECTION_MAX_CHARS = 3_000;

export function slackMessage(r: RenderedNotification): SlackMessage {
  const section = (text: string) => ({
    type: 'section' as const, text: { type: 'mrkdwn' as const, text: fitChars(text, SLACK_SECTION_MAX_CHARS), verbatim: true as const },
  });
  const title = slackEscape(inertText(r.title));
  return {
    text: title,
    blocks: [
      section([`*${title}*`, ...r.lines.map((line) => slackEscape(inertText(line)))].join('\n')),
      ...r.commands.map((c) => section(`${slackEscape(inertText(c.label))}:\n\`\`\`${slackEscape(c.text)}\`\`\``)),
    ],
  };
}

function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export function emailMessage(r: RenderedNotification, language: NotificationLanguage): EmailMessage {
  const title = unlinked(r.title);
  const lines = r.lines.map(unlinked);
  const text = [
    ...lines,
    ...r.commands.flatMap((c) => ['', `${c.label}:`, `  ${c.text}`]),
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<h2 style="font-size: 1.1em">${htmlEscape(title)}</h2>`,
    ...lines.map((line) => `<div>${htmlEscape(line)}</div>`),
    ...r.commands.map((c) => `<p style="margin-bottom: 0">${htmlEscape(c.label)}:</p><pre style="margin-top: 0.2em"><code>${htmlEscape(c.text)}</code></pre>`),
    '</body></html>',
  ].join('\n');
  return { subject: title, text, html };
}

function htmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * Our own webhook: every structured field, so a receiver can act on the message, not just show it.
 * Texts are as people wrote them: the receiver escapes them for wherever it shows them.
 */
export interface WebhookPayload {
  type: 'campaign.notification';
  /** Unique per campaign, notification, person and target: receivers de-duplicate on it. */
  deliveryId: string;
  campaignId: string;
  notificationKey: string;
  personId: string;
  language: NotificationLanguage;
  /** Unix seconds; equals the X-Campaign-Timestamp header and is covered by the signature. */
  timestamp: number;
  kind: NotificationMessage['kind'];
  message: NotificationMessage;
  rendered: RenderedNotification;
}

export function webhookPayload(fields: Omit<WebhookPayload, 'type' | 'kind'>): WebhookPayload {
  return { type: 'campaign.notification', kind: fields.message.kind, ...fields };
}

const ELLIPSIS = '…';

/**
 * Feishu refuses bodies over 20 KB; DingTalk publishes no markdown limit, so it gets the same
 * budget. The margin leaves room for the title, JSON syntax and escaping. Only a very long comment
 * or checklist comes near it.
 */
const ROBOT_BODY_BUDGET_BYTES = 16_000;

/** Keeps whole lines while they fit, cuts the first that does not, and drops the rest. */
export function fitLinesUtf8(lines: readonly string[], maxBytes: number): string[] {
  const encoder = new TextEncoder();
  const kept: string[] = [];
  let remaining = maxBytes;
  for (const line of lines) {
    const size = encoder.encode(line).length;
    if (size <= remaining) {
      kept.push(line);
      remaining -= size;
      continue;
    }
    kept.push(fitUtf8(line, Math.max(remaining, encoder.encode(ELLIPSIS).length)));
    break;
  }
  return kept;
}

function fitChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/** Cuts at a character boundary so a Chinese character is never split into invalid bytes. */
export function fitUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const budget = maxBytes - encoder.encode(ELLIPSIS).length;
  let used = 0;
  let out = '';
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (used + size > budget) break;
    used += size;
    out += char;
  }
  return out + ELLIPSIS;
}
