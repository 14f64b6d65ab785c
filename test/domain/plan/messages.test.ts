/** The catalogue: every rule has a sentence in both languages, and the sentences use their facts. */
import { describe, expect, it } from 'vitest';
import { CONTENT_RULE_IDS } from '../../../domain/content/lint.js';
import type { ContentFinding, RuleId, RuleIssue, RuleParams } from '../../../domain/plan/issues.js';
import { CATALOGUED_RULES, sentenceFor, type Where } from '../../../domain/plan/messages.js';
import type { ContentIssueRule } from '../../../domain/plan/rules/content.js';

// The content lint writes its own sentences in both languages (test/domain/content); one sample serves every rule.
const FINDING: ContentFinding = {
  channel: 'douyin',
  message: { en: 'douyin publishes videos; this content has none.', 'zh-CN': 'douyin只能发布视频, 该内容没有视频。' },
  fix: { en: 'Add a video under media.', 'zh-CN': '请在 media 里加上视频。' },
};
const CONTENT_SAMPLES = Object.fromEntries(CONTENT_RULE_IDS.map((rule) => [`content-${rule}`, FINDING])) as { [K in ContentIssueRule]: ContentFinding };

// Typed so that a rule added without a sample here fails to compile.
const SAMPLES: { [K in RuleId]: RuleParams[K] } = {
  'file-not-found': { file: 'plan.yaml' },
  'file-unreadable': { file: 'plans/' },
  'not-utf8': {},
  'too-large': { bytes: 2_000_000, limit: 1_048_576 },
  'too-deep': { limit: 64 },
  'yaml-syntax': { code: 'SOMETHING_NEW', detail: 'Unexpected thing', format: 'YAML' },
  'duplicate-key': { key: 'owner' },
  'fullwidth-colon': { key: 'owner' },
  'not-a-plan': { received: 'list' },
  'internal-error': { detail: 'boom' },
  'unknown-key': { key: 'titel', suggestion: 'title' },
  'missing-key': { key: 'owner', example: 'owner: li.na' },
  'wrong-type': { key: 'total', expected: 'number', received: 'text' },
  'not-an-option': { key: 'kind', value: 'tiktok', options: ['douyin', 'weibo'] },
  'empty-value': { key: 'name' },
  'list-too-short': { key: 'team', minimum: 1 },
  'list-too-long': { key: 'tasks', maximum: 3 },
  'text-too-long': { key: 'name', maximum: 20_000 },
  'number-too-small': { key: 'reserve', minimum: 0, inclusive: true },
  'number-too-big': { key: 'maxShiftPerReview', maximum: 1, inclusive: true },
  'number-not-finite': { key: 'target', value: '.inf' },
  'not-whole-number': { key: 'minVolume', value: '2.5' },
  'id-format': { key: 'owner', value: '王伟', suggestion: 'wang.wei', fullwidthComma: false },
  'plan-id-format': { value: 'Tea Test', suggestion: 'tea-test' },
  'date-format': { key: 'until', value: '2027/03/10' },
  'start-format': { value: '2027-06-01 20:00' },
  'time-range-format': { key: 'peakHours', value: '8pm-11pm' },
  'currency-format': { value: 'rmb' },
  'duration-format': { key: 'duration', value: '2 days' },
  'url-format': { key: 'url', value: 'hook' },
  'email-format': { key: 'address', value: 'li.na' },
  'invalid-value': { key: 'total', detail: 'must be even' },
  'gate-accountable-count': { count: 2 },
  'notify-inline-secret': { kind: 'dingtalk', field: 'url', name: 'li.na-dingtalk' },
  'notify-old-form': { kind: 'email', value: 'li.na@example.com' },
  'notify-one-target': { count: 2 },
  'notify-target-name': { kind: 'wecom', value: 'team robot' },
  'channel-inline-secret': { key: 'webhookSecret', channel: 'agency' },
  'unknown-person': { id: 'wang.wi', suggestion: 'wang.wei' },
  'unknown-channel': { id: 'douyn', suggestion: 'douyin' },
  'pilot-unknown-channel': { id: 'xhs' },
  'unknown-kpi': { id: 'cvrr', suggestion: 'cvr' },
  'unknown-task': { id: 'scrip', suggestion: 'script' },
  'unknown-gate-or-task': { id: 'gaols', suggestion: 'goals' },
  'dependency-cycle': { kind: 'task', cycle: ['script', 'shoot', 'script'] },
  'dependency-later-phase': { id: 'teaser', phase: 'preparation', dependsOnPhase: 'warmup' },
  'duplicate-id': { id: 'story', firstPath: ['content', 0, 'id'] },
  'gate-task-id-clash': { id: 'goals', taskPath: ['tasks', 1, 'id'] },
  'delegate-self': { id: 'zhao.lei' },
  'unknown-role': { value: '渠道运维', suggestion: 'channel-ops' },
  'channel-min-above-max': { min: 40_000, max: 30_000 },
  'channel-initial-outside-range': { initial: 5_000, min: 10_000, max: 60_000 },
  'budget-over-total': { channels: 60_000, items: 10_000, reserve: 10_000, total: 70_000, currency: 'CNY' },
  'pilot-budget-over-channels': { budget: 50_000, available: 40_000, channels: ['douyin'], currency: 'CNY' },
  'channel-webhook-url': {},
  'roi-threshold-not-positive': { value: 0 },
  'formula-syntax': { formula: 'orders / (uv', position: 9, problem: 'unclosed-parenthesis' },
  'formula-unknown-kpi': { id: 'orders-uv', split: 'orders - uv' },
  'formula-divides-by-zero': { formula: 'orders / 0' },
  'formula-cycle': { cycle: ['uv', 'cvr', 'uv'] },
  'kpi-no-measure': {},
  'kpi-metric-and-formula': {},
  'kpi-no-owner': {},
  'pilot-criterion-without-bound': { kpi: 'cvr' },
  'pilot-criterion-impossible': { kpi: 'cvr', atLeast: 0.05, atMost: 0.01 },
  'kpi-target-not-positive': { target: -5 },
  'duration-zero': { key: 'duration', value: '0d' },
  'reminder-too-frequent': { key: 'remind', value: '10s', minimum: '1m' },
  'duration-too-long': { key: 'duration', value: '9999w', maximum: '260w', days: 69_993 },
  'content-no-channels': {},
  'peak-hours-empty': { value: '20:00-20:00' },
  'crisis-share-zero': {},
  'report-languages-empty': {},
  'content-review-gates': { id: 'final', first: 'assets' },
  ...CONTENT_SAMPLES,
  'goal-due-invalid': { value: 'edn', suggestion: 'end' },
  'phase-not-in-plan': { phase: 'warmup' },
  'date-not-real': { value: '2027-02-30' },
  'goal-due-outside-campaign': { value: '2028-01-15', start: '2027-03-01', end: '2027-04-15' },
  'rollout-ends-after-end-by': { endBy: '2027-11-11', start: '2027-10-20', lastDay: '2027-11-28', latestStart: '2027-10-03' },
  'end-by-needs-start': { endBy: '2027-11-11', latestStart: '2027-10-03' },
};

const where = (subject: string): Where => ({ subject, role: 'owner', lineOf: () => 33 });
const sample = (rule: RuleId): RuleIssue => ({ rule, path: ['x'], params: SAMPLES[rule] } as RuleIssue);
const CJK = /[\u4e00-\u9fff]/;

describe('message catalogue', () => {
  it('has a sample for exactly the catalogued rules', () => {
    expect([...CATALOGUED_RULES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(CATALOGUED_RULES)('%s reads in English and in Chinese', (rule) => {
    const en = sentenceFor(sample(rule), 'en', where("Gate 'assets'"));
    const zh = sentenceFor(sample(rule), 'zh-CN', where('关卡“assets”'));
    expect(en.message.length).toBeGreaterThan(10);
    expect(en.message).toMatch(/[.?]$/);
    expect(zh.message).toMatch(CJK);
    expect(zh.message).not.toBe(en.message);
    // A fix exists in one language exactly when it exists in the other.
    expect(Boolean(zh.fix)).toBe(Boolean(en.fix));
    if (en.fix) expect(zh.fix).toMatch(CJK);
  });

  it('puts the facts into the sentence', () => {
    const found = sentenceFor(sample('pilot-budget-over-channels'), 'en', where('The pilot'));
    expect(found.message).toBe('The pilot budget of 50,000 CNY is more than its channels (douyin) have: 40,000 in initial budgets.');
    const duplicate = sentenceFor(sample('duplicate-id'), 'zh-CN', where('内容“story”'));
    expect(duplicate.message).toBe('id “story”被使用了两次: 这里和 content[0].id(第 33 行)。');
  });

  it('falls back to the parser’s own words for a syntax error it has no sentence for', () => {
    expect(sentenceFor(sample('yaml-syntax'), 'en', where('')).message).toBe('This is not valid YAML: Unexpected thing.');
  });

  it('points to the character where a formula stops making sense', () => {
    expect(sentenceFor(sample('formula-syntax'), 'en', where("KPI 'cvr'")).message)
      .toBe("KPI 'cvr': the formula 'orders / (uv' cannot be read at character 10: a parenthesis is opened and never closed.");
  });
});
