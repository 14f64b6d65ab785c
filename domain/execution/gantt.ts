/**
 * The schedule as a text Gantt chart (P2.1) for terminals, chat messages and reports: per task a
 * planned bar and an actual/forecast bar on one day scale, with how late it runs. Bars use ASCII
 * only, since block characters are "ambiguous width" and take two columns in many Chinese terminals;
 * names are measured in display columns so 视频脚本 lines up with "Script".
 */
import type { Lang } from '../plan/issues.js';
import { displayWidth, padEnd, padStart } from '../plan/text-width.js';
import type { TaskProgress } from './task-progress.js';

export interface GanttOptions {
  /** Total columns per line, at least 40. */
  width?: number;
  lang?: Lang;
  /** Plan-time day to mark on the chart. */
  now?: number;
}

const WORDS = {
  en: { task: 'Task', plan: 'plan', actual: 'actual', day: 'd', legend: ['= planned', '# actual', '- forecast', ': now', '* critical path'] },
  'zh-CN': { task: '任务', plan: '计划', actual: '实际', day: '天', legend: ['= 计划', '# 实际', '- 预计', ': 当前', '* 关键路径'] },
} as const;

const NOTE_COLUMNS = 8;
const MIN_WIDTH = 40;

export function renderGantt(tasks: readonly TaskProgress[], options: GanttOptions = {}): string {
  const width = options.width ?? 80;
  if (!Number.isInteger(width) || width < MIN_WIDTH) throw new RangeError(`a Gantt chart needs at least ${MIN_WIDTH} columns (got ${width})`);
  const words = WORDS[options.lang ?? 'en'];
  const kindColumns = Math.max(displayWidth(words.plan), displayWidth(words.actual));
  const longestName = Math.max(displayWidth(words.task), ...tasks.map((task) => displayWidth(task.name) + 2));
  const labelColumns = Math.min(longestName, Math.floor(width / 3));
  const barColumns = width - labelColumns - 1 - kindColumns - 1 - 2 - NOTE_COLUMNS;
  const span = Math.max(1e-9, ...tasks.flatMap((task) => [task.plannedFinish, task.forecastFinish]), options.now ?? 0);
  const scale = { span, columns: barColumns, now: options.now };

  const lead = (label: string, kind: string) => `${padEnd(fit(label, labelColumns), labelColumns)} ${padEnd(kind, kindColumns)} `;
  const lines = [`${lead(words.task, '')}|${axis(span, barColumns, words.day)}|`];
  for (const task of tasks) {
    const name = `${task.critical ? '*' : ' '} ${task.name}`;
    lines.push(`${lead(name, words.plan)}|${bars(scale, [[task.plannedStart, task.plannedFinish, '=']])}|`);
    lines.push(`${lead('', words.actual)}|${bars(scale, actualBars(task, options.now))}|${lateness(task.lateness, words.day)}`);
  }
  lines.push(...wrap(words.legend, width));
  return lines.map((line) => line.trimEnd()).join('\n');
}

type Bar = [from: number, to: number, mark: string];

function actualBars(task: TaskProgress, now: number | undefined): Bar[] {
  if (task.status === 'done') return [[task.forecastStart, task.forecastFinish, '#']];
  if (task.status === 'waiting') return [[task.forecastStart, task.forecastFinish, '-']];
  const elapsed = Math.min(task.forecastFinish, Math.max(task.forecastStart, now ?? task.forecastStart));
  return [[task.forecastStart, elapsed, '#'], [elapsed, task.forecastFinish, '-']];
}

function bars(scale: { span: number; columns: number; now: number | undefined }, segments: readonly Bar[]): string {
  const cells = Array<string>(scale.columns).fill(' ');
  // Multiplying first keeps whole days on whole columns (2 × 21 ÷ 7 is 6; 2 ÷ 7 × 21 is not quite).
  const position = (day: number) => (day * scale.columns) / scale.span;
  const column = (day: number) => Math.min(scale.columns - 1, Math.max(0, Math.floor(position(day) + 1e-9)));
  if (scale.now !== undefined) cells[column(scale.now)] = ':';
  for (const [from, to, mark] of segments) {
    // A milestone (no duration) still shows as one mark; an empty piece of a longer bar does not.
    if (to < from || (to === from && segments.length > 1)) continue;
    const first = column(from);
    // A bar covers every column it touches.
    const last = to > from ? Math.max(first, Math.ceil(position(to) - 1e-9) - 1) : first;
    for (let c = first; c <= Math.min(last, scale.columns - 1); c++) cells[c] = mark;
  }
  return cells.join('');
}

function axis(span: number, columns: number, unit: string): string {
  const start = `0${unit}`;
  return start + padStart(`${formatDays(span)}${unit}`, columns - displayWidth(start));
}

function lateness(days: number, unit: string): string {
  if (Math.abs(days) < 0.05) return '';
  return fit(` ${days > 0 ? '+' : '-'}${formatDays(Math.abs(days))}${unit}`, NOTE_COLUMNS);
}

function wrap(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    if (last !== undefined && displayWidth(`${last}  ${item}`) <= width) lines[lines.length - 1] = `${last}  ${item}`;
    else lines.push(item);
  }
  return lines;
}

function formatDays(days: number): string {
  return String(Math.round(days * 10) / 10);
}

/** Cut text to `columns` display columns, marking the cut with `~` (an ellipsis is ambiguous width too). */
function fit(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let kept = '';
  for (const ch of text) {
    if (displayWidth(kept + ch) > columns - 1) break;
    kept += ch;
  }
  return `${kept}~`;
}
