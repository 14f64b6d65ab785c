/** Plan tasks as the campaign tracks them, and marking one done (its owner does, P2.1). */
import { z } from 'zod';
import { ErrorType } from '../errors.js';
import type { Task } from '../plan/schema.js';
import type { ActionCheck } from './actions.js';

export interface TaskState {
  id: string;
  name: string;
  owner: string;
  phase: Task['phase'];
  dependsOn: string[];
  status: 'planned' | 'done';
  /** When it could start: its dependencies done and its phase begun (set while the campaign executes). */
  startedAt?: string;
  /** The system completes automatic tasks when their duration has passed. */
  automatic?: boolean;
  doneAt?: string;
  doneBy?: string;
}

export const taskDoneInputSchema = z.strictObject({
  task: z.string().min(1, 'name the task, e.g. "script"'),
  by: z.string().min(1, 'say who completed it (a team member id)'),
});
export type TaskDoneInput = z.infer<typeof taskDoneInputSchema>;

export function newTaskStates(tasks: readonly Task[]): TaskState[] {
  return tasks.map((t) => ({
    id: t.id, name: t.name, owner: t.owner, phase: t.phase, dependsOn: t.dependsOn, status: 'planned',
    ...(t.automatic ? { automatic: true } : {}),
  }));
}

/**
 * `tracksStarts`: the campaign records when tasks start (every campaign started since the schedule
 * is executed); then a task whose phase has not begun cannot be done yet.
 */
export function checkTaskDone(tasks: readonly TaskState[], input: TaskDoneInput, planOwner: string, tracksStarts = false): ActionCheck {
  const task = tasks.find((t) => t.id === input.task);
  if (!task) {
    return { ok: false, type: ErrorType.UnknownTask, message: `There is no task "${input.task}" in this campaign (tasks: ${tasks.map((t) => t.id).join(', ') || 'none'}).` };
  }
  if (task.status === 'done') return { ok: false, type: ErrorType.AlreadyDone, message: `Task "${task.id}" was already completed by ${task.doneBy}.` };
  if (input.by !== task.owner && input.by !== planOwner) {
    return { ok: false, type: ErrorType.NotAuthorised, message: `Task "${task.id}" belongs to ${task.owner}; only they (or the campaign owner ${planOwner}) mark it done.` };
  }
  const open = task.dependsOn.filter((d) => tasks.find((t) => t.id === d)?.status !== 'done');
  if (open.length) return { ok: false, type: ErrorType.TaskBlocked, message: `Task "${task.id}" waits for ${open.join(', ')} to be done first.` };
  if (tracksStarts && !task.startedAt) {
    return { ok: false, type: ErrorType.TaskBlocked, message: `Task "${task.id}" belongs to the ${task.phase} phase, which has not begun yet.` };
  }
  return { ok: true };
}

export function applyTaskDone(tasks: readonly TaskState[], input: TaskDoneInput, at: Date): TaskState[] {
  return tasks.map((t) => (t.id === input.task ? { ...t, status: 'done', doneAt: at.toISOString(), doneBy: input.by } : t));
}
