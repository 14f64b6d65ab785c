/**
 * What the campaign tells people while it executes (P2.1–P2.10): a task that can start, the pilot
 * to decide, a post the platform refused, a crisis and its end, answers overdue. Each is a notice
 * written in both languages here, where the event is understood.
 */
import type { Plan } from '../plan/schema.js';
import type { CrisisAssessment } from '../interactions/crisis.js';
import type { PilotEvaluation } from '../pilot.js';
import { campaignRef } from './gate-messages.js';
import type { InEveryLanguage, NoticeMessage } from './messages.js';

interface About {
  campaignId: string;
  plan: Plan;
  at: Date;
}

function notice(about: About, topic: string, title: InEveryLanguage, lines: InEveryLanguage[], commands: NoticeMessage['commands'] = []): NoticeMessage {
  return { kind: 'notice', topic, campaign: campaignRef(about.campaignId, about.plan), at: about.at.toISOString(), title, lines, commands };
}

const quote = (word: string) => (/^[A-Za-z0-9._:@/=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

export function taskStartedMessage(about: About, task: { id: string; name: string; owner: string; deliverable?: string | undefined }): NoticeMessage {
  return notice(about, 'task-started',
    { en: `Task "${task.name}" can start`, 'zh-CN': `任务「${task.name}」可以开始了` },
    [
      { en: 'Everything it depends on is done and its phase has begun.', 'zh-CN': '它依赖的工作都已完成, 所属阶段已开始。' },
      ...(task.deliverable ? [{ en: `Deliverable: ${task.deliverable}`, 'zh-CN': `交付物: ${task.deliverable}` }] : []),
    ],
    [{ label: { en: 'Mark it done', 'zh-CN': '完成后标记' }, text: `npx campaign task done ${quote(about.campaignId)} ${quote(task.id)} --as ${quote(task.owner)}` }]);
}

export function pilotDecisionMessage(about: About, evaluation: PilotEvaluation, decider: string): NoticeMessage {
  const id = quote(about.campaignId);
  return notice(about, 'pilot-decision',
    { en: 'The pilot has ended: go or no-go?', 'zh-CN': '试点已结束: 是否全面推广?' },
    [evaluation.message, ...evaluation.criteria.map((c) => c.message)],
    [
      { label: { en: 'Go', 'zh-CN': '推广' }, text: `npx campaign pilot go ${id} --as ${quote(decider)}` },
      { label: { en: 'Extend', 'zh-CN': '延长试点' }, text: `npx campaign pilot extend ${id} --extend-by 3d --as ${quote(decider)} --comment "…"` },
      { label: { en: 'Send back', 'zh-CN': '退回准备' }, text: `npx campaign pilot send-back ${id} --as ${quote(decider)} --comment "…"` },
      { label: { en: 'Cancel', 'zh-CN': '取消活动' }, text: `npx campaign pilot cancel ${id} --as ${quote(decider)} --comment "…"` },
    ]);
}

export function postFailedMessage(about: About, post: { contentId: string; channel: string; error: string }): NoticeMessage {
  return notice(about, 'post-failed',
    { en: `${post.channel} refused the post "${post.contentId}"`, 'zh-CN': `${post.channel} 拒绝了内容「${post.contentId}」的发布` },
    [
      { en: `The platform said: ${post.error}`, 'zh-CN': `平台回复: ${post.error}` },
      { en: 'The campaign goes on; fix the content and publish it by hand if it still matters.', 'zh-CN': '活动继续进行; 如仍需要, 请修改内容后手动发布。' },
    ]);
}

export function stepFailedMessage(
  about: About,
  step: { id: string; summary: string; error: string; skippable: boolean },
  decider: string,
): NoticeMessage {
  const ref = `${quote(about.campaignId)} ${quote(step.id)}`;
  return notice(about, 'step-failed',
    { en: `A step failed and waits for you: ${step.summary}`, 'zh-CN': `有一步执行失败, 等待处理: ${step.summary}` },
    [
      { en: `The error: ${step.error}`, 'zh-CN': `错误: ${step.error}` },
      step.skippable
        ? { en: 'Fix the cause and retry it, or skip it; whatever does not depend on it goes on.', 'zh-CN': '请排除原因后重试, 或跳过此步; 不依赖它的工作照常进行。' }
        : { en: 'What follows needs it: fix the cause and retry it.', 'zh-CN': '后续工作依赖此步: 请排除原因后重试。' },
    ],
    [
      { label: { en: 'Retry', 'zh-CN': '重试' }, text: `npx campaign step retry ${ref} --as ${quote(decider)}` },
      ...(step.skippable ? [{ label: { en: 'Skip', 'zh-CN': '跳过' }, text: `npx campaign step skip ${ref} --as ${quote(decider)} --comment "…"` }] : []),
    ]);
}

export function crisisStartedMessage(about: About, crisis: { by: string; reason: string; assessment?: CrisisAssessment | undefined }, accountable: string): NoticeMessage {
  const id = quote(about.campaignId);
  return notice(about, 'crisis',
    { en: 'Crisis: every post and budget change is stopped', 'zh-CN': '危机: 所有发布和预算调整已暂停' },
    [
      crisis.assessment?.message ?? { en: `Started by ${crisis.by}: ${crisis.reason}`, 'zh-CN': `由 ${crisis.by} 发起: ${crisis.reason}` },
      { en: 'Write the response statement; the campaign resumes when it is approved.', 'zh-CN': '请撰写回应声明; 声明获批后活动恢复。' },
    ],
    [
      { label: { en: 'Propose the statement', 'zh-CN': '提交回应声明' }, text: `npx campaign crisis statement ${id} --as <you> --statement "…"` },
      { label: { en: 'Approve it', 'zh-CN': '批准声明' }, text: `npx campaign crisis approve ${id} --as ${quote(accountable)}` },
    ]);
}

export function crisisResolvedMessage(about: About, by: string, held: number): NoticeMessage {
  return notice(about, 'crisis-resolved',
    { en: 'Crisis over: the campaign resumes', 'zh-CN': '危机解除: 活动恢复' },
    [
      { en: `Resolved by ${by}.`, 'zh-CN': `由 ${by} 解除。` },
      { en: `${held} posts or budget changes were held back and are not sent.`, 'zh-CN': `期间暂停了 ${held} 项发布或预算调整, 不再补发。` },
    ]);
}

export function slaBreachMessage(about: About, breaches: number, oldest: InEveryLanguage | undefined): NoticeMessage {
  return notice(about, 'sla-breach',
    { en: `${breaches} audience messages are waiting past the response time`, 'zh-CN': `${breaches} 条用户留言超过回复时限` },
    oldest ? [oldest] : []);
}

/** Who holds up the launch: a waiting person and what they are asked to do, in both languages. */
export interface LaunchHolder {
  person: string;
  kind: string;
  gate?: string | undefined;
  task?: string | undefined;
}

export function holdersText(holders: readonly LaunchHolder[]): InEveryLanguage {
  const what = (h: LaunchHolder) => [h.kind, h.gate ?? h.task].filter(Boolean).join(' ');
  return {
    en: holders.map((h) => `${h.person} (${what(h)})`).join(', '),
    'zh-CN': holders.map((h) => `${h.person}(${what(h)})`).join('、'),
  };
}

export function launchLateMessage(about: About, launchDate: string, holders: readonly LaunchHolder[]): NoticeMessage {
  const who = holdersText(holders);
  return notice(about, 'launch-late',
    { en: `The launch date ${launchDate} has come, but preparation is not approved`, 'zh-CN': `上线日期 ${launchDate} 已到, 但准备工作尚未全部通过` },
    [
      { en: `Waiting on: ${who.en || 'nobody (a gate waits for its dependencies)'}.`, 'zh-CN': `等待: ${who['zh-CN'] || '无人(关卡在等待前置工作)'}。` },
      { en: 'The campaign launches as soon as every gate is approved.', 'zh-CN': '所有关卡通过后, 活动立即上线。' },
    ],
    [{ label: { en: 'See who waits', 'zh-CN': '查看等待项' }, text: `npx campaign status ${quote(about.campaignId)}` }]);
}

export function campaignCancelledMessage(about: About, by: string, reason: string): NoticeMessage {
  return notice(about, 'campaign-cancelled',
    { en: `The campaign was cancelled by ${by}`, 'zh-CN': `活动已被 ${by} 取消` },
    [
      { en: `Reason: ${reason}`, 'zh-CN': `原因: ${reason}` },
      { en: 'No more posts go out and no budget changes are made; a short closing report follows.', 'zh-CN': '不再发布内容, 也不再调整预算; 随后生成简短的收尾报告。' },
    ]);
}
