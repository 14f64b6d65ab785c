/**
 * Failed steps on a real dev server: a platform that refuses every budget change (422) does not
 * fail the campaign. Each refused budget is a step in the status, with an alert and a waiting item
 * for the owner; the people allowed retry it (the same key reaches the platform again) or skip it,
 * and the campaign goes on to its close.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignResult, campaignStatus, listCampaigns, resolveStep, startCampaign } from '../../client/campaigns.js';
import type { Plan } from '../../domain/plan/schema.js';
import { campaignWorkflowId, type CampaignStatus } from '../../workflows/contract.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { campaignTestEnv, eventually, refusalOf, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { recordHistory } from '../helpers/histories.js';
import { rehearsalPlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  env = await campaignTestEnv('steps');
  await env.startWorker();
  cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
});
afterEach(() => env?.sandbox.setFaults({}));
afterAll(() => env?.stop());

async function start(plan: Plan, prefix: string): Promise<string> {
  const campaignId = uniqueCampaignId(prefix);
  await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(500), taskQueue: env.taskQueue });
  return campaignId;
}

const until = (id: string, what: string, ok: (s: CampaignStatus) => boolean) =>
  eventually(async () => {
    const s = await campaignStatus(env, id);
    return ok(s) ? s : undefined;
  }, what, 90_000);

const initialBudgets = (plan: Plan) => plan.channels.map((c) => `budget:initial:${c.id}`);

describe('failed steps', () => {
  it('keeps a campaign whose platform refuses its budgets running, waiting for a retry, then closes it', async () => {
    const plan = rehearsalPlan('2d');
    const id = await start(plan, 'steps-retry');
    env.sandbox.setFaults({ status: 422, routes: ['budget'] });
    await playPreparation(env, id);

    const waiting = await until(id, 'every first budget to wait as a failed step', (s) => s.steps.filter((x) => x.status === 'waiting').length === plan.channels.length);
    expect(waiting.phase).toBe('rollout');
    expect((await env.client.workflow.getHandle(campaignWorkflowId(id)).describe()).status.name).toBe('RUNNING');
    // The adapter took the 422 as a refusal for good: each budget was sent once, not retried.
    expect(env.sandbox.stats().faultsInjected).toBe(plan.channels.length);
    const douyin = waiting.steps.find((s) => s.id === 'budget:initial:douyin')!;
    expect(douyin).toMatchObject({ activity: 'applyBudget', channel: 'douyin', errorType: 'ChannelRejected', failures: 1, skippable: true });
    expect(douyin.error).toContain('422');
    expect(douyin.summary).toBe('Set the budget of 抖音 to 120000 CNY');
    expect(waiting.alerts.filter((a) => a.message.includes('step budget:initial:')).length).toBe(plan.channels.length);
    // The owner is waited on for each, in the status, the inbox's search attribute and the CLI's status.
    expect(waiting.waiting.filter((w) => w.kind === 'step').map((w) => [w.person, w.step]).sort())
      .toEqual(initialBudgets(plan).map((step) => [plan.owner, step]).sort());
    await eventually(async () => ((await listCampaigns(env.client, { waitingOn: plan.owner, taskQueue: env.taskQueue })).some((c) => c.campaignId === id) ? true : undefined), 'the owner\'s queue');
    const text = await runCli(['status', id], cliEnv);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Failed steps waiting');
    expect(text.stdout).toMatch(/budget:initial:douyin\s+Set the budget of 抖音 to 120000 CNY/);

    // Only the owner, the channel's responsible person (channel-ops) and ops may decide.
    expect(await refusalOf(() => resolveStep(env.client, id, { step: 'budget:initial:douyin', action: 'retry', by: 'wang.wei' }))).toBe('NotAuthorised');
    const refusedCli = await runCli(['step', id, 'budget:initial:douyin', 'retry', '--as', 'zhao.lei'], cliEnv);
    expect(refusedCli.code).toBe(3);
    expect(refusedCli.stderr).toContain('may retry or skip step "budget:initial:douyin"');
    expect(await refusalOf(() => resolveStep(env.client, id, { step: 'budget:initial:weibo', action: 'retry', by: 'li.na' }))).toBe('UnknownStep');

    env.sandbox.setFaults({});
    const cli = await runCli(['step', id, 'budget:initial:douyin', 'retry', '--as', 'chen.jing', '--comment', '平台额度已恢复', '--json'], cliEnv);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({ accepted: true });
    for (const step of initialBudgets(plan).filter((s) => s !== 'budget:initial:douyin')) {
      await resolveStep(env.client, id, { step, action: 'retry', by: 'li.na' });
    }
    expect(await refusalOf(() => resolveStep(env.client, id, { step: 'budget:initial:douyin', action: 'retry', by: 'li.na' }))).toBe('AlreadyDone');

    await campaignResult(env.client, id);
    const closed = await campaignStatus(env, id);
    expect(closed.phase).toBe('closed');
    expect(closed.steps.map((s) => s.status)).toEqual(plan.channels.map(() => 'retried'));
    expect(closed.steps.find((s) => s.id === 'budget:initial:douyin')?.decided).toMatchObject({ action: 'retry', by: 'chen.jing', comment: '平台额度已恢复' });
    // Every channel ran once its budget was retried (a review may pause one whose return fell short).
    for (const channel of closed.channels) expect(['active', 'paused']).toContain(channel.status);
    expect(closed.waiting.filter((w) => w.kind === 'step')).toEqual([]);
    const applied = await env.pool.query("SELECT effect_key FROM channel_effects WHERE campaign_id = $1 AND effect_key LIKE 'budget:initial:%' ORDER BY effect_key", [id]);
    expect(applied.rows.map((r) => r.effect_key)).toEqual([...initialBudgets(plan)].sort());
    const audit = await env.pool.query("SELECT actor, detail FROM audit_events WHERE campaign_id = $1 AND kind = 'step-retry' ORDER BY actor", [id]);
    expect(audit.rows.length).toBe(plan.channels.length);
    expect(audit.rows.find((r) => r.actor === 'chen.jing')?.detail).toMatchObject({ step: 'budget:initial:douyin', comment: '平台额度已恢复', error: expect.stringContaining('422') });
    await recordHistory(env.client, id, 'step-failure-retry');
  });

  it('goes on without a skipped budget: the channel keeps what it had and the rest runs', async () => {
    const plan = rehearsalPlan('2d');
    const id = await start(plan, 'steps-skip');
    env.sandbox.setFaults({ status: 422, routes: ['budget'], channels: ['douyin'] });
    await playPreparation(env, id);

    const waiting = await until(id, 'douyin\'s first budget to wait', (s) => s.steps.some((x) => x.id === 'budget:initial:douyin' && x.status === 'waiting'));
    expect(waiting.steps.map((s) => s.id)).toEqual(['budget:initial:douyin']);
    // Only douyin's budget failed; skipped, the rollout starts with the other three.
    await resolveStep(env.client, id, { step: 'budget:initial:douyin', action: 'skip', by: 'chen.jing', comment: '抖音本周暂停投放' });
    env.sandbox.setFaults({});

    await campaignResult(env.client, id);
    const closed = await campaignStatus(env, id);
    expect(closed.phase).toBe('closed');
    expect(closed.steps).toEqual([expect.objectContaining({ id: 'budget:initial:douyin', status: 'skipped', decided: expect.objectContaining({ action: 'skip', by: 'chen.jing' }) })]);
    expect(closed.channels.find((c) => c.id === 'douyin')?.status).toBe('planned');
    // The others ran (their reviews may have paused one whose return fell short: the sandbox's results vary by campaign).
    for (const channel of closed.channels.filter((c) => c.id !== 'douyin')) expect(['active', 'paused']).toContain(channel.status);
    const applied = await env.pool.query("SELECT effect_key FROM channel_effects WHERE campaign_id = $1 AND effect_key LIKE 'budget:initial:%' ORDER BY effect_key", [id]);
    expect(applied.rows.map((r) => r.effect_key)).toEqual(initialBudgets(plan).filter((s) => s !== 'budget:initial:douyin').sort());
    expect(closed.report?.languages.length).toBeGreaterThan(0);
  });
});
