/** The Markdown report: its headings, tables and numbers, in both languages. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../domain/report/markdown.js';
import { buildCampaignReport } from '../../../domain/report/model.js';
import { closingInput, closingPlan } from './closing-fixture.js';

const report = buildCampaignReport(closingInput());

function headings(markdown: string, level: number): string[] {
  const prefix = `${'#'.repeat(level)} `;
  return markdown.split('\n').filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/** The rows of the table whose header row starts with `first`, as cells. */
function table(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  expect(start, `a table headed "${first}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.slice(2, -2).split(' | '));
  }
  return rows;
}

describe('Markdown report', () => {
  const zh = renderMarkdown(report, 'zh-CN');
  const en = renderMarkdown(report, 'en');

  it('has the sections of a closing, in Chinese and in English', () => {
    expect(headings(zh, 1)).toEqual(['春季新茶上市 —— 活动复盘报告']);
    expect(headings(zh, 2)).toEqual([
      '概览', 'KPI 达成情况', '定性结果', '有效做法', '不足之处', '经验教训', '投入产出（ROI）', '渠道与内容效率',
      '预算分配变化', '进度：计划与实际', '可沉淀为 SOP 和模板的做法', '培训建议',
    ]);
    expect(headings(en, 2)).toEqual([
      'Summary', 'KPI attainment', 'Qualitative results', 'What worked', 'What did not work', 'Lessons', 'ROI',
      'Efficiency by channel and content', 'Allocation over time', 'Schedule: planned and actual',
      'Candidates for SOPs and templates', 'Training suggestions',
    ]);
    expect(headings(zh, 3)).toContain('新品订单：未达成（64.5%）');
    expect(headings(en, 3)).toContain('新品订单: missed (64.5%)');
  });

  it('tabulates KPI attainment with right-aligned numbers', () => {
    expect(table(en, 'KPI')).toEqual([
      ['KPI', 'Owner', 'Target', 'Actual', 'Attainment', 'Verdict'],
      ['---', '---', '---:', '---:', '---:', '---'],
      ['新品订单', '李娜', '2,000', '1,289', '64.5%', 'missed'],
      ['访客数', '赵磊', '100,000', '111,300', '111.3%', 'exceeded'],
      ['转化率', '赵磊', '0.02', '0.0116', '57.9%', 'missed'],
    ]);
  });

  it('prints money in the plan\'s currency and ROI as 投产比', () => {
    expect(table(zh, '渠道').slice(2)).toEqual([
      ['小红书', '¥20,800', '¥62,400', '666', '3.10', '3.00', '24.8%', '49.3%'],
      ['抖音', '¥42,000', '¥35,000', '371', '0.87', '–', '50.1%', '27.4%'],
      ['百度搜索', '¥21,000', '¥31,500', '315', '1.50', '–', '25.1%', '23.3%'],
    ]);
    expect(zh).toContain('- **总投入**：¥123,820');
    expect(en).toContain('- **ROI**: 1.07');
    const usd = renderMarkdown(buildCampaignReport(closingInput({ plan: closingPlan({ currency: 'USD' }) })), 'en');
    expect(usd).toContain('- **Total input**: $123,820');
  });

  it('lists the hints and the accountable person\'s analysis under a KPI that missed', () => {
    const section = zh.slice(zh.indexOf('### 新品订单'), zh.indexOf('### 访客数'));
    expect(section).toContain('- 差距主要来自抖音：花费占 50.1%');
    expect(section).toContain('> **李娜的分析（执行）**：抖音素材第二周疲劳，换素材太晚。');
  });

  it('tabulates the schedule, the allocation steps and training topics', () => {
    expect(table(en, 'Task')[3]).toEqual(['拍摄抖音视频', '王伟', 'preparation', 'day 2–5', 'day 2–7', '+2']);
    expect(table(en, 'Day | 小红书').slice(2)).toEqual([
      ['0', '¥40,000', '¥60,000', '¥40,000'],
      ['5', '¥40,000', '¥60,000', '¥40,000'],
      ['10', '¥55,000', '¥45,000', '¥40,000'],
      ['21', '¥55,000', '¥45,000', '¥40,000'],
    ]);
    expect(en).toContain('### Role: project management');
    expect(table(zh, '培训主题')[2]).toEqual(['投放优化', '1', '李娜']);
  });

  it('escapes what people wrote so it cannot become markup or break a table', () => {
    const plan = closingPlan({ name: 'Tea | <script>alert(1)</script> *launch*' });
    const md = renderMarkdown(buildCampaignReport(closingInput({
      plan,
      retrospective: [{ person: 'li.na', worked: [], didNot: [{ what: 'a | b', rootCause: 'line one\nline two' }], lessons: [] }],
    })), 'en');
    expect(md).toContain('# Tea \\| &lt;script&gt;alert(1)&lt;/script&gt; \\*launch\\* — campaign report');
    expect(md).not.toContain('<script>');
    expect(table(md, 'What')[2]).toEqual(['a \\| b', 'line one line two', '李娜']);
  });
});
