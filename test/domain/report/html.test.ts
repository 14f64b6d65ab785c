/** The HTML report: one self-contained file, well-formed enough for any browser, text escaped. */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../domain/report/html.js';
import { buildCampaignReport } from '../../../domain/report/model.js';
import { escapeHtml } from '../../../domain/report/escape.js';
import { attainmentChart, ganttChart, stackedAreaChart } from '../../../domain/report/svg.js';
import { closingInput, closingPlan } from './closing-fixture.js';

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);

/** Every element that opens closes, in order; returns the first problem, or undefined. */
function unbalanced(html: string): string | undefined {
  const stack: string[] = [];
  const withoutStyle = html.replace(/<style>[\s\S]*?<\/style>/g, '');
  for (const match of withoutStyle.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = match;
    const name = tag!.toLowerCase();
    if (selfClosing || (!closing && VOID.has(name))) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return `</${name}> at ${match.index} closes something else`;
  }
  return stack.length > 0 ? `unclosed: ${stack.join(' > ')}` : undefined;
}

function svgs(html: string): string[] {
  return [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

describe('HTML report', () => {
  const report = buildCampaignReport(closingInput());
  const zh = renderHtml(report, 'zh-CN');
  const en = renderHtml(report, 'en');

  it('is one UTF-8 document in the report language, with inline CSS and a CJK font stack', () => {
    expect(zh.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(en).toContain('<html lang="en">');
    expect(zh).toContain('<meta charset="utf-8">');
    expect(zh).toContain('<title>春季新茶上市 —— 活动复盘报告</title>');
    expect(zh).toMatch(/font-family: [^;]*"Noto Sans CJK SC"[^;]*"PingFang SC"[^;]*"Microsoft YaHei"/);
  });

  it('loads nothing and runs nothing', () => {
    for (const html of [zh, en]) {
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    }
  });

  it('is well formed: every element closes, every <svg> closes before the next opens', () => {
    for (const html of [zh, en]) {
      expect(unbalanced(html)).toBeUndefined();
      const opened = html.match(/<svg\b/g)?.length ?? 0;
      expect(opened).toBe(html.match(/<\/svg>/g)?.length);
      for (const chart of svgs(html)) expect(chart.match(/<svg\b/g)).toHaveLength(1);
    }
  });

  it('draws the four charts and the sentiment chart with sizes and titles', () => {
    const charts = svgs(zh);
    expect(charts.map((c) => /<title>([^<]*)<\/title>/.exec(c)![1])).toEqual([
      'KPI 达成率（对照目标）', '每日声量（按情感）', '各渠道花费占比与转化占比', '投放期各渠道预算分配', '任务计划（浅色）与实际（深色）',
    ]);
    for (const chart of charts) expect(chart).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart" role="img" aria-label="[^"]+" width="720" height="\d+(\.\d)?" viewBox="0 0 720 \d+(\.\d)?"/);
    // One bar per KPI, coloured by verdict: red for a miss, green otherwise.
    expect(charts[0]!.match(/<rect [^>]*fill="#dc2626"/g)).toHaveLength(2);
    expect(charts[0]!.match(/<rect [^>]*fill="#16a34a"/g)).toHaveLength(1);
    // Planned and actual bars: four planned, three done.
    expect(charts[4]!.match(/fill="#93c5fd"/g)).toHaveLength(4);
    expect(charts[4]!.match(/fill="#1d4ed8"/g)).toHaveLength(3);
  });

  it('prints the numbers in tables', () => {
    expect(zh).toContain('<td>新品订单</td><td>李娜</td><td class="num">2,000</td><td class="num">1,289</td><td class="num">64.5%</td><td>未达成</td>');
    expect(en).toContain('<dt>Total input</dt><dd>¥123,820</dd>');
  });

  it('renders a campaign that closed without any data or decisions', () => {
    const { campaignId, plan, closedAt } = closingInput();
    const empty = buildCampaignReport({ campaignId, plan, closedAt, rows: [] });
    for (const lang of ['zh-CN', 'en'] as const) {
      const html = renderHtml(empty, lang);
      expect(unbalanced(html)).toBeUndefined();
      expect(html).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(empty.kpis.map((k) => k.verdict)).toEqual(['missed', 'missed', 'unknown']);
    expect(empty.roi.findings.map((f) => f.kind)).toEqual(['unspent', 'assumption', 'assumption', 'assumption']);
  });

  it('escapes a campaign name with a script in it, in the title, the headings and the charts', () => {
    const name = '<script>alert("x")</script> & 春茶';
    const plan = closingPlan({
      name,
      goals: [{ id: 'orders', name: '<b>orders</b>', metric: 'orders', target: 2000 }],
      channels: closingPlan().channels.map((c, i) => (i === 0 ? { ...c, name: '<img src=x onerror=alert(1)>' } : c)),
    });
    const html = renderHtml(buildCampaignReport(closingInput({ plan, analyses: [] })), 'en');
    const escaped = escapeHtml(name);
    expect(escaped).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 春茶');
    expect(html).toContain(`<title>${escaped} — campaign report</title>`);
    expect(html).toContain(`<h1>${escaped} — campaign report</h1>`);
    expect(html).toContain('&lt;b&gt;orders&lt;/b&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(unbalanced(html)).toBeUndefined();
  });
});

describe('SVG charts', () => {
  it('escape labels and keep their size fixed', () => {
    const chart = attainmentChart([{ label: 'a<b', rate: 0.5, tone: 'bad', valueLabel: '50% & more' }], { title: 'T"', targetLabel: 'target' });
    expect(chart).toContain('a&lt;b');
    expect(chart).toContain('50% &amp; more');
    expect(chart).toContain('aria-label="T&quot;"');
    expect(unbalanced(chart)).toBeUndefined();
  });

  it('clip an overshoot far past the target but still label it', () => {
    const chart = attainmentChart([{ label: 'k', rate: 12, tone: 'good', valueLabel: '1200%' }], { title: 't', targetLabel: 'target' });
    const width = Number(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(chart)![1]);
    expect(width).toBeLessThanOrEqual(720);
    expect(chart).toContain('>1200%<');
  });

  it('shorten labels too long for their column', () => {
    const chart = ganttChart([{ label: '一个非常非常非常非常非常非常非常非常非常长的任务名称', planned: { start: 0, finish: 2 }, actual: null }], { title: 't', dayLabel: 'day' });
    expect(chart).toContain('…</text>');
  });

  it('stack series on round axis steps, one x or many', () => {
    const single = stackedAreaChart([0], [{ label: 'a', values: [5] }], { title: 't', xLabel: 'day', formatY: String, step: true });
    expect(unbalanced(single)).toBeUndefined();
    const many = stackedAreaChart([0, 10, 21], [{ label: 'a', values: [40, 55, 55] }, { label: 'b', values: [60, 45, 45] }], { title: 't', xLabel: 'day', formatY: String });
    expect([...many.matchAll(/text-anchor="end" font-size="11" fill="#4b5563">(\d+)</g)].map((m) => m[1])).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(many.match(/<path /g)).toHaveLength(2);
  });
});
