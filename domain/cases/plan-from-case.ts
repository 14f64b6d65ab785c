/**
 * A new plan draft from a past case (P3.8, P3.9): the same team and roles, gates with their
 * checklists, tasks with the durations they actually took, and an initial channel split proposed
 * from the past per-channel return. Every change from the past plan is a suggestion with its
 * evidence, written beside it as a YAML comment, and listed in `suggestions`. The draft validates as
 * it is (`campaign plan validate`), so it can be started once the team has reviewed it.
 */
import { Document, type Node } from 'yaml';
import type { Plan } from '../plan/schema.js';
import type { Bilingual, ReportLanguage } from '../report/format.js';
import { rehearsalLine } from '../rehearsal.js';
import type { CaseRecord } from './case-record.js';
import { suggestChannelSplit, type ChannelSuggestion } from './channel-split.js';

export interface PlanFromCaseOptions {
  /** Language of the comments. */
  lang: ReportLanguage;
  /** The new plan's id; default the case's plan id with `-next`. */
  id?: string;
  name?: string;
}

export interface PlanSuggestion {
  kind: 'channel-split' | 'task-duration' | 'dropped' | 'rehearsal';
  /** Where in the draft, e.g. channels[1].budget.initial. */
  path: string;
  message: Bilingual;
}

export interface PlanDraft {
  yaml: string;
  plan: Record<string, unknown>;
  suggestions: PlanSuggestion[];
  channelSplit: ChannelSuggestion[];
}

const PLAN_ID = /^[a-z0-9][a-z0-9-]*$/;

export function nextPlanId(id: string): string {
  const base = id.replace(/-next(?:-\d+)?$/, '');
  const next = `${base.slice(0, 59)}-next`;
  return PLAN_ID.test(next) ? next : 'campaign-next';
}

export function planFromCase(record: CaseRecord, opts: PlanFromCaseOptions): PlanDraft {
  const plan = record.plan;
  const lang = opts.lang;
  const suggestions: PlanSuggestion[] = [];

  const split = suggestChannelSplit(record.metrics.channels, {
    currency: plan.currency,
    mediaRoi: record.metrics.mediaRoi,
    ...(plan.pilot ? { pilot: { channels: plan.pilot.channels, budget: plan.pilot.budget } } : {}),
  });
  const splitById = new Map(split.map((s) => [s.channelId, s]));
  // A rehearsal's results are simulated: the draft may start from it only when asked, and says so
  // first, so nobody takes its split or durations for evidence from a real audience.
  const rehearsal = record.rehearsal ? rehearsalWarning(record) : undefined;
  if (rehearsal) suggestions.push({ kind: 'rehearsal', path: 'channels', message: rehearsal });
  split.forEach((s) => {
    const i = plan.channels.findIndex((c) => c.id === s.channelId);
    suggestions.push({ kind: 'channel-split', path: `channels[${i}].budget.initial`, message: s.evidence });
  });

  const taken = new Map(record.timeline.tasks.map((t) => [t.id, t]));
  const durations = new Map<string, { duration: string; message: Bilingual }>();
  plan.tasks.forEach((task, i) => {
    const actual = taken.get(task.id)?.actualDays ?? null;
    const duration = actual === null ? undefined : durationText(actual);
    if (!duration || duration === task.duration) return;
    const message: Bilingual = {
      en: `took ${duration} last time (planned ${task.duration})`,
      'zh-CN': `上次实际用时 ${duration}(计划 ${task.duration})`,
    };
    durations.set(task.id, { duration, message });
    suggestions.push({ kind: 'task-duration', path: `tasks[${i}].duration`, message });
  });

  const dropped = droppedFields(plan);
  for (const d of dropped) suggestions.push({ kind: 'dropped', path: d.path, message: d.message });

  const draft = draftObject(plan, {
    id: opts.id ?? nextPlanId(plan.id),
    name: opts.name ?? plan.name,
    initial: (id) => splitById.get(id)?.after,
    duration: (id) => durations.get(id)?.duration,
  });

  const doc = new Document(draft);
  const header = headerComment(record, lang, dropped.map((d) => d.message[lang]));
  doc.commentBefore = rehearsal ? ` !!! ${rehearsal[lang]}\n${header}` : header;
  const from = rehearsal ? (lang === 'zh-CN' ? '(来自演练的模拟数据)' : ' (from a rehearsal\'s simulated results)') : '';
  plan.channels.forEach((c, i) => {
    const s = splitById.get(c.id);
    const node = doc.getIn(['channels', i], true) as Node | undefined;
    if (s && node) node.commentBefore = ` ${label(lang)}${from}: ${oneLine(s.evidence[lang])}`;
  });
  plan.tasks.forEach((t, i) => {
    const d = durations.get(t.id);
    const node = doc.getIn(['tasks', i, 'duration'], true) as Node | undefined;
    if (d && node) node.comment = ` ${label(lang)}: ${d.message[lang]}`;
  });
  const goalsNode = doc.get('goals', true) as Node | undefined;
  const rated = record.metrics.kpis.filter((k) => k.attainment !== null);
  if (goalsNode && rated.length > 0) {
    goalsNode.commentBefore = ` ${lang === 'zh-CN' ? '上次达成率' : 'Attainment last time'}: `
      + rated.map((k) => `${k.name} ${Math.round(k.attainment! * 100)}%`).join(', ');
  }
  return { yaml: doc.toString({ lineWidth: 0 }), plan: draft, suggestions, channelSplit: split };
}

/** A duration as the plan writes it, half days from a day up, whole hours below. */
export function durationText(days: number): string | undefined {
  if (!(days > 0)) return undefined;
  if (days >= 1) {
    const halves = Math.round(days * 2) / 2;
    return `${halves}d`;
  }
  const hours = Math.round(days * 24);
  return hours >= 1 ? `${hours}h` : undefined;
}

interface DraftChoices {
  id: string;
  name: string;
  initial(channelId: string): number | undefined;
  duration(taskId: string): string | undefined;
}

/**
 * The past plan as a draft: its planned start date and delegations belong to the past campaign and
 * are left out; notify targets are names the workers know, so they come along. Empty lists and
 * maps are left out (their defaults are the same).
 */
function draftObject(plan: Plan, choices: DraftChoices): Record<string, unknown> {
  const { start: _start, ...rest } = plan;
  const draft: Record<string, unknown> = {
    ...rest,
    id: choices.id,
    name: choices.name,
    team: plan.team.map(({ delegate: _delegate, ...member }) => member),
    channels: plan.channels.map((c) => ({ ...c, budget: { ...c.budget, initial: choices.initial(c.id) ?? c.budget.initial } })),
    tasks: plan.tasks.map((t) => ({ ...t, duration: choices.duration(t.id) ?? t.duration })),
  };
  return compact(draft) as Record<string, unknown>;
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = compact(v);
  }
  return out;
}

function droppedFields(plan: Plan): Array<{ path: string; message: Bilingual }> {
  const out: Array<{ path: string; message: Bilingual }> = [];
  if (plan.start) {
    out.push({ path: 'start', message: { en: `start (${plan.start}) was the past campaign's: add this one's start date`, 'zh-CN': `开始日期(${plan.start})属于上次活动，请填写本次的开始日期` } });
  }
  if (plan.team.some((m) => m.delegate)) {
    out.push({ path: 'team', message: { en: 'delegations are not copied: add them for this campaign', 'zh-CN': '代理人未复制，请为本次活动重新填写' } });
  }
  return out;
}

function headerComment(record: CaseRecord, lang: ReportLanguage, dropped: readonly string[]): string {
  const closed = record.closedAt.slice(0, 10);
  const lessons = record.retrospective.answers.flatMap((a) => a.lessons.map((l) => l.text));
  const didNot = record.retrospective.answers.flatMap((a) => a.didNot.map((d) => `${d.what} ← ${d.rootCause}`));
  const lines = lang === 'zh-CN'
    ? [
      ` 计划草稿：来自案例 case:${record.campaignId}(${record.title},${closed} 结束)。`,
      ' 标记为“建议”的数值是根据上次结果提出的，附有依据；开始前请团队确认。',
      ...dropped.map((d) => ` 注意：${d}。`),
      ...(lessons.length ? [' 上次的经验教训：', ...lessons.map((l) => `   - ${oneLine(l)}`)] : []),
      ...(didNot.length ? [' 上次做得不好的地方(原因)：', ...didNot.map((l) => `   - ${oneLine(l)}`)] : []),
    ]
    : [
      ` Plan draft from case:${record.campaignId} (${record.title}, closed ${closed}).`,
      ' Values marked "suggestion" are proposed from last time\'s results, with their evidence; review them before starting.',
      ...dropped.map((d) => ` Note: ${d}.`),
      ...(lessons.length ? [' Lessons from last time:', ...lessons.map((l) => `   - ${oneLine(l)}`)] : []),
      ...(didNot.length ? [' What did not work (root cause):', ...didNot.map((l) => `   - ${oneLine(l)}`)] : []),
    ];
  return lines.join('\n');
}

function rehearsalWarning(record: CaseRecord): Bilingual {
  const line = rehearsalLine(record.rehearsal!);
  return {
    en: `case:${record.campaignId} was a REHEARSAL. ${line.en} Its channel split, ROI and durations are simulated: check every value against real results before starting.`,
    'zh-CN': `案例 case:${record.campaignId} 是一次演练。${line['zh-CN']}渠道分配、投产比和用时都是模拟的：开始前请用真实数据逐项核对。`,
  };
}

function label(lang: ReportLanguage): string {
  return lang === 'zh-CN' ? '建议' : 'suggestion';
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
