/**
 * The decisions that preceded a KPI's result: budget moves and pauses from the reviews, the pilot's
 * go/no-go, and gate send-backs that pushed the launch back. They are listed, not judged: whether a
 * move caused the result is for the accountable person's analysis.
 */
import { DAY_MS } from '../duration.js';
import type { GateRound } from '../preparation/gate-state.js';
import { durationDays } from '../plan/schedule.js';
import type { Plan } from '../plan/schema.js';
import type { BudgetChange, Review } from '../review.js';
import { formatDays, formatMoney, type Bilingual } from '../report/format.js';
import { channelName, joinNames, personName } from './names.js';

/**
 * A review's budget change; `status` tells a pause apart from a cut (the workflow's budget moves
 * carry it).
 */
export interface BudgetDecision extends BudgetChange {
  status?: 'active' | 'paused';
}

export type ReviewRecord = Pick<Review, 'key' | 'day'> & { changes: readonly BudgetDecision[] };

/** A gate's decision rounds; `GateState` from the status fits. */
export interface GateRecord {
  id: string;
  title?: string;
  rounds: readonly GateRound[];
}

export interface PilotOutcome {
  decision: 'go' | 'no-go';
  /** Team member id of whoever decided. */
  by?: string;
  comment?: string;
}

export interface DecisionHint {
  kind: 'budget-move' | 'pause' | 'pilot' | 'send-back';
  message: Bilingual;
}

export interface DatedDecision extends BudgetDecision {
  day: number;
}

/** Every budget change in the reviews once (a change is recorded with one review), by day. */
export function budgetDecisions(reviews: readonly ReviewRecord[]): DatedDecision[] {
  const seen = new Set<string>();
  const out: DatedDecision[] = [];
  for (const review of reviews) {
    if (seen.has(review.key)) continue;
    seen.add(review.key);
    for (const change of review.changes) out.push({ ...change, day: review.day });
  }
  return out.sort((a, b) => a.day - b.day || a.channelId.localeCompare(b.channelId));
}

const MAX_BUDGET_HINTS = 3;
const MAX_SEND_BACK_HINTS = 2;

/**
 * The largest moves of the channel behind the gap up to the end of the period that fell furthest
 * off pace (without a channel, the largest moves of all), and, for a miss, pauses of any channel:
 * a paused channel's results stop adding up.
 */
export function budgetHints(
  plan: Pick<Plan, 'channels' | 'currency'>,
  decisions: readonly DatedDecision[],
  focus: { channelId?: string; untilDay?: number; pauses: boolean },
): DecisionHint[] {
  const relevant = decisions.filter((d) =>
    (focus.untilDay === undefined || d.day <= focus.untilDay)
    && (d.status === 'paused' ? focus.pauses : focus.channelId === undefined || d.channelId === focus.channelId));
  return relevant
    .map((d, order) => ({ d, order, size: Math.abs(d.to - d.from) + (d.status === 'paused' ? Infinity : 0) }))
    .sort((a, b) => b.size - a.size || a.order - b.order)
    .slice(0, MAX_BUDGET_HINTS)
    .sort((a, b) => a.order - b.order)
    .map(({ d }) => budgetHint(plan, d));
}

function budgetHint(plan: Pick<Plan, 'channels' | 'currency'>, d: DatedDecision): DecisionHint {
  const name = channelName(plan, d.channelId);
  const money = (amount: number, lang: 'en' | 'zh-CN') => formatMoney(amount, plan.currency, lang);
  const why = d.reason.trim();
  const because = (sep: ': ' | '：') => {
    const stop = sep === ': ' ? '.' : '。';
    if (!why) return stop;
    return /[.!?。！？]$/u.test(why) ? `${sep}${why}` : `${sep}${why}${stop}`;
  };
  if (d.status === 'paused') {
    return {
      kind: 'pause',
      message: {
        en: `The day ${d.day} review paused ${name} (allocation ${money(d.from, 'en')} → ${money(d.to, 'en')})${because(': ')}`,
        'zh-CN': `第 ${d.day} 天的复盘暂停了${name}（预算 ${money(d.from, 'zh-CN')} → ${money(d.to, 'zh-CN')}）${because('：')}`,
      },
    };
  }
  return {
    kind: 'budget-move',
    message: {
      en: `The day ${d.day} review moved ${name} from ${money(d.from, 'en')} to ${money(d.to, 'en')}${because(': ')}`,
      'zh-CN': `第 ${d.day} 天的复盘把${name}的预算从 ${money(d.from, 'zh-CN')} 调到 ${money(d.to, 'zh-CN')}${because('：')}`,
    },
  };
}

/** The pilot's decision, when the KPI was one of its criteria or the channel behind the gap was piloted. */
export function pilotHint(
  plan: Pick<Plan, 'pilot' | 'channels' | 'team' | 'currency'>,
  outcome: PilotOutcome | undefined,
  focus: { kpiId: string; channelId?: string },
): DecisionHint | undefined {
  const pilot = plan.pilot;
  if (!pilot || !outcome) return undefined;
  const judged = pilot.successCriteria.length === 0 || pilot.successCriteria.some((c) => c.kpi === focus.kpiId);
  const piloted = focus.channelId !== undefined && pilot.channels.includes(focus.channelId);
  if (!judged && !piloted) return undefined;
  const go = outcome.decision === 'go';
  const names = pilot.channels.map((id) => channelName(plan, id));
  const days = durationDays(pilot.duration);
  const by = outcome.by ? personName(plan, outcome.by) : undefined;
  const comment = outcome.comment?.trim();
  return {
    kind: 'pilot',
    message: {
      en: `The pilot on ${joinNames(names, 'en')} (${formatMoney(pilot.budget, plan.currency, 'en')}, ${formatDays(days, 'en')} days) ended in ${go ? '"go" and was scaled up' : '"no-go"'}${by ? `, decided by ${by}` : ''}${comment ? `: ${comment}` : '.'}`,
      'zh-CN': `${joinNames(names, 'zh-CN')}试点（${formatMoney(pilot.budget, plan.currency, 'zh-CN')}，${formatDays(days, 'zh-CN')} 天）结论为${go ? '“推广”，随后放量' : '“不推广”'}${by ? `（${by}决定）` : ''}${comment ? `：${comment}` : '。'}`,
    },
  };
}

export interface SendBack {
  gateId: string;
  title: string;
  sendBacks: number;
  firstComment: string | undefined;
  /** Campaign days from the first send-back to the approval; null while not approved. */
  delayDays: number | null;
}

/**
 * Gates sent back before approval, with how long each took from its first send-back to approval.
 * Decision times are wall-clock, so a rehearsal's `timeScale` turns them back into plan days.
 */
export function sendBacks(gates: readonly GateRecord[], timeScale = 1): SendBack[] {
  return gates.flatMap((gate) => {
    const rounds = [...gate.rounds].sort((a, b) => a.round - b.round);
    const back = rounds.filter((r) => r.decision === 'send-back');
    const first = back[0];
    if (!first) return [];
    const approval = rounds.find((r) => r.decision === 'approve' && r.round > first.round);
    const delayMs = approval ? Date.parse(approval.at) - Date.parse(first.at) : NaN;
    return [{
      gateId: gate.id,
      title: gate.title ?? gate.id,
      sendBacks: back.length,
      firstComment: first.comment,
      delayDays: Number.isFinite(delayMs) ? Math.max(0, (delayMs / DAY_MS) * timeScale) : null,
    }];
  });
}

export function sendBackHints(gates: readonly GateRecord[], timeScale = 1): DecisionHint[] {
  return sendBacks(gates, timeScale)
    .sort((a, b) => (b.delayDays ?? Infinity) - (a.delayDays ?? Infinity) || b.sendBacks - a.sendBacks)
    .slice(0, MAX_SEND_BACK_HINTS)
    .map((s) => {
      const said = s.firstComment?.trim();
      const delay = (lang: 'en' | 'zh-CN') => (s.delayDays === null ? '' : formatDays(s.delayDays, lang));
      return {
        kind: 'send-back' as const,
        message: s.delayDays === null
          ? {
            en: `Gate "${s.title}" was sent back ${times(s.sendBacks)}${said ? ` ("${said}")` : ''} and never approved, which held the launch.`,
            'zh-CN': `关卡“${s.title}”被退回 ${s.sendBacks} 次${said ? `（“${said}”）` : ''}且未获通过，拖住了上线。`,
          }
          : {
            en: `Gate "${s.title}" was sent back ${times(s.sendBacks)}${said ? ` ("${said}")` : ''}; approval came ${delay('en')} days after the first send-back, delaying the launch.`,
            'zh-CN': `关卡“${s.title}”被退回 ${s.sendBacks} 次${said ? `（“${said}”）` : ''}，首次退回 ${delay('zh-CN')} 天后才通过，推迟了上线。`,
          },
      };
    });
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
