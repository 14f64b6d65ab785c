/**
 * Self-healing (workers/self-heal.ts): a campaign whose history the workflow code cannot replay is
 * repaired by the worker that meets it, with no one running `campaign repair`; the decisions made
 * after the reset point are sent again, so nobody is asked twice; the campaign then runs to its end
 * and its history replays.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { driveToEnd, type DriveAction } from '../../bench/drive.js';
import { createStore } from '../../store/index.js';
import { findReplayDefect } from '../../workers/repair.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { outOfOrderBundle, unreplayableCampaign } from '../helpers/unreplayable.js';

describe('self-healing', () => {
  let env: CampaignTestEnv;
  let variantCode: string;
  beforeAll(async () => {
    env = await campaignTestEnv('self-heal');
    variantCode = await outOfOrderBundle();
  }, 120_000);
  afterAll(() => env.stop());

  it('repairs a campaign that does not replay by itself, re-applies the decisions after the reset point, and the campaign goes on', async () => {
    const { campaignId, actions } = await unreplayableCampaign(env, variantCode, 'self-heal');
    const workflowId = campaignWorkflowId(campaignId);
    const bundle = { codePath: inject('workflowBundlePath') };
    expect(await findReplayDefect(await env.client.workflow.getHandle(workflowId).fetchHistory(), bundle)).toBeDefined();

    // A worker on the campaign code takes the campaign over: its next workflow task fails to replay.
    const worker = await env.startWorker({ selfHealing: { sweepEveryMs: 5_000 } });
    const repair = await eventually(async () => worker.selfHealing?.repairs[0], 'the worker to repair the campaign', 120_000);

    expect(repair.replays).toBe(false);
    if (repair.replays || repair.reset === 'dry-run') throw new Error('expected a reset');
    // Every decision after the first gate decision (the reset point's task) was made again, in order.
    expect(repair.notReapplied).toEqual([]);
    expect(repair.reapplied.length).toBeGreaterThan(3);
    expect(repair.reapplied[0]).toMatchObject({ update: 'decide', outcome: 'accepted' });
    const decided = [...new Set(actions.filter((a) => a.kind === 'decide').map((a) => a.gate))];
    expect(repair.reapplied.filter((d) => d.update === 'decide').map((d) => (d.input as { gate: string }).gate)).toEqual(decided);

    const trail = await createStore(env.pool).audit.trail(campaignId);
    expect(trail.find((e) => e.kind === 'campaign-repaired')).toMatchObject({
      actor: 'self-healing', detail: { previousRunId: repair.reset.previousRunId, runId: repair.reset.runId, resetTo: repair.defect.resetTo },
    });

    // The campaign goes on; nothing the team answered before is asked again.
    const after: DriveAction[] = [];
    const status = await driveToEnd(env, campaignId, { timeoutMs: 180_000, onAction: (a) => after.push(a) });
    expect(status.phase).toBe('closed');
    const key = (a: DriveAction) => `${a.kind}:${a.person}:${a.gate ?? ''}`;
    const answered = new Set(actions.map(key));
    expect(after.filter((a) => answered.has(key(a)))).toEqual([]);
    expect(await findReplayDefect(await env.client.workflow.getHandle(workflowId).fetchHistory(), bundle)).toBeUndefined();
  }, 420_000);
});
