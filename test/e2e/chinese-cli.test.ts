/**
 * The CLI in Chinese, as a zh-CN team uses it: chosen by LANG or by --lang, in help, output,
 * status (with a crisis), inbox and errors; plus the conventions every command shares (--json for
 * usage errors too, verbs before the campaign id with the old order still accepted, every phase
 * for `list --phase`). The real CLI against the real dev server and records database.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));
const ZH = { LANG: 'zh_CN.UTF-8' };
let env: CampaignTestEnv;
let cliEnv: Record<string, string>;
let id: string;

/** English sentences the CLI prints; none may reach a Chinese reader. */
function expectNoEnglish(text: string, sentences: readonly string[]) {
  for (const sentence of sentences) expect(text).not.toContain(sentence);
}

beforeAll(async () => {
  env = await campaignTestEnv('chinese-cli');
  await env.startWorker();
  cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl, LANG: 'C.UTF-8' };
  id = uniqueCampaignId('zh');
});
afterAll(() => env?.stop());

describe('campaign in Chinese', () => {
  it('shows help in Chinese by LANG and by --lang, with the global options in every command', async () => {
    const byLang = await runCli(['--help'], { ...cliEnv, ...ZH });
    expect(byLang.code).toBe(0);
    expect(byLang.stdout).toContain('用法：');
    expect(byLang.stdout).toContain('批准你负责审批的关卡');
    expectNoEnglish(byLang.stdout, ['Usage:', 'approve a gate you are accountable for', 'display help for command']);

    const byOption = await runCli(['--lang', 'zh-CN', 'approve', '--help'], cliEnv);
    expect(byOption.code).toBe(0);
    expect(byOption.stdout).toContain('全局选项：');
    expect(byOption.stdout).toMatch(/--json\s+输出机器可读的 JSON/);
    expectNoEnglish(byOption.stdout, ['a note kept with the decision', 'Arguments:', 'campaign id']);

    const english = await runCli(['crisis', '--help'], cliEnv);
    expect(english.stdout).toContain('Global Options:');
    expect(english.stdout).toMatch(/--json\s+machine-readable output/);
    expect(english.stdout).not.toMatch(/\(P\d/);
  });

  it('starts a campaign and says so in Chinese', async () => {
    const started = await runCli(['--lang', 'zh-CN', 'start', EXAMPLE, '--id', id, '--time-scale', '1440'], cliEnv);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`已启动活动 ${id}`);
    expect(started.stdout).toContain(`查看进展：campaign status ${id}`);
    expectNoEnglish(started.stdout, ['Started campaign', 'Gates wait for', 'Follow it with']);
  });

  it('shows status and a crisis in Chinese: since when, who approves the statement', async () => {
    await eventually(async () => ((await runCli(['status', id, '--json'], cliEnv)).code === 0 ? true : undefined), 'status');
    const crisis = await runCli(['crisis', 'start', id, '--as', 'li.na', '--comment', '差评集中出现'], { ...cliEnv, ...ZH });
    expect(crisis.stderr).toBe('');
    expect(crisis.stdout).toContain(`li.na 已为活动 ${id} 启动危机处理`);
    // The order earlier releases documented still works.
    const statement = await runCli(['crisis', id, 'statement', '--as', 'wang.wei', '--statement', '我们已下架该批次并致歉'], { ...cliEnv, ...ZH });
    expect(statement.stderr).toBe('');
    expect(statement.stdout).toContain('提交回应声明，等待批准');

    const status = await eventually(async () => {
      const r = await runCli(['status', id], { ...cliEnv, ...ZH });
      return r.code === 0 && r.stdout.includes('我们已下架该批次并致歉') ? r : undefined;
    }, 'the crisis in the status');
    expect(status.stdout).toContain('· 负责人 li.na · 阶段 准备');
    expect(status.stdout).toMatch(/危机：处理中，自 \d{4}-\d\d-\d\d \d\d:\d\d UTC\(由 li\.na 启动：差评集中出现\)/);
    expect(status.stdout).toContain('声明审批人：li.na');
    expect(status.stdout).toMatch(/platforms\s+平台与工具就绪\s+zhao\.lei\s+等待 zhao\.lei 审批/);
    expect(status.stdout).toMatch(/script\s+视频脚本\s+wang\.wei\s+准备\s+计划中/);
    // Alerts are the campaign's own sentences (in English); everything around them is Chinese.
    expectNoEnglish(status.stdout, ['Waiting on:', 'Gates\n', 'Channels\n', 'Alerts:', 'waiting for', 'Crisis: ACTIVE', 'owner li.na', 'planned']);

    const english = await runCli(['status', id], cliEnv);
    expect(english.stdout).toContain('Crisis: ACTIVE since');
    expect(english.stdout).toContain('Approves the statement: li.na');
  });

  it('shows the inbox in Chinese', async () => {
    const inbox = await eventually(async () => {
      const r = await runCli(['inbox', '--as', 'li.na'], { ...cliEnv, ...ZH });
      return r.code === 0 && r.stdout.includes('危机') ? r : undefined;
    }, 'the crisis in the inbox');
    expect(inbox.stdout).toMatch(/活动\s+事项\s+对象\s+标题\s+已等待/);
    expectNoEnglish(inbox.stdout, ['campaign  what', 'waiting', 'crisis']);
    const nobody = await runCli(['inbox', '--as', 'nobody.here'], { ...cliEnv, ...ZH });
    expect(nobody.stdout.trim()).toBe('没有等待 nobody.here 处理的事项。');
  });

  it('reports errors in Chinese, with the exit codes of every language', async () => {
    const missing = await runCli(['status', 'no-such-campaign'], { ...cliEnv, ...ZH });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('没有活动 "no-such-campaign"。用 `campaign list` 查看已有的活动。');
    expectNoEnglish(missing.stderr, ['There is no campaign']);

    const down = await runCli(['--lang', 'zh-CN', 'approve', id, 'platforms', '--as', 'zhao.lei'], { ...cliEnv, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('无法连接 Temporal(127.0.0.1:1)');
    expectNoEnglish(down.stderr, ['Cannot reach Temporal', 'Is `campaign dev` running']);
    expect(down.stderr).not.toMatch(/\n\s+at /);

    // A refusal is the campaign's own sentence, headed in Chinese by what kind of refusal it is.
    const refused = await runCli(['approve', id, 'platforms', '--as', 'wang.wei'], { ...cliEnv, ...ZH });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('无权执行此操作');

    const usage = await runCli(['approve', id], { ...cliEnv, ...ZH });
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('campaign：缺少参数 <gate>。 (加 --help 查看用法)');
  });
});

describe('conventions every command shares', () => {
  it('reports usage errors as JSON with --json, in the shape of every other error', async () => {
    const usage = await runCli(['approve', id, '--json'], cliEnv);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('');
    expect(JSON.parse(usage.stdout)).toEqual({ error: { message: 'missing the argument <gate>.', exitCode: 2, type: 'InvalidInput' } });

    const choice = await runCli(['list', '--phase', 'launch', '--json'], cliEnv);
    expect(choice.code).toBe(2);
    expect(JSON.parse(choice.stdout).error.message).toContain('preparation, pilot, warmup, rollout, closing, closed');
  });

  it('lists campaigns in any phase, pilot and warm-up included', async () => {
    const preparing = await eventually(async () => {
      const r = await runCli(['list', '--phase', 'preparation', '--json'], cliEnv);
      const found = r.code === 0 ? (JSON.parse(r.stdout) as Array<{ campaignId: string }>) : [];
      return found.some((l) => l.campaignId === id) ? found : undefined;
    }, 'the campaign in the list');
    expect(preparing.length).toBeGreaterThan(0);
    for (const phase of ['pilot', 'warmup']) {
      const r = await runCli(['list', '--phase', phase, '--json'], cliEnv);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as Array<{ campaignId: string }>).map((l) => l.campaignId)).not.toContain(id);
    }
  });
});
