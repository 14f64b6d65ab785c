/**
 * ROI at closing (P3.6, P3.7). Input is media spend per channel, the budget items (their recorded
 * actuals, else their caps) and people's time; return is revenue plus the value of leads. ROI is
 * return ÷ input (投产比), as everywhere in this product. Per channel it is media only: items and
 * people serve the whole campaign and are not split across channels.
 *
 * Per content item, a channel's spend and return are shared among the items published on it in
 * proportion to their posts. That is an approximation: a post's actual pull varies, and platforms
 * seldom report results per post.
 */
import { rolloutBudget } from '../allocation/campaign-review.js';
import type { ChannelDay } from '../channel-metrics.js';
import { roi, roundMoney } from '../metrics.js';
import type { Plan } from '../plan/schema.js';
import type { GateRecord } from './decisions.js';
import { marginalReturn } from './marginal.js';
import { channelIdsOf } from './metric-totals.js';
import { channelName } from './names.js';
import { peopleTime, type PersonTime } from './people-time.js';
import { roiFindings, type RoiFinding } from './roi-findings.js';

/** What one lead is worth to the business, per kind; orders are valued by their revenue. */
export interface LeadValues {
  signups?: number;
  inquiries?: number;
}

/** How many times a content item was posted on a channel (the publishing calendar's count). */
export interface ContentPosts {
  contentId: string;
  channelId: string;
  posts: number;
}

export interface RoiInput {
  plan: Plan;
  rows: readonly ChannelDay[];
  /** Actual spend per budget item id; an item without one is counted at its cap. */
  itemSpend?: Readonly<Record<string, number>>;
  leadValues?: LeadValues;
  /** Without these, each content item counts one post on each channel it lists. */
  posts?: readonly ContentPosts[];
  gates?: readonly GateRecord[];
  /** Each channel's allocation at the end (the status's channels), to show what it left unspent. */
  allocations?: Readonly<Record<string, number>>;
}

export interface BudgetItemCost {
  id: string;
  name: string;
  cap: number;
  spent: number;
  /** True when no actual was recorded and the cap stands in for it. */
  assumed: boolean;
}

export interface ChannelReturn {
  channelId: string;
  name: string;
  spend: number;
  revenue: number;
  orders: number;
  /** Sign-ups and inquiries. */
  leads: number;
  conversions: number;
  leadValue: number;
  return: number;
  roi: number | null;
  /** Extra return per extra unit of spend, from the channel's days; null when it cannot be told. */
  marginalRoi: number | null;
  spendShare: number;
  conversionShare: number;
}

export interface ContentReturn {
  contentId: string;
  title: string;
  channels: string[];
  posts: number;
  spend: number;
  return: number;
  roi: number | null;
}

export interface ChannelLeftover {
  channelId: string;
  name: string;
  allocation: number;
  spend: number;
  left: number;
}

export interface Unspent {
  total: number;
  reserve: number;
  rollout: number;
  items: number;
  channels: ChannelLeftover[];
}

export interface CampaignRoi {
  currency: string;
  input: { media: number; items: number; people: number; total: number; uncostedHours: number };
  return: { revenue: number; leads: number; leadValue: number; total: number };
  /** Total return ÷ total input. */
  roi: number | null;
  /** Return ÷ media spend: the figure channels are compared with. */
  mediaRoi: number | null;
  net: number;
  items: BudgetItemCost[];
  people: PersonTime[];
  channels: ChannelReturn[];
  content: ContentReturn[];
  /** Spend and return of channels no content item lists. */
  unattributed: { spend: number; return: number };
  unspent: Unspent;
  findings: RoiFinding[];
}

export function campaignRoi(input: RoiInput): CampaignRoi {
  const { plan } = input;
  const values = input.leadValues ?? {};
  const channels = channelReturns(input, values);
  const media = roundMoney(channels.reduce((s, c) => s + c.spend, 0));
  const revenue = roundMoney(channels.reduce((s, c) => s + c.revenue, 0));
  const leads = channels.reduce((s, c) => s + c.leads, 0);
  const leadValue = roundMoney(channels.reduce((s, c) => s + c.leadValue, 0));
  const returned = roundMoney(revenue + leadValue);

  const items = plan.budget.items.map((item): BudgetItemCost => {
    const actual = input.itemSpend?.[item.id];
    return { id: item.id, name: item.name, cap: item.cap, spent: roundMoney(actual ?? item.cap), assumed: actual === undefined };
  });
  const itemCost = roundMoney(items.reduce((s, i) => s + i.spent, 0));
  const people = peopleTime(plan, input.gates);
  const peopleCost = roundMoney(people.reduce((s, p) => s + (p.cost ?? 0), 0));
  const uncostedHours = Math.round(people.filter((p) => p.cost === null).reduce((s, p) => s + p.hours, 0) * 100) / 100;
  const total = roundMoney(media + itemCost + peopleCost);

  const { content, unattributed } = contentReturns(plan, channels, input.posts);
  const unspent = unspentBudget(plan, channels, items, input.allocations);
  const result = {
    currency: plan.currency,
    input: { media, items: itemCost, people: peopleCost, total, uncostedHours },
    return: { revenue, leads, leadValue, total: returned },
    roi: roi({ spend: total, revenue: returned }),
    mediaRoi: roi({ spend: media, revenue: returned }),
    net: roundMoney(returned - total),
    items,
    people,
    channels,
    content,
    unattributed,
    unspent,
  };
  return { ...result, findings: roiFindings(result, plan.budget.total) };
}

function channelReturns(input: RoiInput, values: LeadValues): ChannelReturn[] {
  const perLead = (d: ChannelDay) => d.signups * (values.signups ?? 0) + d.inquiries * (values.inquiries ?? 0);
  const lines = channelIdsOf(input.plan.channels, input.rows).map((channelId) => {
    const days = input.rows.filter((r) => r.channelId === channelId);
    const sum = (pick: (d: ChannelDay) => number) => days.reduce((s, d) => s + pick(d), 0);
    const spend = roundMoney(sum((d) => d.spend));
    const revenue = roundMoney(sum((d) => d.revenue));
    const leadValue = roundMoney(sum(perLead));
    const returned = roundMoney(revenue + leadValue);
    const orders = sum((d) => d.orders);
    const leads = sum((d) => d.signups + d.inquiries);
    const byDay = new Map<number, { spend: number; return: number }>();
    for (const d of days) {
      const entry = byDay.get(d.day) ?? { spend: 0, return: 0 };
      entry.spend += d.spend;
      entry.return += d.revenue + perLead(d);
      byDay.set(d.day, entry);
    }
    return {
      channelId,
      name: channelName(input.plan, channelId),
      spend, revenue, orders, leads, conversions: orders + leads, leadValue, return: returned,
      roi: roi({ spend, revenue: returned }),
      marginalRoi: marginalReturn([...byDay.values()]),
    };
  });
  const totalSpend = lines.reduce((s, l) => s + l.spend, 0);
  const totalConversions = lines.reduce((s, l) => s + l.conversions, 0);
  return lines.map((l) => ({
    ...l,
    spendShare: totalSpend > 0 ? round4(l.spend / totalSpend) : 0,
    conversionShare: totalConversions > 0 ? round4(l.conversions / totalConversions) : 0,
  }));
}

function contentReturns(plan: Plan, channels: readonly ChannelReturn[], posts?: readonly ContentPosts[]) {
  const counts = posts
    ? posts.filter((p) => p.posts > 0)
    : plan.content.flatMap((c) => c.channels.map((channelId) => ({ contentId: c.id, channelId, posts: 1 })));
  const postsOnChannel = new Map<string, number>();
  for (const p of counts) postsOnChannel.set(p.channelId, (postsOnChannel.get(p.channelId) ?? 0) + p.posts);

  const content = plan.content.map((item): ContentReturn => {
    let spend = 0;
    let returned = 0;
    let itemPosts = 0;
    const on: string[] = [];
    for (const p of counts.filter((x) => x.contentId === item.id)) {
      const channel = channels.find((c) => c.channelId === p.channelId);
      const share = p.posts / postsOnChannel.get(p.channelId)!;
      itemPosts += p.posts;
      if (!on.includes(p.channelId)) on.push(p.channelId);
      if (!channel) continue;
      spend += channel.spend * share;
      returned += channel.return * share;
    }
    return {
      contentId: item.id, title: item.title, channels: on, posts: itemPosts,
      spend: roundMoney(spend), return: roundMoney(returned), roi: roi({ spend, revenue: returned }),
    };
  });
  const bare = channels.filter((c) => !postsOnChannel.has(c.channelId));
  return {
    content,
    unattributed: {
      spend: roundMoney(bare.reduce((s, c) => s + c.spend, 0)),
      return: roundMoney(bare.reduce((s, c) => s + c.return, 0)),
    },
  };
}

/**
 * What of the plan's budget nobody spent, split into budget items left under their caps, rollout
 * money the channels did not use, and the reserve. Overspending one part uses up another first.
 */
function unspentBudget(
  plan: Plan,
  channels: readonly ChannelReturn[],
  items: readonly BudgetItemCost[],
  allocations?: Readonly<Record<string, number>>,
): Unspent {
  const media = channels.reduce((s, c) => s + c.spend, 0);
  const itemsSpent = items.reduce((s, i) => s + i.spent, 0);
  const total = Math.max(0, plan.budget.total - media - itemsSpent);
  const itemsLeft = Math.min(total, items.reduce((s, i) => s + Math.max(0, i.cap - i.spent), 0));
  const rolloutLeft = Math.min(total - itemsLeft, Math.max(0, rolloutBudget(plan) - media));
  const leftovers = Object.entries(allocations ?? {}).flatMap(([channelId, allocation]) => {
    const spend = channels.find((c) => c.channelId === channelId)?.spend ?? 0;
    const left = roundMoney(allocation - spend);
    return left > 0 ? [{ channelId, name: channelName(plan, channelId), allocation, spend, left }] : [];
  });
  return {
    total: roundMoney(total),
    items: roundMoney(itemsLeft),
    rollout: roundMoney(rolloutLeft),
    reserve: roundMoney(total - itemsLeft - rolloutLeft),
    channels: leftovers.sort((a, b) => b.left - a.left),
  };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
