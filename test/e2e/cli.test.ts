import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli, runProgram } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));
let env: CampaignTestEnv;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  env = await campaignTestEnv('cli');
  await env.startWorker();
  cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
});
afterAll(() => env?.stop());

describe('campaign CLI against the real server', () => {
  it('starts a campaign, shows it to managers and the Temporal CLI, and enforces who decides', async () => {
    const id = uniqueCampaignId('cli');
    const started = await runCli(['start', EXAMPLE, '--id', id, '--time-scale', '1440', '--json'], cliEnv);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ campaignId: id, workflowId: `campaign:${id}` });

    const status = await eventually(async () => {
      const r = await runCli(['status', id, '--json'], cliEnv);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'status');
    expect(status).toMatchObject({ id, phase: 'preparation', owner: 'li.na' });
    expect(status.waitingOn).toContain('zhao.lei');

    const text = await runCli(['status', id], cliEnv);
    expect(text.stdout).toContain('春季新茶上市');
    expect(text.stdout).toMatch(/platforms\s+平台与工具就绪\s+zhao\.lei\s+waiting for zhao\.lei/);

    const wrongPerson = await runCli(['approve', id, 'platforms', '--as', 'wang.wei'], cliEnv);
    expect(wrongPerson.code).toBe(3);
    expect(wrongPerson.stderr).toContain('Only zhao.lei');
    expect(wrongPerson.stderr).not.toMatch(/\n\s+at /);

    const noComment = await runCli(['send-back', id, 'assets', '--as', 'li.na'], cliEnv);
    expect(noComment.code).toBe(2);

    const notOpen = await runCli(['approve', id, 'goals', '--as', 'li.na'], cliEnv);
    expect(notOpen.code).toBe(3);
    expect(notOpen.stderr).toContain('zhao.lei is still being consulted');

    const approved = await runCli(['approve', id, 'platforms', '--as', 'zhao.lei'], cliEnv);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('Gate platforms approved by zhao.lei');

    const consulted = await runCli(['consult', id, 'goals', '--as', 'zhao.lei', '--comment', '口径确认'], cliEnv);
    expect(consulted.code).toBe(0);
    const unticked = await runCli(['approve', id, 'goals', '--as', 'li.na'], cliEnv);
    expect(unticked.code).toBe(3);
    expect(unticked.stderr).toContain('unticked checklist items');
    expect((await runCli(['tick', id, 'goals', '1', '2', '--as', 'li.na'], cliEnv)).code).toBe(0);
    expect((await runCli(['approve', id, 'goals', '--as', 'li.na'], cliEnv)).code).toBe(0);

    const ready = await runCli(['ready', id, 'assets', '--as', 'wang.wei', '--evidence', 'https://drive.example/kv.png'], cliEnv);
    expect(ready.code).toBe(0);
    const inbox = await runCli(['inbox', '--as', 'li.na', '--json'], cliEnv);
    expect(JSON.parse(inbox.stdout).items).toContainEqual(expect.objectContaining({ campaignId: id, kind: 'decide', gate: 'assets' }));

    const audit = await runCli(['audit', id, '--json'], cliEnv);
    expect(audit.code).toBe(0);
    const trail = JSON.parse(audit.stdout) as Array<{ kind: string; actor: string }>;
    expect(trail.map((e) => e.kind)).toEqual(expect.arrayContaining(['consultation', 'checklist', 'decision', 'readiness']));

    const cli = inject('temporalCli');
    const query = await runProgram(cli, ['workflow', 'query', '--address', env.temporalAddress, '--workflow-id', campaignWorkflowId(id), '--type', 'status', '-o', 'json']);
    expect(query.code).toBe(0);
    expect(query.stdout).toContain('"phase": "preparation"');

    const queue = await eventually(async () => {
      const r = await runProgram(cli, ['workflow', 'list', '--address', env.temporalAddress, '--query', 'CampaignWaitingOn="chen.jing"', '-o', 'json']);
      return r.stdout.includes(campaignWorkflowId(id)) ? r : undefined;
    }, 'the Temporal CLI to list the campaign in chen.jing\'s queue');
    expect(queue.code).toBe(0);

    const listed = await eventually(async () => {
      const r = await runCli(['list', '--waiting-on', 'chen.jing', '--json'], cliEnv);
      const rows = JSON.parse(r.stdout) as Array<{ campaignId: string; phase: string }>;
      return rows.find((row) => row.campaignId === id);
    }, 'campaign list to show the campaign');
    expect(listed.phase).toBe('preparation');
  });

  it('says clearly when a campaign does not exist or Temporal cannot be reached', async () => {
    const missing = await runCli(['status', 'no-such-campaign'], cliEnv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no campaign "no-such-campaign"');

    const down = await runCli(['status', 'x'], { ...cliEnv, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot reach Temporal at 127.0.0.1:1');
  });

  it('refuses an invalid plan with exit 2 before anything starts', async () => {
    const result = await runCli(['start', fileURLToPath(new URL('../../package.json', import.meta.url)), '--id', uniqueCampaignId('bad')], cliEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
