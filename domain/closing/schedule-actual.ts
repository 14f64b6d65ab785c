/**
 * The schedule as planned against as it happened (P2.1 seen from the closing), for a Gantt chart.
 * Planned days come from the task graph, each phase placed after the ones before it. Campaigns
 * record when a task was done, not when work on it began, so a task's actual start is taken as the
 * moment it could begin: when its dependencies were done and its phase had started.
 */
import { DAY_MS } from '../duration.js';
import { durationDays, phaseSchedules } from '../plan/schedule.js';
import { PHASES, type Plan, type Task } from '../plan/schema.js';
import { personName } from './names.js';

export type PhaseName = Task['phase'];

export interface TaskRecord {
  id: string;
  status?: 'planned' | 'done';
  doneAt?: string;
  /** When work began, where someone recorded it. */
  startedAt?: string;
}

export interface DayRange {
  /** Days from the campaign's start. */
  start: number;
  finish: number;
}

export interface GanttTask {
  id: string;
  name: string;
  owner: string;
  ownerName: string;
  phase: PhaseName;
  planned: DayRange;
  /** Null while the task is not done. */
  actual: DayRange | null;
  /** Actual finish less planned finish, in days; positive is late. */
  slip: number | null;
}

export interface ScheduleInput {
  plan: Plan;
  tasks?: readonly TaskRecord[];
  /** When the campaign started (the workflow's start); actual days count from it. */
  startedAt?: string;
  /** A rehearsal's time scale: wall-clock days × scale = plan days. */
  timeScale?: number;
  /** Days from the start on which phases actually began, where known (the rollout's, say). */
  phaseStarts?: Partial<Record<PhaseName, number>>;
}

export function plannedPhaseStarts(plan: Plan): Record<PhaseName, number> {
  const schedules = new Map(phaseSchedules(plan.tasks).map((p) => [p.phase, p.schedule]));
  const length = (phase: PhaseName): number => {
    const tasks = schedules.get(phase);
    const taskLength = tasks?.ok ? tasks.length : 0;
    if (phase === 'pilot' && plan.pilot) return Math.max(taskLength, durationDays(plan.pilot.duration));
    if (phase === 'warmup' && plan.warmup) return Math.max(taskLength, durationDays(plan.warmup.duration));
    if (phase === 'rollout') return Math.max(taskLength, durationDays(plan.rollout.duration));
    return taskLength;
  };
  const starts = {} as Record<PhaseName, number>;
  let at = 0;
  for (const phase of PHASES) {
    starts[phase] = at;
    at += length(phase);
  }
  return starts;
}

export function plannedVsActual(input: ScheduleInput): GanttTask[] {
  const { plan } = input;
  const phaseStart = plannedPhaseStarts(plan);
  const planned = new Map<string, DayRange>();
  for (const { phase, schedule } of phaseSchedules(plan.tasks)) {
    const offset = phaseStart[phase];
    if (schedule.ok) {
      for (const item of schedule.items) planned.set(item.id, { start: offset + item.start, finish: offset + item.finish });
    }
  }
  const start = input.startedAt ? Date.parse(input.startedAt) : NaN;
  const scale = input.timeScale ?? 1;
  const dayOf = (iso: string | undefined): number | null => {
    const at = iso ? Date.parse(iso) : NaN;
    return Number.isFinite(at) && Number.isFinite(start) ? round1(Math.max(0, ((at - start) / DAY_MS) * scale)) : null;
  };
  const records = new Map((input.tasks ?? []).map((t) => [t.id, t]));
  const finished = new Map<string, number>();
  for (const task of plan.tasks) {
    const record = records.get(task.id);
    const done = record && record.status !== 'planned' ? dayOf(record.doneAt) : null;
    if (done !== null) finished.set(task.id, done);
  }

  return plan.tasks.map((task) => {
    const scheduled = planned.get(task.id) ?? { start: phaseStart[task.phase], finish: phaseStart[task.phase] + durationDays(task.duration) };
    const finish = finished.get(task.id);
    let actual: DayRange | null = null;
    if (finish !== undefined) {
      const recorded = dayOf(records.get(task.id)?.startedAt);
      const couldStart = Math.max(
        input.phaseStarts?.[task.phase] ?? (task.phase === 'preparation' ? 0 : phaseStart[task.phase]),
        ...task.dependsOn.map((dep) => finished.get(dep) ?? 0),
      );
      // Done before it could have begun by this reckoning: it was worked on earlier, for about its planned length.
      const begun = recorded ?? (couldStart <= finish ? couldStart : Math.max(0, finish - durationDays(task.duration)));
      actual = { start: round1(Math.min(begun, finish)), finish };
    }
    return {
      id: task.id,
      name: task.name,
      owner: task.owner,
      ownerName: personName(plan, task.owner),
      phase: task.phase,
      planned: { start: round1(scheduled.start), finish: round1(scheduled.finish) },
      actual,
      slip: actual ? round1(actual.finish - scheduled.finish) : null,
    };
  });
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
