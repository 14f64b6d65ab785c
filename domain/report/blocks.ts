/**
 * The report as a sequence of blocks in one language: headings, paragraphs, tables, lists and
 * charts. Markdown and HTML both render these, so the two formats cannot drift apart in content.
 * Block text is plain; each renderer escapes it for its own format.
 */
import type { AttainmentBar, GanttRow, SharePair, StackSeries } from './svg.js';

export type Chart =
  | { kind: 'attainment'; title: string; targetLabel: string; bars: AttainmentBar[] }
  | { kind: 'shares'; title: string; firstName: string; secondName: string; pairs: SharePair[] }
  | { kind: 'stacked'; title: string; xLabel: string; xs: number[]; series: StackSeries[]; step: boolean; money: boolean; colors?: string[] }
  | { kind: 'gantt'; title: string; dayLabel: string; rows: GanttRow[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  /** Labelled values, such as the campaign's facts at the top. */
  | { kind: 'facts'; items: Array<[label: string, value: string]> }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: number[] }
  | { kind: 'list'; items: string[] }
  /** Someone's words with who said them. */
  | { kind: 'note'; label: string; text: string }
  | { kind: 'chart'; chart: Chart };
