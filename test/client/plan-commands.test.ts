/** `campaign plan validate`, `campaign plan new` (without a case) and `campaign plan schema` as a user runs them. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturePlanCommandOutput, output, repo, run, SPRING_TEA, WEBINAR } from '../helpers/plan-command.js';
import { planJsonSchemaText } from '../../domain/plan/json-schema.js';

const BROKEN = repo('test/fixtures/plans/invalid/unknown-person.yaml');
capturePlanCommandOutput();

describe('plan validate', () => {
  it('prints what the system understood and exits 0 for valid plans', async () => {
    expect(await run(['validate', WEBINAR, SPRING_TEA])).toBe(0);
    expect(output.stdout).toContain(`✓ ${WEBINAR}: the plan is valid.`);
    expect(output.stdout).toContain('preparation — critical path: landing-page → sem-setup (5 days)');
    // The Chinese plan is summarised in the reader's language, like every other line.
    expect(output.stdout).toContain('preparation — critical path: script → shoot (5 days)');
    expect(output.stdout).not.toContain('关键路径');
    expect(output.stderr).toBe('');
  });

  it('prints every issue with its place and exits 2 when any plan is invalid', async () => {
    expect(await run(['validate', SPRING_TEA, BROKEN])).toBe(2);
    expect(output.stderr).toContain(`${BROKEN}:35:43  gates[1].accountable  Gate 'assets' names accountable person 'wang.wi', who is not in the team. Did you mean 'wang.wei'?`);
    expect(output.stderr).toContain('    → Add them under team: or correct the id.');
    expect(output.stdout).toContain('春季新茶上市');
  });

  it('answers in the language asked for with --lang', async () => {
    expect(await run(['validate', '--lang', 'zh-CN', BROKEN, WEBINAR])).toBe(2);
    expect(output.stderr).toContain('关卡“assets”的最终负责人(A)“wang.wi”不在团队(team)中。');
    expect(output.stdout).toContain('计划 cloud-cost-webinar-2027');
  });

  it('uses the reader’s language from the context when no --lang is given', async () => {
    expect(await run(['validate', BROKEN], 'zh-CN')).toBe(2);
    expect(output.stderr).toContain('发现 1 个问题');
  });

  it('prints [{ file, ok, plan | issues }] with --json', async () => {
    expect(await run(['validate', '--json', WEBINAR, BROKEN, repo('no/such/plan.yaml')])).toBe(2);
    const results = JSON.parse(output.stdout) as { file: string; ok: boolean; plan?: { id: string }; issues?: { rule: string; line?: number }[] }[];
    expect(results.map((r) => [r.file, r.ok, r.plan?.id, r.issues?.map((i) => [i.rule, i.line])])).toEqual([
      [WEBINAR, true, 'cloud-cost-webinar-2027', undefined],
      [BROKEN, false, undefined, [['unknown-person', 35]]],
      [repo('no/such/plan.yaml'), false, undefined, [['file-not-found', undefined]]],
    ]);
  });

  it('refuses an unknown --lang as a usage error', async () => {
    await expect(run(['validate', '--lang', 'fr', WEBINAR])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});

describe('plan schema', () => {
  it('prints the JSON Schema that docs/plan.schema.json holds', async () => {
    expect(await run(['schema'])).toBeUndefined();
    expect(output.stdout).toBe(planJsonSchemaText());
    expect(JSON.parse(output.stdout)).toMatchObject({ title: 'Campaign plan', type: 'object' });
  });
});

describe('plan new without a case', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'plan-new-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it.each(['zh-CN', 'en'] as const)('writes a %s template that plan validate accepts as it is, with no warning', async (lang) => {
    const file = join(dir, 'plan.yaml');
    expect(await run(['new', '--lang', lang, '--out', file])).toBeUndefined();
    expect(output.stdout).toContain(`campaign plan validate ${file}`);
    const text = readFileSync(file, 'utf8');
    // Outside the repository the editor is pointed at the schema by its absolute path.
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${repo('docs/plan.schema.json')}`);
    output.stdout = '';
    expect(await run(['validate', '--lang', lang, file])).toBe(0);
    expect(output.stderr).toBe('');
    expect(output.stdout).toContain(lang === 'zh-CN' ? '计划有效' : 'the plan is valid');
  });

  it('comments every section, in the language of the reader when no --lang is given', async () => {
    expect(await run(['new', '--id', 'autumn-tea-2027'], 'zh-CN')).toBeUndefined();
    expect(output.stdout).toMatch(/^id: autumn-tea-2027 /m);
    expect(output.stdout).toContain('name: 新品上市活动');
    const lines = output.stdout.split('\n');
    const sections = lines.flatMap((line, i) => (/^[a-z]+:(?: |$)/.test(line) && !/^(id|name|owner|timezone|currency):/.test(line) ? [i] : []));
    expect(sections.map((i) => lines[i]!.split(':')[0])).toEqual([
      'team', 'goals', 'strategy', 'audiences', 'budget', 'channels', 'content', 'gates', 'tasks', 'pilot', 'warmup', 'rollout', 'interaction', 'closing',
    ]);
    for (const i of sections) expect(lines[i - 1], lines[i]).toMatch(/^# .*[\u4e00-\u9fff]/);
  });

  it('gives powers to the roles it writes in Chinese', async () => {
    const file = join(dir, 'plan.yaml');
    await run(['new', '--lang', 'zh-CN', '--out', file]);
    output.stdout = '';
    await run(['validate', '--json', file]);
    const [result] = JSON.parse(output.stdout) as { plan: { team: { id: string; roles: string[] }[] } }[];
    expect(result!.plan.team.find((m) => m.id === 'wang.wu')?.roles).toEqual(['channel-ops', 'customer-service']);
  });

  it('never overwrites a file that exists', async () => {
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, 'id: my-real-plan\n');
    await expect(run(['new', '--out', file])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('already exists') });
    expect(readFileSync(file, 'utf8')).toBe('id: my-real-plan\n');
  });
});
