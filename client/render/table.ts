/**
 * Plain-text tables with a header row, aligned for Chinese text (wide characters take two terminal
 * columns): a thin layer over the plan summary's table renderer.
 */
import { renderTable as renderRows } from '../../domain/plan/text-width.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], indent = '  '): string {
  const right = columns.flatMap((c, i) => (c.align === 'right' ? [i] : []));
  return renderRows([columns.map((c) => c.header), ...rows], { indent, right });
}
