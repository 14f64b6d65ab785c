import { describe, expect, it } from 'vitest';
import { plannedTasks, taskProgress, type PlannedTask } from '../../../domain/execution/task-progress.js';
import { taskSchedule } from '../../../domain/plan/schedule.js';

type Phase = 'preparation' | 'pilot' | 'warmup' | 'rollout' | 'closing';
const task = (id: string, duration: string, dependsOn: string[] = [], phase: Phase = 'preparation') => ({ id, name: id, duration, dependsOn, phase });

// script → shoot → edit; poster alone; teaser in warm-up after the shoot.
const tasks = [
  task('script', '2d'),
  task('shoot', '3d', ['script']),
  task('edit', '1d', ['shoot']),
  task('poster', '2d'),
  task('teaser', '1d', ['shoot'], 'warmup'),
];

describe('planned tasks', () => {
  it('places each phase\'s tasks from the phase\'s start, or after the previous phase', () => {
    const planned = plannedTasks(tasks, { warmup: 10 });
    expect(planned.map((t) => [t.id, t.plannedStart, t.plannedFinish])).toEqual([
      ['script', 0, 2], ['shoot', 2, 5], ['edit', 5, 6], ['poster', 0, 2], ['teaser', 10, 11],
    ]);
    expect(plannedTasks(tasks).find((t) => t.id === 'teaser')).toMatchObject({ plannedStart: 6, plannedFinish: 7 });
  });

  it('refuses tasks that depend on each other in a circle', () => {
    expect(() => plannedTasks([task('a', '1d', ['b']), task('b', '1d', ['a'])])).toThrow(/circle/);
  });
});

describe('task progress', () => {
  const preparation = plannedTasks(tasks.filter((t) => t.phase === 'preparation'));

  it('forecasts the plan itself before anything happened, with the planned critical path', () => {
    const report = taskProgress(preparation, [], 0);
    const planned = taskSchedule(tasks.filter((t) => t.phase === 'preparation'));
    if (!planned.ok) throw new Error('no cycle here');
    expect(report.criticalPath).toEqual(planned.criticalPath);
    expect(report).toMatchObject({ plannedEnd: 6, forecastEnd: 6, delay: 0 });
    expect(report.tasks.every((t) => t.status === 'waiting' && t.lateness === 0)).toBe(true);
  });

  it('pushes dependants of a late task and reports lateness per task', () => {
    const report = taskProgress(preparation, [
      { id: 'script', startedAt: 0, doneAt: 3.5 },
      { id: 'poster', startedAt: 0, doneAt: 1.5 },
      { id: 'shoot', startedAt: 3.5 },
    ], 5);
    const byId = Object.fromEntries(report.tasks.map((t) => [t.id, t]));
    expect(byId.script).toMatchObject({ status: 'done', actualFinish: 3.5, lateness: 1.5 });
    expect(byId.poster).toMatchObject({ status: 'done', lateness: -0.5 });
    expect(byId.shoot).toMatchObject({ status: 'running', forecastStart: 3.5, forecastFinish: 6.5, lateness: 1.5 });
    expect(byId.edit).toMatchObject({ status: 'waiting', forecastStart: 6.5, forecastFinish: 7.5, lateness: 1.5 });
    expect(report).toMatchObject({ forecastEnd: 7.5, delay: 1.5, criticalPath: ['shoot', 'edit'] });
    expect(report.tasks.filter((t) => t.critical).map((t) => t.id)).toEqual(['shoot', 'edit']);
  });

  it('lets a running task overrun until now, and starts waiting tasks no earlier than now', () => {
    const report = taskProgress(preparation, [{ id: 'script', startedAt: 0 }], 4);
    const byId = Object.fromEntries(report.tasks.map((t) => [t.id, t]));
    expect(byId.script).toMatchObject({ forecastFinish: 4, lateness: 2 });
    expect(byId.poster).toMatchObject({ status: 'waiting', forecastStart: 4, forecastFinish: 6 });
    expect(byId.shoot).toMatchObject({ forecastStart: 4, forecastFinish: 7 });
    expect(report.criticalPath).toEqual(['script', 'shoot', 'edit']);
  });

  it('moves the critical path to another chain when that one now decides the end', () => {
    const planned: PlannedTask[] = [
      { id: 'a', name: 'a', dependsOn: [], plannedStart: 0, plannedFinish: 4 },
      { id: 'b', name: 'b', dependsOn: ['a'], plannedStart: 4, plannedFinish: 6 },
      { id: 'c', name: 'c', dependsOn: [], plannedStart: 0, plannedFinish: 2 },
      { id: 'd', name: 'd', dependsOn: ['c'], plannedStart: 2, plannedFinish: 3 },
    ];
    expect(taskProgress(planned, [], 0).criticalPath).toEqual(['a', 'b']);
    // c started late and is still running: its chain now ends after a's.
    const late = taskProgress(planned, [{ id: 'a', startedAt: 0, doneAt: 3 }, { id: 'c', startedAt: 4.5 }], 5);
    expect(late.criticalPath).toEqual(['c', 'd']);
    expect(late.forecastEnd).toBe(7.5);
  });

  it('finishes with the last task done', () => {
    const all = preparation.map((t) => ({ id: t.id, startedAt: t.plannedStart, doneAt: t.plannedFinish }));
    const report = taskProgress(preparation, all, 10);
    expect(report.tasks.every((t) => t.status === 'done')).toBe(true);
    expect(report).toMatchObject({ forecastEnd: 6, delay: 0, criticalPath: ['edit'] });
  });
});
