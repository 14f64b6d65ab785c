/** Work that waits for itself, directly or round a circle, never starts: name the circle. */
import { findCycles } from '../graph.js';
import { issue, type RuleIssue } from '../issues.js';
import { PHASES, type Plan } from '../schema.js';

export function taskCycles(plan: Plan): RuleIssue[] {
  const index = new Map(plan.tasks.map((task, i) => [task.id, i] as const));
  const dependsOn = (id: string): string[] => plan.tasks[index.get(id)!]!.dependsOn;
  return findCycles(plan.tasks.map((task) => task.id), dependsOn).map((cycle) => {
    const i = index.get(cycle[0]!)!;
    const j = plan.tasks[i]!.dependsOn.indexOf(cycle[1]!);
    return issue('dependency-cycle', ['tasks', i, 'dependsOn', j], { kind: 'task', cycle });
  });
}

/** Gates may also wait for tasks, but tasks never wait for gates, so only gate-to-gate edges can loop. */
export function gateCycles(plan: Plan): RuleIssue[] {
  const index = new Map(plan.gates.map((gate, i) => [gate.id, i] as const));
  const dependsOn = (id: string): string[] => plan.gates[index.get(id)!]!.dependsOn;
  return findCycles(plan.gates.map((gate) => gate.id), dependsOn).map((cycle) => {
    const i = index.get(cycle[0]!)!;
    const j = plan.gates[i]!.dependsOn.indexOf(cycle[1]!);
    return issue('dependency-cycle', ['gates', i, 'dependsOn', j], { kind: 'gate', cycle });
  });
}

/** Phases run in order, so a task cannot wait for one that only runs in a later phase. */
export function dependenciesInPhaseOrder(plan: Plan): RuleIssue[] {
  const phaseOf = new Map(plan.tasks.map((task) => [task.id, task.phase] as const));
  return plan.tasks.flatMap((task, i) => task.dependsOn.flatMap((id, j) => {
    const dependsOnPhase = phaseOf.get(id);
    if (dependsOnPhase === undefined || PHASES.indexOf(dependsOnPhase) <= PHASES.indexOf(task.phase)) return [];
    return [issue('dependency-later-phase', ['tasks', i, 'dependsOn', j], { id, phase: task.phase, dependsOnPhase })];
  }));
}
