/** The rule functions on their own: where each one draws its line. */
import { describe, expect, it } from 'vitest';
import { budgetWithinTotal, channelBudgetRanges, pilotBudgetWithinChannels } from '../../../domain/plan/rules/budget.js';
import { campaignWindow, goalDeadlines, goalsDueWithinCampaign, realDates } from '../../../domain/plan/rules/dates.js';
import { dependenciesInPhaseOrder, gateCycles, taskCycles } from '../../../domain/plan/rules/dependencies.js';
import { duplicateIds } from '../../../domain/plan/rules/ids.js';
import { formulaChecks, kpisMeasurable, kpisOwned } from '../../../domain/plan/rules/kpis.js';
import { personReferences, unknownDependencies, unknownPeople } from '../../../domain/plan/rules/references.js';
import { PLAN_RULES } from '../../../domain/plan/rules/index.js';
import { minimalPlan } from './plan-fixtures.js';

const rules = (issues: { rule: string }[]): string[] => issues.map((i) => i.rule);

describe('every rule', () => {
  it('finds nothing wrong with the minimal plan', () => {
    const plan = minimalPlan();
    for (const rule of PLAN_RULES) expect(rule.check(plan), rule.name).toEqual([]);
  });
});

describe('budget rules', () => {
  it('accepts allocations that use the total exactly, and rejects one unit more', () => {
    const plan = minimalPlan();
    plan.budget.total = 80_000;
    expect(budgetWithinTotal(plan)).toEqual([]);
    plan.budget.total = 79_999;
    expect(rules(budgetWithinTotal(plan))).toEqual(['budget-over-total']);
  });

  it('does not fail a budget on a rounding error in decimal money', () => {
    const plan = minimalPlan();
    plan.channels[0]!.budget.initial = 0.1;
    plan.channels[1]!.budget.initial = 0.2;
    plan.budget.items = [];
    plan.budget.reserve = 0;
    plan.budget.total = 0.3;
    expect(budgetWithinTotal(plan)).toEqual([]);
  });

  it('accepts an initial budget on either end of its range', () => {
    const plan = minimalPlan();
    plan.channels[0]!.budget = { initial: 10_000, min: 10_000, max: 60_000 };
    plan.channels[1]!.budget = { initial: 30_000, min: 0, max: 30_000 };
    expect(channelBudgetRanges(plan)).toEqual([]);
    plan.channels[1]!.budget.initial = 30_001;
    expect(channelBudgetRanges(plan)).toEqual([
      { rule: 'channel-initial-outside-range', path: ['channels', 1, 'budget', 'initial'], params: { initial: 30_001, min: 0, max: 30_000 } },
    ]);
  });

  it('counts each pilot channel once, and leaves unknown pilot channels to their own rule', () => {
    const plan = minimalPlan();
    plan.pilot!.channels = ['douyin', 'douyin'];
    plan.pilot!.budget = 40_000;
    expect(pilotBudgetWithinChannels(plan)).toEqual([]);
    plan.pilot!.budget = 40_001;
    expect(rules(pilotBudgetWithinChannels(plan))).toEqual(['pilot-budget-over-channels']);
    plan.pilot!.channels = ['douyin', 'tiktok'];
    expect(pilotBudgetWithinChannels(plan)).toEqual([]);
  });
});

describe('reference rules', () => {
  it('finds every place a person is named', () => {
    const paths = personReferences(minimalPlan()).map((ref) => ref.path.join('.'));
    expect(paths).toEqual([
      'owner', 'team.2.delegate.to', 'goals.0.owner', 'goals.0.children.0.owner', 'gates.0.accountable', 'gates.0.informed.0',
      'gates.1.accountable', 'gates.1.responsible.0', 'tasks.0.owner', 'tasks.1.owner', 'pilot.decidedBy',
      'rollout.optimization.approver', 'interaction.crisis.accountable', 'closing.accountable',
    ]);
  });

  it('suggests only ids within two edits', () => {
    const plan = minimalPlan();
    plan.gates[0]!.accountable = 'wang.wi';
    plan.gates[1]!.accountable = 'someone.else';
    const found = unknownPeople(plan);
    expect(found.map((i) => ('suggestion' in i.params ? i.params.suggestion : null))).toEqual(['wang.wei', undefined]);
  });

  it('lets gates wait for tasks but tasks only for tasks', () => {
    const plan = minimalPlan();
    plan.tasks[1]!.dependsOn = ['goals'];
    expect(unknownDependencies(plan)).toEqual([
      { rule: 'unknown-task', path: ['tasks', 1, 'dependsOn', 0], params: { id: 'goals', suggestion: undefined } },
    ]);
  });
});

describe('dependency rules', () => {
  it('reports a task that waits for itself', () => {
    const plan = minimalPlan();
    plan.tasks[0]!.dependsOn = ['script'];
    expect(taskCycles(plan)).toEqual([
      { rule: 'dependency-cycle', path: ['tasks', 0, 'dependsOn', 0], params: { kind: 'task', cycle: ['script', 'script'] } },
    ]);
  });

  it('reports each separate cycle once', () => {
    const plan = minimalPlan();
    plan.gates = [
      { ...plan.gates[0]!, id: 'a', dependsOn: ['b'] }, { ...plan.gates[0]!, id: 'b', dependsOn: ['a'] },
      { ...plan.gates[0]!, id: 'c', dependsOn: ['d'] }, { ...plan.gates[0]!, id: 'd', dependsOn: ['c', 'a'] },
    ];
    expect(gateCycles(plan).map((i) => (i.rule === 'dependency-cycle' ? i.params.cycle : []))).toEqual([['a', 'b', 'a'], ['c', 'd', 'c']]);
  });

  it('allows a later-phase task to wait for an earlier-phase one', () => {
    const plan = minimalPlan();
    plan.tasks[1]!.phase = 'rollout';
    expect(dependenciesInPhaseOrder(plan)).toEqual([]);
  });
});

describe('KPI rules', () => {
  it('lets a leaf inherit its owner from the nearest KPI above it', () => {
    const plan = minimalPlan();
    expect(plan.goals[0]!.children![1]!.owner).toBeUndefined();
    expect(kpisOwned(plan)).toEqual([]);
  });

  it('does not require a metric on a parent, which is the sum of its children', () => {
    const plan = minimalPlan();
    delete plan.goals[0]!.metric;
    expect(kpisMeasurable(plan)).toEqual([]);
  });

  it('finds duplicate KPI ids anywhere in the tree', () => {
    const plan = minimalPlan();
    plan.goals.push({ id: 'extra', name: 'Extra', target: 1, metric: 'x', owner: 'li.na', children: [{ id: 'cvr', name: 'Again', target: 1, metric: 'y' }] });
    expect(duplicateIds(plan)).toEqual([
      { rule: 'duplicate-id', path: ['goals', 1, 'children', 0, 'id'], params: { id: 'cvr', firstPath: ['goals', 0, 'children', 1, 'id'] } },
    ]);
  });

  it('reports a formula that divides by zero only when the divisor is constant', () => {
    const plan = minimalPlan();
    plan.goals[0]!.children![1]!.formula = 'orders / (uv - uv)';
    expect(formulaChecks(plan)).toEqual([]);
    plan.goals[0]!.children![1]!.formula = 'orders ÷ (3 × 0)';
    expect(rules(formulaChecks(plan))).toEqual(['formula-divides-by-zero']);
  });
});

describe('date rules', () => {
  it('accepts end, every phase the plan has, and real dates', () => {
    const plan = minimalPlan();
    for (const due of ['end', 'preparation', 'pilot', 'warmup', 'rollout', 'closing', '2027-03-20']) {
      plan.goals[0]!.due = due;
      expect(goalDeadlines(plan), due).toEqual([]);
    }
  });

  it('knows leap years', () => {
    const plan = minimalPlan();
    plan.start = '2028-02-29';
    expect(realDates(plan)).toEqual([]);
    plan.start = '2027-02-29';
    expect(rules(realDates(plan))).toEqual(['date-not-real']);
  });

  it('runs preparation before the launch (start), then the pilot, warm-up and rollout after it', () => {
    const plan = minimalPlan();
    // Preparation: the gate chain goals (2d) and script (2d) → assets (3d) takes 5 days; then 7 + 3 + 30.
    const window = campaignWindow(plan)!;
    expect(new Date(window.start).toISOString().slice(0, 10)).toBe('2027-02-24');
    expect(new Date(window.end).toISOString().slice(0, 10)).toBe('2027-04-10');
    plan.goals[0]!.due = '2027-04-10';
    expect(goalsDueWithinCampaign(plan)).toEqual([]);
    plan.goals[0]!.due = '2027-02-24';
    expect(goalsDueWithinCampaign(plan)).toEqual([]);
    plan.goals[0]!.due = '2027-04-11';
    expect(rules(goalsDueWithinCampaign(plan))).toEqual(['goal-due-outside-campaign']);
    plan.goals[0]!.due = '2027-02-23';
    expect(rules(goalsDueWithinCampaign(plan))).toEqual(['goal-due-outside-campaign']);
  });

  it('cannot place a date without a start date, so does not judge it', () => {
    const plan = minimalPlan();
    delete plan.start;
    plan.goals[0]!.due = '2030-01-01';
    expect(goalsDueWithinCampaign(plan)).toEqual([]);
  });
});
