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
  it('has a fallback text and mrkdwn sections with &, < and > escaped', () => {
    const en = renderNotification(message, { personId: 'zhao.lei', language: 'en' });
    const payload = slackMessage({ ...en, lines: [...en.lines, 'Comment: <b>R&D</b> > all'] });
    expect(payload.text).toBe(en.title);
    expect(payload.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: expect.stringContaining('Comment: &lt;b&gt;R&amp;D&lt;/b&gt; &gt; all') },
    });
    expect(payload.blocks[0]?.text.text.startsWith(`*${en.title}*\n`)).toBe(true);
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
