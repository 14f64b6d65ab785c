/** Plan files on disk, rendering issues for a terminal, and choosing the reader's language. */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFrom, loadPlanFile, renderPlanIssues } from '../../client/plan-file.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
let dir: string;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'plan-file-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('loadPlanFile', () => {
  it('loads and validates a plan, keeping the name it was given', async () => {
    const loaded = await loadPlanFile(repo('examples/spring-tea.zh.yaml'), 'en');
    expect(loaded.ok).toBe(true);
    expect(loaded.fileName).toBe(repo('examples/spring-tea.zh.yaml'));
    if (loaded.ok) expect(loaded.plan.id).toBe('spring-tea-2027');
  });

  it('reports a missing file as an issue', async () => {
    const loaded = await loadPlanFile(join(dir, 'nope.yaml'), 'zh-CN');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues).toEqual([{ rule: 'file-not-found', path: '', message: `文件“${join(dir, 'nope.yaml')}”不存在。`, fix: '请检查路径和文件名。' }]);
  });

  it('reports a folder as unreadable', async () => {
    const loaded = await loadPlanFile(dir, 'en');
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.rule)).toEqual(['file-unreadable']);
  });

  it('refuses an oversized file without reading it', async () => {
    const big = join(dir, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, 2 * 1024 * 1024);
    const loaded = await loadPlanFile(big, 'en');
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.rule)).toEqual(['too-large']);
  });

  it('asks for UTF-8 when the file is saved in GBK', async () => {
    const gbk = join(dir, 'gbk.yaml');
    // "name: 春茶" with 春茶 in GBK (B4BA B2E8): not valid UTF-8.
    await writeFile(gbk, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xb4, 0xba, 0xb2, 0xe8, 0x0a]));
    const loaded = await loadPlanFile(gbk, 'zh-CN');
    expect(loaded.ok ? [] : loaded.issues.map((i) => [i.rule, i.message])).toEqual([['not-utf8', '文件不是 UTF-8 编码(可能是 GBK)。']]);
  });

  it('speaks of JSON for a .json file with a syntax error', async () => {
    const file = join(dir, 'plan.json');
    await writeFile(file, '{ "id": "x",\n  "name": "y"\n');
    const loaded = await loadPlanFile(file, 'en');
    expect(loaded.ok ? [] : loaded.issues[0]!.message).toMatch(/^This is not valid JSON/);
  });
});

describe('renderPlanIssues', () => {
  it('prints file:line:col, the path and the sentence, the fix below, and a count', () => {
    const text = renderPlanIssues([
      { rule: 'unknown-person', path: 'gates[1].accountable', line: 23, column: 5, message: "Gate 'assets' names accountable person 'wang.wi', who is not in the team.", fix: 'Add them under team: or correct the id.' },
      { rule: 'not-a-plan', path: '', message: 'The file does not contain a plan.' },
    ], 'en', 'spring-tea.zh.yaml');
    expect(text).toBe([
      "spring-tea.zh.yaml:23:5  gates[1].accountable  Gate 'assets' names accountable person 'wang.wi', who is not in the team.",
      '    → Add them under team: or correct the id.',
      'spring-tea.zh.yaml  The file does not contain a plan.',
      'spring-tea.zh.yaml: 2 problems found.',
    ].join('\n'));
  });

  it('counts in Chinese for Chinese readers', () => {
    expect(renderPlanIssues([{ rule: 'x', path: 'id', line: 1, column: 1, message: 'm' }], 'zh-CN', 'a.yaml')).toBe('a.yaml:1:1  id  m\na.yaml: 发现 1 个问题。');
  });
});

describe('languageFrom', () => {
  it.each([
    [undefined, undefined, 'en'],
    [undefined, 'zh_CN.UTF-8', 'zh-CN'],
    [undefined, 'zh_TW.UTF-8', 'zh-CN'],
    [undefined, 'en_US.UTF-8', 'en'],
    [undefined, 'C.UTF-8', 'en'],
    [undefined, 'zh_CN:en_US:en', 'zh-CN'],
    ['en', 'zh_CN.UTF-8', 'en'],
    ['zh-CN', 'en_US.UTF-8', 'zh-CN'],
    ['zh', undefined, 'zh-CN'],
    ['', 'zh_CN.UTF-8', 'zh-CN'],
  ])('--lang %j with locale %j reads %s', (option, locale, expected) => {
    expect(languageFrom(option, locale)).toBe(expected);
  });
});
