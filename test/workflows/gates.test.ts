import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledge, CampaignError, campaignResult, campaignStatus, completeTask, consult, decide, prepare, startCampaign,
} from '../../client/campaigns.js';
import { recordHistory } from '../helpers/histories.js';
import type { Plan } from '../../domain/plan/schema.js';
import type { CampaignStatus } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { gatePlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';
import { parseSecretsFile, workerSecrets } from '../../workers/secrets.js';

let env: CampaignTestEnv;
let sink: HttpSink;

beforeAll(async () => {
  [env, sink] = await Promise.all([campaignTestEnv('gates'), startHttpSink()]);
  // Plans name the webhooks; the worker's secrets file says where they are.
  await env.startWorker({
    secrets: workerSecrets(parseSecretsFile(`notify:\n  olivia-hook: { kind: webhook, url: "${sink.url}/olivia" }\n  ben-hook: { kind: webhook, url: "${sink.url}/ben" }\n`, 'secrets.yaml')),
  });
});
afterAll(async () => {
  await env?.stop();
  await sink?.close();
});

/** One campaign day lasts `dayMs`; the default keeps chasing timers far away. */
async function start(plan: Plan, dayMs = 3_600_000): Promise<string> {
  const campaignId = uniqueCampaignId('gates');
  await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(dayMs), taskQueue: env.taskQueue });
  return campaignId;
}

async function status(id: string): Promise<CampaignStatus> {
  return campaignStatus(env, id);
}

async function stageOf(id: string, gate: string): Promise<string | undefined> {
  return (await status(id)).gates.find((g) => g.id === gate)?.stage;
}

async function refusal(promise: Promise<unknown>): Promise<CampaignError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CampaignError);
  return err as CampaignError;
}

describe('preparation gates', () => {
  it('runs independent gates in parallel and opens a dependent gate only when its gates and tasks are done', async () => {
    const plan = gatePlan({
      tasks: [{ id: 'brief', name: 'Write the brief', owner: 'ben', duration: '1d' }],
      gates: [
        { id: 'goals', title: 'Goals', accountable: 'olivia' },
        { id: 'platforms', title: 'Platforms', accountable: 'chloe' },
        { id: 'launch', title: 'Launch', accountable: 'olivia', dependsOn: ['goals', 'platforms', 'brief'] },
      ],
    });
    const id = await start(plan);
    const first = await eventually(async () => ((await status(id)).gates.length === 3 ? status(id) : undefined), 'gates');
    expect(first.gates.map((g) => [g.id, g.stage])).toEqual([['goals', 'deciding'], ['platforms', 'deciding'], ['launch', 'blocked']]);
    expect(first.waiting).toContainEqual(expect.objectContaining({ person: 'ben', kind: 'task', task: 'brief' }));

    const blocked = await refusal(decide(env, id, { gate: 'launch', decision: 'approve', by: 'olivia' }));
    expect(blocked.exitCode).toBe(3);
    expect(blocked.message).toContain('waits for goals, platforms, brief');

    await decide(env, id, { gate: 'platforms', decision: 'approve', by: 'chloe' });
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' });
    expect(await stageOf(id, 'launch')).toBe('blocked');

    const notTheirs = await refusal(completeTask(env.client, id, { task: 'brief', by: 'dan' }));
    expect(notTheirs.message).toContain('belongs to ben');
    await completeTask(env.client, id, { task: 'brief', by: 'ben' });
    expect(await stageOf(id, 'launch')).toBe('deciding');
    await decide(env, id, { gate: 'launch', decision: 'approve', by: 'olivia' });
    await eventually(async () => ((await status(id)).phase !== 'preparation' ? true : undefined), 'the rollout to start');
  });

  it('refuses approval while checklist items are unticked, naming them', async () => {
    const plan = gatePlan({
      gates: [{ id: 'assets', title: '物料审核', accountable: 'olivia', responsible: ['ben'], checklist: ['文案已校对', '已在手机上预览'] }],
    });
    const id = await start(plan);
    await eventually(async () => ((await stageOf(id, 'assets')) === 'preparing' ? true : undefined), 'assets to wait for ben');
    const notResponsible = await refusal(prepare(env.client, id, { gate: 'assets', by: 'dan', ready: true }));
    expect(notResponsible.message).toContain('(ben)');
    await prepare(env.client, id, { gate: 'assets', by: 'ben', ready: true, tick: ['1'], evidence: [{ kind: 'link', value: 'https://drive.example/copy' }] });

    const unticked = await refusal(decide(env, id, { gate: 'assets', decision: 'approve', by: 'olivia' }));
    expect(unticked.exitCode).toBe(3);
    expect(unticked.message).toContain('"已在手机上预览"');
    expect(unticked.message).not.toContain('文案已校对');

    const unknownItem = await refusal(prepare(env.client, id, { gate: 'assets', by: 'ben', tick: ['已发布'] }));
    expect(unknownItem.exitCode).toBe(2);
    await prepare(env.client, id, { gate: 'assets', by: 'ben', tick: ['已在手机上预览'] });
    expect(await decide(env, id, { gate: 'assets', decision: 'approve', by: 'olivia' })).toMatchObject({ status: 'approved' });

    const gate = (await status(id)).gates[0]!;
    expect(gate.readiness).toEqual([expect.objectContaining({ person: 'ben', ready: true, evidence: [{ kind: 'link', value: 'https://drive.example/copy' }] })]);
    expect(gate.checklist.every((c) => c.ticked && c.by === 'ben')).toBe(true);
  });

  it('records consulted comments, and silence when the consult window ends', async () => {
    const plan = gatePlan({
      gates: [
        { id: 'goals', title: 'Goals', accountable: 'olivia', consulted: ['chloe', 'dan'], consultWindow: '1d' },
      ],
    });
    // One day lasts 1.5 s, so the consult window closes on its own during the test.
    const id = await start(plan, 1_500);
    await eventually(async () => ((await stageOf(id, 'goals')) === 'consulting' ? true : undefined), 'consulting');
    const early = await refusal(decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' }));
    expect(early.message).toContain('chloe, dan are still being consulted');
    const outsider = await refusal(consult(env.client, id, { gate: 'goals', by: 'ben', comment: 'hi' }));
    expect(outsider.exitCode).toBe(3);

    await consult(env.client, id, { gate: 'goals', by: 'chloe', comment: 'Targets look right.' });
    expect(await stageOf(id, 'goals')).toBe('consulting');
    await eventually(async () => ((await stageOf(id, 'goals')) === 'deciding' ? true : undefined), 'the consult window to close');

    const gate = (await status(id)).gates[0]!;
    expect(gate.consultations).toEqual([
      expect.objectContaining({ person: 'chloe', comment: 'Targets look right.' }),
      expect.objectContaining({ person: 'dan', silent: true }),
    ]);
    // The silence is recorded by an activity of its own: the status can show the gate deciding first.
    const audit = await eventually(async () => {
      const found = await env.pool.query('SELECT kind, detail FROM audit_events WHERE campaign_id = $1 ORDER BY happened_at', [id]);
      return found.rows.length >= 2 ? found : undefined;
    }, 'the silence in the audit trail');
    expect(audit.rows.map((r) => r.kind)).toEqual(['consultation', 'consult-silence']);
    expect(audit.rows[1].detail.silent).toEqual(['dan']);
    await decide(env, id, { gate: 'goals', decision: 'send-back', by: 'olivia', comment: 'Add the retention KPI.' });
    await consult(env.client, id, { gate: 'goals', by: 'dan', comment: 'Fine now.' });
    await consult(env.client, id, { gate: 'goals', by: 'chloe', comment: 'Agreed.' });
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' });
    await campaignResult(env.client, id);
    await recordHistory(env.client, id, 'gate-consult-send-back');
  });

  it('accepts a delegate while the delegation lasts and refuses one whose delegation ended', async () => {
    const plan = gatePlan({
      team: [
        { id: 'olivia', name: 'Olivia', roles: ['pm'], delegate: { to: 'ben', until: '2099-12-31' } },
        { id: 'ben', name: 'Ben', roles: ['content'] },
        { id: 'chloe', name: 'Chloe', roles: ['data'], delegate: { to: 'dan', until: '2020-01-31' } },
        { id: 'dan', name: 'Dan', roles: ['channel-ops'] },
      ],
      gates: [
        { id: 'goals', title: 'Goals', accountable: 'olivia' },
        { id: 'platforms', title: 'Platforms', accountable: 'chloe' },
      ],
    });
    const id = await start(plan);
    await eventually(async () => ((await stageOf(id, 'platforms')) === 'deciding' ? true : undefined), 'gates open');
    const expired = await refusal(decide(env, id, { gate: 'platforms', decision: 'approve', by: 'dan' }));
    expect(expired.exitCode).toBe(3);
    expect(expired.message).toContain("dan's delegation from chloe ended on 2020-01-31");

    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'ben' });
    const goals = (await status(id)).gates.find((g) => g.id === 'goals')!;
    expect(goals.rounds[0]).toMatchObject({ by: 'ben', onBehalfOf: 'olivia', decision: 'approve' });
    // The audit trail says for whom the delegate decided, not only who did.
    const record = await eventually(async () => (await env.store.audit.trail(id)).find((e) => e.kind === 'decision' && e.gate === 'goals'), 'the decision record');
    expect(record).toMatchObject({ actor: 'ben', detail: { onBehalfOf: 'olivia' } });
  });

  it('keeps a gate that requires the strategy acknowledged closed until every team member has', async () => {
    const plan = gatePlan({ gates: [{ id: 'kickoff', title: 'Kick-off', accountable: 'olivia', requiresAcknowledgement: true }] });
    const id = await start(plan);
    await eventually(async () => ((await stageOf(id, 'kickoff')) === 'preparing' ? true : undefined), 'preparing');
    for (const person of ['olivia', 'ben', 'chloe']) await acknowledge(env.client, id, { by: person });
    const twice = await refusal(acknowledge(env.client, id, { by: 'ben' }));
    expect(twice.message).toContain('already acknowledged');
    expect((await status(id)).waiting).toEqual([expect.objectContaining({ person: 'dan', kind: 'acknowledge' })]);
    await acknowledge(env.client, id, { by: 'dan' });
    expect(await stageOf(id, 'kickoff')).toBe('deciding');
  });

  it('reminds at `remind` and escalates at `due` on scaled timers, and tells people where they work', async () => {
    const plan = gatePlan({
      team: [
        { id: 'olivia', name: 'Olivia', roles: ['pm'], notify: [{ webhook: 'olivia-hook' }] },
        { id: 'ben', name: 'Ben', roles: ['content'], notify: [{ webhook: 'ben-hook' }] },
        { id: 'chloe', name: 'Chloe', roles: ['data'] },
        { id: 'dan', name: 'Dan', roles: ['channel-ops'] },
      ],
      gates: [{ id: 'goals', title: 'Goals', accountable: 'ben', remind: '1d', due: '2d', escalateTo: 'olivia', informed: ['olivia'] }],
      rollout: { duration: '1d', reviews: { daily: true, weekly: true, monthly: true } },
    });
    const dayMs = 1_000;
    const id = await start(plan, dayMs);
    const escalated = await eventually(async () => {
      const g = (await status(id)).gates[0];
      return g && g.escalations >= 1 ? status(id) : undefined;
    }, 'the first escalation');
    const gate = escalated.gates[0]!;
    expect(gate.reminders).toBeGreaterThanOrEqual(1);
    expect(escalated.alerts.some((a) => a.message.includes('escalated to olivia'))).toBe(true);

    // The audit records are activities of their own: the status can show the escalation first.
    const events = await eventually(async () => {
      const found = await env.pool.query<{ kind: string; event_key: string; at: Date }>(
        `SELECT kind, event_key, happened_at AS at FROM audit_events WHERE campaign_id = $1 AND kind IN ('reminder', 'escalation') ORDER BY happened_at`,
        [id],
      );
      const keys = found.rows.map((e) => e.event_key);
      return keys.includes('reminder:goals:1:1') && keys.includes('escalation:goals:1:1') ? found : undefined;
    }, 'the reminder and the escalation in the audit trail');
    const opened = Date.parse(gate.openedAt!);
    const reminder = events.rows.find((e) => e.event_key === 'reminder:goals:1:1')!;
    const escalation = events.rows.find((e) => e.event_key === 'escalation:goals:1:1')!;
    expect(reminder.at.getTime() - opened).toBeGreaterThanOrEqual(dayMs);
    expect(escalation.at.getTime() - opened).toBeGreaterThanOrEqual(2 * dayMs);
    expect(reminder.at.getTime()).toBeLessThan(escalation.at.getTime());

    await eventually(async () => (sink.to('/olivia').length > 0 ? true : undefined), 'the escalation to reach olivia');
    const toBen = sink.to('/ben').map((r) => (r.json as { kind?: string; message?: { kind?: string } }));
    expect(JSON.stringify(toBen)).toContain('gate-waiting');
    expect(JSON.stringify(toBen)).toContain('gate-reminder');
    expect(JSON.stringify(sink.to('/olivia').map((r) => r.json))).toContain('gate-escalation');
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'ben' });
    await campaignResult(env.client, id);
    // The one-day rollout ends a week and a month of reviews: the owner hears both.
    const summaries = sink.to('/olivia').map((r) => r.json as { kind?: string }).filter((m) => m.kind === 'review-summary');
    expect(summaries).toHaveLength(2);
    await recordHistory(env.client, id, 'gate-reminders-escalations');
  });
});
