import { describe, expect, it } from 'vitest';
import { parseSurveyFile, summarizeSurvey } from '../../../domain/closing/survey.js';
import { parseAnalysis, parseDidNot, parseLesson, retrospectiveFrom } from '../../../client/retrospective-input.js';
import {
  closingSignOffMessage, reportAudience, reportReadyMessage, retroAudience, retroReminderMessage, retroRequestMessage,
} from '../../../domain/notifications/closing-messages.js';
import { renderNotification } from '../../../domain/notifications/messages.js';
import { closingPlan } from '../report/closing-fixture.js';

describe('survey answers', () => {
  it('reads CSV with a BOM and Chinese text, rejecting bad lines with their field', () => {
    const csv = [
      '\uFEFFanswer_id,respondent,question,score,out_of,text',
      'a1,r1,品牌认知度,4,5,包装很好看',
      'a2,r2,品牌认知度,5,5,',
      'a3,r2,推荐意愿,,,"会推荐给朋友, 价格合适"',
      'a4,r3,推荐意愿,seven,10,',
      'a5,r3,推荐意愿,11,10,',
      'a1,r4,品牌认知度,3,5,',
      'a6,r4,,3,5,',
    ].join('\n');
    const { answers, rejected } = parseSurveyFile(csv, 'csv');
    expect(answers.map((a) => a.answerId)).toEqual(['a1', 'a2', 'a3']);
    expect(rejected).toEqual([
      { line: 5, field: 'score', message: 'score must be a number, e.g. 4' },
      { line: 6, field: 'score', message: 'score is above out_of' },
      { line: 7, field: 'answer_id', message: 'answer_id "a1" appears twice in the file; each answer needs its own id' },
      { line: 8, field: 'question', message: 'say which question was answered (question)' },
    ]);
    expect(summarizeSurvey(answers)).toEqual({
      respondents: 2, method: 'survey', summary: '包装很好看 / 会推荐给朋友, 价格合适',
      scores: [{ name: '品牌认知度', value: 4.5, outOf: 5 }],
    });
  });

  it('reads NDJSON with camelCase keys and names unknown columns', () => {
    const { answers, rejected } = parseSurveyFile('{"answerId":1,"question":"NPS","score":9,"outOf":10}\n{"id":"x","question":"NPS","mood":"ok"}\nnot json', 'ndjson');
    expect(answers).toEqual([{ answerId: '1', respondent: null, question: 'NPS', score: 9, outOf: 10, text: null }]);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([[2, 'mood'], [2, 'score'], [3, null]]);
    expect(summarizeSurvey([])).toBeUndefined();
  });
});

describe('retrospective from the command line', () => {
  it('reads root causes, skills and analyses as people type them', () => {
    expect(parseDidNot('抖音素材不足 => 拍摄排期太晚')).toEqual({ what: '抖音素材不足', rootCause: '拍摄排期太晚' });
    expect(parseLesson('下次要提前两周备货 #供应链 #排期')).toEqual({ text: '下次要提前两周备货', skills: ['供应链', '排期'] });
    expect(parseAnalysis('orders:execution:素材晚了一周')).toEqual({ kpi: 'orders', cause: 'execution', text: '素材晚了一周' });
    expect(parseAnalysis('orders:素材晚了一周')).toEqual({ kpi: 'orders', text: '素材晚了一周' });
  });

  it('names the option at fault', () => {
    const none = { worked: [], didNot: [], lesson: [], analysis: [] };
    expect(retrospectiveFrom('li.na', { ...none, didNot: ['no arrow here'] })).toEqual({ ok: false, problems: ['--did-not (1st): write it as "what did not work => root cause"'] });
    expect(retrospectiveFrom('li.na', { ...none, didNot: ['慢 => '] })).toEqual({ ok: false, problems: ['--did-not (1st) rootCause: give the root cause: why it did not work'] });
    expect(retrospectiveFrom('li.na', none)).toEqual({ ok: false, problems: ['--worked: say at least one thing: what worked, what did not, a lesson or a KPI analysis'] });
    expect(retrospectiveFrom('li.na', { ...none, analysis: ['orders:luck:运气'] })).toMatchObject({ ok: true });
    const fromFile = retrospectiveFrom('li.na', { ...none, worked: ['每日复盘'] }, { name: 'a.yaml', text: 'lessons:\n  - text: 提前备货\n    skills: [供应链]\n' });
    expect(fromFile).toEqual({ ok: true, input: { by: 'li.na', worked: ['每日复盘'], didNot: [], lessons: [{ text: '提前备货', skills: ['供应链'] }], analyses: [] } });
    expect(retrospectiveFrom('li.na', none, { name: 'a.yaml', text: 'by: wang.wei\nworked: [x]' })).toMatchObject({ ok: false });
  });
});

describe('closing notifications', () => {
  const plan = closingPlan({ gates: [{ id: 'goals', title: '目标', accountable: 'li.na', informed: ['chen.jing'] }] });
  const about = { campaignId: 'spring-tea-2027', plan, at: new Date('2027-04-20T10:00:00Z') };

  it('asks each member for their retrospective with the command to answer, in both languages', () => {
    const message = retroRequestMessage(about, 'wang.wei', { answered: 1, asked: 4 });
    expect(message).toMatchObject({ kind: 'notice', topic: 'retro-request' });
    const en = renderNotification(message, { personId: 'wang.wei', language: 'en' });
    expect(en.title).toContain('The campaign is closing: your retrospective, please');
    expect(en.lines).toContain('1 of 4 team members have answered so far.');
    expect(en.commands[0]!.text).toBe('npx campaign retro spring-tea-2027 --as wang.wei --worked "…" --did-not "… => root cause" --lesson "… #skill"');
    const zh = renderNotification(retroReminderMessage(about, 'wang.wei', { answered: 1, asked: 4 }), { personId: 'wang.wei', language: 'zh-CN' });
    expect(zh.title).toContain('提醒：你的复盘还没有提交');
    expect(retroAudience(plan)).toEqual(['li.na', 'zhao.lei', 'wang.wei', 'chen.jing']);
  });

  it('asks the accountable person to sign off, naming who has not answered', () => {
    const rendered = renderNotification(closingSignOffMessage(about, { answered: 3, asked: 4, missing: ['wang.wei'] }), { personId: 'li.na', language: 'zh-CN' });
    expect(rendered.lines).toContain('尚未提交：王伟。');
    expect(rendered.commands[0]!.text).toBe('npx campaign approve spring-tea-2027 closing --as li.na');
  });

  it('tells the owner and informed people the report is ready and how to get it', () => {
    const rendered = renderNotification(reportReadyMessage(about, { languages: ['zh-CN', 'en'] }), { personId: 'chen.jing', language: 'en' });
    expect(rendered.title).toContain('The closing report is ready');
    expect(rendered.commands[0]!.text).toBe('npx campaign report spring-tea-2027 --format html --out report.html');
    expect(reportAudience(plan)).toEqual(['li.na', 'chen.jing']);
  });
});
