import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignError, campaignResult, campaignStatus, decide, startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import type { ClosingSummary } from '../../domain/closing.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { recordHistory } from '../helpers/histories.js';
import { consult, prepare } from '../../client/campaigns.js';
import { rehearsalPlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;

beforeAll(async () => {
  env = await campaignTestEnv('campaign');
  await env.startWorker();
});
afterAll(() => env?.stop());

async function start(rolloutDays = 3) {
  const plan = rehearsalPlan(`${rolloutDays}d`);
  const campaignId = uniqueCampaignId('wf');
  await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(150), taskQueue: env.taskQueue });
  return { plan, campaignId };
}


/** History length once the workflow is idle (no activity and no workflow task pending). */
async function idleHistoryLength(campaignId: string): Promise<number> {
  const handle = env.client.workflow.getHandle(campaignWorkflowId(campaignId));
  return eventually(async () => {
    const description = await handle.describe();
    const idle = (description.raw.pendingActivities?.length ?? 0) === 0 && !description.raw.pendingWorkflowTask;
    return idle ? ((await handle.fetchHistory()).events?.length ?? 0) : undefined;
  }, 'the campaign to wait idle');
}

describe('campaign workflow', () => {
  it('waits for every gate, then rolls out, reviews each day once and closes with attainment and spend', async () => {
    const { plan, campaignId } = await start(3);
    const waiting = await eventually(async () => {
      const s = await campaignStatus(env, campaignId);
      return s.gates.length === plan.gates.length ? s : undefined;
    }, 'status');
    expect(waiting.phase).toBe('preparation');
    // goals consults zhao.lei, assets waits for wang.wei's deliverables, the others for a decision.
    expect(waiting.waitingOn).toEqual(['chen.jing', 'wang.wei', 'zhao.lei']);

    await playPreparation(env, campaignId);
    const summary = (await campaignResult(env.client, campaignId)) as ClosingSummary;

    expect(summary.kpis.map((k) => k.id)).toEqual(['orders', 'uv', 'cvr']);
    for (const kpi of summary.kpis) {
      expect(kpi.actual).toBeGreaterThan(0);
      expect(kpi.attainment).toBeCloseTo((kpi.actual ?? 0) / kpi.target, 2);
    }
    expect(summary.channels.map((c) => c.channelId)).toEqual(plan.channels.map((c) => c.id));
    for (const channel of summary.channels) expect(channel.spend).toBeGreaterThan(0);
    expect(summary.totals.spend).toBeLessThanOrEqual(plan.budget.total);

    const reviews = await env.pool.query("SELECT day FROM reviews WHERE campaign_id = $1 AND period = 'daily' ORDER BY day", [campaignId]);
    expect(reviews.rows.map((r) => r.day)).toEqual([1, 2, 3]);
    // The example asks for weekly and monthly reviews too: the calendar weeks and months the 3-day
    // rollout touches (one or two of each, depending on the date it starts) cover its days once.
    const periodic = await env.pool.query("SELECT period, day, summary FROM reviews WHERE campaign_id = $1 AND period <> 'daily' ORDER BY day", [campaignId]);
    for (const kind of ['weekly', 'monthly']) {
      const spans = periodic.rows.filter((r) => r.period === kind).map((r) => [r.summary.fromDay, r.day]);
      expect(spans.length).toBeGreaterThan(0);
      expect(spans.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i))).toEqual([1, 2, 3]);
    }
    for (const row of periodic.rows) expect(row.summary.totals.spend).toBeGreaterThan(0);
    const budgets = await env.sandbox.stats();
    expect(budgets.budgetsApplied).toBeGreaterThanOrEqual(plan.channels.length);

    const final = await campaignStatus(env, campaignId);
    await recordHistory(env.client, campaignId, 'spring-tea-full-run');
    expect(final.phase).toBe('closed');
    const daily = final.reviews.filter((r) => r.period === 'daily');
    expect(daily.map((r) => r.day)).toEqual([3, 2, 1]);
    for (const review of daily) {
      expect(review.channelMetrics?.map((m) => m.channelId)).toEqual(plan.channels.map((c) => c.id));
      expect(review.channelMetrics?.reduce((sum, m) => sum + m.spend, 0)).toBeCloseTo(review.totals.spend, 1);
    }
    expect(final.closing?.totals.spend).toBe(summary.totals.spend);
  });

  it('refuses a decision by the wrong person without adding anything to history', async () => {
    const { campaignId } = await start();
    await eventually(async () => (await campaignStatus(env, campaignId)).gates.length > 0 || undefined, 'gates');
    const before = await idleHistoryLength(campaignId);

    const refusal = await decide(env, campaignId, { gate: 'platforms', decision: 'approve', by: 'wang.wei' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CampaignError);
    expect((refusal as CampaignError).exitCode).toBe(3);
    expect((refusal as CampaignError).message).toContain('Only zhao.lei');

    expect(await idleHistoryLength(campaignId)).toBe(before);
    const status = await campaignStatus(env, campaignId);
    expect(status.gates.find((g) => g.id === 'platforms')?.status).toBe('waiting');
  });

  it('accepts a delegate within the delegation period', async () => {
    const { campaignId } = await start();
    await eventually(async () => (await campaignStatus(env, campaignId)).gates.length > 0 || undefined, 'gates');
    // zhao.lei delegates to li.na until 2027-03-10 in the example; today is before that.
    const result = await decide(env, campaignId, { gate: 'platforms', decision: 'approve', by: 'li.na' });
    expect(result.status).toBe('approved');
    const status = await campaignStatus(env, campaignId);
    expect(status.gates.find((g) => g.id === 'platforms')?.rounds[0]).toMatchObject({ by: 'li.na', onBehalfOf: 'zhao.lei' });
  });

  it('sends a gate back with a comment, then approves it in the next round; both rounds are audited', async () => {
    const { campaignId } = await start();
    await eventually(async () => (await campaignStatus(env, campaignId)).gates.length > 0 || undefined, 'gates');

    await prepare(env.client, campaignId, { gate: 'assets', by: 'wang.wei', ready: true, evidence: [{ kind: 'link', value: 'https://drive.example/poster-v1' }] });
    const missingComment = await decide(env, campaignId, { gate: 'assets', decision: 'send-back', by: 'li.na' }).catch((e: unknown) => e);
    expect((missingComment as CampaignError).exitCode).toBe(2);

    const sentBack = await decide(env, campaignId, { gate: 'assets', decision: 'send-back', by: 'li.na', comment: '海报尺寸不对, 请按小红书规范重做' });
    expect(sentBack).toMatchObject({ status: 'waiting', round: 1 });
    // Rework first: the gate is not open for decision until wang.wei marks it ready again.
    const early = await decide(env, campaignId, { gate: 'assets', decision: 'approve', by: 'li.na' }).catch((e: unknown) => e);
    expect((early as CampaignError).exitCode).toBe(3);
    expect((early as CampaignError).message).toContain('wang.wei to mark the deliverables ready');
    await prepare(env.client, campaignId, { gate: 'assets', by: 'wang.wei', ready: true, evidence: [{ kind: 'link', value: 'https://drive.example/poster-v2' }] });
    const approved = await decide(env, campaignId, { gate: 'assets', decision: 'approve', by: 'li.na' });
    expect(approved).toMatchObject({ status: 'approved', round: 2 });

    const status = await campaignStatus(env, campaignId);
    const gate = status.gates.find((g) => g.id === 'assets');
    expect(gate?.rounds.map((r) => r.decision)).toEqual(['send-back', 'approve']);
    const audit = await env.pool.query(
      'SELECT round, decision, comment FROM gate_decisions WHERE campaign_id = $1 AND gate_id = $2 ORDER BY round',
      [campaignId, 'assets'],
    );
    expect(audit.rows).toEqual([
      { round: 1, decision: 'send-back', comment: '海报尺寸不对, 请按小红书规范重做' },
      { round: 2, decision: 'approve', comment: null },
    ]);

    // A retried approval is the same decision: answered again, not applied twice.
    const retried = await decide(env, campaignId, { gate: 'assets', decision: 'approve', by: 'li.na' });
    expect(retried).toEqual(approved);
    const late = await decide(env, campaignId, { gate: 'assets', decision: 'send-back', by: 'li.na', comment: 'too late' }).catch((e: unknown) => e);
    expect((late as CampaignError).exitCode).toBe(3);
    const rounds = await env.pool.query('SELECT count(*)::int AS n FROM gate_decisions WHERE campaign_id = $1 AND gate_id = $2', [campaignId, 'assets']);
    expect(rounds.rows[0].n).toBe(2);
  });

  it('publishes phase, owner and the people it waits on as search attributes', async () => {
    const { plan, campaignId } = await start();
    const waitingOnZhao = await eventually(async () => {
      const found = [];
      for await (const wf of env.client.workflow.list({ query: `CampaignWaitingOn = "zhao.lei" AND WorkflowId = "${campaignWorkflowId(campaignId)}"` })) found.push(wf);
      return found.length === 1 ? found : undefined;
    }, 'the campaign to be listed as waiting on zhao.lei');
    expect(waitingOnZhao).toHaveLength(1);

    await decide(env, campaignId, { gate: 'platforms', decision: 'approve', by: 'zhao.lei' });
    const stillConsulted = await campaignStatus(env, campaignId);
    expect(stillConsulted.waiting.filter((w) => w.person === 'zhao.lei').map((w) => w.kind)).toEqual(['consult']);
    await consult(env.client, campaignId, { gate: 'goals', by: 'zhao.lei', comment: '口径没问题' });
    await eventually(async () => {
      const found = [];
      for await (const wf of env.client.workflow.list({ query: `CampaignWaitingOn = "zhao.lei" AND WorkflowId = "${campaignWorkflowId(campaignId)}"` })) found.push(wf);
      return found.length === 0 ? true : undefined;
    }, 'zhao.lei to leave the waiting list');
    expect(plan.owner).toBe('li.na');
  });
});
