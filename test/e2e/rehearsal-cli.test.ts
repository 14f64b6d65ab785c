/**
 * Production never runs on the simulator by accident: a start at time scale 1 with sandbox channels
 * is refused unless `--sandbox` says it is a rehearsal, and a rehearsal says so in `start`,
 * `status` and `list` (the case library's side: closing-cli.test.ts, store/cases.test.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));
const SANDBOX_CHANNELS = 'xiaohongshu, douyin, baidu, wechat';
let env: CampaignTestEnv;
let cliEnv: Record<string, string>;
let scratch: string;

beforeAll(async () => {
  env = await campaignTestEnv('rehearsal-cli');
  await env.startWorker();
  cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl, CAMPAIGN_API_URL: '', CAMPAIGN_API_TOKEN: '' };
  scratch = await mkdtemp(path.join(os.tmpdir(), 'rehearsal-cli-'));
});
afterAll(async () => {
  await env?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const statusText = (id: string) => eventually(async () => {
  const r = await runCli(['status', id], cliEnv);
  return r.code === 0 ? r.stdout : undefined;
}, `the status of ${id}`);

describe('campaign start on sandbox channels', () => {
  it('refuses time scale 1 without --sandbox, naming the channels and both fixes, and starts nothing', async () => {
    const id = uniqueCampaignId('unsaid');
    const refused = await runCli(['start', EXAMPLE, '--id', id], cliEnv);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`Channels ${SANDBOX_CHANNELS} have adapter: sandbox`);
    expect(refused.stderr).toContain('set adapter: webhook and your bridge\'s url');
    expect(refused.stderr).toContain('start with --sandbox');
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const json = await runCli(['start', EXAMPLE, '--id', id, '--json'], cliEnv);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { type: 'SandboxLaunch', exitCode: 3 } });

    const nothing = await runCli(['status', id], cliEnv);
    expect(nothing.code).toBe(2);
  });

  it('starts a full-length rehearsal with --sandbox, and a compressed one without, each marked a rehearsal everywhere', async () => {
    const full = uniqueCampaignId('full-rehearsal');
    const started = await runCli(['start', EXAMPLE, '--id', full, '--sandbox'], cliEnv);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`Rehearsal (simulated channels ${SANDBOX_CHANNELS}): its numbers are not a real campaign's.`);

    const fast = uniqueCampaignId('fast-rehearsal');
    const compressed = await runCli(['start', EXAMPLE, '--id', fast, '--time-scale', '1440', '--json'], cliEnv);
    expect(compressed.code).toBe(0);
    expect(JSON.parse(compressed.stdout)).toMatchObject({ campaignId: fast, rehearsal: { timeScale: 1440, sandboxChannels: SANDBOX_CHANNELS.split(', ') } });

    expect(await statusText(full)).toContain(`Rehearsal (simulated channels ${SANDBOX_CHANNELS})`);
    expect(await statusText(fast)).toContain(`Rehearsal (time scale 1440; simulated channels ${SANDBOX_CHANNELS})`);

    const listed = await eventually(async () => {
      const r = await runCli(['list', '--json'], cliEnv);
      const rows = r.code === 0 ? (JSON.parse(r.stdout) as Array<{ campaignId: string; rehearsal?: boolean }>) : [];
      return rows.some((l) => l.campaignId === full) && rows.some((l) => l.campaignId === fast) ? rows : undefined;
    }, 'both rehearsals listed');
    expect(listed.filter((l) => l.campaignId === full || l.campaignId === fast).map((l) => l.rehearsal)).toEqual([true, true]);
    const text = await runCli(['list'], cliEnv);
    expect(text.stdout).toContain(`${full} (rehearsal)`);
  });

  it('starts a plan on webhook channels at time scale 1 as a real campaign, unmarked', async () => {
    const id = uniqueCampaignId('real');
    const plan = rehearsalPlan();
    const file = path.join(scratch, 'real.json');
    const bridged = { ...plan, id, channels: plan.channels.map((c) => ({ ...c, adapter: 'webhook', url: 'https://bridge.example.com/campaigns' })) };
    await writeFile(file, JSON.stringify(bridged));
    const started = await runCli(['start', file, '--json'], cliEnv);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ campaignId: id, rehearsal: null });
    expect(await statusText(id)).not.toContain('Rehearsal');
    const listed = await eventually(async () => {
      const r = await runCli(['list', '--json'], cliEnv);
      return r.code === 0 ? (JSON.parse(r.stdout) as Array<{ campaignId: string; rehearsal?: boolean }>).find((l) => l.campaignId === id) : undefined;
    }, 'the real campaign listed');
    expect(listed.rehearsal).toBe(false);
  });
});
