/**
 * The task schedule as it runs (P2.1): the plan's schedule (`plan/schedule.ts`) against what
 * actually started and finished. Each unfinished task is forecast from the facts — a running task
 * ends no earlier than now, a waiting one starts when its dependencies end and not before now — and
 * the critical path is the chain that now decides when the work ends, which may not be the planned one.
 * Times are days of plan time from the start of the plan (fractions for hours).
 */
import { dependencyOrder } from '../plan/graph.js';
import { phaseSchedules } from '../plan/schedule.js';
import type { PHASES, Task } from '../plan/schema.js';

type Phase = (typeof PHASES)[number];

export interface PlannedTask {
  id: string;
  name: string;
  dependsOn: readonly string[];
  plannedStart: number;
  plannedFinish: number;
}

export interface TaskActual {
  id: string;
  startedAt?: number | undefined;
  doneAt?: number | undefined;
}

export interface TaskProgress extends PlannedTask {
  status: 'done' | 'running' | 'waiting';
  actualStart?: number | undefined;
  actualFinish?: number | undefined;
  forecastStart: number;
  forecastFinish: number;
  /** Forecast (or actual) finish minus planned finish: days late when positive, early when negative. */
  lateness: number;
  /** On the chain that decides the forecast end. */
  critical: boolean;
}

export interface ProgressReport {
  tasks: TaskProgress[];
  criticalPath: string[];
  plannedEnd: number;
  forecastEnd: number;
  /** forecastEnd − plannedEnd. */
  delay: number;
}

// Durations like 12h are fractions of a day; comparisons of sums allow for rounding.
const EPSILON = 1e-9;

/**
 * The planned schedule of a plan's tasks. Phases run in order and each phase's tasks are scheduled
 * from its start (`phaseStarts`, days from the plan's start); a phase without a given start follows
 * the previous phase's tasks.
 */
export function plannedTasks(
  tasks: readonly Pick<Task, 'id' | 'name' | 'duration' | 'dependsOn' | 'phase'>[],
  phaseStarts: Partial<Record<Phase, number>> = {},
): PlannedTask[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const planned: PlannedTask[] = [];
  let followOn = 0;
  for (const { phase, schedule } of phaseSchedules(tasks)) {
    if (!schedule.ok) throw new RangeError(`tasks depend on each other in a circle: ${schedule.cycle.join(' → ')}`);
    const offset = phaseStarts[phase] ?? followOn;
    for (const item of schedule.items) {
      const task = byId.get(item.id)!;
      planned.push({
        id: item.id, name: task.name, dependsOn: task.dependsOn.filter((dep) => byId.has(dep)),
        plannedStart: offset + item.start, plannedFinish: offset + item.finish,
      });
    }
    followOn = offset + schedule.length;
  }
  return planned;
}

export function taskProgress(planned: readonly PlannedTask[], actuals: readonly TaskActual[], now: number): ProgressReport {
  const byId = new Map(planned.map((task) => [task.id, task]));
  const factsOf = new Map(actuals.map((actual) => [actual.id, actual]));
  const dependsOn = (id: string) => byId.get(id)!.dependsOn.filter((dep) => byId.has(dep));
  const { order, blocked } = dependencyOrder([...byId.keys()], dependsOn);
  if (blocked.length > 0) throw new RangeError(`tasks depend on each other in a circle: ${blocked.join(', ')}`);

  const forecast = new Map<string, TaskProgress>();
  /** Whether a task's forecast start was set by its dependencies (and not by a fact or by now). */
  const drivenByDependencies = new Map<string, boolean>();
  for (const id of order) {
    const task = byId.get(id)!;
    const facts = factsOf.get(id);
    const days = task.plannedFinish - task.plannedStart;
    const ready = Math.max(0, ...dependsOn(id).map((dep) => forecast.get(dep)!.forecastFinish));
    let status: TaskProgress['status'];
    let start: number;
    let finish: number;
    if (facts?.doneAt !== undefined) {
      status = 'done';
      start = facts.startedAt ?? Math.min(facts.doneAt, Math.max(ready, task.plannedStart));
      finish = facts.doneAt;
      drivenByDependencies.set(id, false);
    } else if (facts?.startedAt !== undefined) {
      status = 'running';
      start = facts.startedAt;
      finish = Math.max(start + days, now);
      drivenByDependencies.set(id, false);
    } else {
      status = 'waiting';
      start = Math.max(task.plannedStart, ready, now);
      finish = start + days;
      drivenByDependencies.set(id, dependsOn(id).length > 0 && ready >= Math.max(task.plannedStart, now) - EPSILON);
    }
    forecast.set(id, {
      ...task, status, actualStart: status === 'waiting' ? undefined : start, actualFinish: status === 'done' ? finish : undefined,
      forecastStart: start, forecastFinish: finish, lateness: finish - task.plannedFinish, critical: false,
    });
  }

  const tasks = planned.map((task) => forecast.get(task.id)!);
  const plannedEnd = Math.max(0, ...planned.map((task) => task.plannedFinish));
  const forecastEnd = Math.max(0, ...tasks.map((task) => task.forecastFinish));
  const criticalPath = currentCriticalPath(tasks, forecastEnd, dependsOn, drivenByDependencies);
  for (const id of criticalPath) forecast.get(id)!.critical = true;
  return { tasks, criticalPath, plannedEnd, forecastEnd, delay: forecastEnd - plannedEnd };
}

/** From the task that ends last, back through the dependency that held each task up. */
function currentCriticalPath(
  tasks: readonly TaskProgress[],
  end: number,
  dependsOn: (id: string) => string[],
  drivenByDependencies: ReadonlyMap<string, boolean>,
): string[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  // Of the tasks that end last, one still to finish is more telling than one already done.
  const last = tasks.filter((task) => Math.abs(task.forecastFinish - end) < EPSILON);
  let current = last.find((task) => task.status !== 'done') ?? last[0];
  const path: string[] = [];
  while (current) {
    path.unshift(current.id);
    if (!drivenByDependencies.get(current.id)) break;
    const begins = current.forecastStart;
    current = dependsOn(current.id).map((dep) => byId.get(dep)!).find((dep) => Math.abs(dep.forecastFinish - begins) < EPSILON);
  }
  return path;
}
