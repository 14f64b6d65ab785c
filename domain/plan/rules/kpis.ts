/**
 * The KPI tree (P1.1): every KPI can be measured or computed, formulas read existing KPIs and can
 * always be evaluated, every KPI has one person who answers for it and a target it can reach.
 */
import { dividesByConstantZero, formulaReferences, parseFormula } from '../../kpi/formula.js';
import { flattenGoals, kpiInputs } from '../../kpi/tree.js';
import { findCycles } from '../graph.js';
import { issue, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';
import { didYouMean } from '../suggest.js';

export function formulaChecks(plan: Plan): RuleIssue[] {
  const flat = flattenGoals(plan.goals);
  const kpis = flat.map(({ goal }) => goal.id);
  const known = new Set(kpis);
  return flat.flatMap(({ goal, location }) => {
    if (goal.formula === undefined) return [];
    const path = [...location, 'formula'];
    const parsed = parseFormula(goal.formula);
    if (!parsed.ok) {
      return [issue('formula-syntax', path, { formula: goal.formula, position: parsed.error.position, problem: parsed.error.problem })];
    }
    const found: RuleIssue[] = formulaReferences(parsed.ast)
      .filter((id) => !known.has(id))
      .map((id) => issue('formula-unknown-kpi', path, { id, suggestion: didYouMean(id, kpis), split: subtraction(id, known) }));
    if (dividesByConstantZero(parsed.ast)) found.push(issue('formula-divides-by-zero', path, { formula: goal.formula }));
    return found;
  });
}

/** `orders-returns` is one id; if its parts are KPIs, the author meant `orders - returns`. */
function subtraction(id: string, known: ReadonlySet<string>): string | undefined {
  const parts = id.split('-');
  if (parts.length < 2) return undefined;
  const meaningful = parts.every((part) => known.has(part) || /^\d+(\.\d+)?$/.test(part));
  return meaningful ? parts.join(' - ') : undefined;
}

/** Formulas and sums that depend on themselves can never be computed. */
export function formulaCycles(plan: Plan): RuleIssue[] {
  const flat = flattenGoals(plan.goals);
  const byId = new Map(flat.map((entry) => [entry.goal.id, entry] as const));
  return findCycles([...byId.keys()], (id) => kpiInputs(byId.get(id)!.goal)).map((cycle) => {
    const { goal, location } = byId.get(cycle[0]!)!;
    return issue('formula-cycle', goal.formula !== undefined ? [...location, 'formula'] : location, { cycle });
  });
}

/** Leaves must be measured or computed; parents without either are the sum of their children. */
export function kpisMeasurable(plan: Plan): RuleIssue[] {
  return flattenGoals(plan.goals).flatMap(({ goal, location }) => {
    if (goal.metric !== undefined && goal.formula !== undefined) return [issue('kpi-metric-and-formula', [...location, 'formula'], {})];
    const isLeaf = !goal.children || goal.children.length === 0;
    if (isLeaf && goal.metric === undefined && goal.formula === undefined) return [issue('kpi-no-measure', location, {})];
    return [];
  });
}

/**
 * Every leaf KPI needs an owner, its own or inherited from the nearest KPI above it that has one:
 * whoever owns a branch answers for what nobody else in it claimed, and trees stay short to write.
 * A parent without any owner is fine when all its leaves are owned, as it is only their sum.
 */
export function kpisOwned(plan: Plan): RuleIssue[] {
  return flattenGoals(plan.goals).flatMap(({ goal, location, owner }) => {
    const isLeaf = !goal.children || goal.children.length === 0;
    return isLeaf && owner === undefined ? [issue('kpi-no-owner', location, {})] : [];
  });
}

/** A criterion without a bound always passes, which makes the go/no-go decision meaningless. */
export function pilotCriteriaBounded(plan: Plan): RuleIssue[] {
  return (plan.pilot?.successCriteria ?? []).flatMap((criterion, i) => (criterion.atLeast === undefined && criterion.atMost === undefined
    ? [issue('pilot-criterion-without-bound', ['pilot', 'successCriteria', i], { kpi: criterion.kpi })]
    : []));
}

/**
 * Attainment is actual ÷ target: a target of zero can never be judged (the report would show no
 * attainment for the whole campaign), and a negative one is no amount anything can reach.
 */
export function kpiTargetsPositive(plan: Plan): RuleIssue[] {
  return flattenGoals(plan.goals).flatMap(({ goal, location }) => (goal.target > 0
    ? []
    : [issue('kpi-target-not-positive', [...location, 'target'], { target: goal.target })]));
}

/** A criterion asking for at least more than it allows at most fails whatever the pilot does. */
export function pilotCriteriaPossible(plan: Plan): RuleIssue[] {
  return (plan.pilot?.successCriteria ?? []).flatMap(({ kpi, atLeast, atMost }, i) => (atLeast !== undefined && atMost !== undefined && atLeast > atMost
    ? [issue('pilot-criterion-impossible', ['pilot', 'successCriteria', i, 'atLeast'], { kpi, atLeast, atMost })]
    : []));
}
