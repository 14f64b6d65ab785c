/** "What the system understood": people, gates, schedule, budget and KPIs, in the plan's language. */
import { describe, expect, it } from 'vitest';
import { planLanguage, summarizePlan } from '../../../domain/plan/summary.js';
import { displayWidth } from '../../../domain/plan/text-width.js';
import { validatePlanText } from '../../../domain/plan/validate.js';
import type { Plan } from '../../../domain/plan/schema.js';
import { readRepoFile } from './plan-fixtures.js';

const planFrom = (file: string): Plan => {
  const result = validatePlanText(readRepoFile(file), { lang: 'en' });
  if (!result.ok) throw new Error(`${file} must be valid`);
  return result.plan;
};
const springTea = planFrom('examples/spring-tea.zh.yaml');
const webinar = planFrom('examples/b2b-webinar.en.yaml');

/** The lines of one section, from its heading to the next blank line. */
const section = (text: string, heading: string): string[] => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
};

describe('summarizePlan', () => {
  it('speaks Chinese for a plan with a Chinese name, English otherwise, unless told', () => {
    expect(planLanguage(springTea)).toBe('zh-CN');
    expect(planLanguage(webinar)).toBe('en');
    expect(summarizePlan(springTea)).toMatch(/^计划 spring-tea-2027: 春季新茶上市/);
    expect(summarizePlan(springTea, 'en')).toMatch(/^Plan spring-tea-2027: 春季新茶上市/);
    expect(summarizePlan(webinar)).toMatch(/^Plan cloud-cost-webinar-2027/);
  });

  it('says what each person is accountable for', () => {
    const people = section(summarizePlan(springTea, 'en'), 'People');
    const lina = people.find((line) => line.trim().startsWith('li.na'))!;
    expect(lina).toContain('plan owner; gates goals, assets; pilot go/no-go; budget moves; crisis; closing report');
    expect(people.find((line) => line.trim().startsWith('zhao.lei'))).toContain('delegate li.na (≤ 2027-03-10)');
  });

  it('lists each gate with its accountable person', () => {
    const gates = section(summarizePlan(webinar), 'Gates');
    expect(gates.find((line) => line.trim().startsWith('channels-ready'))).toMatch(/channels-ready\s+Channels connected and scheduled\s+raj\.patel\s+2d\s+platforms/);
  });

  it('gives the critical path and its length per phase', () => {
    const text = summarizePlan(webinar);
    expect(text).toContain('preparation — critical path: landing-page → sem-setup (5 days)');
    expect(text).toContain('rollout — critical path: live-session → lead-handoff (2.17 days)');
    expect(summarizePlan(springTea)).toContain('准备 — 关键路径: script → shoot (5 天)');
  });

  it('splits the budget by channel with amounts and shares', () => {
    const budget = section(summarizePlan(springTea, 'en'), 'Budget');
    expect(budget[0]).toBe('Budget — total 500,000 CNY');
    expect(budget.find((line) => line.trim().startsWith('douyin'))).toMatch(/douyin\s+douyin\s+120,000\s+36\.4%\s+20,000–180,000/);
    expect(budget.at(-1)).toContain('channels 330,000 (66.0%)');
    expect(budget.at(-1)).toContain('reserve 50,000 (10.0%) · unallocated 40,000 (8.0%)');
  });

  it('shows the KPI tree with targets, owners and how each is measured', () => {
    const kpis = section(summarizePlan(webinar), 'KPIs');
    expect(kpis.find((line) => line.includes('reg-rate'))).toMatch(/^ {4}reg-rate\s+Registration rate\s+0\.08\s+emma\.li\s+-\s+= registrations \/ landing-uv$/);
    expect(kpis.find((line) => line.trim().startsWith('sql '))).toContain('sum of sql-edm + sql-sem + sql-other');
  });

  it('aligns columns after Chinese text by display width', () => {
    const gates = section(summarizePlan(springTea), '关卡');
    const accountableColumn = gates.slice(1).map((line) => displayWidth(line.slice(0, line.search(/(li\.na|zhao\.lei|chen\.jing|最终负责人)/))));
    expect(new Set(accountableColumn).size).toBe(1);
  });
});

describe('what the campaign will do, in brief', () => {
  it('gives the dates of each phase, the crisis rule and the content\'s state, pointing to plan preview', () => {
    expect(section(summarizePlan(webinar), 'Dates')).toEqual([
      'Dates: preparation 2027-04-04 – 2027-04-11 · warm-up 2027-04-12 – 2027-04-16 · rollout 2027-04-17 – 2027-05-07 · closing from 2027-05-08',
      'Crisis: ≥25% negative among ≥10 interactions within 12h → crisis, emma.li (Emma Li) approves the statement',
      'Content: 2 item(s), 4 channel version(s) — all fit their channels; approved at gate assets',
      'Each channel\'s version and the publishing calendar: campaign plan preview <file>',
    ]);
  });

  it('counts days when the plan has no start, with the pilot\'s criteria and the warnings, in Chinese', () => {
    expect(section(summarizePlan(springTea), '日期')).toEqual([
      '日期 (启动时开始): 准备 第 1 天 – 第 5 天 · 试点 第 6 天 – 第 12 天 · 预热 第 13 天 – 第 15 天 · 全面推广 第 16 天 – 第 45 天 · 收尾 从 第 46 天',
      '试点: 通过条件 cvr (转化率) ≥ 0.012; li.na 决策',
      '危机: 6h 内互动 ≥ 20 条且负面 ≥ 30% → 触发危机, 由 li.na (李娜) 审批回应声明',
      '内容: 3 条, 共 7 个渠道版本 — 4 个提醒: 为渠道截短或调整; 在关卡 assets 审核',
      '各渠道版本与发布日历: campaign plan preview <文件>',
    ]);
  });
});
