/**
 * When tasks start (P2.1): a task starts once everything it depends on is done and its phase has
 * begun. Its owner is told then; an automatic task is completed by the system after its duration.
 */
import type { TaskState } from '../preparation/tasks.js';
import { PHASES } from '../plan/schema.js';

export type TaskPhase = (typeof PHASES)[number];

/**
 * The tasks after starting every one that can start now, and those that just started. `begun` is
 * the latest phase the campaign has entered: phases before it count as begun even when the plan
 * skipped them (no pilot, no warm-up), so their tasks are not stranded.
 */
export function startReadyTasks(tasks: readonly TaskState[], begun: TaskPhase, at: Date): { tasks: TaskState[]; started: TaskState[] } {
  const reached = PHASES.indexOf(begun);
  const done = new Set(tasks.filter((t) => t.status === 'done').map((t) => t.id));
  const started: TaskState[] = [];
  const next = tasks.map((task) => {
    if (task.startedAt || task.status === 'done') return task;
    if (PHASES.indexOf(task.phase) > reached) return task;
    if (!task.dependsOn.every((dep) => done.has(dep))) return task;
    const now = { ...task, startedAt: at.toISOString() };
    started.push(now);
    return now;
  });
  return { tasks: next, started };
}
