/** Ids are how the plan refers to things; two things with one id make every reference ambiguous. */
import { flattenGoals } from '../../kpi/tree.js';
import { issue, type Path, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';

export function duplicateIds(plan: Plan): RuleIssue[] {
  const collections: { id: string; path: Path }[][] = [
    plan.team.map((member, i) => ({ id: member.id, path: ['team', i, 'id'] })),
    flattenGoals(plan.goals).map(({ goal, location }) => ({ id: goal.id, path: [...location, 'id'] })),
    plan.channels.map((channel, i) => ({ id: channel.id, path: ['channels', i, 'id'] })),
    plan.gates.map((gate, i) => ({ id: gate.id, path: ['gates', i, 'id'] })),
    plan.tasks.map((task, i) => ({ id: task.id, path: ['tasks', i, 'id'] })),
    plan.content.map((piece, i) => ({ id: piece.id, path: ['content', i, 'id'] })),
    plan.audiences.map((audience, i) => ({ id: audience.id, path: ['audiences', i, 'id'] })),
    plan.budget.items.map((item, i) => ({ id: item.id, path: ['budget', 'items', i, 'id'] })),
  ];
  return collections.flatMap((entries) => {
    const first = new Map<string, Path>();
    return entries.flatMap(({ id, path }) => {
      const earlier = first.get(id);
      if (earlier) return [issue('duplicate-id', path, { id, firstPath: earlier })];
      first.set(id, path);
      return [];
    });
  });
}

/** A gate's dependsOn may name gates or tasks, so a gate and a task must not share an id. */
export function gateTaskIdClashes(plan: Plan): RuleIssue[] {
  const taskPaths = new Map<string, Path>();
  plan.tasks.forEach((task, i) => { if (!taskPaths.has(task.id)) taskPaths.set(task.id, ['tasks', i, 'id']); });
  return plan.gates.flatMap((gate, i) => {
    const taskPath = taskPaths.get(gate.id);
    return taskPath ? [issue('gate-task-id-clash', ['gates', i, 'id'], { id: gate.id, taskPath })] : [];
  });
}
