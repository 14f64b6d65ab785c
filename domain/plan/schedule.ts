/**
 * The task schedule (P2.1) as a dependency graph: each task starts when everything it depends on
 * has finished. Gives earliest start/finish in days from the start of the plan, the slack each task
 * has, and the critical path — the chain that decides how long the whole thing takes.
 */
import { DAY_MS, isDuration, parseDuration } from '../duration.js';
import { dependencyOrder, findCycles } from './graph.js';
import { PHASES, type Task } from './schema.js';

export interface ScheduleItem {
  id: string;
  days: number;
  dependsOn: readonly string[];
}

export interface ScheduledItem {
  id: string;
  days: number;
  start: number;
  finish: number;
  /** Days the item can slip without delaying the end. */
  slack: number;
  critical: boolean;
}

export type Schedule =
  | { ok: true; items: ScheduledItem[]; criticalPath: string[]; length: number }
  | { ok: false; cycle: string[] };

// Durations like 12h are fractions of a day; sums of them are compared with a tolerance.
const EPSILON = 1e-9;

export function scheduleItems(items: readonly ScheduleItem[]): Schedule {
  const byId = new Map<string, ScheduleItem>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  const ids = [...byId.keys()];
  const dependsOn = (id: string): string[] => byId.get(id)!.dependsOn.filter((dep) => byId.has(dep));

  const { order, blocked } = dependencyOrder(ids, dependsOn);
  if (blocked.length > 0) return { ok: false, cycle: findCycles(ids, dependsOn)[0] ?? blocked };

  const start = new Map<string, number>();
  const finish = new Map<string, number>();
  for (const id of order) {
    const begins = Math.max(0, ...dependsOn(id).map((dep) => finish.get(dep)!));
    start.set(id, begins);
    finish.set(id, begins + byId.get(id)!.days);
  }
  let length = 0;
  for (const end of finish.values()) length = Math.max(length, end);

  // Latest finish: walking back from the end, an item must finish before any dependent starts late.
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    for (const dep of dependsOn(id)) {
      const list = dependents.get(dep) ?? [];
      list.push(id);
      dependents.set(dep, list);
    }
  }
  const latestFinish = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const next = dependents.get(id) ?? [];
    latestFinish.set(id, Math.min(length, ...next.map((d) => latestFinish.get(d)! - byId.get(d)!.days)));
  }

  const scheduled = ids.map((id): ScheduledItem => {
    const slack = Math.max(0, latestFinish.get(id)! - finish.get(id)!);
    return { id, days: byId.get(id)!.days, start: start.get(id)!, finish: finish.get(id)!, slack, critical: slack < EPSILON };
  });
  return { ok: true, items: scheduled, criticalPath: criticalPath(scheduled, dependsOn, length), length };
}

/** One zero-slack chain from a first task to the last, following dependencies back from the end. */
function criticalPath(items: ScheduledItem[], dependsOn: (id: string) => string[], length: number): string[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  let current = items.find((item) => item.critical && Math.abs(item.finish - length) < EPSILON);
  const path: string[] = [];
  while (current) {
    path.unshift(current.id);
    const begins = current.start;
    current = dependsOn(current.id)
      .map((dep) => byId.get(dep)!)
      .find((dep) => dep.critical && Math.abs(dep.finish - begins) < EPSILON);
  }
  return path;
}

/** Days in a plan duration, fractional for hours; a malformed duration (already reported) counts as 0. */
export function durationDays(text: string): number {
  return isDuration(text) ? parseDuration(text) / DAY_MS : 0;
}

export function taskSchedule(tasks: readonly Pick<Task, 'id' | 'duration' | 'dependsOn'>[]): Schedule {
  return scheduleItems(tasks.map((task) => ({ id: task.id, days: durationDays(task.duration), dependsOn: task.dependsOn })));
}

export interface PhaseSchedule {
  phase: Task['phase'];
  schedule: Schedule;
}

/**
 * Phases run one after another, so each phase's tasks are scheduled from the start of their phase;
 * a dependency on a task of an earlier phase is already met when the phase begins.
 */
export function phaseSchedules(tasks: readonly Pick<Task, 'id' | 'duration' | 'dependsOn' | 'phase'>[]): PhaseSchedule[] {
  return PHASES.flatMap((phase) => {
    const inPhase = tasks.filter((task) => task.phase === phase);
    if (inPhase.length === 0) return [];
    const ids = new Set(inPhase.map((task) => task.id));
    return [{ phase, schedule: taskSchedule(inPhase.map((task) => ({ ...task, dependsOn: task.dependsOn.filter((id) => ids.has(id)) }))) }];
  });
}
