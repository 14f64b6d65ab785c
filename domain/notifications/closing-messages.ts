/**
 * What the campaign tells people at its closing (P3.3–P3.10): each team member is asked for their
 * retrospective (and reminded), the closing's accountable person is asked to sign off, and the
 * owner and informed people hear that the report is stored and how to get it. Each is a `notice`
 * written in both languages here; the topic names the kind: `retro-request`, `retro-reminder`,
 * `closing-signoff`, `report-ready`.
 */
import type { Plan } from '../plan/schema.js';
import { campaignRef } from './gate-messages.js';
import type { InEveryLanguage, NoticeMessage } from './messages.js';
import { reviewAudience } from './review-messages.js';

export const CLOSING_TOPICS = ['retro-request', 'retro-reminder', 'closing-signoff', 'report-ready'] as const;
export type ClosingTopic = (typeof CLOSING_TOPICS)[number];

export interface ClosingAbout {
  campaignId: string;
  plan: Plan;
  at: Date;
}

const quote = (word: string) => (/^[A-Za-z0-9._:@/=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

function notice(about: ClosingAbout, topic: ClosingTopic, title: InEveryLanguage, lines: InEveryLanguage[], commands: NoticeMessage['commands']): NoticeMessage {
  return { kind: 'notice', topic, campaign: campaignRef(about.campaignId, about.plan), at: about.at.toISOString(), title, lines, commands };
}

export function retroCommand(campaignId: string, personId: string): string {
  return `npx campaign retro ${quote(campaignId)} --as ${quote(personId)} --worked "…" --did-not "… => root cause" --lesson "… #skill"`;
}

export function signOffCommand(campaignId: string, personId: string): string {
  return `npx campaign approve ${quote(campaignId)} closing --as ${quote(personId)}`;
}

export function reportCommand(campaignId: string, format: 'html' | 'md' | 'json' = 'html'): string {
  return `npx campaign report ${quote(campaignId)} --format ${format} --out report.${format}`;
}

const retroLines = (answered: number, asked: number): InEveryLanguage[] => [
  {
    en: 'What worked, what did not and why (root cause), and the lessons for next time, each with the skills it calls for.',
    'zh-CN': '请写下:哪些做法有效、哪些无效及其根本原因、下次的经验教训(可标注所需技能)。',
  },
  { en: `${answered} of ${asked} team members have answered so far.`, 'zh-CN': `目前 ${asked} 位成员中已有 ${answered} 位提交。` },
  {
    en: 'You can also write the answers in a YAML file and send it with --file answers.yaml; sending again replaces your answer.',
    'zh-CN': '也可以把回答写在 YAML 文件里，用 --file answers.yaml 提交；再次提交会替换之前的回答。',
  },
];

/** Asks one team member for their retrospective answers. */
export function retroRequestMessage(about: ClosingAbout, personId: string, progress: { answered: number; asked: number }): NoticeMessage {
  return notice(about, 'retro-request',
    { en: 'The campaign is closing: your retrospective, please', 'zh-CN': '活动进入收尾：请提交你的复盘' },
    retroLines(progress.answered, progress.asked),
    [{ label: { en: 'Answer', 'zh-CN': '提交复盘' }, text: retroCommand(about.campaignId, personId) }]);
}

/** Reminds a team member who has not answered yet. */
export function retroReminderMessage(about: ClosingAbout, personId: string, progress: { answered: number; asked: number }): NoticeMessage {
  return notice(about, 'retro-reminder',
    { en: 'Reminder: your retrospective is still missing', 'zh-CN': '提醒：你的复盘还没有提交' },
    retroLines(progress.answered, progress.asked),
    [{ label: { en: 'Answer', 'zh-CN': '提交复盘' }, text: retroCommand(about.campaignId, personId) }]);
}

/** Asks `closing.accountable` to sign the closing off, which ends the campaign. */
export function closingSignOffMessage(about: ClosingAbout, progress: { answered: number; asked: number; missing: readonly string[] }): NoticeMessage {
  const accountable = about.plan.closing.accountable;
  const names = progress.missing.map((id) => about.plan.team.find((m) => m.id === id)?.name ?? id);
  return notice(about, 'closing-signoff',
    { en: 'The closing waits for your sign-off', 'zh-CN': '活动收尾等待你确认' },
    [
      { en: `${progress.answered} of ${progress.asked} team members have sent their retrospective.`, 'zh-CN': `${progress.asked} 位成员中已有 ${progress.answered} 位提交复盘。` },
      ...(names.length > 0 ? [{ en: `Not answered yet: ${names.join(', ')}.`, 'zh-CN': `尚未提交：${names.join('、')}。` }] : []),
      { en: 'Read the live report first; signing off stores it and files the campaign as a case.', 'zh-CN': '请先查看当前报告；确认后报告将被保存，活动归入案例库。' },
    ],
    [
      { label: { en: 'Sign off', 'zh-CN': '确认收尾' }, text: signOffCommand(about.campaignId, accountable) },
      { label: { en: 'Read the report', 'zh-CN': '查看报告' }, text: reportCommand(about.campaignId) },
      { label: { en: 'Add your KPI analysis', 'zh-CN': '补充 KPI 分析' }, text: `npx campaign retro ${quote(about.campaignId)} --as ${quote(accountable)} --analysis "orders:execution:…"` },
    ]);
}

/** Tells the owner and informed people the report is stored, in which languages, and how to get it. */
export function reportReadyMessage(about: ClosingAbout, stored: { languages: readonly string[] }): NoticeMessage {
  return notice(about, 'report-ready',
    { en: 'The closing report is ready', 'zh-CN': '结案报告已生成' },
    [
      { en: `Stored in ${stored.languages.join(' and ')}, as HTML, Markdown and JSON.`, 'zh-CN': `已保存 ${stored.languages.join('、')} 版本(HTML、Markdown、JSON)。` },
      { en: `The campaign is filed in the case library as case:${about.campaignId}.`, 'zh-CN': `活动已归入案例库：case:${about.campaignId}。` },
    ],
    [
      { label: { en: 'Get the report', 'zh-CN': '获取报告' }, text: reportCommand(about.campaignId) },
      { label: { en: 'Draft the next plan from it', 'zh-CN': '据此起草下次计划' }, text: `npx campaign plan new --from-case ${quote(about.campaignId)} --out next.yaml` },
    ]);
}

/** Everyone on the team is asked for a retrospective. */
export function retroAudience(plan: Plan): string[] {
  return plan.team.map((m) => m.id);
}

/** Who hears that the report is ready: the owner, the closing's accountable person and informed people. */
export function reportAudience(plan: Plan): string[] {
  return [...new Set([...reviewAudience(plan), plan.closing.accountable])];
}
