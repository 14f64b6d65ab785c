/**
 * Everything a plan refers to by id must exist: people in `team`, channels in `channels`, KPIs in
 * the goal tree, tasks and gates that others wait for.
 */
import { flattenGoals } from '../../kpi/tree.js';
import { issue, type Path, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';
import { didYouMean } from '../suggest.js';

export interface Reference {
  id: string;
  path: Path;
}

/** Every place the plan names a person, with the path to that name. */
export function personReferences(plan: Plan): Reference[] {
  const refs: Reference[] = [{ id: plan.owner, path: ['owner'] }];
  const list = (ids: readonly string[], path: Path): void => ids.forEach((id, i) => refs.push({ id, path: [...path, i] }));
  const one = (id: string | undefined, path: Path): void => { if (id !== undefined) refs.push({ id, path }); };

  plan.team.forEach((member, i) => one(member.delegate?.to, ['team', i, 'delegate', 'to']));
  for (const { goal, location } of flattenGoals(plan.goals)) one(goal.owner, [...location, 'owner']);
  plan.gates.forEach((gate, i) => {
    one(gate.accountable, ['gates', i, 'accountable']);
    list(gate.responsible, ['gates', i, 'responsible']);
    list(gate.consulted, ['gates', i, 'consulted']);
    list(gate.informed, ['gates', i, 'informed']);
    one(gate.escalateTo, ['gates', i, 'escalateTo']);
  });
  plan.tasks.forEach((task, i) => one(task.owner, ['tasks', i, 'owner']));
  plan.channels.forEach((channel, i) => one(channel.responsible, ['channels', i, 'responsible']));
  one(plan.pilot?.decidedBy, ['pilot', 'decidedBy']);
  one(plan.rollout.optimization?.approver, ['rollout', 'optimization', 'approver']);
  one(plan.interaction?.crisis?.accountable, ['interaction', 'crisis', 'accountable']);
  one(plan.closing.accountable, ['closing', 'accountable']);
  return refs;
}

export function unknownPeople(plan: Plan): RuleIssue[] {
  const team = plan.team.map((member) => member.id);
  const known = new Set(team);
  return personReferences(plan)
    .filter((ref) => !known.has(ref.id))
    .map((ref) => issue('unknown-person', ref.path, { id: ref.id, suggestion: didYouMean(ref.id, team) }));
}

/** Audiences and content name the channels that reach them; the pilot has its own rule. */
export function unknownChannels(plan: Plan): RuleIssue[] {
  const channels = plan.channels.map((channel) => channel.id);
  const known = new Set(channels);
  const found: RuleIssue[] = [];
  const check = (ids: readonly string[], path: Path): void => ids.forEach((id, i) => {
    if (!known.has(id)) found.push(issue('unknown-channel', [...path, i], { id, suggestion: didYouMean(id, channels) }));
  });
  plan.audiences.forEach((audience, i) => check(audience.channels, ['audiences', i, 'channels']));
  plan.content.forEach((piece, i) => check(piece.channels, ['content', i, 'channels']));
  return found;
}

/** A pilot tries out channels of this plan; one that is not in it cannot be scaled up afterwards. */
export function pilotOnPlanChannels(plan: Plan): RuleIssue[] {
  if (!plan.pilot) return [];
  const channels = plan.channels.map((channel) => channel.id);
  const known = new Set(channels);
  return plan.pilot.channels.flatMap((id, i) => (known.has(id)
    ? []
    : [issue('pilot-unknown-channel', ['pilot', 'channels', i], { id, suggestion: didYouMean(id, channels) })]));
}

/** KPIs named outside the goal tree: the pilot's success criteria (formulas have their own rule). */
export function unknownKpis(plan: Plan): RuleIssue[] {
  if (!plan.pilot) return [];
  const kpis = flattenGoals(plan.goals).map(({ goal }) => goal.id);
  const known = new Set(kpis);
  return plan.pilot.successCriteria.flatMap((criterion, i) => (known.has(criterion.kpi)
    ? []
    : [issue('unknown-kpi', ['pilot', 'successCriteria', i, 'kpi'], { id: criterion.kpi, suggestion: didYouMean(criterion.kpi, kpis) })]));
}

/** Tasks wait for tasks; gates wait for gates or tasks. */
export function unknownDependencies(plan: Plan): RuleIssue[] {
  const tasks = plan.tasks.map((task) => task.id);
  const gatesAndTasks = [...plan.gates.map((gate) => gate.id), ...tasks];
  const knownTasks = new Set(tasks);
  const knownWork = new Set(gatesAndTasks);
  const found: RuleIssue[] = [];
  plan.tasks.forEach((task, i) => task.dependsOn.forEach((id, j) => {
    if (!knownTasks.has(id)) found.push(issue('unknown-task', ['tasks', i, 'dependsOn', j], { id, suggestion: didYouMean(id, tasks) }));
  }));
  plan.gates.forEach((gate, i) => gate.dependsOn.forEach((id, j) => {
    if (!knownWork.has(id)) found.push(issue('unknown-gate-or-task', ['gates', i, 'dependsOn', j], { id, suggestion: didYouMean(id, gatesAndTasks) }));
  }));
  return found;
}
