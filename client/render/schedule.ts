/** The task schedule as a Gantt chart with a one-line summary: `campaign schedule` and the demo. */
import { renderGantt } from '../../domain/execution/gantt.js';
import type { ProgressReport } from '../../domain/execution/task-progress.js';

export interface ScheduleView {
  /** Columns per line. */
  width: number;
  lang: 'en' | 'zh-CN';
  /** Today as a plan-time day, drawn as a line across the chart. */
  now?: number | undefined;
}

export function renderSchedule(schedule: ProgressReport, view: ScheduleView): string {
  const gantt = renderGantt(schedule.tasks, { width: view.width, lang: view.lang, ...(view.now !== undefined ? { now: view.now } : {}) });
  return `${gantt}\n${summaryLine(schedule, view.lang)}`;
}

function summaryLine(schedule: ProgressReport, lang: 'en' | 'zh-CN'): string {
  const days = (n: number) => `${Math.round(n * 10) / 10}`;
  const path = schedule.criticalPath.join(' → ');
  if (lang === 'zh-CN') {
    const delay = schedule.delay > 0 ? `, 延误 ${days(schedule.delay)} 天` : '';
    return `计划第 ${days(schedule.plannedEnd)} 天完成, 预计第 ${days(schedule.forecastEnd)} 天${delay}。关键路径: ${path}`;
  }
  const delay = schedule.delay > 0 ? `, ${days(schedule.delay)}d late` : '';
  return `Planned to finish on day ${days(schedule.plannedEnd)}, forecast day ${days(schedule.forecastEnd)}${delay}. Critical path: ${path}`;
}
