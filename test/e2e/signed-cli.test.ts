/**
 * An operator's keys, end to end: keys are made with `campaign keys new`, a campaign started with
 * their keyring takes only signed decisions, the CLI signs with the user's key, the real Temporal
 * CLI cannot decide for anyone, and a rotation takes a key away from a running campaign.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli, runProgram } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));
let env: CampaignTestEnv;
let dir: string;
let base: Record<string, string>;

beforeAll(async () => {
  [env, dir] = await Promise.all([campaignTestEnv('signed-cli'), mkdtemp(path.join(tmpdir(), 'keys-'))]);
  await env.startWorker();
  base = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
});
afterAll(async () => {
  await env?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('signed decisions through the CLI', () => {
  it('signs with the user\'s key, refuses what that key may not sign, and rotates a running campaign\'s keys', async () => {
    const ring = path.join(dir, 'keyring.json');
    const ops = path.join(dir, 'ops.key.json');
    const lina = path.join(dir, 'li.na.key.json');
    const made = await runCli(['keys', 'new', '--id', 'ops', '--persons', '*', '--rotate', '--out', ops, '--keyring', ring], base);
    expect(made.code, made.stderr).toBe(0);
    expect((await stat(ops)).mode & 0o777).toBe(0o600);
    expect((await runCli(['keys', 'new', '--id', 'li.na', '--persons', 'li.na', '--out', lina, '--keyring', ring], base)).code).toBe(0);
    const again = await runCli(['keys', 'new', '--id', 'li.na', '--persons', 'li.na', '--out', lina], base);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('never overwritten');

    const id = uniqueCampaignId('signed');
    const started = await runCli(['start', EXAMPLE, '--id', id, '--time-scale', '1440'], { ...base, CAMPAIGN_TRUSTED_KEYS: ring });
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('Decisions must be signed, by keys: ops, li.na.');
    const status = await eventually(async () => {
      const r = await runCli(['status', id], { ...base, CAMPAIGN_SIGNING_KEY: lina });
      return r.code === 0 ? r : undefined;
    }, 'the first status');
    expect(status.stdout).toContain('Decisions: signed, by keys ops (any person), li.na (li.na)');

    // li.na's key signs for li.na only.
    const asOther = await runCli(['approve', id, 'platforms', '--as', 'zhao.lei'], { ...base, CAMPAIGN_SIGNING_KEY: lina });
    expect(asOther.code).toBe(3);
    expect(asOther.stderr).toContain('may sign only for li.na, not for zhao.lei');

    // The real Temporal CLI, with any `by`, is refused: it has no key.
    const direct = await runProgram(inject('temporalCli'), [
      'workflow', 'update', 'execute', '--address', env.temporalAddress, '--workflow-id', campaignWorkflowId(id),
      '--name', 'decide', '--input', JSON.stringify({ gate: 'platforms', decision: 'approve', by: 'zhao.lei' }),
    ]);
    expect(direct.code).not.toBe(0);
    expect(direct.stdout + direct.stderr).toContain('carries no signature');

    const approved = await runCli(['approve', id, 'platforms', '--as', 'zhao.lei'], { ...base, CAMPAIGN_SIGNING_KEY: ops });
    expect(approved.code, approved.stderr).toBe(0);
    const audit = await eventually(async () => {
      const trail = JSON.parse((await runCli(['audit', id, '--json'], base)).stdout) as Array<{ kind: string; gate: string; detail: Record<string, unknown> }>;
      return trail.find((e) => e.kind === 'decision' && e.gate === 'platforms');
    }, 'the decision record');
    expect(audit.detail).toMatchObject({ origin: { path: 'cli' }, signedWith: 'ops' });

    // li.na's key is taken away; her next decision with it is refused.
    const rotated = await runCli(['keys', 'rotate', id, '--revoke', 'li.na', '--as', 'sam.ops'], { ...base, CAMPAIGN_SIGNING_KEY: ops });
    expect(rotated.code, rotated.stderr).toBe(0);
    const revoked = await runCli(['tick', id, 'goals', '1', '--as', 'li.na'], { ...base, CAMPAIGN_SIGNING_KEY: lina });
    expect(revoked.code).toBe(3);
    expect(revoked.stderr).toContain('does not trust');
    const byNonRotator = await runCli(['keys', 'rotate', id, '--add', ring, '--as', 'li.na'], { ...base, CAMPAIGN_SIGNING_KEY: lina });
    expect(byNonRotator.code).toBe(3);
  });
});
