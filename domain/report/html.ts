/**
 * The closing report as one self-contained HTML file: inline CSS and inline SVG charts, no script
 * and nothing fetched (a Content-Security-Policy says so to the browser), so it can be mailed,
 * archived and opened offline years later. Chinese needs a CJK font; the stack names the usual ones
 * on Linux, macOS and Windows.
 */
import type { Block, Chart } from './blocks.js';
import { escapeHtml } from './escape.js';
import { formatMoney, formatNumber, type ReportLanguage } from './format.js';
import type { CampaignReport } from './model.js';
import { reportBlocks } from './sections.js';
import { attainmentChart, ganttChart, pairedShareChart, stackedAreaChart } from './svg.js';
import { reportTexts } from './texts.js';

const FONTS = [
  'system-ui', '-apple-system', '"Segoe UI"', '"Noto Sans CJK SC"', '"Noto Sans SC"', '"Source Han Sans SC"',
  '"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"WenQuanYi Micro Hei"', 'sans-serif',
].join(', ');

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #1f2937; font-family: ${FONTS}; font-size: 15px; line-height: 1.6; }
main { max-width: 820px; margin: 24px auto; padding: 32px 40px; background: #ffffff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,0.08); }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p.muted { color: #6b7280; font-size: 14px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 16px; }
dl.facts dt { color: #6b7280; }
dl.facts dd { margin: 0; font-weight: 500; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { padding: 6px 8px; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.scroll { overflow-x: auto; }
ul { padding-left: 22px; }
blockquote { margin: 8px 0 16px; padding: 8px 12px; border-left: 4px solid #93c5fd; background: #eff6ff; }
figure { margin: 12px 0 20px; overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
@media print { body { background: #ffffff; } main { box-shadow: none; margin: 0; max-width: none; } }
`.trim();

export function renderHtml(report: CampaignReport, lang: ReportLanguage): string {
  const t = reportTexts(lang);
  const body = reportBlocks(report, lang).map((block) => htmlBlock(block, report, lang, t.colon)).join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(t.title(report.campaign.name))}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function htmlBlock(block: Block, report: CampaignReport, lang: ReportLanguage, colon: string): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p${block.muted ? ' class="muted"' : ''}>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<dl class="facts">${block.items.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'note':
      return `<blockquote><strong>${escapeHtml(block.label)}</strong>${escapeHtml(colon)}${escapeHtml(block.text)}</blockquote>`;
    case 'table':
      return table(block);
    case 'chart':
      return `<figure>\n${chart(block.chart, report, lang)}\n</figure>`;
  }
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const numeric = new Set(block.numeric);
  const cell = (tag: 'th' | 'td', text: string, i: number) => `<${tag}${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  // Wide tables scroll inside the page rather than widening it.
  return [
    '<div class="scroll"><table>',
    `<thead><tr>${block.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`,
    '<tbody>',
    ...block.rows.map((row) => `<tr>${row.map((v, i) => cell('td', v, i)).join('')}</tr>`),
    '</tbody>',
    '</table></div>',
  ].join('\n');
}

function chart(c: Chart, report: CampaignReport, lang: ReportLanguage): string {
  switch (c.kind) {
    case 'attainment':
      return attainmentChart(c.bars, { title: c.title, targetLabel: c.targetLabel });
    case 'shares':
      return pairedShareChart(c.pairs, { title: c.title, firstName: c.firstName, secondName: c.secondName });
    case 'stacked':
      return stackedAreaChart(c.xs, c.series, {
        title: c.title,
        xLabel: c.xLabel,
        step: c.step,
        ...(c.colors ? { colors: c.colors } : {}),
        formatY: c.money ? (v) => formatMoney(Math.round(v), report.campaign.currency, lang) : (v) => formatNumber(Math.round(v), lang),
      });
    case 'gantt':
      return ganttChart(c.rows, { title: c.title, dayLabel: c.dayLabel });
  }
}
