/** Task scheduling: earliest start and finish, slack and the critical path. */
import { describe, expect, it } from 'vitest';
import { phaseSchedules, scheduleItems, taskSchedule } from '../../../domain/plan/schedule.js';

describe('scheduleItems', () => {
  it('starts each item when its last dependency finishes and finds the critical path', () => {
    const result = scheduleItems([
      { id: 'brief', days: 1, dependsOn: [] },
      { id: 'copy', days: 2, dependsOn: ['brief'] },
      { id: 'design', days: 4, dependsOn: ['brief'] },
      { id: 'review', days: 1, dependsOn: ['copy', 'design'] },
      { id: 'translate', days: 1, dependsOn: [] },
    ]);
    if (!result.ok) throw new Error('no cycle here');
    expect(result.length).toBe(6);
    expect(result.criticalPath).toEqual(['brief', 'design', 'review']);
    expect(result.items.map((i) => [i.id, i.start, i.finish, i.slack, i.critical])).toEqual([
      ['brief', 0, 1, 0, true],
      ['copy', 1, 3, 2, false],
      ['design', 1, 5, 0, true],
      ['review', 5, 6, 0, true],
      ['translate', 0, 1, 5, false],
    ]);
  });

  it('schedules fractions of a day without losing the critical path to rounding', () => {
    const result = taskSchedule([
      { id: 'a', duration: '12h', dependsOn: [] },
      { id: 'b', duration: '0.1d', dependsOn: ['a'] },
      { id: 'c', duration: '0.2d', dependsOn: ['b'] },
      { id: 'd', duration: '19.2h', dependsOn: [] },
    ]);
    if (!result.ok) throw new Error('no cycle here');
    expect(result.length).toBeCloseTo(0.8);
    expect(result.items.filter((i) => i.critical).map((i) => i.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(result.criticalPath).toEqual(['a', 'b', 'c']);
  });

  it('ignores dependencies on unknown items (reported by validation)', () => {
    const result = scheduleItems([{ id: 'a', days: 2, dependsOn: ['ghost'] }]);
    expect(result.ok && result.items[0]!.start).toBe(0);
  });

  it('reports a cycle instead of a schedule', () => {
    const result = scheduleItems([
      { id: 'a', days: 1, dependsOn: [] },
      { id: 'b', days: 1, dependsOn: ['c', 'a'] },
      { id: 'c', days: 1, dependsOn: ['b'] },
    ]);
    expect(result).toEqual({ ok: false, cycle: ['b', 'c', 'b'] });
  });

  it('has length zero and no critical path without items', () => {
    expect(scheduleItems([])).toEqual({ ok: true, items: [], criticalPath: [], length: 0 });
  });
});

describe('phaseSchedules', () => {
  it('counts each phase from its own start; earlier phases are done by then', () => {
    const phases = phaseSchedules([
      { id: 'script', duration: '2d', dependsOn: [], phase: 'preparation' },
      { id: 'shoot', duration: '3d', dependsOn: ['script'], phase: 'preparation' },
      { id: 'teaser', duration: '1d', dependsOn: ['shoot'], phase: 'warmup' },
    ]);
    expect(phases.map(({ phase, schedule }) => [phase, schedule.ok && schedule.length, schedule.ok && schedule.criticalPath])).toEqual([
      ['preparation', 5, ['script', 'shoot']],
      ['warmup', 1, ['teaser']],
    ]);
  });
});
