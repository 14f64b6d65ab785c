/**
 * The read model as people rely on it: a decision shows in the status the moment its reply arrives,
 * the status answers with every worker stopped and says as of when, and a campaign whose workflow
 * was stopped says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignError, campaignStatus, decide, listCampaigns, startCampaign } from '../../client/campaigns.js';
import { inbox } from '../../client/inbox.js';
import { campaignWorkflowId, type CampaignStatus } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { gatePlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;

beforeAll(async () => {
  env = await campaignTestEnv('read-model');
});
afterAll(async () => {
  await env?.stop();
});

const plan = () => gatePlan({
  gates: [
    { id: 'goals', title: 'Goals', accountable: 'olivia' },
    { id: 'platforms', title: 'Platforms', accountable: 'chloe' },
  ],
});

async function start(taskQueue = env.taskQueue): Promise<string> {
  const campaignId = uniqueCampaignId('read-model');
  await startCampaign(env.client, { plan: plan(), campaignId, timeScale: scaleForDay(3_600_000), taskQueue });
  return campaignId;
}

describe('the read model', () => {
  it('shows a decision as soon as its reply arrives, and keeps answering with every worker stopped', async () => {
    const worker = await env.startWorker();
    const id = await start();
    const first = await eventually(async () => {
      const s = await campaignStatus(env, id);
      return s.gates.length === 2 ? s : undefined;
    }, 'the gates');
    expect(first.reading.workflow).toEqual({ status: 'RUNNING' });
    expect(Date.parse(first.reading.asOf)).toBeLessThanOrEqual(Date.parse(first.reading.publishedAt));

    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' });
    // No polling: the reply comes after the status that shows the decision was stored.
    const stored = (await env.store.statuses.read(id))!.status as CampaignStatus;
    expect(stored.gates.find((g) => g.id === 'goals')?.status).toBe('approved');
    expect(stored.waitingOn).toEqual(['chloe']);

    worker.worker.shutdown();
    await eventually(async () => (worker.worker.getState() === 'STOPPED' ? true : undefined), 'the worker to stop');
    const t0 = Date.now();
    const read = await campaignStatus(env, id);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(read.gates.find((g) => g.id === 'goals')?.status).toBe('approved');
    expect(read.reading.workflow.status).toBe('RUNNING');
    expect(read.reading.asOf >= first.reading.asOf).toBe(true);
    // The inbox reads the same model: chloe's gate, nothing for olivia.
    expect((await inbox(env, 'chloe', { taskQueue: env.taskQueue })).items.map((i) => [i.campaignId, i.gate])).toEqual([[id, 'platforms']]);
    expect((await inbox(env, 'olivia', { taskQueue: env.taskQueue })).items).toEqual([]);
  });

  it('says a campaign has not published its status while no worker has run it', async () => {
    const id = await start(`${env.taskQueue}-unserved`);
    const err = await campaignStatus(env, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CampaignError);
    expect(err).toMatchObject({ exitCode: 1, type: 'StatusNotPublished' });
    expect((err as CampaignError).detail).toContain(`Campaign "${id}" has not published its status yet.`);
    const missing = await campaignStatus(env, uniqueCampaignId('nobody')).catch((e: unknown) => e);
    expect(missing).toMatchObject({ exitCode: 2, type: 'CampaignNotFound' });
  });

  it('shows a stopped campaign as stopped, with why, in its status, the list and the inbox', async () => {
    await env.startWorker();
    const id = await start();
    await eventually(async () => ((await campaignStatus(env, id)).gates.length === 2 ? true : undefined), 'the gates');
    await env.client.workflow.getHandle(campaignWorkflowId(id)).terminate('the brand withdrew the product');

    const read = await campaignStatus(env, id);
    expect(read.reading.workflow.status).toBe('TERMINATED');
    expect(read.reading.workflow.problem).toMatch(/terminated/i);
    expect(read.phase).toBe('preparation');
    const listed = await eventually(async () => {
      const found = (await listCampaigns(env.client, { taskQueue: env.taskQueue })).find((l) => l.campaignId === id);
      return found?.status === 'TERMINATED' ? found : undefined;
    }, 'the list to show the campaign terminated');
    expect(listed.problem).toMatch(/terminated/i);
    const box = await inbox(env, 'olivia', { taskQueue: env.taskQueue });
    expect(box.items.filter((i) => i.campaignId === id)).toEqual([]);
    expect(box.unavailable).toContain(id);
  });
});
