import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGantt } from '../../../domain/execution/gantt.js';
import { plannedTasks, taskProgress } from '../../../domain/execution/task-progress.js';
import { displayWidth } from '../../../domain/plan/text-width.js';

const tasks = [
  { id: 'script', name: '视频脚本', duration: '2d', dependsOn: [], phase: 'preparation' as const },
  { id: 'shoot', name: '拍摄抖音视频', duration: '3d', dependsOn: ['script'], phase: 'preparation' as const },
  { id: 'landing', name: 'Build the registration landing page', duration: '1d', dependsOn: [], phase: 'preparation' as const },
];
const report = taskProgress(plannedTasks(tasks), [{ id: 'script', startedAt: 0, doneAt: 3 }, { id: 'landing', startedAt: 0.5 }], 4);

describe('Gantt chart', () => {
  it('draws planned and actual bars per task on one day scale', () => {
    // 22 columns for 7 days; day 4 (now) falls in column 12.
    expect(renderGantt(report.tasks, { width: 60, now: 4 })).toBe([
      'Task                        |0d                  7d|',
      '  视频脚本           plan   |=======     :         |',
      '                     actual |##########  :         | +1d',
      '* 拍摄抖音视频       plan   |      ==========      |',
      '                     actual |            ----------| +2d',
      '  Build the registr~ plan   |====        :         |',
      '                     actual | ############         | +3d',
      '= planned  # actual  - forecast  : now  * critical path',
    ].join('\n'));
  });

  it('speaks Chinese and keeps every line within the width, Chinese names included', () => {
    const chart = renderGantt(report.tasks, { width: 48, lang: 'zh-CN', now: 4 });
    expect(chart).toContain('计划');
    expect(chart).toContain('+2天');
    expect(chart.split('\n').at(-1)).toBe('= 计划  # 实际  - 预计  : 当前  * 关键路径');
    expect(renderGantt(report.tasks, { width: 40, lang: 'zh-CN' }).split('\n').slice(-2)).toEqual(['= 计划  # 实际  - 预计  : 当前', '* 关键路径']);
    for (const line of chart.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(48);
  });

  it('refuses a width too narrow to draw in', () => {
    expect(() => renderGantt(report.tasks, { width: 20 })).toThrow(/at least 40 columns/);
  });

  it('fits any width and lines the bars up', () => {
    fc.assert(fc.property(fc.integer({ min: 40, max: 160 }), fc.constantFrom('en' as const, 'zh-CN' as const), (width, lang) => {
      const lines = renderGantt(report.tasks, { width, lang, now: 4 }).split('\n');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      const barStarts = lines.filter((line) => line.includes('|')).map((line) => displayWidth(line.slice(0, line.indexOf('|'))));
      expect(new Set(barStarts).size).toBe(1);
    }));
  });
});
