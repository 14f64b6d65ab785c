/**
 * The closing summary (P3.1, P3.6 in their first form): every KPI against its target and what each
 * channel spent and returned.
 */
import { kpiValues } from './kpi/tree.js';
import { cpa, roi, roundMoney, totalsByMetric, type ChannelMetrics } from './metrics.js';
import type { Plan } from './plan/schema.js';

export interface KpiProgress {
  id: string;
  name: string;
  target: number;
  /** Null while the data needed is missing (never NaN). */
  actual: number | null;
  /** actual / target; null when either is unknown. */
  attainment: number | null;
}

export interface ChannelOutcome {
  channelId: string;
  spend: number;
  orders: number;
  revenue: number;
  cpa: number | null;
  roi: number | null;
}

export interface ClosingSummary {
  campaignId: string;
  closedAt: string;
  currency: string;
  kpis: KpiProgress[];
  channels: ChannelOutcome[];
  totals: { spend: number; orders: number; revenue: number; roi: number | null; budget: number; budgetUsed: number | null };
}

export function kpiProgress(plan: Plan, metrics: readonly ChannelMetrics[]): KpiProgress[] {
  return kpiValues(plan.goals, totalsByMetric(metrics)).map((k) => ({
    id: k.id,
    name: k.name,
    target: k.target,
    actual: k.actual === 'unknown' ? null : round4(k.actual),
    attainment: k.attainment === 'unknown' ? null : round4(k.attainment),
  }));
}

export function summarizeClosing(plan: Plan, metrics: readonly ChannelMetrics[], closedAt: Date): ClosingSummary {
  const totals = totalsByMetric(metrics);
  return {
    campaignId: plan.id,
    closedAt: closedAt.toISOString(),
    currency: plan.currency,
    kpis: kpiProgress(plan, metrics),
    channels: metrics.map((m) => ({
      channelId: m.channelId,
      spend: roundMoney(m.spend),
      orders: m.orders,
      revenue: roundMoney(m.revenue),
      cpa: cpa(m),
      roi: roi(m),
    })),
    totals: {
      spend: totals.spend,
      orders: totals.orders,
      revenue: totals.revenue,
      roi: roi(totals),
      budget: plan.budget.total,
      budgetUsed: plan.budget.total > 0 ? round4(totals.spend / plan.budget.total) : null,
    },
  };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
