/**
 * `campaign worker` says when sandbox channels go to a simulator it runs itself, and what to set
 * for real channels. Temporal is out of reach on purpose: the warning comes before the worker
 * connects, and the process then ends with exit 1 on its own.
 */
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const worker = (extra: Record<string, string>) => runCli(['worker'], {
  DATABASE_URL: inject('databaseUrl'), TEMPORAL_ADDRESS: '127.0.0.1:1', CAMPAIGN_SECRETS_FILE: '', CHANNEL_WEBHOOK_SECRET: '', ...extra,
});

describe('campaign worker and its own simulator', () => {
  it('warns at start without SANDBOX_URL, naming the built-in simulator and the settings for real channels', async () => {
    const run = await worker({ SANDBOX_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach Temporal at 127.0.0.1:1');
    const warning = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => entry.msg.startsWith('SANDBOX_URL is not set'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('channels with adapter: sandbox go to a simulator built into this worker, on this machine');
    expect(warning?.msg).toContain('For real channels set adapter: webhook and the url of your bridge on each');
    expect(warning?.msg).toContain('CAMPAIGN_SECRETS_FILE');
  });

  it('says nothing of it with SANDBOX_URL set', async () => {
    const run = await worker({ SANDBOX_URL: 'http://127.0.0.1:9/' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach Temporal at 127.0.0.1:1');
    expect(run.stdout).not.toContain('SANDBOX_URL is not set');
  });
});
