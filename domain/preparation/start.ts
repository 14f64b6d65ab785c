import type { Plan } from '../plan/schema.js';
import { newGateState, type GateState } from './gate-state.js';
import { advanceGates, type PreparationFacts } from './progress.js';
import { newTaskStates, type TaskState } from './tasks.js';
import { waitingItems, waitingPeople } from './waiting.js';

export interface PreparationState {
  gates: GateState[];
  tasks: TaskState[];
  acknowledged: string[];
}

export function preparationFacts(plan: Plan, state: Pick<PreparationState, 'tasks' | 'acknowledged'>): PreparationFacts {
  return {
    doneTasks: state.tasks.filter((t) => t.status === 'done').map((t) => t.id),
    acknowledged: state.acknowledged,
    team: plan.team.map((m) => m.id),
    taskIds: plan.tasks.map((t) => t.id),
  };
}

/** The gates and tasks of a campaign that has just started: independent gates open at once. */
export function startPreparation(plan: Plan, at: Date): PreparationState {
  const tasks = newTaskStates(plan.tasks);
  const gates = plan.gates.map((g) => newGateState(g, at));
  const facts = preparationFacts(plan, { tasks, acknowledged: [] });
  return { gates: advanceGates(gates, facts, at).gates, tasks, acknowledged: [] };
}

/** Who a freshly started campaign waits on (the start sets this search attribute). */
export function initialWaitingOn(plan: Plan, at: Date): string[] {
  const state = startPreparation(plan, at);
  return waitingPeople(waitingItems(state.gates, preparationFacts(plan, state), state.tasks, at.toISOString()));
}
