/** Retrospective answers into SOP candidates and training topics per role (P3.8, P3.10). */
import { describe, expect, it } from 'vitest';
import { reusablePractices, trainingSuggestions } from '../../../domain/closing/retrospective.js';
import { closingInput, closingPlan } from '../report/closing-fixture.js';

const plan = closingPlan();

describe('training suggestions', () => {
  it('counts the lessons naming each skill, per role of the people who wrote them', () => {
    const training = trainingSuggestions(plan, closingInput().retrospective!);
    expect(training.map((r) => r.role)).toEqual(['pm', 'content', 'design']);
    expect(training[0]!.topics).toEqual([
      { skill: '投放优化', lessons: 1, people: ['李娜'] },
      { skill: '数据分析', lessons: 1, people: ['李娜'] },
      { skill: '短视频创意', lessons: 1, people: ['李娜'] },
    ]);
  });

  it('matches skills ignoring case and space, and puts people without a role under none', () => {
    const training = trainingSuggestions(plan, [
      { person: 'zhao.lei', worked: [], didNot: [], lessons: [{ text: 'a', skills: ['SQL ', 'sql'] }, { text: 'b', skills: ['Sql'] }] },
      { person: 'guest', worked: [], didNot: [], lessons: [{ text: 'c', skills: ['SEO'] }, { text: 'd', skills: [] }] },
    ]);
    expect(training).toEqual([
      { role: 'data', topics: [{ skill: 'SQL', lessons: 2, people: ['赵磊'] }] },
      { role: null, topics: [{ skill: 'SEO', lessons: 1, people: ['guest'] }] },
    ]);
  });
});

describe('reusable practices', () => {
  it('lists what worked once per wording, most often named first', () => {
    expect(reusablePractices(plan, closingInput().retrospective!)).toEqual([
      { text: '每日复盘会 15 分钟', people: ['李娜', '王伟'] },
      { text: '小红书种草笔记 + 百度品牌词承接', people: ['李娜'] },
    ]);
  });
});
