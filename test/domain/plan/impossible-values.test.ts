/**
 * Values a plan can write but no campaign can run: each one is refused with the field, its line
 * and column, and a fix, in both languages; the neighbouring values that do mean something stay
 * valid.
 */
import { describe, expect, it } from 'vitest';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { MINIMAL, readRepoFile } from './plan-fixtures.js';

const minimal = readRepoFile(MINIMAL);

interface Variant {
  /** What is written instead of what, in the minimal plan. */
  from: string;
  to: string;
  rule: string;
  path: string;
  /** Where on its line the issue points: the first occurrence of this text. */
  at: string;
}

function edited(from: string, to: string): string {
  expect(minimal.split(from)).toHaveLength(2);
  return minimal.replace(from, to);
}

/** 1-based line and column of an offset in the text. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const GATE = '{ id: goals, title: Goals agreed, accountable: li.na, informed: [wang.wei], due: 2d }';
const OPTIMIZATION = 'optimization: { policy: bandit, approver: li.na }';
const CRISIS = 'crisis: { negativeShare: 0.3, window: 6h, minVolume: 20, accountable: li.na }';
const CLOSING = 'closing:\n  accountable: li.na\n';

const REFUSED: Record<string, Variant> = {
  'a negative KPI target': { from: 'target: 2000', to: 'target: -2000', rule: 'kpi-target-not-positive', path: 'goals[0].target', at: 'target:' },
  'a KPI target of 0, which attainment divides by': {
    from: 'target: 0.04', to: 'target: 0', rule: 'kpi-target-not-positive', path: 'goals[0].children[1].target', at: 'target:',
  },
  'a KPI target of infinity': { from: 'target: 2000', to: 'target: -.inf', rule: 'number-not-finite', path: 'goals[0].target', at: 'target:' },
  'a budget of NaN': { from: 'total: 100000', to: 'total: .nan', rule: 'number-not-finite', path: 'budget.total', at: 'total:' },
  'a share of infinity': { from: 'negativeShare: 0.3', to: 'negativeShare: .inf', rule: 'number-not-finite', path: 'interaction.crisis.negativeShare', at: 'negativeShare:' },
  'a negative reserve': { from: 'reserve: 10000', to: 'reserve: -1', rule: 'number-too-small', path: 'budget.reserve', at: 'reserve:' },
  'a negative hourly cost': {
    from: '{ id: li.na, name: 李娜, roles: [pm] }', to: '{ id: li.na, name: 李娜, roles: [pm], hourlyCost: -80 }',
    rule: 'number-too-small', path: 'team[0].hourlyCost', at: 'hourlyCost:',
  },
  'a max shift per review over 100%': {
    from: OPTIMIZATION, to: 'optimization: { policy: bandit, approver: li.na, maxShiftPerReview: 1.5 }',
    rule: 'number-too-big', path: 'rollout.optimization.maxShiftPerReview', at: 'maxShiftPerReview:',
  },
  'a ROI threshold of 0, under which no channel falls': {
    from: OPTIMIZATION, to: 'optimization: { policy: bandit, approver: li.na, pauseBelowRoi: 0 }',
    rule: 'roi-threshold-not-positive', path: 'rollout.optimization.pauseBelowRoi', at: 'pauseBelowRoi:',
  },
  'a negative ROI threshold': {
    from: OPTIMIZATION, to: 'optimization: { policy: bandit, approver: li.na, pauseBelowRoi: -1 }',
    rule: 'roi-threshold-not-positive', path: 'rollout.optimization.pauseBelowRoi', at: 'pauseBelowRoi:',
  },
  'a pilot criterion at least above its at most': {
    from: '{ kpi: cvr, atLeast: 0.03 }', to: '{ kpi: cvr, atLeast: 0.03, atMost: 0.02 }',
    rule: 'pilot-criterion-impossible', path: 'pilot.successCriteria[0].atLeast', at: 'atLeast:',
  },
  'a rollout of 0 days': { from: 'duration: 30d', to: 'duration: 0d', rule: 'duration-zero', path: 'rollout.duration', at: 'duration:' },
  'a pilot of 0 hours': { from: 'duration: 7d', to: 'duration: 0h', rule: 'duration-zero', path: 'pilot.duration', at: 'duration:' },
  'a warm-up of 0 days': { from: 'warmup: { duration: 3d }', to: 'warmup: { duration: 0d }', rule: 'duration-zero', path: 'warmup.duration', at: 'duration:' },
  'a gate due at once': { from: GATE, to: GATE.replace('due: 2d', 'due: 0m'), rule: 'duration-zero', path: 'gates[0].due', at: 'due:' },
  'a gate reminder of 0 minutes': {
    from: GATE, to: GATE.replace('due: 2d', 'due: 2d, remind: 0m'), rule: 'duration-zero', path: 'gates[0].remind', at: 'remind:',
  },
  'a gate reminder every 10 seconds': {
    from: GATE, to: GATE.replace('due: 2d', 'due: 2d, remind: 10s'), rule: 'reminder-too-frequent', path: 'gates[0].remind', at: 'remind:',
  },
  'a retrospective reminder every 30 seconds': {
    from: CLOSING, to: `${CLOSING}  retrospective: { remind: 30s }\n`, rule: 'reminder-too-frequent', path: 'closing.retrospective.remind', at: 'remind:',
  },
  'a channel silence limit of 0': {
    from: '{ id: douyin, kind: douyin, budget', to: '{ id: douyin, kind: douyin, pacing: { maxPostsPerDay: 2, maxSilence: 0d }, budget',
    rule: 'duration-zero', path: 'channels[0].pacing.maxSilence', at: 'maxSilence:',
  },
  'a response time of 0': {
    from: 'interaction:\n', to: 'interaction:\n  responseSla: 0h\n', rule: 'duration-zero', path: 'interaction.responseSla', at: 'responseSla:',
  },
  'a crisis window of 0': {
    from: CRISIS, to: CRISIS.replace('window: 6h', 'window: 0h'), rule: 'duration-zero', path: 'interaction.crisis.window', at: 'window:',
  },
  'a rollout of 3,000 weeks': { from: 'duration: 30d', to: 'duration: 3000w', rule: 'duration-too-long', path: 'rollout.duration', at: 'duration:' },
  'a task of a billion days': {
    from: '{ id: script, name: Script, owner: wang.wei, duration: 2d }', to: '{ id: script, name: Script, owner: wang.wei, duration: 1000000000d }',
    rule: 'duration-too-long', path: 'tasks[0].duration', at: 'duration:',
  },
  'a crisis share of 0': {
    from: 'negativeShare: 0.3', to: 'negativeShare: 0', rule: 'crisis-share-zero', path: 'interaction.crisis.negativeShare', at: 'negativeShare:',
  },
  'content on no channel': {
    from: 'channels: [douyin, wechat] }', to: 'channels: [] }', rule: 'content-no-channels', path: 'content[0].channels', at: 'channels:',
  },
  'content that leaves its channels out': {
    from: ', channels: [douyin, wechat] }', to: ' }',
    rule: 'content-no-channels', path: 'content[0].channels', at: '{ id: story',
  },
  'a pilot on no channel': { from: '  channels: [douyin]\n  budget: 10000', to: '  channels: []\n  budget: 10000', rule: 'list-too-short', path: 'pilot.channels', at: 'channels:' },
  'peak hours of no minute': {
    from: '{ id: wechat, kind: wechat-oa, budget', to: '{ id: wechat, kind: wechat-oa, peakHours: ["21:30-21:30"], budget',
    rule: 'peak-hours-empty', path: 'channels[1].peakHours[0]', at: '"21:30',
  },
  'a report in no language': {
    from: CLOSING, to: `${CLOSING}  reportLanguages: []\n`, rule: 'report-languages-empty', path: 'closing.reportLanguages', at: 'reportLanguages:',
  },
};

describe('impossible plan values', () => {
  it.each(Object.entries(REFUSED))('refuse %s, naming the field, its place and the fix in both languages', (_name, v) => {
    const text = edited(v.from, v.to);
    const en = validatePlanText(text, { lang: 'en' });
    const zh = validatePlanText(text, { lang: 'zh-CN' });
    expect(en.ok).toBe(false);
    expect(zh.ok).toBe(false);
    const [issue, ...others] = en.ok ? [] : en.issues;
    expect(others).toEqual([]);
    const { line, column } = placeOf(text, text.indexOf(v.at, text.indexOf(v.to)));
    expect(issue).toMatchObject({ rule: v.rule, path: v.path, line, column });
    expect(issue!.fix).toBeTruthy();
    const [chinese] = zh.ok ? [] : zh.issues;
    expect(chinese).toMatchObject({ rule: v.rule, path: v.path, line });
    expect(chinese!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese!.fix).toMatch(/[\u4e00-\u9fff]/);
  });

  it('say why a target of 0 and a negative target are refused, and how to write a rate', () => {
    const zero = validatePlanText(edited('target: 0.04', 'target: 0'), { lang: 'en' });
    expect(zero.ok ? [] : zero.issues.map((i) => i.message)).toEqual(["KPI 'cvr': the target is 0; attainment is actual ÷ target, so a target of 0 can never be judged."]);
    const negative = validatePlanText(edited('target: 2000', 'target: -2000'), { lang: 'zh-CN' });
    expect(negative.ok ? undefined : negative.issues[0]).toMatchObject({
      message: 'KPI“orders”: 目标值为 -2,000; 负数目标不是 KPI 能达到的数值。',
      fix: '请写 KPI 要达到的数值, 必须大于 0, 例如 target: 20000(比率写比率本身: 4% 写作 0.04)。',
    });
  });

  it('tell a typed unit from a real duration by its size in days', () => {
    const long = validatePlanText(edited('duration: 30d', 'duration: 3000w'), { lang: 'en' });
    expect(long.ok ? '' : long.issues[0]!.message).toBe("The rollout: 'duration' is '3000w', about 21,000 days; a plan's durations are at most 260w (five years).");
  });
});

describe('values at the edge that still mean something', () => {
  const ACCEPTED: Record<string, [string, string]> = {
    'a consult window of 0 (the gate opens at once)': [GATE, GATE.replace('due: 2d', 'due: 2d, consultWindow: 0d')],
    'a task of 0 days (a milestone)': ['{ id: script, name: Script, owner: wang.wei, duration: 2d }', '{ id: script, name: Script, owner: wang.wei, duration: 0d }'],
    'peak hours past midnight': ['{ id: wechat, kind: wechat-oa, budget', '{ id: wechat, kind: wechat-oa, peakHours: ["22:00-01:00", "00:00-24:00"], budget'],
    'a pilot criterion with atLeast equal to atMost': ['{ kpi: cvr, atLeast: 0.03 }', '{ kpi: cvr, atLeast: 0.03, atMost: 0.03 }'],
    'a reminder every minute and a five-year rollout': ['duration: 30d', 'duration: 260w'],
    'a zero budget, a zero reserve and a max shift of 100%': [OPTIMIZATION, 'optimization: { policy: bandit, approver: li.na, maxShiftPerReview: 1, pauseBelowRoi: 0.01 }'],
    'a crisis share of 100%': ['negativeShare: 0.3', 'negativeShare: 1'],
    'one report language': [CLOSING, `${CLOSING}  reportLanguages: [en]\n  retrospective: { remind: 1m }\n`],
  };

  it.each(Object.entries(ACCEPTED))('accept %s', (_name, [from, to]) => {
    const result = validatePlanText(edited(from, to), { lang: 'en' });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
