import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  dingtalkMarkdown, emailMessage, feishuPost, fitLinesUtf8, fitUtf8, slackMessage, webhookPayload, wecomMarkdown,
} from '../../../activities/notifications/formats.js';
import { renderNotification, type RenderedNotification } from '../../../domain/notifications/messages.js';
import { messagesOfEveryKind } from '../../domain/notifications/fixtures.js';

const message = messagesOfEveryKind()['gate-waiting'];
const zh = renderNotification(message, { personId: 'zhao.lei', language: 'zh-CN' });
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('WeCom markdown', () => {
  it('puts the title in bold, one line per line, and commands as inline code', () => {
    const payload = wecomMarkdown(zh);
    expect(payload.msgtype).toBe('markdown');
    const lines = payload.markdown.content.split('\n');
    expect(lines[0]).toBe('**【春季新茶上市】关卡“目标与KPI确认”等待你审批**');
    expect(lines).toContain('☐ 每个KPI有负责人');
    expect(lines).toContain('`npx campaign approve spring-tea-2027 goals --as zhao.lei`');
    expect(lines).toContain('> 通过:');
  });

  it('stays within 4096 UTF-8 bytes without splitting a Chinese character', () => {
    const long: RenderedNotification = { ...zh, lines: [...zh.lines, `意见:${'改'.repeat(3000)}`] };
    const content = wecomMarkdown(long).markdown.content;
    expect(bytes(content)).toBeLessThanOrEqual(4096);
    expect(content.endsWith('改…')).toBe(true);
    expect(content).not.toContain('\uFFFD');
  });
});

describe('DingTalk markdown', () => {
  it('has a preview title and paragraphs separated by blank lines', () => {
    const payload = dingtalkMarkdown(zh);
    expect(payload).toMatchObject({ msgtype: 'markdown', markdown: { title: zh.title } });
    const paragraphs = payload.markdown.text.split('\n\n');
    expect(paragraphs[0]).toBe(`#### ${zh.title}`);
    expect(paragraphs).toContain('活动:春季新茶上市(spring-tea-2027)');
    expect(paragraphs).toContain('> npx campaign approve spring-tea-2027 goals --as zhao.lei');
  });
});

describe('Feishu post', () => {
  it('is a rich-text post with the title and one text paragraph per line', () => {
    const payload = feishuPost(zh);
    expect(payload.msg_type).toBe('post');
    const post = payload.content.post.zh_cn;
    expect(post.title).toBe(zh.title);
    expect(post.content[0]).toEqual([{ tag: 'text', text: '活动:春季新茶上市(spring-tea-2027)' }]);
    expect(post.content.flat().map((e) => e.text)).toContain('npx campaign send-back spring-tea-2027 goals --as zhao.lei --comment "需要修改的内容"');
  });

  it('keeps a very long message under the 20 KB body limit', () => {
    const long: RenderedNotification = { ...zh, lines: [...zh.lines, '意'.repeat(10_000), 'after'] };
    expect(bytes(JSON.stringify(feishuPost(long)))).toBeLessThan(20 * 1024);
  });
});

describe('Slack', () => {
  it('has a fallback text and mrkdwn sections in which <, > and & are plain characters', () => {
    const en = renderNotification(message, { personId: 'zhao.lei', language: 'en' });
    const payload = slackMessage({ ...en, lines: [...en.lines, 'Comment: <b>R&D</b> > all'] });
    expect(payload.text).toBe('［春季新茶上市］ Gate "目标与KPI确认" waits for your decision');
    expect(payload.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: expect.stringContaining('Comment: ＜b＞R＆D＜/b＞ ＞ all'), verbatim: true },
    });
    expect(payload.blocks[0]?.text.text.startsWith(`*${payload.text}*\n`)).toBe(true);
    expect(payload.blocks[1]?.text.text).toBe('Approve:\n```npx campaign approve spring-tea-2027 goals --as zhao.lei```');
  });
});

describe('e-mail', () => {
  it('has the title as subject, plain text with the commands, and escaped HTML', () => {
    const mail = emailMessage({ ...zh, lines: [...zh.lines, '意见:<script>alert(1)</script>'] }, 'zh-CN');
    expect(mail.subject).toBe(zh.title);
    expect(mail.text.split('\n')).toEqual(expect.arrayContaining(['通过:', '  npx campaign approve spring-tea-2027 goals --as zhao.lei']));
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<code>npx campaign approve spring-tea-2027 goals --as zhao.lei</code>');
  });
});

describe('webhook payload', () => {
  it('carries every structured field, the kind and the rendering', () => {
    const payload = webhookPayload({
      deliveryId: 'c:k:p:0', campaignId: 'c', notificationKey: 'k', personId: 'p', language: 'zh-CN', timestamp: 1, message, rendered: zh,
    });
    expect(payload).toMatchObject({ type: 'campaign.notification', kind: 'gate-waiting', message, rendered: zh, timestamp: 1 });
  });
});

describe('fitting text into byte budgets', () => {
  it('leaves short text alone and cuts long text at a character boundary', () => {
    expect(fitUtf8('短', 10)).toBe('短');
    expect(fitUtf8('一二三四五', 9)).toBe('一二…');
    expect(fitLinesUtf8(['ab', 'cd', 'efghij'], 7)).toEqual(['ab', 'cd', '…']);
    expect(fitLinesUtf8(['ab', 'cdefgh'], 7)).toEqual(['ab', 'cd…']);
  });
});

/**
 * Hostile text where people write: comments, names, gate titles. A chat client renders robot
 * markdown much as markdown-it does with raw HTML and link detection on, so that is the reader the
 * bodies are checked against: whatever people wrote must add no link, image, mention or formatting.
 */
describe('text from people and plans, in every format', () => {
  const HOSTILE = [
    '意见:[点此验证](http://phish.cn/login) 请尽快处理',
    'Comment: <a href="https://evil.com">verify your account</a> <img src=x onerror=alert(1)>',
    '<at user_id="all">所有人</at> @all <@U123> <!channel> @13800000000 <font color="warning">red</font>',
    '`rm -rf` **urgent** __now__ ~~old~~ *slanted*',
    'first line\n# Heading\n> quote\n- list\n[x]: http://evil.com\r\nlast',
    'visit www.evil.com or evil.com/pay or https://evil.com/x?y=1 or HTTP://EVIL.COM',
    'mail ceo@evil.com, ![img](http://evil.com/a.png), <http://evil.com>',
  ];
  const en = renderNotification(message, { personId: 'zhao.lei', language: 'en' });
  const benign: RenderedNotification = { ...zh, title: `${zh.title} 2027.03` };
  const hostile: RenderedNotification = { ...zh, title: `${zh.title} **[登录](http://phish.cn)** @all`, lines: [...zh.lines, ...HOSTILE] };
  const md = new MarkdownIt({ html: true, linkify: true });
  /** Tags a rendering makes, without the paragraphs and breaks that plain lines make. */
  const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9-]*)[\s>/]/gi)].map((m) => m[1]!.toLowerCase()).filter((t) => t !== 'p' && t !== 'br');
  const textOf = (html: string) => html.replace(/<[^>]*>/g, '');
  const links = (text: string) => md.linkify.match(text) ?? [];
  const mentions = /@|<at|<@|<!/i;

  it('WeCom markdown: hostile lines and titles render as text, with no link, mention or formatting of their own', () => {
    const html = md.render(wecomMarkdown(hostile).markdown.content);
    expect(tags(html)).toEqual(tags(md.render(wecomMarkdown(benign).markdown.content)));
    expect(html).not.toMatch(/<a\s|<img|<at|<font|<h1/i);
    expect(textOf(html)).not.toMatch(mentions);
    for (const words of ['点此验证', 'verify your account', '所有人', 'urgent', 'Heading', 'evil', 'ceo']) expect(textOf(html)).toContain(words);
  });

  it('DingTalk markdown: the same, in the body and in the preview title', () => {
    const payload = dingtalkMarkdown(hostile).markdown;
    const html = md.render(payload.text);
    expect(tags(html)).toEqual(tags(md.render(dingtalkMarkdown(benign).markdown.text)));
    expect(html).not.toMatch(/<a\s|<img|<at|<font/i);
    expect(textOf(html)).not.toMatch(mentions);
    expect(md.renderInline(payload.title)).not.toMatch(/<a\s|<strong|<at/);
    expect(payload.title).not.toMatch(mentions);
  });

  it('Feishu post: plain text elements only, none that a client would turn into a link or mention', () => {
    const post = feishuPost(hostile).content.post.zh_cn;
    const commands = new Set(zh.commands.map((c) => c.text));
    const texts = post.content.flat().filter((e) => !commands.has(e.text));
    expect(post.content.flat().every((e) => e.tag === 'text')).toBe(true);
    for (const text of [post.title, ...texts.map((e) => e.text)]) {
      expect(links(text)).toEqual([]);
      expect(text).not.toMatch(mentions);
      expect(text).not.toContain('\n');
    }
  });

  it('Slack: no <…> links or mentions, no auto-linking, and formatting only where the layout puts it', () => {
    const payload = slackMessage({ ...en, title: hostile.title, lines: [...en.lines, ...HOSTILE] });
    const [body, ...commands] = payload.blocks;
    expect(payload.blocks.every((b) => b.text.verbatim)).toBe(true);
    for (const text of [payload.text, body!.text.text]) {
      expect(text).not.toMatch(/[<>@`]/);
      expect(links(text)).toEqual([]);
    }
    // The title's own bold and the commands' code blocks are the only mrkdwn there is.
    expect(body!.text.text.match(/\*/g)).toHaveLength(2);
    expect(commands.map((c) => c.text.text)).toEqual(en.commands.map((c) => `${c.label}:\n\`\`\`${c.text}\`\`\``));
  });

  it('e-mail: no link in the HTML or the text part, and a subject on one line', () => {
    const mail = emailMessage(hostile, 'zh-CN');
    expect(mail.html).not.toMatch(/<a\s|<img|<at|<font/i);
    expect(links(textOf(mail.html).replaceAll('&lt;', '<').replaceAll('&gt;', '>'))).toEqual([]);
    expect(links(mail.text)).toEqual([]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('点此验证');
  });

  it('leaves the commands people paste exactly as the system built them', () => {
    expect(wecomMarkdown(hostile).markdown.content).toContain('`npx campaign approve spring-tea-2027 goals --as zhao.lei`');
    expect(dingtalkMarkdown(hostile).markdown.text).toContain('> npx campaign approve spring-tea-2027 goals --as zhao.lei');
    expect(feishuPost(hostile).content.post.zh_cn.content.flat().map((e) => e.text)).toContain('npx campaign approve spring-tea-2027 goals --as zhao.lei');
  });
});
