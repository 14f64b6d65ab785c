/**
 * Everything a valid plan will do, before it is started (`campaign plan preview`): the dates of each
 * phase, the pilot's criteria and decider, the crisis rule, each content item as each channel will
 * get it with its lint findings, and the publishing calendar. Dates assume every task takes its
 * duration and every gate is signed off by its deadline; sign-offs often take longer, so they are
 * the earliest dates. Texts stay in both languages here; the renderer picks one.
 */
import { lintPlanContent, planVariants, type ContentViolation } from '../content/lint.js';
import type { ChannelVariant } from '../content/variants.js';
import { planPosts } from '../execution/post-plan.js';
import type { SilenceAlert } from '../publishing/silences.js';
import { flattenGoals } from '../kpi/tree.js';
import { addDays } from '../review-periods.js';
import { parseStart } from './launch.js';
import { instantAt, wallClock } from '../publishing/zoned-time.js';
import type { Lang } from './issues.js';
import { preparationDays } from './rules/dates.js';
import { contentReviewGate } from './rules/content.js';
import { durationDays } from './schedule.js';
import type { Plan } from './schema.js';

export type PreviewPhase = 'preparation' | 'pilot' | 'warmup' | 'rollout' | 'closing';

export interface PhaseDates {
  phase: PreviewPhase;
  /** Campaign days, 1-based: the phase runs from `fromDay` to `toDay` inclusive (closing: from only). */
  fromDay: number;
  toDay?: number | undefined;
  /** Calendar dates for the same days, when the plan has a `start`. */
  from?: string | undefined;
  to?: string | undefined;
  /** As the plan writes it (`7d`); preparation's is worked out from tasks and gate deadlines. */
  duration?: string | undefined;
}

export interface Person {
  id: string;
  name?: string | undefined;
}

export interface PilotPreview {
  channels: string[];
  budget: number;
  duration: string;
  criteria: Array<{ kpi: string; name?: string | undefined; atLeast?: number | undefined; atMost?: number | undefined }>;
  decidedBy: Person;
}

export interface CrisisPreview {
  negativeShare: number;
  minVolume: number;
  window: string;
  accountable: Person;
}

export interface VariantPreview {
  variant: ChannelVariant;
  findings: Array<Pick<ContentViolation, 'rule' | 'severity' | 'message' | 'fix'>>;
}

export interface ContentPreview {
  id: string;
  title: string;
  phase: 'warmup' | 'rollout';
  posts: number;
  variants: VariantPreview[];
}

export interface CalendarSlot {
  /** Local time on the plan's clocks, `HH:MM`. */
  time: string;
  channelId: string;
  contentId: string;
  /** Which of the item's posts on the channel this is (1-based). */
  n: number;
}

export interface CalendarDay {
  phase: 'warmup' | 'rollout';
  day: number;
  date?: string | undefined;
  slots: CalendarSlot[];
}

export interface PlanPreview {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  start?: string | undefined;
  phases: PhaseDates[];
  pilot?: PilotPreview | undefined;
  crisis?: CrisisPreview | undefined;
  /** The gate whose approval is refused while content has errors (`gates[].reviews`, else `assets`). */
  contentReviewGate?: string | undefined;
  content: ContentPreview[];
  calendar: CalendarDay[];
  /** Posts a phase has no room for, and silences longer than a channel allows. */
  calendarNotes: Array<Record<Lang, string>>;
}

// Without a start date the calendar is laid out from an arbitrary Monday and shown as campaign days.
const NO_START = '2001-01-01';

export function previewPlan(plan: Plan): PlanPreview {
  const phases = phaseDates(plan);
  const { calendar, notes } = calendarOf(plan, phases);
  return {
    id: plan.id, name: plan.name, timezone: plan.timezone, currency: plan.currency, start: plan.start,
    phases,
    pilot: plan.pilot && {
      channels: plan.pilot.channels, budget: plan.pilot.budget, duration: plan.pilot.duration,
      criteria: plan.pilot.successCriteria.map((c) => ({ ...c, name: kpiName(plan, c.kpi) })),
      decidedBy: person(plan, plan.pilot.decidedBy),
    },
    crisis: plan.interaction?.crisis && {
      negativeShare: plan.interaction.crisis.negativeShare, minVolume: plan.interaction.crisis.minVolume,
      window: plan.interaction.crisis.window, accountable: person(plan, plan.interaction.crisis.accountable),
    },
    contentReviewGate: contentReviewGate(plan)?.id,
    content: contentOf(plan),
    calendar,
    calendarNotes: notes,
  };
}

function person(plan: Plan, id: string): Person {
  return { id, name: plan.team.find((m) => m.id === id)?.name };
}

function kpiName(plan: Plan, id: string): string | undefined {
  return flattenGoals(plan.goals).find(({ goal }) => goal.id === id)?.goal.name;
}

/** The date of campaign day 1: `start` is the launch, so the days of preparation come before it. */
function dayOneOf(plan: Plan): string | undefined {
  const local = plan.start === undefined ? undefined : parseStart(plan.start);
  return local && addDays(local.date, -Math.max(1, Math.ceil(preparationDays(plan) ?? 0)));
}

/** Phases one after another; a phase of 12h still takes a calendar day of its own. */
function phaseDates(plan: Plan): PhaseDates[] {
  const spans: Array<{ phase: PreviewPhase; days: number; duration?: string }> = [
    { phase: 'preparation', days: preparationDays(plan) ?? 0 },
    ...(plan.pilot ? [{ phase: 'pilot' as const, days: durationDays(plan.pilot.duration), duration: plan.pilot.duration }] : []),
    ...(plan.warmup ? [{ phase: 'warmup' as const, days: durationDays(plan.warmup.duration), duration: plan.warmup.duration }] : []),
    { phase: 'rollout', days: durationDays(plan.rollout.duration), duration: plan.rollout.duration },
  ];
  const dayOne = dayOneOf(plan);
  const dateOf = (day: number): string | undefined => (dayOne ? addDays(dayOne, day - 1) : undefined);
  const phases: PhaseDates[] = [];
  let next = 1;
  for (const span of spans) {
    const length = Math.max(1, Math.ceil(span.days));
    const toDay = next + length - 1;
    phases.push({ phase: span.phase, fromDay: next, toDay, from: dateOf(next), to: dateOf(toDay), duration: span.duration ?? `${length}d` });
    next = toDay + 1;
  }
  phases.push({ phase: 'closing', fromDay: next, from: dateOf(next) });
  return phases;
}

function contentOf(plan: Plan): ContentPreview[] {
  const findings = lintPlanContent(plan);
  const variants = planVariants(plan);
  return plan.content.map((item) => ({
    id: item.id, title: item.title, phase: item.phase, posts: item.posts,
    variants: variants.filter((v) => v.contentId === item.id).map((variant) => ({
      variant,
      findings: findings
        .filter((f) => f.contentId === item.id && f.channelId === variant.channelId)
        .map(({ rule, severity, message, fix }) => ({ rule, severity, message, ...(fix ? { fix } : {}) })),
    })),
  }));
}

/** The warm-up's and the rollout's posts on each channel's publishing calendar, day by day. */
function calendarOf(plan: Plan, phases: readonly PhaseDates[]): { calendar: CalendarDay[]; notes: Array<Record<Lang, string>> } {
  const first = dayOneOf(plan) ?? NO_START;
  const calendar: CalendarDay[] = [];
  const notes: Array<Record<Lang, string>> = [];
  for (const phase of ['warmup', 'rollout'] as const) {
    const dates = phases.find((p) => p.phase === phase);
    if (!dates?.toDay) continue;
    const from = instantAt(addDays(first, dates.fromDay - 1), 0, plan.timezone);
    const to = instantAt(addDays(first, dates.toDay), 0, plan.timezone);
    const planned = planPosts({ plan, phase, period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } });
    const byDay = new Map<string, CalendarDay>();
    for (const post of planned.posts) {
      const clock = wallClock(Date.parse(post.at), plan.timezone);
      let day = byDay.get(clock.date);
      if (!day) {
        const number = dayNumber(first, clock.date);
        day = { phase, day: number, ...(plan.start ? { date: clock.date } : {}), slots: [] };
        byDay.set(clock.date, day);
      }
      day.slots.push({ time: hhmm(clock.minute), channelId: post.channelId, contentId: post.contentId, n: Number(post.key.split(':').at(-1)) });
    }
    calendar.push(...byDay.values());
    notes.push(...planned.unplaced.map((u) => u.message));
    // Silences name their dates, which mean nothing before the plan has a start: counted instead.
    notes.push(...(plan.start ? planned.silences.map((s) => s.message) : silenceCounts(plan, phase, planned.silences)));
  }
  return { calendar, notes };
}

function silenceCounts(plan: Plan, phase: 'warmup' | 'rollout', silences: readonly SilenceAlert[]): Array<Record<Lang, string>> {
  return plan.channels.flatMap((channel) => {
    const count = silences.filter((s) => s.channelId === channel.id).length;
    if (count === 0) return [];
    const name = channel.name ?? channel.id;
    const phaseZh = phase === 'warmup' ? '预热' : '全面推广';
    return [{
      en: `${name} is silent ${count} time(s) in the ${phase === 'warmup' ? 'warm-up' : 'rollout'} for longer than its pacing allows (${channel.pacing?.maxSilence}); plan more posts or fewer days between them.`,
      'zh-CN': `${name}在${phaseZh}期间有 ${count} 次没有发布的时间超过节奏允许的 ${channel.pacing?.maxSilence}; 请多安排几条内容。`,
    }];
  });
}

function dayNumber(first: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

const who = (p: Person): string => (p.name ? `${p.id} (${p.name})` : p.id);
const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** "cvr (转化率) ≥ 0.03": the pilot's success criteria; empty when a person judges without them. */
export function criteriaInWords(pilot: PilotPreview, lang: Lang): string {
  const and = lang === 'zh-CN' ? ' 且 ' : ' and ';
  return pilot.criteria.map((c) => {
    const bounds = [c.atLeast !== undefined ? `≥ ${c.atLeast}` : '', c.atMost !== undefined ? `≤ ${c.atMost}` : ''].filter(Boolean);
    return `${c.name ? `${c.kpi} (${c.name})` : c.kpi} ${bounds.join(and)}`;
  }).join(and);
}

/** "≥30% negative among ≥20 interactions within 6h → crisis, li.na approves the statement" */
export function crisisInWords(crisis: CrisisPreview, lang: Lang): string {
  return lang === 'zh-CN'
    ? `${crisis.window} 内互动 ≥ ${crisis.minVolume} 条且负面 ≥ ${percent(crisis.negativeShare)} → 触发危机, 由 ${who(crisis.accountable)} 审批回应声明`
    : `≥${percent(crisis.negativeShare)} negative among ≥${crisis.minVolume} interactions within ${crisis.window} → crisis, ${who(crisis.accountable)} approves the statement`;
}
