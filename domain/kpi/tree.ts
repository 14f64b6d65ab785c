/**
 * The KPI tree (P1.1): leaves are measured from raw analytics metrics, formula KPIs are computed
 * from other KPIs, and parents without either are the sum of their children.
 */
import type { GoalInput } from '../plan/schema.js';
import { formatPath, type Path } from '../plan/issues.js';
import { dependencyOrder } from '../plan/graph.js';
import { evaluateFormula, formulaReferences, parseFormula } from './formula.js';

export interface FlatGoal {
  goal: GoalInput;
  /** Where the goal sits in the plan, e.g. `goals[0].children[1]`. */
  path: string;
  location: Path;
  parent: GoalInput | undefined;
  depth: number;
  /** The goal's own owner, else the nearest ancestor's: whoever owns a branch owns what is unassigned in it. */
  owner: string | undefined;
}

export interface KpiValue {
  id: string;
  name: string;
  target: number;
  actual: number | 'unknown';
  attainment: number | 'unknown';
}

/** Every goal in the tree, parents before children, in the order they are written. */
export function flattenGoals(goals: readonly GoalInput[]): FlatGoal[] {
  const out: FlatGoal[] = [];
  type Pending = { goal: GoalInput; location: Path; parent: GoalInput | undefined; depth: number; inherited: string | undefined };
  // An explicit stack: a tree of any depth must not exhaust the call stack.
  const stack: Pending[] = goals.map((goal, i) => ({ goal, location: ['goals', i], parent: undefined, depth: 0, inherited: undefined })).reverse();
  while (stack.length > 0) {
    const { goal, location, parent, depth, inherited } = stack.pop()!;
    const owner = goal.owner ?? inherited;
    out.push({ goal, path: formatPath(location), location, parent, depth, owner });
    const children = goal.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ goal: children[i]!, location: [...location, 'children', i], parent: goal, depth: depth + 1, inherited: owner });
    }
  }
  return out;
}

/** How a KPI gets its value. */
export type KpiSource =
  | { kind: 'metric'; metric: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'sum'; children: string[] }
  | { kind: 'none' };

/** A metric wins over a formula, and either over summing children: what the author wrote most specifically. */
export function kpiSource(goal: GoalInput): KpiSource {
  if (goal.metric !== undefined) return { kind: 'metric', metric: goal.metric };
  if (goal.formula !== undefined) return { kind: 'formula', formula: goal.formula };
  if (goal.children && goal.children.length > 0) return { kind: 'sum', children: goal.children.map((child) => child.id) };
  return { kind: 'none' };
}

/** Every KPI's actual value and attainment from the raw metrics analytics reported. */
export function kpiValues(goals: readonly GoalInput[], rawMetrics: Readonly<Record<string, number>>): KpiValue[] {
  const flat = flattenGoals(goals);
  const byId = new Map<string, GoalInput>();
  for (const { goal } of flat) if (!byId.has(goal.id)) byId.set(goal.id, goal);

  // Each KPI is computed after the KPIs it reads; KPIs on a cycle (a validation error) stay unknown.
  const { order } = dependencyOrder([...byId.keys()], (id) => kpiInputs(byId.get(id)!));
  const actuals = new Map<string, number | 'unknown'>();
  const actualOf = (id: string): number | 'unknown' => actuals.get(id) ?? 'unknown';
  for (const id of order) actuals.set(id, computeActual(byId.get(id)!, rawMetrics, actualOf));

  return flat.map(({ goal }) => {
    const actual = actualOf(goal.id);
    return { id: goal.id, name: goal.name, target: goal.target, actual, attainment: attainment(actual, goal.target) };
  });
}

/** The KPIs whose values this KPI is computed from. */
export function kpiInputs(goal: GoalInput): string[] {
  const source = kpiSource(goal);
  if (source.kind === 'sum') return source.children;
  if (source.kind === 'formula') {
    const parsed = parseFormula(source.formula);
    return parsed.ok ? formulaReferences(parsed.ast) : [];
  }
  return [];
}

function computeActual(
  goal: GoalInput,
  rawMetrics: Readonly<Record<string, number>>,
  actualOf: (id: string) => number | 'unknown',
): number | 'unknown' {
  const source = kpiSource(goal);
  switch (source.kind) {
    case 'metric': {
      const value = Object.hasOwn(rawMetrics, source.metric) ? rawMetrics[source.metric] : undefined;
      return typeof value === 'number' && Number.isFinite(value) ? value : 'unknown';
    }
    case 'formula': {
      const parsed = parseFormula(source.formula);
      if (!parsed.ok) return 'unknown';
      return evaluateFormula(parsed.ast, (id) => {
        const value = actualOf(id);
        return value === 'unknown' ? undefined : value;
      });
    }
    case 'sum': {
      // A partial sum would read as under-performance, so one unknown child makes the total unknown.
      let total = 0;
      for (const id of source.children) {
        const value = actualOf(id);
        if (value === 'unknown') return 'unknown';
        total += value;
      }
      return Number.isFinite(total) ? total : 'unknown';
    }
    case 'none':
      return 'unknown';
  }
}

export function attainment(actual: number | 'unknown', target: number): number | 'unknown' {
  if (actual === 'unknown' || target === 0) return 'unknown';
  const rate = actual / target;
  return Number.isFinite(rate) ? rate : 'unknown';
}
