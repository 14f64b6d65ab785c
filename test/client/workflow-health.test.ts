/**
 * The health of a campaign's workflow, read from Temporal alone, for real campaign runs on the
 * dev server: healthy, terminated, timed out (an execution timeout), an activity
 * retrying (the platform answers 500), a workflow task failing (input the workflow code cannot
 * take), and a campaign on a task queue no worker polls.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCampaign } from '../../client/campaigns.js';
import { listedHealth, workflowHealth, type WorkflowHealth } from '../../client/workflow-health.js';
import { WORKFLOW_TYPE, campaignWorkflowId } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { gatePlan, rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;
const started: string[] = [];

beforeAll(async () => {
  env = await campaignTestEnv('health');
  await env.startWorker();
});
afterEach(() => env.sandbox.setFaults({}));
afterAll(async () => {
  // Leave nothing running on the shared dev server.
  for (const id of started) await env.client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
  await env?.stop();
});

async function start(plan = rehearsalPlan(), taskQueue = env.taskQueue): Promise<string> {
  const campaignId = uniqueCampaignId('health');
  await startCampaign(env.client, { plan, campaignId, timeScale: 1, taskQueue });
  const workflowId = campaignWorkflowId(campaignId);
  started.push(workflowId);
  return workflowId;
}

const health = (workflowId: string) => workflowHealth(env.client, workflowId);
const healthWhen = (workflowId: string, ok: (h: WorkflowHealth) => boolean, what: string) =>
  eventually(async () => {
    const h = await health(workflowId);
    return ok(h) ? h : undefined;
  }, what);

describe('workflowHealth', () => {
  it('a campaign waiting for its people has no problem', async () => {
    const id = await start();
    const h = await healthWhen(id, (x) => x.status === 'RUNNING' && !x.problem && x.runId.length > 0, 'a running campaign');
    expect(h).toMatchObject({ workflowId: id, status: 'RUNNING', taskQueue: env.taskQueue });
    expect(h.closeTime).toBeUndefined();
  });

  it('a terminated campaign: when, by whom and why', async () => {
    const id = await start();
    await env.client.workflow.getHandle(id).terminate('plan withdrawn by marketing');
    const h = await health(id);
    expect(h.status).toBe('TERMINATED');
    expect(h.closeTime).toBeDefined();
    expect(h.problem).toMatchObject({ kind: 'terminated', since: h.closeTime });
    // The client's identity is the SDK's default, <pid>@<host>.
    expect(h.problem?.sentence).toBe(
      `The campaign's workflow was terminated on ${h.closeTime!.slice(0, 16).replace('T', ' ')} UTC by ${process.pid}@${os.hostname()}: plan withdrawn by marketing.`,
    );
  });

  it('a timed-out campaign: it ran past the execution timeout it was started with', async () => {
    // No step of ours fails a campaign any more (a failed step waits for a person); a workflow
    // stops on its own only when Temporal ends it, as with an execution timeout.
    const workflowId = campaignWorkflowId(uniqueCampaignId('health-timeout'));
    await env.client.workflow.start(WORKFLOW_TYPE, {
      workflowId, taskQueue: env.taskQueue, workflowExecutionTimeout: '2s',
      args: [{ campaignId: workflowId.replace(/^campaign:/, ''), plan: rehearsalPlan(), timeScale: 1 }],
    });
    const h = await healthWhen(workflowId, (x) => x.status === 'TIMED_OUT', 'the campaign to time out');
    expect(h.problem).toMatchObject({ kind: 'timed-out', since: h.closeTime });
    expect(h.problem?.sentence).toBe(`The campaign's workflow timed out on ${h.closeTime!.slice(0, 16).replace('T', ' ')} UTC: it ran past its execution timeout.`);
  });

  it('an activity retrying: the platform answers 500 on budgets', async () => {
    env.sandbox.setFaults({ status: 500, routes: ['budget'] });
    const id = await start(gatePlan({ gates: [] }));
    const h = await healthWhen(id, (x) => x.problem?.kind === 'activity-retrying', 'applyBudget to be retrying');
    expect(h.status).toBe('RUNNING');
    expect(h.problem?.sentence).toMatch(/^The activity applyBudget has been retrying for \d+ s \(attempt [3-9]\): .*500.*\.$/);
    expect(Date.parse(h.problem!.since!)).toBeLessThan(Date.now());
  });

  it('a workflow task failing: input the workflow code cannot take', async () => {
    const workflowId = campaignWorkflowId(uniqueCampaignId('health-bad-input'));
    await env.client.workflow.start(WORKFLOW_TYPE, { workflowId, taskQueue: env.taskQueue, args: [{ campaignId: 'x', plan: {}, timeScale: 1 }] });
    started.push(workflowId);
    const h = await healthWhen(workflowId, (x) => x.problem?.kind === 'workflow-task-failing', 'its workflow task to fail');
    expect(h.status).toBe('RUNNING');
    expect(h.problem?.sentence).toMatch(/^Its workflow task has failed (once|\d+ times) since .* UTC: the workflow code threw an error \(.+\); a fix to the code must be deployed\.$/);
  });

  it('not picked up: a task queue no worker polls, with every worker of it stopped', async () => {
    const queue = `nobody-${randomUUID().slice(0, 8)}`;
    const id = await start(rehearsalPlan(), queue);
    const h = await health(id);
    expect(h).toMatchObject({ status: 'RUNNING', taskQueue: queue, problem: { kind: 'not-picked-up' } });
    expect(h.problem?.sentence).toBe(`No worker has picked it up, and none polls its task queue ${queue}: is a campaign worker running on it?`);
  });

  it('listedHealth: the outcome a list row shows without reading history', async () => {
    const id = await start();
    await env.client.workflow.getHandle(id).terminate('duplicate');
    const row = await env.client.workflow.getHandle(id).describe();
    expect(listedHealth(row)).toMatchObject({ status: 'TERMINATED', problem: { kind: 'terminated', sentence: expect.stringMatching(/^The campaign's workflow was terminated on .* UTC\.$/) } });
  });
});
