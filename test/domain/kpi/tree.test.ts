/** The KPI tree: flattening, owners, and actuals from raw metrics. */
import { describe, expect, it } from 'vitest';
import { attainment, flattenGoals, kpiValues } from '../../../domain/kpi/tree.js';
import type { GoalInput } from '../../../domain/plan/schema.js';

const tree: GoalInput[] = [
  {
    id: 'orders', name: 'Orders', metric: 'orders', target: 200, owner: 'li.na',
    children: [
      { id: 'uv', name: 'Visitors', metric: 'uv', target: 5000, owner: 'zhao.lei' },
      { id: 'cvr', name: 'Conversion', formula: 'orders / uv', target: 0.04 },
    ],
  },
  {
    id: 'leads', name: 'Leads', target: 100,
    children: [
      { id: 'leads.edm', name: 'EDM', metric: 'leads_edm', target: 60, owner: 'chen.jing' },
      { id: 'leads.sem', name: 'SEM', metric: 'leads_sem', target: 40 },
    ],
  },
];

describe('flattenGoals', () => {
  it('lists parents before children, with path, parent, depth and effective owner', () => {
    expect(flattenGoals(tree).map(({ goal, path, parent, depth, owner }) => [goal.id, path, parent?.id, depth, owner])).toEqual([
      ['orders', 'goals[0]', undefined, 0, 'li.na'],
      ['uv', 'goals[0].children[0]', 'orders', 1, 'zhao.lei'],
      ['cvr', 'goals[0].children[1]', 'orders', 1, 'li.na'],
      ['leads', 'goals[1]', undefined, 0, undefined],
      ['leads.edm', 'goals[1].children[0]', 'leads', 1, 'chen.jing'],
      ['leads.sem', 'goals[1].children[1]', 'leads', 1, undefined],
    ]);
  });

  it('handles a tree deeper than a recursive walk could', () => {
    let goal: GoalInput = { id: 'leaf', name: 'Leaf', target: 1, metric: 'm' };
    for (let i = 0; i < 2_000; i++) goal = { id: `g${i}`, name: 'G', target: 1, children: [goal] };
    expect(flattenGoals([goal])).toHaveLength(2_001);
  });
});

describe('kpiValues', () => {
  it('takes metrics for measured KPIs, evaluates formulas and sums parents', () => {
    const byId = Object.fromEntries(kpiValues(tree, { orders: 150, uv: 5000, leads_edm: 30, leads_sem: 50 }).map((v) => [v.id, v]));
    expect(byId['orders']).toEqual({ id: 'orders', name: 'Orders', target: 200, actual: 150, attainment: 0.75 });
    expect(byId['cvr']!.actual).toBeCloseTo(0.03);
    expect(byId['cvr']!.attainment).toBeCloseTo(0.75);
    expect(byId['leads']).toMatchObject({ actual: 80, attainment: 0.8 });
  });

  it('is unknown where data is missing, and a sum with an unknown part is unknown', () => {
    const byId = Object.fromEntries(kpiValues(tree, { orders: 150, leads_edm: 30 }).map((v) => [v.id, v]));
    expect(byId['uv']).toMatchObject({ actual: 'unknown', attainment: 'unknown' });
    expect(byId['cvr']!.actual).toBe('unknown');
    expect(byId['leads']!.actual).toBe('unknown');
  });

  it('evaluates formulas that read other formulas, in whatever order they are written', () => {
    const goals: GoalInput[] = [
      { id: 'b', name: 'B', formula: 'a * 2', target: 1 },
      { id: 'c', name: 'C', formula: 'b + a', target: 1 },
      { id: 'a', name: 'A', metric: 'a', target: 1 },
    ];
    expect(kpiValues(goals, { a: 3 }).map((v) => v.actual)).toEqual([6, 9, 3]);
  });

  it('leaves KPIs on a cycle unknown instead of looping', () => {
    const goals: GoalInput[] = [
      { id: 'x', name: 'X', formula: 'y + 1', target: 1 },
      { id: 'y', name: 'Y', formula: 'x + 1', target: 1 },
      { id: 'z', name: 'Z', metric: 'z', target: 1 },
    ];
    expect(kpiValues(goals, { z: 4 }).map((v) => v.actual)).toEqual(['unknown', 'unknown', 4]);
  });

  it('does not read metrics from the object prototype', () => {
    const goals: GoalInput[] = [{ id: 'p', name: 'P', metric: 'constructor', target: 1 }];
    expect(kpiValues(goals, {})[0]!.actual).toBe('unknown');
  });
});

describe('attainment', () => {
  it('is unknown for a zero target or an unknown actual', () => {
    expect(attainment(5, 0)).toBe('unknown');
    expect(attainment('unknown', 10)).toBe('unknown');
    expect(attainment(5, 10)).toBe(0.5);
  });
});
