import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResult, campaignStatus, startCampaign } from '../../client/campaigns.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { spawnWorker } from '../helpers/cli.js';
import { rehearsalPlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  env = await campaignTestEnv('crash');
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await env?.stop();
});

describe('a worker killed mid-rollout', () => {
  it('is replaced and the campaign completes with every review recorded exactly once', async () => {
    const workerEnv = {
      TEMPORAL_ADDRESS: env.temporalAddress, DATABASE_URL: env.databaseUrl, TASK_QUEUE: env.taskQueue, SANDBOX_URL: env.sandbox.url,
    };
    workers.push(spawnWorker(workerEnv));
    const days = 8;
    const plan = rehearsalPlan(`${days}d`);
    const campaignId = uniqueCampaignId('crash');
    await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(1000), taskQueue: env.taskQueue });
    await eventually(async () => ((await campaignStatus(env, campaignId)).gates.length ? true : undefined), 'the first worker to run the campaign');
    await playPreparation(env, campaignId);

    await eventually(async () => ((await campaignStatus(env, campaignId)).day >= 3 ? true : undefined), 'rollout day 3');
    const first = workers[0]!;
    first.kill('SIGKILL');
    await once(first, 'exit');
    workers.push(spawnWorker(workerEnv));

    await campaignResult(env.client, campaignId);
    const reviews = await env.pool.query<{ day: number }>("SELECT day FROM reviews WHERE campaign_id = $1 AND period = 'daily' ORDER BY day", [campaignId]);
    expect(reviews.rows.map((r) => r.day)).toEqual(Array.from({ length: days }, (_, i) => i + 1));
    const observations = await env.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM metric_observations WHERE campaign_id = $1', [campaignId],
    );
    expect(observations.rows[0]?.n).toBe(days * plan.channels.length);
    // Each budget the campaign decided on reached its platform exactly once, retries or not.
    const effects = await env.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM channel_effects WHERE campaign_id = $1 AND kind = 'budget'", [campaignId],
    );
    expect(env.sandbox.stats().budgetsApplied).toBe(effects.rows[0]?.n);
    const status = await campaignStatus(env, campaignId);
    expect(status.phase).toBe('closed');
    expect(status.reviews.filter((r) => r.period === 'daily').map((r) => r.day)).toEqual(Array.from({ length: days }, (_, i) => days - i));
  });
});
