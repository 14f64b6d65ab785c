/** validatePlanText as a whole: formats, limits, hostile input, everything reported in one run. */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { MAX_NESTING, MAX_PLAN_BYTES, validatePlanText, type PlanIssue } from '../../../domain/plan/validate.js';
import { EXAMPLES, MINIMAL, readRepoFile } from './plan-fixtures.js';

const issuesOf = (text: string, lang: 'en' | 'zh-CN' = 'en', fileName?: string): PlanIssue[] => {
  const result = validatePlanText(text, { lang, ...(fileName ? { fileName } : {}) });
  return result.ok ? [] : result.issues;
};

describe('valid plans', () => {
  it.each(EXAMPLES)('%s is valid', (file) => {
    const result = validatePlanText(readRepoFile(file), { lang: 'en' });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('fills in defaults the author left out', () => {
    const result = validatePlanText(readRepoFile(MINIMAL), { lang: 'en' });
    if (!result.ok) throw new Error('minimal plan must be valid');
    expect(result.plan.currency).toBe('CNY');
    expect(result.plan.tasks[0]!.phase).toBe('preparation');
    expect(result.plan.rollout.reviews).toEqual({ daily: true, weekly: false, monthly: false });
  });

  it('keeps the spring-tea ids the workflow and demo rely on', () => {
    const result = validatePlanText(readRepoFile('examples/spring-tea.zh.yaml'), { lang: 'en' });
    if (!result.ok) throw new Error('example must be valid');
    expect(result.plan.channels.map((c) => c.id)).toEqual(['xiaohongshu', 'douyin', 'baidu', 'wechat']);
    expect(result.plan.gates.map((g) => g.id)).toEqual(['goals', 'assets', 'platforms', 'channels-ready']);
    expect(result.plan.goals.map((g) => g.id)).toEqual(['orders']);
    expect(result.plan.rollout.duration).toBe('30d');
  });

  it('reads the same plan written as JSON', () => {
    const json = JSON.stringify(parse(readRepoFile(MINIMAL)), null, 2);
    const result = validatePlanText(json, { lang: 'en', fileName: 'plan.json' });
    expect(result.ok).toBe(true);
  });

  it('ignores a byte-order mark', () => {
    expect(validatePlanText(`\uFEFF${readRepoFile(MINIMAL)}`, { lang: 'en' }).ok).toBe(true);
  });
});

describe('syntax errors', () => {
  it('locates a JSON syntax error and calls it JSON', () => {
    const json = JSON.stringify(parse(readRepoFile(MINIMAL)), null, 2).replace('"owner": "li.na",', '"owner": "li.na"');
    const [issue] = issuesOf(json, 'en', 'plan.json');
    expect(issue!.rule).toBe('yaml-syntax');
    expect(issue!.message).toMatch(/^This is not valid JSON/);
    expect(issue!.line).toBe(5);
  });

  it('reports a tab used for indentation', () => {
    const [issue] = issuesOf('id: x\nteam:\n\t- id: a\n');
    expect(issue).toMatchObject({ rule: 'yaml-syntax', line: 3 });
    expect(issue!.fix).toBe('Indent with spaces only.');
  });
});

describe('one run reports everything', () => {
  it('reports shape mistakes and cross-reference mistakes together', () => {
    const text = readRepoFile(MINIMAL)
      .replace('{ id: goals, title: Goals agreed', '{ id: goals, titel: Goals agreed')
      .replace('accountable: li.na, responsible', 'accountable: wang.wi, responsible')
      .replace('formula: "orders / uv"', 'formula: "orders / visits"')
      .replace('duration: 3d, dependsOn: [script] }', 'duration: three days, dependsOn: [script] }')
      .replace('total: 100000', 'total: 50000');
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path}`)).toEqual([
      'formula-unknown-kpi goals[0].children[1].formula',
      'budget-over-total budget.total',
      'unknown-key gates[0].titel',
      'unknown-person gates[1].accountable',
      'duration-format tasks[1].duration',
    ]);
  });

  it('does not blame references on an entry that exists but is broken', () => {
    // wang.wei's entry is unreadable (bad notify), yet wang.wei is not "missing from the team".
    const text = readRepoFile(MINIMAL).replace('{ id: wang.wei, name: 王伟, roles: [content] }', '{ id: wang.wei, name: 王伟, roles: [content], notify: [{ pager: wang-wei }] }');
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path}`)).toEqual(['unknown-key team[1].notify[0].pager']);
  });

  it('does not report "no owner" for a KPI whose owner is written but unreadable', () => {
    const text = readRepoFile(MINIMAL).replace('    owner: li.na\n    due: end', '    owner: 李娜\n    due: end');
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path}`)).toEqual(['id-format goals[0].owner']);
  });

  it('reports entries after an unreadable one at their own place in the file', () => {
    const text = readRepoFile(MINIMAL)
      .replace('{ id: script, name: Script, owner: wang.wei, duration: 2d }', '{ id: script, name: Script, owner: wang.wei, duration: soon }')
      .replace('{ id: shoot, name: Shoot, owner: wang.wei,', '{ id: shoot, name: Shoot, owner: wang.wie,');
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path} ${i.line}`)).toEqual([
      'duration-format tasks[0].duration 36',
      'unknown-person tasks[1].owner 37',
    ]);
  });

  it('does not report a criterion without bounds when its bound is only misspelt', () => {
    const text = readRepoFile(MINIMAL).replace('{ kpi: cvr, atLeast: 0.03 }', '{ kpi: cvr, atleast: 0.03 }');
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path}`)).toEqual(['unknown-key pilot.successCriteria[0].atleast']);
  });

  it('orders issues from the top of the file to the bottom', () => {
    const lines = issuesOf(readRepoFile('test/fixtures/plans/invalid/unknown-people-everywhere.yaml')).map((i) => i.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('limits and hostile input', () => {
  it('refuses a file over the size limit without parsing it', () => {
    const [issue] = issuesOf(`name: ${'x'.repeat(MAX_PLAN_BYTES)}`);
    expect(issue).toMatchObject({ rule: 'too-large', path: '' });
    expect(issue!.message).toContain('1,024 KiB');
  });

  it('counts the size in bytes, so Chinese text is measured as stored', () => {
    const chinese = `name: ${'茶'.repeat(Math.ceil(MAX_PLAN_BYTES / 3))}`;
    expect(chinese.length).toBeLessThan(MAX_PLAN_BYTES);
    expect(issuesOf(chinese)[0]!.rule).toBe('too-large');
  });

  it('refuses brackets nested deeper than the limit, with the line', () => {
    const [issue] = issuesOf(`id: x\nname: y\nteam: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`);
    expect(issue).toMatchObject({ rule: 'too-deep', line: 3 });
  });

  it('refuses a KPI tree nested deeper than the limit, at the path where it goes too deep', () => {
    const plan = parse(readRepoFile(MINIMAL)) as { goals: unknown[] };
    let goal: Record<string, unknown> = { id: 'leaf', name: 'Leaf', target: 1, metric: 'm' };
    for (let i = 0; i < MAX_NESTING / 2; i++) goal = { id: `g${i}`, name: 'G', target: 1, children: [goal] };
    plan.goals = [goal];
    // Block style: nesting by indentation, which the bracket count cannot see.
    const [issue] = issuesOf(stringify(plan, { collectionStyle: 'block' }));
    expect(issue?.rule).toBe('too-deep');
    expect(issue!.path).toMatch(/^goals\[0\](\.children\[0\])+/);
    expect(issue!.line).toBeGreaterThan(MAX_NESTING / 2);
  });

  it('stops alias expansion that would never end', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    expect(issuesOf(bomb).map((i) => i.rule)).toEqual(['yaml-syntax']);
  });

  it.each([
    ['an empty file', ''],
    ['a document marker only', '---'],
    ['null', 'null'],
    ['a number', '42'],
    ['a list', '[1, 2]'],
    ['text', 'hello'],
  ])('explains that %s is not a plan', (_what, text) => {
    expect(issuesOf(text).map((i) => i.rule)).toEqual(['not-a-plan']);
  });

  it('treats a __proto__ key as an unknown key, not as an object prototype', () => {
    const text = `${readRepoFile(MINIMAL)}__proto__: { polluted: true }\n`;
    expect(issuesOf(text).map((i) => `${i.rule} ${i.path}`)).toEqual(['unknown-key __proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads a full-width colon in Chinese text as text, and one after a plan key as a typo', () => {
    const checklist = readRepoFile(MINIMAL).replace('informed: [wang.wei], due: 2d }', 'informed: [wang.wei], due: 2d, checklist: [KPI：口径已确认] }');
    expect(validatePlanText(checklist, { lang: 'en' }).ok).toBe(true);
    const typo = readRepoFile(MINIMAL).replace('  reserve: 10000', '  reserve：10000');
    expect(issuesOf(typo).map((i) => `${i.rule} ${i.line}`)).toContain('fullwidth-colon 24');
  });

  it('answers in the requested language', () => {
    const text = readRepoFile(MINIMAL).replace('total: 100000', 'total: 1');
    expect(issuesOf(text, 'zh-CN')[0]!.message).toMatch(/^预算超支/);
    expect(issuesOf(text, 'en')[0]!.message).toMatch(/^The budget does not add up/);
  });
});

describe('secrets stay out of the plan', () => {
  const withNotify = (notify: string) => readRepoFile(MINIMAL).replace('{ id: li.na, name: 李娜, roles: [pm] }', `{ id: li.na, name: 李娜, roles: [pm], notify: ${notify} }`);

  it('refuses a robot URL and secret written inline, saying where to move them and what to write instead', () => {
    const text = withNotify('[{ kind: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: SECabc }]');
    const [url, secret] = issuesOf(text, 'en');
    expect(url).toMatchObject({ rule: 'notify-inline-secret', path: 'team[0].notify[0].url', line: 7 });
    expect(url!.message).toContain('DingTalk robot address, which carries its access key');
    expect(url!.fix).toBe("Move it to the worker's secrets file (CAMPAIGN_SECRETS_FILE) as notify: { li.na-dingtalk: { kind: dingtalk, url: …, secret: … } } and write 'dingtalk: li.na-dingtalk' here.");
    expect(secret).toMatchObject({ rule: 'notify-inline-secret', path: 'team[0].notify[0].secret' });
    const [zh] = issuesOf(text, 'zh-CN');
    expect(zh!.message).toContain('钉钉机器人的地址(url)');
    expect(zh!.fix).toContain('并在这里写“dingtalk: li.na-dingtalk”');
  });

  it('refuses a robot URL written where the target name belongs', () => {
    const [found] = issuesOf(withNotify('[{ wecom: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" }]'));
    expect(found).toMatchObject({ rule: 'notify-inline-secret', path: 'team[0].notify[0].wecom' });
    expect(found!.fix).toContain("write 'wecom: li.na-wecom' here");
  });

  it('accepts named targets and e-mail addresses, whether or not this machine knows the names', () => {
    const result = validatePlanText(withNotify('[{ wecom: team-robot }, { email: li.na@example.com }]'), { lang: 'en' });
    expect(result.ok && result.plan.team[0]!.notify).toEqual([{ wecom: 'team-robot' }, { email: 'li.na@example.com' }]);
  });
});
