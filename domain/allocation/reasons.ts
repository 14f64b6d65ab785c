/**
 * Every change a review proposes comes with a reason in words, in English or Chinese, built from
 * the same numbers people see in the review: cost per order, ROI, the chance of being the best
 * channel, and which guardrail limited the move.
 */
import { formatMoney } from '../money.js';
import type { StatusChange } from './guardrails.js';
import type { AllocationPolicy, ChannelEvidence, ReasonLanguage } from './types.js';

/** Which limit stopped a move where it stopped. */
export type MoveLimit = 'cap' | 'max' | 'min' | 'spent' | null;

export type ReasonKind = 'judged' | 'unjudged' | 'fixed' | 'over';

export interface ReasonFacts {
  name: string;
  kind: ReasonKind;
  policy: AllocationPolicy;
  change: StatusChange;
  from: number;
  to: number;
  limit: MoveLimit;
  evidence: ChannelEvidence;
  campaignCpa: number | null;
  minSpendBeforeJudging: number;
  pauseBelowRoi: number | undefined;
  resumeRoi: number | undefined;
}

export interface SummaryFacts {
  day: number;
  policy: AllocationPolicy;
  totalBudget: number;
  shiftShare: number;
  approvalAbove: number | undefined;
  needsApproval: boolean;
  moves: ReadonlyArray<{ name: string; from: number; to: number; change: StatusChange }>;
  unallocated: number;
}

interface Words {
  cpa: (own: string, campaign: string) => string;
  noOrders: string;
  campaignUnknown: string;
  best: (percent: string) => string;
  follows: string;
  unchanged: string;
  notJudged: (spent: string, needed: string) => string;
  fixed: string;
  over: string;
  paused: (roi: string, threshold: string) => string;
  stillPaused: (roi: string, resume: string) => string;
  resumed: (roi: string, resume: string, threshold: string) => string;
  limits: Record<Exclude<MoveLimit, null>, string>;
  review: (day: number, policy: string) => string;
  noChange: string;
  added: (amount: string, share: string) => string;
  more: (names: string) => string;
  less: (names: string) => string;
  pausedList: (names: string) => string;
  resumedList: (names: string) => string;
  unallocated: (amount: string) => string;
  approval: (above: string) => string;
  separator: string;
  list: string;
  end: string;
}

const WORDS: Record<ReasonLanguage, Words> = {
  en: {
    cpa: (own, campaign) => `CPA ${own} against ${campaign} for the campaign`,
    noOrders: 'no orders yet',
    campaignUnknown: 'none yet',
    best: (p) => `${p} likely the best channel`,
    follows: 'budget follows orders per unit spent',
    unchanged: 'unchanged',
    notJudged: (spent, needed) => `not judged yet: spent ${spent} of the ${needed} needed`,
    fixed: 'fixed policy',
    over: 'no rollout days left',
    paused: (roi, threshold) => `paused: recent ROI ${roi} below ${threshold}`,
    stillPaused: (roi, resume) => `still paused: recent ROI ${roi}, resumes at ${resume}`,
    resumed: (roi, resume, threshold) => `resumed: recent ROI ${roi} back above ${resume} (${threshold} plus the margin)`,
    limits: {
      cap: 'limited by the per-review cap',
      max: 'at its maximum',
      min: 'held at its minimum',
      spent: 'down to what it has already spent',
    },
    review: (day, policy) => `Day ${day} review (${policy})`,
    noChange: 'no change',
    added: (amount, share) => `added ${amount}, ${share} of the rollout budget`,
    more: (names) => `more for ${names}`,
    less: (names) => `less for ${names}`,
    pausedList: (names) => `paused ${names}`,
    resumedList: (names) => `resumed ${names}`,
    unallocated: (amount) => `${amount} not allocated`,
    approval: (above) => `needs approval (moves above ${above})`,
    separator: '; ',
    list: ', ',
    end: '.',
  },
  'zh-CN': {
    cpa: (own, campaign) => `单均成本 ${own}, 全活动 ${campaign}`,
    noOrders: '尚无订单',
    campaignUnknown: '尚无',
    best: (p) => `${p} 的概率是最优渠道`,
    follows: '预算按单位花费的订单数分配',
    unchanged: '不变',
    notJudged: (spent, needed) => `尚未评判: 已花费 ${spent}, 需 ${needed}`,
    fixed: '固定分配策略',
    over: '投放期已结束',
    paused: (roi, threshold) => `暂停: 近期投产比 ${roi}, 低于 ${threshold}`,
    stillPaused: (roi, resume) => `继续暂停: 近期投产比 ${roi}, 达到 ${resume} 才恢复`,
    resumed: (roi, resume, threshold) => `恢复投放: 近期投产比 ${roi}, 已高于 ${resume} (阈值 ${threshold} 加余量)`,
    limits: {
      cap: '受单次调整上限限制',
      max: '已达上限',
      min: '保持最低预算',
      spent: '降至已花费金额',
    },
    review: (day, policy) => `第 ${day} 天复盘 (${policy})`,
    noChange: '预算不变',
    added: (amount, share) => `调整 ${amount}, 占投放预算 ${share}`,
    more: (names) => `增加: ${names}`,
    less: (names) => `减少: ${names}`,
    pausedList: (names) => `暂停: ${names}`,
    resumedList: (names) => `恢复: ${names}`,
    unallocated: (amount) => `${amount} 未分配`,
    approval: (above) => `调整超过 ${above}, 需审批`,
    separator: '; ',
    list: ', ',
    end: '。',
  },
};

export function channelReason(facts: ReasonFacts, lang: ReasonLanguage, currency: string): string {
  const w = WORDS[lang];
  const money = (amount: number) => formatMoney(amount, currency);
  const parts: string[] = [];
  if (facts.kind === 'over') parts.push(w.over);
  else if (facts.kind === 'fixed') parts.push(w.fixed);
  else if (facts.kind === 'unjudged') parts.push(w.notJudged(money(facts.evidence.spend), money(facts.minSpendBeforeJudging)));
  else {
    const roi = formatRoi(facts.evidence.recentRoi);
    if (facts.change === 'paused') parts.push(w.paused(roi, formatRoi(facts.pauseBelowRoi ?? null)));
    if (facts.change === 'still-paused') parts.push(w.stillPaused(roi, formatRoi(facts.resumeRoi ?? null)));
    if (facts.change === 'resumed' && facts.resumeRoi !== undefined) {
      parts.push(w.resumed(roi, formatRoi(facts.resumeRoi), formatRoi(facts.pauseBelowRoi ?? null)));
    }
    const own = facts.evidence.cpa === null ? w.noOrders : money(facts.evidence.cpa);
    parts.push(w.cpa(own, facts.campaignCpa === null ? w.campaignUnknown : money(facts.campaignCpa)));
    if (facts.evidence.probabilityBest !== null) parts.push(w.best(formatPercent(facts.evidence.probabilityBest, 0)));
    else if (facts.policy === 'proportional' && facts.change !== 'paused' && facts.change !== 'still-paused') parts.push(w.follows);
  }
  parts.push(moveWords(facts, w, money));
  return `${facts.name}: ${parts.join(w.separator)}`;
}

function moveWords(facts: ReasonFacts, w: Words, money: (amount: number) => string): string {
  const delta = facts.to - facts.from;
  if (Math.abs(delta) < 0.005) return w.unchanged;
  const signed = `${delta > 0 ? '+' : '-'}${money(Math.abs(delta))}`;
  return facts.limit ? `${signed} (${w.limits[facts.limit]})` : signed;
}

export function reviewSummary(facts: SummaryFacts, lang: ReasonLanguage, currency: string): string {
  const w = WORDS[lang];
  const money = (amount: number) => formatMoney(amount, currency);
  const head = w.review(facts.day, facts.policy);
  const up = facts.moves.filter((m) => m.to - m.from >= 0.005);
  const down = facts.moves.filter((m) => m.from - m.to >= 0.005);
  const paused = facts.moves.filter((m) => m.change === 'paused').map((m) => m.name);
  const resumed = facts.moves.filter((m) => m.change === 'resumed').map((m) => m.name);
  if (up.length === 0 && down.length === 0 && paused.length === 0 && resumed.length === 0) return `${head}: ${w.noChange}${w.end}`;
  const added = up.reduce((s, m) => s + (m.to - m.from), 0);
  const parts = [w.added(money(added), formatPercent(facts.shiftShare, 1))];
  const named = (list: typeof up) => list.map((m) => `${m.name} ${m.to > m.from ? '+' : '-'}${money(Math.abs(m.to - m.from))}`).join(w.list);
  if (up.length > 0) parts.push(w.more(named(up)));
  if (down.length > 0) parts.push(w.less(named(down)));
  if (paused.length > 0) parts.push(w.pausedList(paused.join(w.list)));
  if (resumed.length > 0) parts.push(w.resumedList(resumed.join(w.list)));
  // Less than a thousandth of the budget left over is rounding to whole units, not a decision.
  if (facts.unallocated >= facts.totalBudget / 1000) parts.push(w.unallocated(money(facts.unallocated)));
  if (facts.needsApproval && facts.approvalAbove !== undefined) parts.push(w.approval(formatPercent(facts.approvalAbove, 0)));
  return `${head}: ${parts.join(w.separator)}${w.end}`;
}
export function formatPercent(share: number, decimals: number): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

function formatRoi(roi: number | null): string {
  return roi === null ? '-' : roi.toFixed(2);
}
