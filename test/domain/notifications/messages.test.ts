import { describe, expect, it } from 'vitest';
import { gateAudience, notifyRecipients, recipientLanguage } from '../../../domain/notifications/audience.js';
import { gateDecidedMessage, gateWaitingMessage } from '../../../domain/notifications/gate-messages.js';
import {
  NOTIFICATION_KINDS, approveCommand, renderNotification, statusCommand,
} from '../../../domain/notifications/messages.js';
import { formatInstant, formatSpan } from '../../../domain/notifications/time.js';
import { CAMPAIGN_ID, LATER, messagesOfEveryKind, openGate, reworkedGate, teaPlan } from './fixtures.js';

const messages = messagesOfEveryKind();

describe('gate-waiting', () => {
  it('tells the approver in English what waits, since when, the checklist and the exact commands', () => {
    expect(renderNotification(messages['gate-waiting'], { personId: 'zhao.lei', language: 'en' })).toEqual({
      title: '[春季新茶上市] Gate "目标与KPI确认" waits for your decision',
      lines: [
        'Campaign: 春季新茶上市 (spring-tea-2027)',
        'Gate: 目标与KPI确认 (goals)',
        'Waiting since: 2027-03-01 09:00 (Asia/Shanghai)',
        'Due: 2027-03-03 09:00 (Asia/Shanghai)',
        'Checklist (1 of 2 done):',
        '☑ KPI 定义与口径已确认',
        '☐ 每个KPI有负责人',
      ],
      commands: [
        { label: 'Approve', text: 'npx campaign approve spring-tea-2027 goals --as zhao.lei' },
        { label: 'Send back (say what to rework)', text: 'npx campaign send-back spring-tea-2027 goals --as zhao.lei --comment "what to rework"' },
      ],
    });
  });

  it('tells a delegate in Chinese that they decide for the accountable person, with commands in their name', () => {
    expect(renderNotification(messages['gate-waiting'], { personId: 'li.na', language: 'zh-CN' })).toEqual({
      title: '【春季新茶上市】关卡“目标与KPI确认”等待你审批',
      lines: [
        '活动:春季新茶上市(spring-tea-2027)',
        '关卡:目标与KPI确认(goals)',
        '开始等待:2027-03-01 09:00(Asia/Shanghai)',
        '截止时间:2027-03-03 09:00(Asia/Shanghai)',
        '你是赵磊(zhao.lei)的代理人,可代为决定。',
        '检查清单(已完成 1/2):',
        '☑ KPI 定义与口径已确认',
        '☐ 每个KPI有负责人',
      ],
      commands: [
        { label: '通过', text: 'npx campaign approve spring-tea-2027 goals --as li.na' },
        { label: '退回(写明需要修改的内容)', text: 'npx campaign send-back spring-tea-2027 goals --as li.na --comment "需要修改的内容"' },
      ],
    });
  });

  it('shows the round and the send-back comment that opened it', () => {
    const message = gateWaitingMessage({ campaignId: CAMPAIGN_ID, plan: teaPlan(), gate: reworkedGate(), at: LATER });
    const en = renderNotification(message, { personId: 'zhao.lei', language: 'en' });
    expect(en.lines).toContain('Gate: 目标与KPI确认 (goals), round 2');
    expect(en.lines).toContain('Sent back by 赵磊 (zhao.lei): 转化率口径要和百度统计一致');
    const zh = renderNotification(message, { personId: 'zhao.lei', language: 'zh-CN' });
    expect(zh.lines).toContain('关卡:目标与KPI确认(goals),第 2 轮');
    expect(zh.lines).toContain('上一轮被赵磊(zhao.lei)退回:转化率口径要和百度统计一致');
  });

  it('carries the checklist as ticked in the gate state, and counts due from the round opening, scaled', () => {
    const message = gateWaitingMessage({ campaignId: CAMPAIGN_ID, plan: teaPlan(), gate: reworkedGate(), at: LATER, timeScale: 48 });
    expect(message.checklist).toEqual([{ item: 'KPI 定义与口径已确认', ticked: true }, { item: '每个KPI有负责人', ticked: false }]);
    expect(message.since).toBe('2027-03-02T02:00:00.000Z');
    expect(message.due).toBe('2027-03-02T03:00:00.000Z');
  });

  it('waits since the stage began, while due still counts from the round opening', () => {
    const gate = openGate({ stageSince: '2027-03-01T05:00:00.000Z' });
    const message = gateWaitingMessage({ campaignId: CAMPAIGN_ID, plan: teaPlan(), gate, at: LATER });
    expect(message.since).toBe('2027-03-01T05:00:00.000Z');
    expect(message.due).toBe('2027-03-03T01:00:00.000Z');
  });
});

describe('gate-reminder', () => {
  it('says how long the gate has waited, in both languages', () => {
    const en = renderNotification(messages['gate-reminder'], { personId: 'zhao.lei', language: 'en' });
    expect(en.title).toBe('[春季新茶上市] Reminder: gate "目标与KPI确认" still waits for your decision');
    expect(en.lines).toContain('Waiting for: 2 days 3 hours');
    expect(en.commands[0]?.text).toBe('npx campaign approve spring-tea-2027 goals --as zhao.lei');
    const zh = renderNotification(messages['gate-reminder'], { personId: 'zhao.lei', language: 'zh-CN' });
    expect(zh.title).toBe('【春季新茶上市】提醒:关卡“目标与KPI确认”仍在等待你审批');
    expect(zh.lines).toContain('已等待:2天3小时');
  });
});

describe('gate-escalation', () => {
  it('tells the escalation contact who has not decided and for how long, in English', () => {
    expect(renderNotification(messages['gate-escalation'], { personId: 'li.na', language: 'en' })).toEqual({
      title: '[春季新茶上市] Escalation: gate "目标与KPI确认" has waited 2 days 3 hours for 赵磊',
      lines: [
        'Campaign: 春季新茶上市 (spring-tea-2027)',
        'Gate: 目标与KPI确认 (goals)',
        '赵磊 (zhao.lei) has not decided for 2 days 3 hours (waiting since 2027-03-01 09:00, Asia/Shanghai).',
        'Due: 2027-03-03 09:00 (Asia/Shanghai)',
        'Please follow up with 赵磊; only they (or their delegate) can decide.',
      ],
      commands: [{ label: 'See the campaign', text: 'npx campaign status spring-tea-2027' }],
    });
  });

  it('does so in Chinese', () => {
    const zh = renderNotification(messages['gate-escalation'], { personId: 'li.na', language: 'zh-CN' });
    expect(zh.title).toBe('【春季新茶上市】升级:关卡“目标与KPI确认”已等待赵磊决定2天3小时');
    expect(zh.lines).toContain('赵磊(zhao.lei)已2天3小时未作决定(自 2027-03-01 09:00 起等待,Asia/Shanghai)。');
    expect(zh.commands).toEqual([{ label: '查看活动', text: 'npx campaign status spring-tea-2027' }]);
  });
});

describe('gate-decided', () => {
  it('tells informed people the outcome, who decided for whom, and the comment, in Chinese', () => {
    expect(renderNotification(messages['gate-decided'], { personId: 'wang.wei', language: 'zh-CN' })).toEqual({
      title: '【春季新茶上市】关卡“目标与KPI确认”被退回(李娜)',
      lines: [
        '活动:春季新茶上市(spring-tea-2027)',
        '关卡:目标与KPI确认(goals)',
        '决定:退回修改',
        '决定人:李娜(li.na),代赵磊(zhao.lei)决定',
        '意见:请补充复购率口径',
        '时间:2027-03-03 12:00(Asia/Shanghai)',
        '已开启第 2 轮:等待修改后重新审批。',
      ],
      commands: [{ label: '查看活动', text: 'npx campaign status spring-tea-2027' }],
    });
  });

  it('reports an approval in English without a next round', () => {
    const approved = gateDecidedMessage({ campaignId: CAMPAIGN_ID, plan: teaPlan(), gate: openGate() }, {
      round: 1, decision: 'approve', by: 'zhao.lei', at: LATER.toISOString(),
    });
    expect(renderNotification(approved, { personId: 'wang.wei', language: 'en' })).toEqual({
      title: '[春季新茶上市] Gate "目标与KPI确认" approved by 赵磊',
      lines: [
        'Campaign: 春季新茶上市 (spring-tea-2027)',
        'Gate: 目标与KPI确认 (goals)',
        'Decision: approved',
        'By: 赵磊 (zhao.lei)',
        'At: 2027-03-03 12:00 (Asia/Shanghai)',
      ],
      commands: [{ label: 'See the campaign', text: 'npx campaign status spring-tea-2027' }],
    });
  });
});

describe('consult-request', () => {
  it('asks consulted people for input before the accountable person decides, in both languages', () => {
    const en = renderNotification(messages['consult-request'], { personId: 'wang.wei', language: 'en' });
    expect(en.title).toBe('[春季新茶上市] Your input is asked on gate "目标与KPI确认"');
    expect(en.lines).toContain('赵磊 (zhao.lei) decides this gate and asks for your input first.');
    expect(en.lines).toContain('☐ 每个KPI有负责人');
    expect(en.commands).toEqual([{ label: 'See the campaign', text: 'npx campaign status spring-tea-2027' }]);
    const zh = renderNotification(messages['consult-request'], { personId: 'wang.wei', language: 'zh-CN' });
    expect(zh.title).toBe('【春季新茶上市】请就关卡“目标与KPI确认”提供意见');
    expect(zh.lines).toContain('赵磊(zhao.lei)负责审批此关卡,审批前请你提供意见。');
    expect(zh.lines.at(-1)).toBe('请直接回复赵磊;只有其本人可以通过或退回。');
  });
});

describe('periodic review summaries', () => {
  it('give the period, the totals, each channel and what stood out, in the reader\'s language', () => {
    const en = renderNotification(messages['review-summary'], { personId: 'li.na', language: 'en' });
    expect(en.title).toBe('[春季新茶上市] Weekly review 2027-W11');
    expect(en.lines).toContain('Rollout days 1–7');
    expect(en.lines).toContain('Spend ¥12,000 · orders 90 · revenue ¥9,000 · ROI 0.75');
    expect(en.lines).toContain('抖音订单比平时少了 40%');
    const zh = renderNotification(messages['review-summary'], { personId: 'li.na', language: 'zh-CN' });
    expect(zh.title).toBe('【春季新茶上市】周复盘 2027-W11');
    expect(zh.lines).toContain('推广第 1–7 天');
    expect(zh.lines.some((l) => l.startsWith('douyin:花费 ¥12,000'))).toBe(true);
  });
});

describe('every kind in every language', () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => (['en', 'zh-CN'] as const).map((language) => [kind, language] as const)))(
    '%s in %s has a title, lines and a command, with no English left in the Chinese labels',
    (kind, language) => {
      const rendered = renderNotification(messages[kind], { personId: 'li.na', language });
      expect(rendered.title).toContain('春季新茶上市');
      expect(rendered.lines.length).toBeGreaterThan(2);
      expect(rendered.commands.length).toBeGreaterThan(0);
      if (language === 'zh-CN') {
        for (const c of rendered.commands) expect(c.label).not.toMatch(/[A-Za-z]/);
        expect(rendered.lines[0]).toMatch(/^活动:/);
      }
    },
  );
});

describe('commands', () => {
  it('quotes a campaign id that a shell would split', () => {
    expect(approveCommand("tea launch's", 'goals', 'li.na')).toBe(`npx campaign approve 'tea launch'\\''s' goals --as li.na`);
    expect(statusCommand('campaign:spring-tea')).toBe('npx campaign status campaign:spring-tea');
  });
});

describe('times', () => {
  it('shows wall-clock time in the plan time zone', () => {
    expect(formatInstant('2027-03-01T16:30:00.000Z', 'Asia/Shanghai')).toBe('2027-03-02 00:30');
    expect(formatInstant('2027-03-01T16:30:00.000Z', 'Europe/Berlin')).toBe('2027-03-01 17:30');
  });

  it('gives waiting spans in their two largest units', () => {
    expect(formatSpan(90 * 60_000, 'en')).toBe('1 hour 30 minutes');
    expect(formatSpan(86_400_000 + 60_000, 'en')).toBe('1 day');
    expect(formatSpan(3 * 86_400_000 + 2 * 3_600_000 + 5 * 60_000, 'zh-CN')).toBe('3天2小时');
    expect(formatSpan(10_000, 'en')).toBe('less than a minute');
    expect(formatSpan(10_000, 'zh-CN')).toBe('不到1分钟');
  });
});

describe('recipients', () => {
  it('speaks the member language, else Chinese for a plan named in Chinese, else English', () => {
    expect(recipientLanguage({ name: '春季新茶上市' }, { language: 'en' })).toBe('en');
    expect(recipientLanguage({ name: '春季新茶上市' }, {})).toBe('zh-CN');
    expect(recipientLanguage({ name: 'Spring tea launch' }, {})).toBe('en');
    expect(recipientLanguage({ name: 'Spring tea launch' }, { language: 'zh-CN' })).toBe('zh-CN');
  });

  it('lists each reachable person once with their targets by name, and leaves out those without any', () => {
    expect(notifyRecipients(teaPlan(), ['zhao.lei', 'chen.jing', 'li.na', 'zhao.lei', 'ghost'])).toEqual([
      { personId: 'zhao.lei', language: 'en', targets: [{ kind: 'email', address: 'zhao.lei@example.com' }, { kind: 'slack', name: 'data-channel' }] },
      { personId: 'li.na', language: 'zh-CN', targets: [{ kind: 'wecom', name: 'team-robot' }] },
    ]);
  });

  it('passes on the inline targets of a campaign started before targets were named', () => {
    const plan = teaPlan();
    const inline = [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECx' }];
    const old = { ...plan, team: plan.team.map((m) => (m.id === 'li.na' ? { ...m, notify: inline as unknown as typeof m.notify } : m)) };
    expect(notifyRecipients(old, ['li.na'])).toEqual([{ personId: 'li.na', language: 'zh-CN', targets: inline }]);
  });
});

describe('gate audience (RACI)', () => {
  const plan = teaPlan();
  const goals = plan.gates[0]!;

  it('asks the accountable person, and their delegate while the delegation lasts (plan time zone)', () => {
    expect(gateAudience(plan, goals, 'gate-waiting', { at: new Date('2027-03-02T15:59:00Z') })).toEqual(['zhao.lei', 'li.na']);
    expect(gateAudience(plan, goals, 'gate-reminder', { at: new Date('2027-03-02T16:00:00Z') })).toEqual(['zhao.lei']);
  });

  it('escalates to escalateTo only', () => {
    expect(gateAudience(plan, goals, 'gate-escalation', { at: LATER })).toEqual(['li.na']);
    expect(gateAudience(plan, plan.gates[1]!, 'gate-escalation', { at: LATER })).toEqual([]);
  });

  it('consults the consulted, not the accountable person', () => {
    expect(gateAudience(plan, goals, 'consult-request', { at: LATER })).toEqual(['wang.wei']);
  });

  it('reads the RACI from the gate state as well as from the plan', () => {
    expect(gateAudience(plan, openGate(), 'consult-request', { at: LATER })).toEqual(['wang.wei']);
    expect(gateAudience(plan, { ...openGate(), escalateTo: goals.escalateTo }, 'gate-escalation', { at: LATER })).toEqual(['li.na']);
  });

  it('tells responsible and informed people the outcome, except whoever decided', () => {
    expect(gateAudience(plan, goals, 'gate-decided', { at: LATER, decidedBy: 'li.na' })).toEqual(['wang.wei', 'chen.jing']);
    expect(gateAudience(plan, goals, 'gate-decided', { at: LATER, decidedBy: 'zhao.lei' })).toEqual(['li.na', 'wang.wei', 'chen.jing']);
  });
});
