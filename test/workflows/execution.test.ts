/**
 * The execution phase on a real dev server (P2.1–P2.11): pilot → go/no-go → warm-up → paced
 * posts, refused posts isolated, a crisis that stops every effect until its statement is approved,
 * interactions that breach the response time or start a crisis, then the retrospective, sign-off
 * and the stored report (P3.3–P3.5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignResult, campaignStatus, completeTask, crisisAction, decide, decidePilot, retrospect,
  signalInteractionsArrived, startCampaign,
} from '../../client/campaigns.js';
import type { Plan } from '../../domain/plan/schema.js';
import { peakWindows } from '../../domain/publishing/peak-hours.js';
import { wallClock } from '../../domain/publishing/zoned-time.js';
import { createStore } from '../../store/index.js';
import { campaignWorkflowId, type CampaignStatus } from '../../workflows/contract.js';
import { playPreparation } from '../../workers/rehearsal-team.js';
import { campaignTestEnv, eventually, refusalOf, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { recordHistory } from '../helpers/histories.js';
import { executionPlan, rehearsalPlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

let env: CampaignTestEnv;

beforeAll(async () => {
  env = await campaignTestEnv('execution');
  await env.startWorker();
});
afterAll(() => env?.stop());

/** The example with a 2-day pilot, a 1-day warm-up and a 2-day rollout. */
function pilotPlan(): Plan {
  const plan = executionPlan('2d');
  return { ...plan, pilot: { ...plan.pilot!, duration: '2d' }, warmup: { duration: '1d' } };
}

async function start(plan: Plan, dayMs: number, prefix: string) {
  const campaignId = uniqueCampaignId(prefix);
  await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(dayMs), taskQueue: env.taskQueue });
  return campaignId;
}

const status = (id: string) => campaignStatus(env, id);
const until = (id: string, what: string, ok: (s: CampaignStatus) => boolean, timeoutMs = 90_000) =>
  eventually(async () => {
    const s = await status(id);
    return ok(s) ? s : undefined;
  }, what, timeoutMs);

async function answerRetrospective(id: string, plan: Plan) {
  for (const member of plan.team) {
    await retrospect(env.client, id, {
      by: member.id,
      worked: [`${member.name}: 小红书种草笔记带来了稳定的进店流量`],
      didNot: [{ what: '抖音视频上线晚了两天', rootCause: '拍摄排期没有预留返工时间' }],
      lessons: [{ text: '下次要提前两周备货并预留拍摄返工时间', skills: ['项目排期'] }],
    });
  }
}

describe('execution', () => {
  it('runs the pilot to its go decision, warms up, publishes paced posts, then closes with a retrospective and a stored report', async () => {
    const plan = pilotPlan();
    const id = await start(plan, 400, 'exec-go');
    // A warm-up task cannot be done before the warm-up.
    await until(id, 'the gates', (s) => s.gates.length === plan.gates.length);
    expect(await refusalOf(() => completeTask(env.client, id, { task: 'teaser', by: 'wang.wei' }))).toBe('TaskBlocked');

    await playPreparation(env, id);
    const deciding = await until(id, 'the pilot decision', (s) => s.execution.pilot?.status === 'deciding');
    expect(deciding.phase).toBe('pilot');
    expect(deciding.waiting).toContainEqual(expect.objectContaining({ person: 'li.na', kind: 'pilot' }));
    const criterion = deciding.execution.pilot!.evaluation!.criteria[0]!;
    expect(criterion.kpi).toBe('cvr');
    expect(typeof criterion.actual).toBe('number');
    expect(criterion.pass).toBe((criterion.actual as number) >= plan.pilot!.successCriteria[0]!.atLeast!);
    const pilotBudgets = await env.pool.query("SELECT channel_id FROM channel_effects WHERE campaign_id = $1 AND effect_key LIKE 'budget:pilot:%'", [id]);
    expect(pilotBudgets.rows.map((r) => r.channel_id)).toEqual(['xiaohongshu']);

    expect(await refusalOf(() => decidePilot(env.client, id, { decision: 'go', by: 'wang.wei' }))).toBe('NotAuthorised');
    await decidePilot(env.client, id, { decision: 'go', by: 'li.na' });

    const warm = await until(id, 'the warm-up posts', (s) => s.execution.posts.some((p) => p.phase === 'warmup' && p.status === 'published'));
    expect(warm.execution.phaseStarts.warmup).toBeDefined();
    expect(warm.tasks.find((t) => t.id === 'teaser')?.startedAt).toBeDefined();
    await completeTask(env.client, id, { task: 'teaser', by: 'wang.wei' });

    const closing = await until(id, 'the retrospective', (s) => s.phase === 'closing' && s.retrospective.asked.length > 0);
    const posts = closing.execution.posts;
    expect(posts.filter((p) => p.phase === 'warmup').map((p) => p.contentId)).toEqual(expect.arrayContaining(['teaser']));
    expect(posts.filter((p) => p.phase === 'rollout').length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.status).toBe('published');
      // Every post inside its channel's peak hours on the plan's clocks, within the daily cap.
      const channel = plan.channels.find((c) => c.id === post.channelId)!;
      const { minute } = wallClock(Date.parse(post.at), plan.timezone);
      expect(peakWindows(channel.kind, channel.peakHours).some((w) => (w.from <= w.to ? minute >= w.from && minute < w.to : minute >= w.from || minute < w.to))).toBe(true);
    }
    const stats = await env.sandbox.stats();
    expect(stats.postsCreated).toBeGreaterThanOrEqual(posts.length);
    expect(closing.execution.monitoring?.channels.map((c) => c.channelId)).toEqual(plan.channels.map((c) => c.id));
    expect(closing.execution.schedule?.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(['script', 'shoot', 'teaser']));

    // Every member is asked; the sign-off needs a comment while someone has not answered.
    expect(closing.waiting.filter((w) => w.kind === 'retrospect').map((w) => w.person).sort()).toEqual(plan.team.map((m) => m.id).sort());
    expect(await refusalOf(() => decide(env, id, { gate: 'closing', decision: 'approve', by: 'li.na' }))).toBe('CommentRequired');
    await answerRetrospective(id, plan);
    await retrospect(env.client, id, { by: 'li.na', analyses: [{ kpi: 'orders', cause: 'execution', text: '抖音素材晚到, 前两周转化不足' }] });
    expect(await refusalOf(() => retrospect(env.client, id, { by: 'wang.wei', analyses: [{ kpi: 'orders', text: '…' }] }))).toBe('NotAuthorised');
    await decide(env, id, { gate: 'closing', decision: 'approve', by: 'li.na' });
    await campaignResult(env.client, id);

    const closed = await status(id);
    expect(closed.phase).toBe('closed');
    expect(closed.retrospective.signedOff?.by).toBe('li.na');
    expect(closed.report?.languages).toEqual(['zh-CN', 'en']);
    const stored = await env.pool.query('SELECT lang, format FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang, format', [id]);
    expect(stored.rows.length).toBe(6);
    await recordHistory(env.client, id, 'pilot-go-retrospective');
  });

  it('extends the pilot with a budget of its own, then goes on after "go" to the close', async () => {
    const plan = pilotPlan();
    const dayMs = 400;
    const id = await start(plan, dayMs, 'exec-extend');
    await playPreparation(env, id);
    const deciding = await until(id, 'the pilot decision', (s) => s.execution.pilot?.status === 'deciding');
    // The decider takes longer than the day they add: the added day still gets a day of its own.
    const since = Date.parse(deciding.execution.pilotSince!);
    await eventually(async () => (Date.now() > since + 2 * dayMs ? true : undefined), 'two pilot days to pass undecided');
    // `campaign pilot <id> extend --extend-by 1d`: one more pilot day, with the budget for it.
    await decidePilot(env.client, id, { decision: 'extend', by: 'li.na', extendBy: '1d', comment: '转化率接近目标, 再看一天' });

    const extended = await until(id, 'the extended pilot decision', (s) => s.execution.pilot?.status === 'deciding' && s.execution.pilot.days === 3);
    expect(extended.execution.pilot).toMatchObject({ plannedDays: 3, days: 3 });
    expect(extended.execution.pilot?.decisions.map((d) => d.decision)).toEqual(['extend']);
    // Each budget under its own key: the platform refuses a changed budget under a key it has seen.
    const budgets = await env.pool.query(
      "SELECT effect_key, payload FROM channel_effects WHERE campaign_id = $1 AND effect_key LIKE 'budget:pilot:%' ORDER BY applied_at, effect_key",
      [id],
    );
    expect(budgets.rows.map((r) => r.effect_key)).toEqual(['budget:pilot:1:2:xiaohongshu', 'budget:pilot:1:3:xiaohongshu']);
    const [first, extension] = budgets.rows.map((r) => r.payload as { amount: number; dailyBudget: number });
    expect(extension!.amount).toBeGreaterThan(first!.amount);
    expect(extension!.dailyBudget).toBe(first!.dailyBudget);
    // The platform applied both, the extension's last: it is the budget in force for the added day.
    const account = (await env.sandbox.stats()).perChannel[`${id}~pilot1/xiaohongshu`];
    expect(account).toMatchObject({ budgetsApplied: 2, budgetRepeats: 0, dailyBudget: extension!.dailyBudget });

    await decidePilot(env.client, id, { decision: 'go', by: 'li.na' });
    await until(id, 'the retrospective', (s) => s.phase === 'closing' && s.retrospective.asked.length > 0);
    await decide(env, id, { gate: 'closing', decision: 'approve', by: 'li.na', comment: '试点延长一天后转化稳定, 同意结项' });
    await campaignResult(env.client, id);

    const closed = await status(id);
    expect(closed.phase).toBe('closed');
    expect(closed.execution.pilot).toMatchObject({ status: 'go', days: 3 });
    expect(closed.reviews.length).toBeGreaterThan(0);
    expect(closed.report?.languages).toEqual(['zh-CN', 'en']);
    const history = await env.client.workflow.getHandle(campaignWorkflowId(id)).fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes || e.workflowTaskFailedEventAttributes);
    expect(failed).toEqual([]);
    // The added day is read a day after its budget reached the platform, not at once.
    const events = history.events ?? [];
    const at = (e: (typeof events)[number]) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
    const scheduled = (type: string) => events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === type);
    const extensionBudget = scheduled('applyPilotBudget').at(-1)!;
    const budgetApplied = events.find((e) => e.activityTaskCompletedEventAttributes && Number(e.activityTaskCompletedEventAttributes.scheduledEventId) === Number(extensionBudget.eventId))!;
    const addedDayRead = scheduled('fetchPilotDay').at(-1)!;
    expect(at(addedDayRead) - at(budgetApplied)).toBeGreaterThanOrEqual(dayMs);
    await recordHistory(env.client, id, 'pilot-extended-go');
  });

  it('sends a pilot back to preparation (the assets gate reopens), runs it again, then cancels the campaign with a short report', async () => {
    const plan = pilotPlan();
    const id = await start(plan, 300, 'exec-nogo');
    await playPreparation(env, id);
    await until(id, 'the pilot decision', (s) => s.execution.pilot?.status === 'deciding');
    expect(await refusalOf(() => decidePilot(env.client, id, { decision: 'send-back', by: 'li.na' }))).toBe('InvalidInput');
    await decidePilot(env.client, id, { decision: 'send-back', by: 'li.na', comment: '小红书笔记封面要重做' });

    const reopened = await until(id, 'the assets gate to reopen', (s) => s.phase === 'preparation');
    const assets = reopened.gates.find((g) => g.id === 'assets')!;
    expect(assets.status).toBe('waiting');
    expect(assets.round).toBe(2);
    expect(assets.rounds.at(-1)).toMatchObject({ decision: 'send-back', by: 'li.na', comment: '小红书笔记封面要重做' });

    await playPreparation(env, id);
    const again = await until(id, 'the second pilot decision', (s) => s.execution.pilot?.status === 'deciding');
    expect(again.execution.pilot?.decisions.map((d) => d.decision)).toEqual(['send-back']);
    const rounds = await env.pool.query("SELECT effect_key FROM channel_effects WHERE campaign_id = $1 AND effect_key LIKE 'budget:pilot:%' ORDER BY effect_key", [id]);
    expect(rounds.rows.map((r) => r.effect_key.split(':')[2])).toEqual(['1', '2']);
    await decidePilot(env.client, id, { decision: 'cancel', by: 'li.na', comment: '转化率达不到预期, 本季不做全面推广' });
    await campaignResult(env.client, id);

    const closed = await status(id);
    expect(closed.phase).toBe('closed');
    expect(closed.execution.pilot?.status).toBe('cancelled');
    expect(closed.reviews).toEqual([]);
    expect(closed.retrospective.asked).toEqual([]);
    expect(closed.report?.languages).toEqual(['zh-CN', 'en']);
  });

  it('stops every post and budget change during a crisis until its statement is approved, and isolates a refused post', async () => {
    const base = rehearsalPlan('4d');
    const plan: Plan = {
      ...base,
      content: base.content.map((c) => (c.phase === 'rollout' ? { ...c, posts: 6 } : c)),
      rollout: { ...base.rollout, optimization: { ...base.rollout.optimization!, approvalAbove: 1 } },
    };
    // Douyin refuses every post (a 4xx): those posts fail, the others go out.
    env.sandbox.setFaults({ routes: ['posts'], channels: ['douyin'], status: 422 });
    const id = await start(plan, 1_500, 'exec-crisis');
    await playPreparation(env, id);
    await until(id, 'the first published post', (s) => s.execution.posts.some((p) => p.status === 'published'));

    await crisisAction(env.client, id, { action: 'start', by: 'li.na', reason: '用户集中投诉包装破损' });
    const stopped = await until(id, 'a post held by the crisis', (s) => (s.execution.crisis?.held ?? 0) >= 1);
    expect(stopped.waiting).toContainEqual(expect.objectContaining({ person: 'li.na', kind: 'crisis' }));
    expect(stopped.alerts.some((a) => a.severity === 'critical')).toBe(true);
    const before = await env.sandbox.stats();
    const later = await until(id, 'more held effects', (s) => (s.execution.crisis?.held ?? 0) >= 3, 60_000);
    const during = await env.sandbox.stats();
    expect(during.postsCreated).toBe(before.postsCreated);
    expect(during.budgetsApplied).toBe(before.budgetsApplied);
    expect(later.execution.posts.filter((p) => p.status === 'held').length).toBeGreaterThan(0);

    expect(await refusalOf(() => crisisAction(env.client, id, { action: 'approve', by: 'li.na' }))).toBe('WrongPhase');
    await crisisAction(env.client, id, { action: 'statement', by: 'chen.jing', statement: '我们已联系每位收到破损包装的用户并补发新品。' });
    expect(await refusalOf(() => crisisAction(env.client, id, { action: 'approve', by: 'chen.jing' }))).toBe('NotAuthorised');
    await crisisAction(env.client, id, { action: 'approve', by: 'li.na' });
    await campaignResult(env.client, id);
    env.sandbox.setFaults({});

    const closed = await status(id);
    expect(closed.execution.crisis?.status).toBe('resolved');
    const refused = closed.execution.posts.filter((p) => p.channelId === 'douyin' && p.status === 'failed');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error).toBeTruthy();
    // Posts are in plan time, the crisis in workflow time.
    const { planStart, workflowStart } = closed.execution.clock;
    const resolvedPlanTime = Date.parse(planStart) + (Date.parse(closed.execution.crisis!.resolvedAt!) - Date.parse(workflowStart)) * closed.timeScale;
    const after = closed.execution.posts.filter((p) => p.channelId !== 'douyin' && Date.parse(p.at) > resolvedPlanTime);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((p) => p.status !== 'held')).toBe(true);
    expect(closed.alerts.some((a) => a.message.includes('refused post'))).toBe(true);
    expect(closed.phase).toBe('closed');
  });

  it('counts answers overdue past the response time and starts a crisis when negative voices pass the threshold', async () => {
    const base = rehearsalPlan('3d');
    const plan: Plan = { ...base, interaction: { responseSla: '2h', crisis: { negativeShare: 0.5, window: '6h', minVolume: 5, accountable: 'li.na' } } };
    const id = await start(plan, 3_000, 'exec-voices');
    await playPreparation(env, id);
    const running = await until(id, 'the rollout', (s) => s.phase === 'rollout');
    const { planStart, workflowStart } = running.execution.clock;
    const planNow = Date.parse(planStart) + (Date.now() - Date.parse(workflowStart)) * running.timeScale;
    const at = (hoursAgo: number) => new Date(planNow - hoursAgo * 3_600_000).toISOString();
    const lines = [
      { id: 'c1', channel: 'xiaohongshu', author: 'u1', text: '包装破损, 客服也不理人, 太失望了', at: at(3) },
      { id: 'c2', channel: 'xiaohongshu', author: 'u2', text: '茶叶发霉了, 太差了', at: at(2.5) },
      { id: 'c3', channel: 'douyin', author: 'u3', text: '难喝, 退货!', at: at(1) },
      { id: 'c4', channel: 'douyin', author: 'u4', text: '垃圾产品, 再也不买了', at: at(0.5) },
      { id: 'c5', channel: 'xiaohongshu', author: 'u5', text: '太好喝了！强烈推荐', at: at(0.4) },
      { id: 'c6', channel: 'douyin', author: 'u6', text: '失望, 物流太慢', at: at(0.2) },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const report = await createStore(env.pool).interactions.importFile({ campaignId: id, source: 'test', fileName: 'voices.ndjson', text });
    expect(report.inserted).toBe(6);
    await signalInteractionsArrived(env.client, id, report.inserted);

    const crisis = await until(id, 'the crisis to start', (s) => s.execution.crisis?.status === 'active');
    expect(crisis.execution.crisis?.startedBy).toBe('auto');
    expect(crisis.execution.crisis?.assessment?.volume).toBeGreaterThanOrEqual(5);
    expect(crisis.execution.interactions?.breachCount).toBeGreaterThanOrEqual(2);
    expect(crisis.execution.interactions?.total).toBe(6);

    await crisisAction(env.client, id, { action: 'end', by: 'chen.jing', reason: '误报: 同一批次问题已处理' });
    await campaignResult(env.client, id);
    const closed = await status(id);
    expect(closed.execution.crisis).toMatchObject({ status: 'resolved', resolvedBy: 'chen.jing' });
    expect(closed.execution.crises).toBe(1);
  });
});
