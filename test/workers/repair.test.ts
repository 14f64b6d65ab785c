/**
 * `campaign repair` (workers/repair.ts): finds the event replay rejects and the workflow task to redo
 * in a history Temporal recorded out of order, leaves a campaign that replays alone, and resets one
 * that does not, sending the decisions recorded after the reset point again (same Update ids, same
 * inputs, in order), with an audit event and a notice to the owner. The defective histories were
 * kept by `npm run chaos:replay-defect` (bench/workflows `timersAndUpdate`) and by a `npm run chaos`
 * trial; the unreplayable campaign is made by test/helpers/unreplayable.ts.
 */
import { readFile } from 'node:fs/promises';
import type { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BASELINE_WORKFLOWS_PATH } from '../../bench/stack.js';
import { campaignStatus, startCampaign } from '../../client/campaigns.js';
import { createStore } from '../../store/index.js';
import { findReplayDefect, repairCampaign, resetPointFor } from '../../workers/repair.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { bundleWorkflows } from '../../workers/bundle.js';
import { campaignTestEnv, eventually, testLog, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { outOfOrderBundle, unreplayableCampaign } from '../helpers/unreplayable.js';

describe('the reset point', () => {
  const event = (eventId: number, eventType: number) => ({ eventId, eventType }) as unknown as temporal.api.history.v1.IHistoryEvent;
  // 5 scheduled, 6 started, 7 completed, 10 activity scheduled, 18 timer fired.
  const history = { events: [event(1, 1), event(2, 5), event(3, 6), event(4, 7), event(5, 10), event(6, 18), event(7, 5), event(8, 6), event(9, 7), event(10, 10)] };

  it('is the last completed workflow task before the event replay rejects', () => {
    expect(resetPointFor(history, 10)).toBe(9);
    expect(resetPointFor(history, 9)).toBe(4);
  });

  it('does not exist before the first completed workflow task', () => {
    expect(resetPointFor(history, 3)).toBeUndefined();
  });
});

describe('finding a replay defect', () => {
  it('names the event replay rejects in a history recorded out of order, and the task to redo', async () => {
    const history = JSON.parse(await readFile(new URL('../fixtures/replay-defect/timers-and-update.json', import.meta.url), 'utf8')) as temporal.api.history.v1.IHistory;
    const code = await bundleWorkflows(BASELINE_WORKFLOWS_PATH, testLog);
    const defect = await findReplayDefect(history, { code });
    expect(defect).toMatchObject({ event: 20, resetTo: 19 });
    expect(defect?.message).toContain('Nondeterminism');
    // The task that recorded the out-of-order acceptance completed at event 19, after the timers fired.
  }, 60_000);
});

describe('finding a replay defect in a campaign', () => {
  it('finds the task whose commands replay orders differently, when replay names only activity types', async () => {
    // A chaos trial's campaign: after a worker kill, a query brought a fired timer to the new worker
    // before its workflow task did, so that task's commands came out in another order than replay
    // produces (docs/temporal-query-defect.md).
    const history = JSON.parse(await readFile(new URL('../fixtures/replay-defect/campaign-activity-order.json', import.meta.url), 'utf8')) as temporal.api.history.v1.IHistory;
    const defect = await findReplayDefect(history, { codePath: inject('workflowBundlePath') });
    expect(defect?.message).toContain("Activity type of scheduled event '");
    expect(defect).toMatchObject({ resetTo: 353, event: 354 });
  }, 120_000);
});

describe('repairing a campaign', () => {
  let env: CampaignTestEnv;
  beforeAll(async () => {
    env = await campaignTestEnv('repair');
    // The operator repairs here: the worker does not heal by itself.
    await env.startWorker({ selfHealing: false });
  });
  afterAll(() => env.stop());

  it('leaves a campaign whose history replays as it is', async () => {
    const campaignId = uniqueCampaignId('repair');
    await startCampaign(env.client, { plan: rehearsalPlan('2d'), campaignId, timeScale: 1, taskQueue: env.taskQueue });
    await eventually(async () => ((await campaignStatus(env, campaignId)).waiting.length > 0 ? true : undefined), 'the first gate waiting');
    const before = (await env.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe()).runId;

    const result = await repairCampaign(env.client, campaignId, { workflowBundle: { codePath: inject('workflowBundlePath') } });

    expect(result).toEqual({ campaignId, replays: true });
    expect((await env.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe()).runId).toBe(before);

    const cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
    const typed = await runCli(['repair', campaignId, '--dry-run'], cliEnv);
    expect(typed.code).toBe(0);
    expect(typed.stdout).toContain(`${campaignId}: its history replays on this workflow code; nothing to repair.`);
  }, 120_000);

  it('says there is no such campaign, with exit 2', async () => {
    const cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
    const result = await runCli(['repair', 'no-such-campaign', '--json'], cliEnv);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.message).toContain('There is no campaign "no-such-campaign"');
  }, 120_000);
});

describe('repairing a campaign that does not replay', () => {
  let env: CampaignTestEnv;
  beforeAll(async () => {
    env = await campaignTestEnv('repair-reset');
  });
  afterAll(() => env.stop());

  it('resets it and sends the decisions after the reset point again, in order, under their own ids', async () => {
    const { campaignId } = await unreplayableCampaign(env, await outOfOrderBundle(), 'repair-reset');
    // A worker on the campaign code, without self-healing: the operator repairs.
    await env.startWorker({ selfHealing: false });
    const workflowId = campaignWorkflowId(campaignId);
    const before = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const bundle = { codePath: inject('workflowBundlePath') };
    const dry = await repairCampaign(env.client, campaignId, { workflowBundle: bundle, dryRun: true });
    if (dry.replays || dry.reset !== 'dry-run') throw new Error('expected a defect');

    const store = createStore(env.pool);
    const result = await repairCampaign(env.client, campaignId, {
      workflowBundle: bundle, announce: { store, log: testLog, by: 'campaign repair' },
    });

    if (result.replays || result.reset === 'dry-run') throw new Error('expected a reset');
    expect(result.defect).toEqual(dry.defect);
    expect(result.notReapplied).toEqual([]);
    // What the dry run listed is what was sent again: same names, ids and inputs, same order.
    expect(result.reapplied.map(({ update, updateId, input }) => ({ update, updateId, input })))
      .toEqual(dry.redo.map(({ update, updateId, input }) => ({ update, updateId, input })));
    const accepted = before.events!.filter((e) => Number(e.eventId) > dry.defect.resetTo && e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(result.reapplied.map((d) => d.updateId)).toEqual(accepted.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.meta!.updateId));
    expect((await campaignStatus(env, campaignId)).phase).not.toBe('preparation');
    expect(await findReplayDefect(await env.client.workflow.getHandle(workflowId).fetchHistory(), bundle)).toBeUndefined();

    const trail = await store.audit.trail(campaignId);
    const audit = trail.find((e) => e.kind === 'campaign-repaired');
    expect(audit).toMatchObject({ actor: 'campaign repair', detail: { resetTo: dry.defect.resetTo, previousRunId: result.reset.previousRunId, runId: result.reset.runId } });
    expect((audit!.detail as { reapplied: unknown[] }).reapplied).toHaveLength(result.reapplied.length);
  }, 300_000);
});
