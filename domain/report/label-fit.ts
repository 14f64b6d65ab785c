/**
 * Shortening a chart label to the space it has. Labels come from plans and imports (a KPI name can be
 * thousands of characters), and the report renders inside the API's event loop, so the cut point is
 * found from one pass of column counts: each character is measured once, never the label again
 * for every character trimmed.
 */
import { charColumns } from '../plan/text-width.js';

const ELLIPSIS = '…';

export interface LabelSpace {
  /** Whether a text of this many display columns fits. */
  fits(columns: number): boolean;
  /** Columns one character takes; text-width.ts's count unless a caller measures otherwise. */
  columns?: (ch: string) => number;
}

/**
 * The label itself when it fits; otherwise its longest prefix that fits with an ellipsis after it.
 * A label too long for even one character keeps its first one (a lone ellipsis says nothing).
 */
export function fitLabel(text: string, space: LabelSpace): string {
  const columnsOf = space.columns ?? charColumns;
  const chars = [...text];
  // prefix[k]: the columns of the first k characters, counted once for every cut tried below.
  const prefix = [0];
  for (const ch of chars) prefix.push(prefix[prefix.length - 1]! + columnsOf(ch));
  if (space.fits(prefix[chars.length]!)) return text;
  const ellipsis = columnsOf(ELLIPSIS);
  // Columns only grow with each character, so the first prefix too wide ends the search.
  let kept = 1;
  while (kept < chars.length && space.fits(prefix[kept + 1]! + ellipsis)) kept += 1;
  return `${chars.slice(0, kept).join('')}${ELLIPSIS}`;
}
