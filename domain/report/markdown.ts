/** The closing report as Markdown: for chat tools, wikis and the case library's plain-text view. */
import type { Block } from './blocks.js';
import { escapeMarkdown } from './escape.js';
import type { ReportLanguage } from './format.js';
import type { CampaignReport } from './model.js';
import { reportBlocks } from './sections.js';
import { reportTexts } from './texts.js';

export function renderMarkdown(report: CampaignReport, lang: ReportLanguage): string {
  const { colon } = reportTexts(lang);
  return `${reportBlocks(report, lang).flatMap((block) => markdownBlock(block, colon)).join('\n\n')}\n`;
}

function markdownBlock(block: Block, colon: string): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`];
    case 'paragraph':
      return [block.muted ? `_${escapeMarkdown(block.text)}_` : escapeMarkdown(block.text)];
    case 'facts':
      return [block.items.map(([label, value]) => `- **${escapeMarkdown(label)}**${colon}${escapeMarkdown(value)}`).join('\n')];
    case 'list':
      return [block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n')];
    case 'note':
      return [`> **${escapeMarkdown(block.label)}**${colon}${escapeMarkdown(block.text)}`];
    case 'table':
      return [table(block)];
    case 'chart':
      // Every chart's numbers are in the table beside it; Markdown has no way to draw it.
      return [];
  }
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const numeric = new Set(block.numeric);
  const row = (cells: readonly string[]) => `| ${cells.map((cell) => escapeMarkdown(cell) || ' ').join(' | ')} |`;
  const rule = `| ${block.head.map((_, i) => (numeric.has(i) ? '---:' : '---')).join(' | ')} |`;
  return [row(block.head), rule, ...block.rows.map(row)].join('\n');
}
