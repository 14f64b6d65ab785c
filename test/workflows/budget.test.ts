import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResult, campaignStatus, decide, startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import type { Plan } from '../../domain/plan/schema.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { gatePlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';
import { recordHistory } from '../helpers/histories.js';

let env: CampaignTestEnv;

beforeAll(async () => {
  env = await campaignTestEnv('budget');
  await env.startWorker();
});
afterAll(() => env?.stop());

function optimizedPlan(optimization: NonNullable<Plan['rollout']['optimization']>, days = 6): Plan {
  return gatePlan({
    budget: { total: 100_000 },
    channels: [
      { id: 'baidu', kind: 'baidu-sem', budget: { initial: 30_000, min: 5_000, max: 70_000 } },
      { id: 'weibo', kind: 'weibo', budget: { initial: 30_000, min: 5_000, max: 70_000 } },
    ],
    gates: [{ id: 'go', title: 'Go', accountable: 'olivia' }],
    rollout: { duration: `${days}d`, optimization },
  });
}

async function run(plan: Plan, dayMs = 400, continueAsNewEveryDays?: number) {
  const campaignId = uniqueCampaignId('budget');
  await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(dayMs), taskQueue: env.taskQueue, continueAsNewEveryDays });
  await playPreparation(env, campaignId);
  return campaignId;
}

describe('budget reviews', () => {
  it('moves budget toward the channel that returns more, within the guardrails, with a reason for each move', async () => {
    const plan = optimizedPlan({ policy: 'bandit', maxShiftPerReview: 0.1, minSpendBeforeJudging: 1_000 });
    const id = await run(plan);
    await campaignResult(env.client, id);
    const status = await campaignStatus(env, id);

    const moves = status.reviews.flatMap((r) => r.changes);
    expect(moves.length).toBeGreaterThan(0);
    for (const move of moves) expect(move.reason.length).toBeGreaterThan(10);
    const byReturn = [...status.channels].sort((a, b) => b.revenue / b.spend - a.revenue / a.spend);
    const [better, worse] = byReturn.map((c) => ({ ...c, initial: plan.channels.find((p) => p.id === c.id)!.budget.initial }));
    // Unallocated money may go to both, but more of it goes where the return is higher.
    expect(better!.allocation - better!.initial).toBeGreaterThan(worse!.allocation - worse!.initial);
    for (const channel of status.channels) {
      const limits = plan.channels.find((p) => p.id === channel.id)!.budget;
      expect(channel.allocation).toBeGreaterThanOrEqual(limits.min);
      expect(channel.allocation).toBeLessThanOrEqual(limits.max);
    }
    expect(status.channels.reduce((s, c) => s + c.allocation, 0)).toBeLessThanOrEqual(plan.budget.total - plan.budget.reserve);

    const stored = await env.pool.query("SELECT summary FROM reviews WHERE campaign_id = $1 AND jsonb_array_length(summary->'changes') > 0", [id]);
    expect(stored.rowCount).toBeGreaterThan(0);
  });

  it('holds a large move for the approver, and keeps the allocation when nobody decides in time', async () => {
    const plan = optimizedPlan({ policy: 'bandit', maxShiftPerReview: 0.2, approvalAbove: 0.001, approver: 'chloe', minSpendBeforeJudging: 1_000 }, 4);
    const id = await run(plan, 1_000);
    const waiting = await eventually(async () => {
      const s = await campaignStatus(env, id);
      return s.budgetApproval?.status === 'waiting' ? s : undefined;
    }, 'a budget proposal to wait for approval');
    expect(waiting.waitingOn).toEqual(['chloe']);
    expect(waiting.budgetApproval?.proposal.allocations.length).toBe(2);

    const wrongPerson = await decide(env, id, { gate: waiting.budgetApproval!.id, decision: 'approve', by: 'olivia' }).catch((e: unknown) => e);
    expect((wrongPerson as Error).message).toContain('Only chloe');

    await campaignResult(env.client, id);
    const status = await campaignStatus(env, id);
    expect(status.reviews.flatMap((r) => r.changes)).toEqual([]);
    expect(status.reviews.some((r) => r.notes.some((n) => n.includes('Not decided by chloe')))).toBe(true);
    await recordHistory(env.client, id, 'budget-approval-lapsed');
    for (const channel of status.channels) {
      expect(channel.allocation).toBe(plan.channels.find((p) => p.id === channel.id)!.budget.initial);
    }
  });

  it('applies a held move once the approver approves it', async () => {
    const plan = optimizedPlan({ policy: 'bandit', maxShiftPerReview: 0.2, approvalAbove: 0.001, approver: 'chloe', minSpendBeforeJudging: 1_000 }, 4);
    const id = await run(plan, 1_500);
    const waiting = await eventually(async () => {
      const s = await campaignStatus(env, id);
      return s.budgetApproval?.status === 'waiting' ? s.budgetApproval : undefined;
    }, 'a budget proposal to wait for approval');
    await decide(env, id, { gate: waiting.id, decision: 'approve', by: 'chloe' });
    const review = await eventually(async () => {
      const s = await campaignStatus(env, id);
      return s.reviews.find((r) => r.day === waiting.day);
    }, 'the review of the approved day');
    expect(review.changes.length).toBeGreaterThan(0);
    expect(review.notes.join(' ')).toContain('Approved by chloe');
    await campaignResult(env.client, id);
    await recordHistory(env.client, id, 'budget-approval-approved');
  });

  it('continues as a new run every day, carrying a pending approval, and keeps every review once', async () => {
    const plan = optimizedPlan({ policy: 'bandit', maxShiftPerReview: 0.2, approvalAbove: 0.001, approver: 'chloe', minSpendBeforeJudging: 1_000 }, 5);
    const id = await run(plan, 1_500, 1);
    const handle = env.client.workflow.getHandle(campaignWorkflowId(id));
    const firstRun = (await handle.describe()).runId;
    // The day-1 proposal waits for chloe while the campaign has already moved on to a new run.
    const { approval: carried, runId } = await eventually(async () => {
      const s = await campaignStatus(env, id);
      const current = (await handle.describe()).runId;
      return s.budgetApproval?.status === 'waiting' && current !== firstRun ? { approval: s.budgetApproval, runId: current } : undefined;
    }, 'a pending approval in a continued run');
    await decide(env, id, { gate: carried.id, decision: 'approve', by: 'chloe' });

    await campaignResult(env.client, id);
    const status = await campaignStatus(env, id);
    const approved = status.reviews.find((r) => r.day === carried.day && r.period === 'daily');
    expect(approved?.changes.length).toBeGreaterThan(0);
    expect(approved?.notes.join(' ')).toContain('Approved by chloe');
    const daily = await env.pool.query("SELECT day FROM reviews WHERE campaign_id = $1 AND period = 'daily' ORDER BY day", [id]);
    expect(daily.rows.map((r) => r.day)).toEqual([1, 2, 3, 4, 5]);
    const runs = [];
    for await (const wf of env.client.workflow.list({ query: `WorkflowId = "${campaignWorkflowId(id)}"` })) runs.push(wf.runId);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(status.phase).toBe('closed');
    await recordHistory(env.client, id, 'continued-run-with-carried-approval', runId);
  });
});
