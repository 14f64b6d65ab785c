/**
 * An initial channel split for the next campaign, proposed from what each channel returned in a
 * past one (P3.7 → P1.4). Each channel is offered the share of the rollout budget it earned: its
 * share of the past return. Channels that spent nothing keep their planned amount, since there is
 * no evidence either way. Every amount stays within the channel's min and max, and the channels
 * together get exactly what they had before, so the plan's total and reserve still hold.
 * It is a suggestion with its evidence, not a forecast: results rarely scale linearly with spend.
 */
import type { CaseChannel } from './case-record.js';
import { formatMoney, formatRoi, type Bilingual } from '../report/format.js';

export interface ChannelSuggestion {
  channelId: string;
  name: string;
  /** What the past plan gave the channel. */
  before: number;
  /** What the draft proposes. */
  after: number;
  min: number;
  max: number;
  /** Why, with the numbers it rests on. */
  evidence: Bilingual;
}

export interface SplitOptions {
  currency: string;
  /** The campaign's media ROI, to compare each channel with. */
  mediaRoi: number | null;
  /** Channels the pilot runs on: together they must keep at least the pilot budget. */
  pilot?: { channels: readonly string[]; budget: number };
}

export function suggestChannelSplit(channels: readonly CaseChannel[], opts: SplitOptions): ChannelSuggestion[] {
  const total = channels.reduce((s, c) => s + c.budget.initial, 0);
  const earning = channels.filter((c) => c.spend > 0);
  const earned = earning.reduce((s, c) => s + Math.max(0, c.return), 0);
  // Without spend or return anywhere there is nothing to learn from: keep the plan as it was.
  const fixed = new Map<string, number>();
  for (const c of channels) if (c.spend <= 0 || earned <= 0) fixed.set(c.channelId, c.budget.initial);
  const free = channels.filter((c) => !fixed.has(c.channelId));
  const freeBudget = total - [...fixed.values()].reduce((s, v) => s + v, 0);
  const wanted = new Map(free.map((c) => [c.channelId, earned > 0 ? (Math.max(0, c.return) / earned) * freeBudget : c.budget.initial]));
  const amounts = new Map([...fixed, ...fitWithinBounds(free, wanted, freeBudget)]);
  keepPilotCovered(channels, amounts, opts.pilot);

  return channels.map((c) => {
    const after = amounts.get(c.channelId) ?? c.budget.initial;
    return {
      channelId: c.channelId,
      name: c.name,
      before: c.budget.initial,
      after,
      min: c.budget.min,
      max: c.budget.max,
      evidence: evidenceOf(c, after, { total, earned, opts }),
    };
  });
}

/**
 * Water-filling: channels wanting less than their min or more than their max are pinned there and
 * the rest share what is left in proportion to what they want, until nothing moves. Amounts are
 * whole currency units that add up to `budget` exactly.
 */
function fitWithinBounds(channels: readonly CaseChannel[], wanted: ReadonlyMap<string, number>, budget: number): Map<string, number> {
  const pinned = new Map<string, number>();
  let open = [...channels];
  for (let guard = 0; guard <= channels.length; guard++) {
    const left = budget - [...pinned.values()].reduce((s, v) => s + v, 0);
    const want = open.reduce((s, c) => s + (wanted.get(c.channelId) ?? 0), 0);
    const share = (c: CaseChannel) => (want > 0 ? ((wanted.get(c.channelId) ?? 0) / want) * left : left / Math.max(1, open.length));
    const low = open.filter((c) => share(c) < c.budget.min);
    const high = open.filter((c) => share(c) > c.budget.max);
    if (low.length === 0 && high.length === 0) break;
    // Pin the side that is further out first; either way at least one channel is pinned per round.
    const pinLow = low.reduce((s, c) => s + c.budget.min - share(c), 0) >= high.reduce((s, c) => s + share(c) - c.budget.max, 0);
    for (const c of pinLow && low.length > 0 ? low : high) pinned.set(c.channelId, pinLow && low.length > 0 ? c.budget.min : c.budget.max);
    open = open.filter((c) => !pinned.has(c.channelId));
  }
  const left = budget - [...pinned.values()].reduce((s, v) => s + v, 0);
  const want = open.reduce((s, c) => s + (wanted.get(c.channelId) ?? 0), 0);
  const raw = new Map(open.map((c) => [c.channelId, want > 0 ? ((wanted.get(c.channelId) ?? 0) / want) * left : left / Math.max(1, open.length)]));
  const amounts = new Map(pinned);
  for (const c of open) amounts.set(c.channelId, clamp(Math.floor(raw.get(c.channelId)!), c.budget.min, c.budget.max));
  // Whole units: hand out what flooring left over one unit at a time, largest remainder first, within
  // each bound; a fraction of a unit (budgets with cents) goes to the first channel with room.
  const byRemainder = [...open].sort((a, b) => frac(raw.get(b.channelId)!) - frac(raw.get(a.channelId)!));
  const sum = () => [...amounts.values()].reduce((s, v) => s + v, 0);
  let rest = roundCents(budget - sum());
  for (let moved = true; Math.abs(rest) >= 1 && moved;) {
    moved = false;
    for (const c of rest > 0 ? byRemainder : [...byRemainder].reverse()) {
      if (Math.abs(rest) < 1) break;
      const now = amounts.get(c.channelId)!;
      const step = Math.sign(rest);
      if (now + step > c.budget.max || now + step < c.budget.min) continue;
      amounts.set(c.channelId, now + step);
      rest = roundCents(rest - step);
      moved = true;
    }
  }
  if (rest !== 0) {
    const c = byRemainder.find((x) => amounts.get(x.channelId)! + rest <= x.budget.max && amounts.get(x.channelId)! + rest >= x.budget.min);
    if (c) amounts.set(c.channelId, roundCents(amounts.get(c.channelId)! + rest));
  }
  return amounts;
}

/** The pilot's channels must hold the pilot budget between them; move money back to them if not. */
function keepPilotCovered(channels: readonly CaseChannel[], amounts: Map<string, number>, pilot: SplitOptions['pilot']): void {
  if (!pilot) return;
  const inPilot = channels.filter((c) => pilot.channels.includes(c.channelId));
  let short = pilot.budget - inPilot.reduce((s, c) => s + (amounts.get(c.channelId) ?? 0), 0);
  if (short <= 0) return;
  for (const c of inPilot) {
    const take = Math.min(short, c.budget.max - amounts.get(c.channelId)!);
    if (take <= 0) continue;
    let moved = 0;
    for (const donor of channels.filter((d) => !pilot.channels.includes(d.channelId))) {
      const give = Math.min(take - moved, amounts.get(donor.channelId)! - donor.budget.min);
      if (give <= 0) continue;
      amounts.set(donor.channelId, amounts.get(donor.channelId)! - give);
      moved += give;
      if (moved >= take) break;
    }
    amounts.set(c.channelId, amounts.get(c.channelId)! + moved);
    short -= moved;
    if (short <= 0) return;
  }
}

function evidenceOf(c: CaseChannel, after: number, ctx: { total: number; earned: number; opts: SplitOptions }): Bilingual {
  const { currency, mediaRoi } = ctx.opts;
  const money = (n: number, lang: 'en' | 'zh-CN') => formatMoney(n, currency, lang);
  const roiText = (n: number | null, lang: 'en' | 'zh-CN') => (n === null ? '—' : formatRoi(n, lang));
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const before = ctx.total > 0 ? c.budget.initial / ctx.total : 0;
  const now = ctx.total > 0 ? after / ctx.total : 0;
  if (c.spend <= 0 || ctx.earned <= 0) {
    return {
      en: `${c.name}: no spend recorded last time, so no evidence to move it; kept at ${money(after, 'en')}.`,
      'zh-CN': `${c.name}:上次没有花费记录，没有调整依据，保持 ${money(after, 'zh-CN')}。`,
    };
  }
  const returnShare = Math.max(0, c.return) / ctx.earned;
  const bound = after === c.budget.max && after !== c.budget.initial ? 'max' : after === c.budget.min && after !== c.budget.initial ? 'min' : null;
  const boundEn = bound ? ` (held at its ${bound})` : '';
  const boundZh = bound ? `(受${bound === 'max' ? '上限' : '下限'}限制)` : '';
  const marginalEn = c.marginalRoi === null ? '' : `, marginal ROI ${roiText(c.marginalRoi, 'en')}`;
  const marginalZh = c.marginalRoi === null ? '' : `,边际投产比 ${roiText(c.marginalRoi, 'zh-CN')}`;
  return {
    en: `${c.name}: spent ${money(c.spend, 'en')}, returned ${money(c.return, 'en')}, ROI ${roiText(c.roi, 'en')} `
      + `(campaign ${roiText(mediaRoi, 'en')})${marginalEn}; brought ${pct(returnShare)} of the return on ${pct(before)} of the budget → `
      + `${pct(now)}, ${money(c.budget.initial, 'en')} → ${money(after, 'en')}${boundEn}.`,
    'zh-CN': `${c.name}:花费 ${money(c.spend, 'zh-CN')},回报 ${money(c.return, 'zh-CN')},投产比 ${roiText(c.roi, 'zh-CN')}`
      + `(活动整体 ${roiText(mediaRoi, 'zh-CN')})${marginalZh};以 ${pct(before)} 的预算带来 ${pct(returnShare)} 的回报 → `
      + `${pct(now)},${money(c.budget.initial, 'zh-CN')} → ${money(after, 'zh-CN')}${boundZh}。`,
  };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}

function frac(n: number): number {
  return n - Math.floor(n);
}
