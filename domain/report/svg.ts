/**
 * The report's charts as inline SVG, drawn here so the HTML report needs no script or outside asset:
 * KPI attainment bars, shares of spend and conversions per channel, stacked allocation (and
 * sentiment) over time, and a planned-against-actual Gantt. Every text is escaped; sizes are fixed
 * so the charts print the same everywhere.
 */
import { displayWidth } from '../plan/text-width.js';
import { escapeHtml } from './escape.js';
import { fitLabel } from './label-fit.js';

export const PALETTE = ['#2563eb', '#f97316', '#16a34a', '#db2777', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626', '#4b5563', '#65a30d'];
const WIDTH = 720;
const FONT = 12;
const AXIS = '#9ca3af';
const INK = '#1f2937';

export type Tone = 'good' | 'bad' | 'neutral' | 'unknown';
const TONES: Record<Tone, string> = { good: '#16a34a', bad: '#dc2626', neutral: '#2563eb', unknown: '#d1d5db' };

/** Roughly how wide text renders: Chinese characters take about a full em, Latin about half. */
function textWidth(text: string, size = FONT): number {
  return columnsWidth(displayWidth(text), size);
}

function columnsWidth(columns: number, size: number): number {
  return columns * size * 0.55;
}

function fit(text: string, width: number, size = FONT): string {
  return fitLabel(text, { fits: (columns) => columnsWidth(columns, size) <= width });
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function svg(title: string, height: number, body: string[]): string {
  const t = escapeHtml(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${t}" width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}" font-size="${FONT}">`,
    `<title>${t}</title>`,
    `<text x="0" y="16" font-size="14" font-weight="600" fill="${INK}">${t}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function label(x: number, y: number, text: string, options: { anchor?: 'start' | 'middle' | 'end'; fill?: string; size?: number } = {}): string {
  const anchor = options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : '';
  const size = options.size ? ` font-size="${options.size}"` : '';
  return `<text x="${n(x)}" y="${n(y)}"${anchor}${size} fill="${options.fill ?? INK}">${escapeHtml(text)}</text>`;
}

function labelColumn(labels: readonly string[]): number {
  return Math.min(220, Math.max(60, ...labels.map((l) => textWidth(l) + 12)));
}

export interface AttainmentBar {
  label: string;
  /** actual ÷ target; null without data. */
  rate: number | null;
  tone: Tone;
  valueLabel: string;
}

/** Horizontal bars of attainment with the target (100%) as a dashed line. */
export function attainmentChart(bars: readonly AttainmentBar[], o: { title: string; targetLabel: string }): string {
  const left = labelColumn(bars.map((b) => b.label));
  const right = 70;
  const plot = WIDTH - left - right;
  const row = 26;
  const top = 34;
  // Far overshoots are clipped at 3× so the rest stay readable; their label still tells the rate.
  const max = Math.min(3, Math.max(1.2, ...bars.map((b) => (b.rate ?? 0) * 1.05)));
  const x = (rate: number) => left + (Math.max(0, Math.min(rate, max)) / max) * plot;
  const height = top + bars.length * row + 24;
  const body: string[] = [];
  bars.forEach((bar, i) => {
    const y = top + i * row;
    body.push(label(left - 8, y + 16, fit(bar.label, left - 12), { anchor: 'end' }));
    const width = bar.rate === null ? plot : Math.max(2, x(bar.rate) - left);
    body.push(`<rect x="${n(left)}" y="${n(y + 4)}" width="${n(width)}" height="${row - 8}" rx="3" fill="${TONES[bar.rate === null ? 'unknown' : bar.tone]}" fill-opacity="${bar.rate === null ? 0.4 : 0.85}"/>`);
    body.push(label(Math.min(left + width + 6, WIDTH - right + 6), y + 16, bar.valueLabel, { fill: '#374151' }));
  });
  const target = x(1);
  body.push(`<line x1="${n(target)}" y1="${top - 4}" x2="${n(target)}" y2="${n(height - 20)}" stroke="${INK}" stroke-dasharray="4 3"/>`);
  body.push(label(target, height - 6, `${o.targetLabel} 100%`, { anchor: 'middle', fill: '#374151', size: 11 }));
  return svg(o.title, height, body);
}

export interface SharePair {
  label: string;
  first: number;
  second: number;
  firstLabel: string;
  secondLabel: string;
}

/** Two bars per item on one 0–100% scale: here, a channel's share of spend beside its share of conversions. */
export function pairedShareChart(pairs: readonly SharePair[], o: { title: string; firstName: string; secondName: string }): string {
  const left = labelColumn(pairs.map((p) => p.label));
  const right = 70;
  const plot = WIDTH - left - right;
  const group = 40;
  const top = 60;
  const max = Math.max(0.05, ...pairs.flatMap((p) => [p.first, p.second])) * 1.05;
  const w = (share: number) => Math.max(share > 0 ? 2 : 0, (Math.max(0, share) / max) * plot);
  const body: string[] = [legend(left, 40, [o.firstName, o.secondName], [PALETTE[0]!, PALETTE[1]!])];
  pairs.forEach((p, i) => {
    const y = top + i * group;
    body.push(label(left - 8, y + 20, fit(p.label, left - 12), { anchor: 'end' }));
    body.push(`<rect x="${n(left)}" y="${n(y + 2)}" width="${n(w(p.first))}" height="15" rx="2" fill="${PALETTE[0]}"/>`);
    body.push(label(left + w(p.first) + 6, y + 14, p.firstLabel, { fill: '#374151', size: 11 }));
    body.push(`<rect x="${n(left)}" y="${n(y + 19)}" width="${n(w(p.second))}" height="15" rx="2" fill="${PALETTE[1]}"/>`);
    body.push(label(left + w(p.second) + 6, y + 31, p.secondLabel, { fill: '#374151', size: 11 }));
  });
  body.push(`<line x1="${n(left)}" y1="${top - 4}" x2="${n(left)}" y2="${n(top + pairs.length * group)}" stroke="${AXIS}"/>`);
  return svg(o.title, top + pairs.length * group + 10, body);
}

function legend(x: number, y: number, names: readonly string[], colors: readonly string[]): string {
  let at = x;
  const parts: string[] = [];
  names.forEach((name, i) => {
    parts.push(`<rect x="${n(at)}" y="${n(y - 10)}" width="12" height="12" rx="2" fill="${colors[i % colors.length]}"/>`);
    parts.push(label(at + 16, y, name));
    at += 16 + textWidth(name) + 18;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

export interface StackSeries {
  label: string;
  /** One value per x, in order. */
  values: readonly number[];
}

/**
 * Series stacked on each other over x. With `step`, each value holds until the next x (allocations
 * change at reviews and stay until the next change); otherwise points are joined by lines.
 */
export function stackedAreaChart(
  xs: readonly number[],
  series: readonly StackSeries[],
  o: { title: string; xLabel: string; formatY: (value: number) => string; step?: boolean; colors?: readonly string[] },
): string {
  const colors = o.colors ?? PALETTE;
  const left = 80;
  const right = 20;
  const top = 44 + 22 * Math.ceil(series.length / 5);
  const plotH = 200;
  const plot = WIDTH - left - right;
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const totals = xs.map((_, i) => series.reduce((s, ser) => s + Math.max(0, ser.values[i] ?? 0), 0));
  const yStep = niceStep(Math.max(1, ...totals) / 5);
  const maxY = Math.ceil(Math.max(1, ...totals) / yStep) * yStep;
  const px = (x: number) => left + (maxX === minX ? plot / 2 : ((x - minX) / (maxX - minX)) * plot);
  const py = (y: number) => top + plotH - (y / maxY) * plotH;
  const body: string[] = [];
  series.slice(0, 10).forEach((ser, i) => {
    body.push(legendItem(left + (i % 5) * 128, 40 + 22 * Math.floor(i / 5), ser.label, colors[i % colors.length]!));
  });
  for (let value = 0; value <= maxY + 1e-9; value += yStep) {
    body.push(`<line x1="${left}" y1="${n(py(value))}" x2="${WIDTH - right}" y2="${n(py(value))}" stroke="#e5e7eb"/>`);
    body.push(label(left - 6, py(value) + 4, o.formatY(value), { anchor: 'end', fill: '#4b5563', size: 11 }));
  }
  const base = xs.map(() => 0);
  series.forEach((ser, i) => {
    const lower = [...base];
    const upper = xs.map((_, k) => (base[k] = lower[k]! + Math.max(0, ser.values[k] ?? 0)));
    const path = o.step ? stepPath(xs, lower, upper, px, py) : linePath(xs, lower, upper, px, py);
    body.push(`<path d="${path}" fill="${colors[i % colors.length]}" fill-opacity="0.8" stroke="#ffffff" stroke-width="0.5"/>`);
  });
  body.push(`<line x1="${left}" y1="${n(py(0))}" x2="${WIDTH - right}" y2="${n(py(0))}" stroke="${AXIS}"/>`);
  for (const x of ticks(xs)) body.push(label(px(x), top + plotH + 16, String(x), { anchor: 'middle', fill: '#4b5563', size: 11 }));
  body.push(label(WIDTH - right, top + plotH + 32, o.xLabel, { anchor: 'end', fill: '#4b5563', size: 11 }));
  return svg(o.title, top + plotH + 40, body);
}

/** 1, 2 or 5 times a power of ten: axis steps people can add up in their head. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function legendItem(x: number, y: number, name: string, color: string): string {
  return `<g class="legend"><rect x="${n(x)}" y="${n(y - 10)}" width="12" height="12" rx="2" fill="${color}"/>${label(x + 16, y, fit(name, 104))}</g>`;
}

function stepPath(xs: readonly number[], lower: number[], upper: number[], px: (x: number) => number, py: (y: number) => number): string {
  const top: string[] = [];
  const bottom: string[] = [];
  xs.forEach((x, k) => {
    const next = xs[k + 1] ?? x;
    top.push(`${n(px(x))},${n(py(upper[k]!))}`, `${n(px(next))},${n(py(upper[k]!))}`);
    bottom.unshift(`${n(px(next))},${n(py(lower[k]!))}`, `${n(px(x))},${n(py(lower[k]!))}`);
  });
  return `M${[...top, ...bottom].join(' L')} Z`;
}

function linePath(xs: readonly number[], lower: number[], upper: number[], px: (x: number) => number, py: (y: number) => number): string {
  const top = xs.map((x, k) => `${n(px(x))},${n(py(upper[k]!))}`);
  const bottom = xs.map((x, k) => `${n(px(x))},${n(py(lower[k]!))}`).reverse();
  return `M${[...top, ...bottom].join(' L')} Z`;
}

/** At most about ten x labels, always the first and the last. */
function ticks(xs: readonly number[]): number[] {
  const every = Math.max(1, Math.ceil(xs.length / 10));
  const picked = xs.filter((_, i) => i % every === 0);
  const last = xs[xs.length - 1];
  if (last !== undefined && picked[picked.length - 1] !== last) {
    // Drop a label that would sit on top of the last one.
    if (picked.length > 1 && xs.length > 10) picked.pop();
    picked.push(last);
  }
  return picked;
}

export interface GanttRow {
  label: string;
  planned: { start: number; finish: number };
  actual: { start: number; finish: number } | null;
}

/** Each task's planned days (light) above its actual days (dark), on one day axis. */
export function ganttChart(rows: readonly GanttRow[], o: { title: string; dayLabel: string }): string {
  const left = labelColumn(rows.map((r) => r.label));
  const right = 20;
  const plot = WIDTH - left - right;
  const row = 30;
  const top = 34;
  const maxDay = Math.max(1, ...rows.flatMap((r) => [r.planned.finish, r.actual?.finish ?? 0]));
  const x = (day: number) => left + (Math.max(0, day) / maxDay) * plot;
  const width = (range: { start: number; finish: number }) => Math.max(3, x(range.finish) - x(range.start));
  const height = top + rows.length * row + 34;
  const body: string[] = [];
  for (const day of dayTicks(maxDay)) {
    body.push(`<line x1="${n(x(day))}" y1="${top}" x2="${n(x(day))}" y2="${n(top + rows.length * row)}" stroke="#e5e7eb"/>`);
    body.push(label(x(day), top + rows.length * row + 16, String(day), { anchor: 'middle', fill: '#4b5563', size: 11 }));
  }
  rows.forEach((r, i) => {
    const y = top + i * row;
    body.push(label(left - 8, y + 19, fit(r.label, left - 12), { anchor: 'end' }));
    body.push(`<rect x="${n(x(r.planned.start))}" y="${n(y + 4)}" width="${n(width(r.planned))}" height="10" rx="2" fill="#93c5fd"/>`);
    if (r.actual) body.push(`<rect x="${n(x(r.actual.start))}" y="${n(y + 16)}" width="${n(width(r.actual))}" height="10" rx="2" fill="#1d4ed8"/>`);
  });
  body.push(label(WIDTH - right, height - 4, o.dayLabel, { anchor: 'end', fill: '#4b5563', size: 11 }));
  return svg(o.title, height, body);
}

function dayTicks(maxDay: number): number[] {
  const step = [1, 2, 5, 7, 10, 14, 30, 60, 90].find((s) => maxDay / s <= 12) ?? Math.ceil(maxDay / 12);
  const out: number[] = [];
  for (let day = 0; day <= maxDay + 1e-9; day += step) out.push(day);
  return out;
}
