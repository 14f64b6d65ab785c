/**
 * Dates that hold, on a real dev server at time scale 1: the launch waits for the plan's `start`
 * (here a local date-time a few seconds ahead), the launch date coming with gates open is an alert
 * naming who holds it up, and `cancelCampaign` stops a campaign in preparation or in its rollout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelCampaign, campaignResult, campaignStatus, startCampaign } from '../../client/campaigns.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { renderStatus } from '../../client/render/status.js';
import type { Plan } from '../../domain/plan/schema.js';
import type { CampaignStatus } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, refusalOf, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { recordHistory } from '../helpers/histories.js';
import { gatePlan, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;

beforeAll(async () => {
  env = await campaignTestEnv('dates');
  await env.startWorker();
});
afterAll(() => env?.stop());

/** Shanghai wall time `ms` from now as a plan `start` (the zone keeps +8 h all year). */
function shanghaiStartIn(ms: number): { start: string; instant: number } {
  const instant = Math.ceil((Date.now() + ms) / 1000) * 1000;
  return { start: new Date(instant + 8 * 3_600_000).toISOString().slice(0, 19), instant };
}

function livePlan(start: string): Plan {
  return gatePlan({
    id: 'launch-date', start,
    gates: [{ id: 'go-live', title: '上线确认', accountable: 'olivia', responsible: ['ben'] }],
  });
}

async function startLive(plan: Plan, prefix: string): Promise<string> {
  const campaignId = uniqueCampaignId(prefix);
  await startCampaign(env.client, { plan, campaignId, timeScale: 1, taskQueue: env.taskQueue });
  return campaignId;
}

const until = (id: string, what: string, ok: (s: CampaignStatus) => boolean, timeoutMs = 60_000) =>
  eventually(async () => {
    const s = await campaignStatus(env, id);
    return ok(s) ? s : undefined;
  }, what, timeoutMs);

describe('the launch date', () => {
  it('waits for start once preparation is approved early, then rolls out until ops cancel it', async () => {
    const { start, instant } = shanghaiStartIn(30_000);
    const id = await startLive(livePlan(start), 'launch-waits');
    const preparing = await until(id, 'the planned launch', (s) => s.execution.launchAt !== undefined);
    expect(preparing.execution.launchAt).toBe(new Date(instant).toISOString());
    // A manager reading the status in Chinese sees when it launches, as the plan's timezone says.
    expect(renderStatus(preparing, 'zh-CN')).toContain(`上线时间: ${start.slice(0, 10)} ${start.slice(11, 16)} (Asia/Shanghai)`);

    await playPreparation(env, id);
    const approved = await until(id, 'the approval', (s) => s.gates.every((g) => g.status === 'approved'));
    // Approved well before the launch date, and launched on it, not at the approval.
    const approvedAt = Date.parse(approved.gates[0]!.rounds.at(-1)!.at);
    expect(approvedAt).toBeLessThan(instant);

    const launched = await until(id, 'the rollout', (s) => s.phase === 'rollout');
    expect(Date.parse(launched.execution.phaseStarts.rollout!)).toBeGreaterThanOrEqual(instant);
    expect(launched.execution.launchLate).toBeUndefined();

    // Ben (content) may not cancel; Dan (channel-ops) may, with a reason.
    expect(await refusalOf(() => cancelCampaign(env.client, id, { by: 'ben', reason: '预算冻结' }))).toBe('NotAuthorised');
    expect(await refusalOf(() => cancelCampaign(env.client, id, { by: 'dan', reason: ' ' }))).toBe('InvalidInput');
    await cancelCampaign(env.client, id, { by: 'dan', reason: '平台政策变化, 暂停本次投放' });
    await campaignResult(env.client, id);

    const closed = await campaignStatus(env, id);
    expect(closed.phase).toBe('closed');
    expect(closed.execution.cancellation).toMatchObject({ by: 'dan', phase: 'rollout', reason: '平台政策变化, 暂停本次投放' });
    expect(closed.retrospective.asked).toEqual([]);
    expect(closed.reviews).toEqual([]);
    expect(closed.closing).toBeDefined();
    const trail = await env.store.audit.trail(id);
    expect(trail).toContainEqual(expect.objectContaining({ kind: 'campaign-cancelled', actor: 'dan' }));
    expect(await refusalOf(() => cancelCampaign(env.client, id, { by: 'olivia', reason: 'again' }))).toBeDefined();
    await recordHistory(env.client, id, 'launch-date-cancelled');
  });

  it('names who holds up the launch when its date comes with gates open, and can be cancelled in preparation', async () => {
    const { start } = shanghaiStartIn(3_000);
    const id = await startLive(livePlan(start), 'launch-late');
    const late = await until(id, 'the late-launch alert', (s) => s.execution.launchLate !== undefined);
    expect(late.phase).toBe('preparation');
    expect(late.alerts.at(-1)?.message).toMatch(/launch date .* has come with preparation still open; waiting on ben \(prepare go-live\)/);
    const trail = await eventually(async () => {
      const events = await env.store.audit.trail(id);
      return events.some((e) => e.kind === 'launch-late') ? events : undefined;
    }, 'the late-launch record');
    expect(trail.find((e) => e.kind === 'launch-late')?.detail).toMatchObject({ waiting: [expect.objectContaining({ person: 'ben', gate: 'go-live' })] });

    await cancelCampaign(env.client, id, { by: 'olivia', reason: '物料来不及, 改期到双十一' });
    await campaignResult(env.client, id);
    const closed = await campaignStatus(env, id);
    expect(closed.phase).toBe('closed');
    expect(closed.execution.phaseStarts.rollout).toBeUndefined();
    expect(closed.execution.cancellation).toMatchObject({ by: 'olivia', phase: 'preparation' });
    expect(closed.channels.every((c) => c.status === 'planned')).toBe(true);
  });
});
