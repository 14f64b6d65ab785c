/** The schedule as planned and as done, and the allocations over time, for the report's charts. */
import { describe, expect, it } from 'vitest';
import { allocationHistory } from '../../../domain/closing/allocation-history.js';
import { plannedPhaseStarts, plannedVsActual } from '../../../domain/closing/schedule-actual.js';
import { closingInput, closingPlan } from '../report/closing-fixture.js';

describe('planned against actual schedule', () => {
  const plan = closingPlan();
  const input = closingInput();

  it('places each phase after the ones before it', () => {
    // Preparation: script 2d then shoot 3d (landing 2d beside them) = 5 days; pilot 3d; warm-up 2d; rollout 21d.
    expect(plannedPhaseStarts(plan)).toEqual({ preparation: 0, pilot: 5, warmup: 8, rollout: 10, closing: 31 });
  });

  it('counts actual days from the start, each task starting when its dependencies were done', () => {
    const tasks = plannedVsActual({ plan, tasks: input.tasks!, startedAt: input.startedAt! });
    expect(tasks.map((t) => [t.id, t.planned, t.actual, t.slip])).toEqual([
      ['script', { start: 0, finish: 2 }, { start: 0, finish: 2 }, 0],
      ['shoot', { start: 2, finish: 5 }, { start: 2, finish: 7 }, 2],
      ['landing', { start: 0, finish: 2 }, { start: 0, finish: 1.5 }, -0.5],
      ['teaser', { start: 8, finish: 9 }, null, null],
    ]);
    expect(tasks[0]).toMatchObject({ name: '视频脚本', owner: 'wang.wei', ownerName: '王伟', phase: 'preparation' });
  });

  it('multiplies wall-clock days by a rehearsal\'s time scale, and takes a recorded start as given', () => {
    const tasks = plannedVsActual({
      plan,
      startedAt: '2027-03-01T00:00:00.000Z',
      timeScale: 24,
      tasks: [{ id: 'script', status: 'done', startedAt: '2027-03-01T01:00:00.000Z', doneAt: '2027-03-01T03:00:00.000Z' }],
    });
    expect(tasks[0]!.actual).toEqual({ start: 1, finish: 3 });
  });

  it('assumes a task done before its phase began took its planned length', () => {
    const tasks = plannedVsActual({ plan, startedAt: '2027-03-01T00:00:00.000Z', tasks: [{ id: 'teaser', status: 'done', doneAt: '2027-03-04T00:00:00.000Z' }] });
    expect(tasks.find((t) => t.id === 'teaser')!.actual).toEqual({ start: 2, finish: 3 });
  });
});

describe('allocation history', () => {
  it('starts from the plan and steps at every review that moved money, to the last day', () => {
    const history = allocationHistory(closingPlan(), closingInput().reviews!, 21);
    expect(history.channels.map((c) => c.name)).toEqual(['小红书', '抖音', '百度搜索']);
    expect(history.points).toEqual([
      { day: 0, allocations: { xiaohongshu: 40_000, douyin: 60_000, baidu: 40_000 } },
      { day: 5, allocations: { xiaohongshu: 40_000, douyin: 60_000, baidu: 40_000 } },
      { day: 10, allocations: { xiaohongshu: 55_000, douyin: 45_000, baidu: 40_000 } },
      { day: 21, allocations: { xiaohongshu: 55_000, douyin: 45_000, baidu: 40_000 } },
    ]);
  });
});
