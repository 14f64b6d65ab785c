/**
 * How a KPI's result is judged (P3.1): the rate against the target, whether more is better, the
 * verdict, and whether the miss or overshoot is large enough to look for causes.
 */
import { kpiSource } from '../kpi/tree.js';
import type { GoalInput, Plan } from '../plan/schema.js';

export type Verdict = 'met' | 'missed' | 'exceeded' | 'unknown';
export type Better = 'higher' | 'lower';

/**
 * Beyond this share off target a result asks for an explanation; closer than that, noise in the
 * data and the target's own precision explain it.
 */
export const CAUSE_THRESHOLD = 0.1;

/**
 * Reaching the target is met, beating it by more than the threshold exceeded; falling short at all
 * is missed. A KPI where less is better (cost per order) mirrors this.
 */
export function verdictOf(rate: number | null, better: Better): Verdict {
  if (rate === null || !Number.isFinite(rate)) return 'unknown';
  if (better === 'higher') return rate < 1 ? 'missed' : rate > 1 + CAUSE_THRESHOLD ? 'exceeded' : 'met';
  return rate > 1 ? 'missed' : rate < 1 - CAUSE_THRESHOLD ? 'exceeded' : 'met';
}

export function needsCauses(rate: number | null): boolean {
  return rate !== null && Math.abs(rate - 1) > CAUSE_THRESHOLD + 1e-9;
}

/**
 * The plan has no "less is better" flag; a pilot criterion with only `atMost` says it for its KPI,
 * and callers may name more.
 */
export function lowerIsBetterKpis(plan: Pick<Plan, 'pilot'>, named: readonly string[] = []): Set<string> {
  const ids = new Set(named);
  for (const c of plan.pilot?.successCriteria ?? []) {
    if (c.atMost !== undefined && c.atLeast === undefined) ids.add(c.kpi);
  }
  return ids;
}

/**
 * A KPI is additive when channel and period values add up to the campaign's: a measured metric, or
 * a sum of additive children. Formulas (rates, ratios) are not, and are compared level to level.
 */
export function additiveKpis(flat: readonly GoalInput[]): Set<string> {
  const additive = new Set<string>();
  // Children follow their parents in a flattened tree, so walking it backwards judges them first.
  for (let i = flat.length - 1; i >= 0; i--) {
    const source = kpiSource(flat[i]!);
    if (source.kind === 'metric' || (source.kind === 'sum' && source.children.every((child) => additive.has(child)))) {
      additive.add(flat[i]!.id);
    }
  }
  return additive;
}
