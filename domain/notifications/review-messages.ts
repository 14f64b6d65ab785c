/** The weekly or monthly review as a message for the owner and informed people (P2.12). */
import type { Plan } from '../plan/schema.js';
import type { Review } from '../review.js';
import type { ReviewSummaryMessage } from './messages.js';

export function reviewSummaryMessage(input: { campaignId: string; plan: Plan; review: Review; at: Date }): ReviewSummaryMessage | undefined {
  const { plan, review } = input;
  if (review.period === 'daily') return undefined;
  const names = new Map(plan.channels.map((c) => [c.id, c.name ?? c.id]));
  return {
    kind: 'review-summary',
    campaign: { id: input.campaignId, name: plan.name, timezone: plan.timezone },
    at: input.at.toISOString(),
    period: review.period,
    label: review.key.slice(review.key.indexOf(':') + 1),
    fromDay: review.fromDay ?? review.day,
    toDay: review.day,
    currency: plan.currency,
    totals: { spend: review.totals.spend, orders: review.totals.orders, revenue: review.totals.revenue, roi: review.totals.roi },
    channels: review.lines.map((l) => ({ name: names.get(l.channelId) ?? l.channelId, spend: l.period.spend, orders: l.period.orders, roi: l.roi })),
    notes: review.notes,
  };
}

/** The owner and the informed people of every gate hear the periodic reviews, once each. */
export function reviewAudience(plan: Plan): string[] {
  return [...new Set([plan.owner, ...plan.gates.flatMap((g) => g.informed)])];
}
