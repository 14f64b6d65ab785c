/**
 * Plays a campaign's team in rehearsals (demo, tests, benchmarks): each person does what the
 * campaign waits on them for, through the campaign operations people use (the direct transport,
 * client/operations) — the preparation gates, the pilot's go/no-go, their tasks, a crisis
 * statement, the retrospective and the closing sign-off.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { CampaignError } from '../client/campaigns.js';
import { directOperations } from '../client/operations/direct.js';
import type { CampaignOperations } from '../client/operations/operations.js';
import type { RetrospectiveInput } from '../domain/closing/retrospective.js';
import type { CauseKind } from '../domain/closing/attainment.js';
import type { CriterionResult } from '../domain/pilot.js';
import type { WaitingItem } from '../domain/gates.js';
import type { Plan } from '../domain/plan/schema.js';
import { CLOSING_GATE, type CampaignStatus } from '../workflows/contract.js';
import type { Signer } from '../client/signing.js';

export interface RehearsalOptions {
  /** Told of each action, as a sentence. */
  onAction?: (text: string) => void;
  /** Send this gate back once, with this comment, before approving it. */
  sendBack?: { gate: string; comment: string };
  /** Pause between actions, so a watcher can follow. */
  pauseMs?: number;
  /** Give up after this long. */
  timeoutMs?: number;
}

/** Where the team reads campaigns (the read model, in the records database) and sends its answers. */
export interface RehearsalStack {
  client: Client;
  pool: Pool;
  /** Signs the team's Updates, for campaigns that require signatures. */
  signer?: Signer | undefined;
}

/** The team's actions are recorded as a rehearsal's. */
const teamOperations = (stack: RehearsalStack) => directOperations({ ...stack, origin: { path: 'rehearsal' } });

export async function playPreparation(stack: RehearsalStack, campaignId: string, opts: RehearsalOptions = {}): Promise<void> {
  const ops = teamOperations(stack);
  const say = opts.onAction ?? (() => {});
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let sentBack = false;
  for (;;) {
    const status = await ops.status(campaignId);
    if (status.phase !== 'preparation') return;
    if (Date.now() > deadline) throw new Error(`Preparation of ${campaignId} did not finish: still waiting on ${status.waitingOn.join(', ')}`);
    const next = status.waiting[0];
    if (!next) {
      // Between two activations the campaign may briefly wait on nobody (a window closing).
      await pause(50);
      continue;
    }
    const sendBack = opts.sendBack && !sentBack && next.kind === 'decide' && next.gate === opts.sendBack.gate ? opts.sendBack : undefined;
    if (sendBack) sentBack = true;
    await act(ops, status, next, sendBack, say);
    await pause(opts.pauseMs ?? 0);
  }
}

async function act(
  ops: CampaignOperations,
  status: CampaignStatus,
  item: WaitingItem,
  sendBack: { comment: string } | undefined,
  say: (text: string) => void,
): Promise<void> {
  const id = status.id;
  const gate = status.gates.find((g) => g.id === item.gate);
  const title = gate?.title ?? item.gate ?? item.task ?? '';
  switch (item.kind) {
    case 'task':
      await ops.completeTask(id, { task: item.task!, by: item.person });
      say(`${item.person} finished task "${status.tasks.find((t) => t.id === item.task)?.name ?? item.task}"`);
      return;
    case 'acknowledge':
      await ops.acknowledge(id, { by: item.person });
      say(`${item.person} acknowledged the strategy`);
      return;
    case 'prepare':
      await ops.prepare(id, { gate: item.gate!, by: item.person, ready: true, evidence: [{ kind: 'note', value: `rehearsal: ${title} ready` }] });
      say(`${item.person} marked "${title}" ready`);
      return;
    case 'consult':
      await ops.consult(id, { gate: item.gate!, by: item.person, comment: `${item.person}: no objections to "${title}"` });
      say(`${item.person} commented on "${title}"`);
      return;
    case 'step': {
      // A step the platform refused (a rehearsal's sandbox fault): its owner tries it again.
      await ops.resolveStep(id, { step: item.step!, action: 'retry', by: item.person });
      say(`${item.person} retried the failed step "${status.steps?.find((x) => x.id === item.step)?.summary ?? item.step}"`);
      return;
    }
    case 'decide': {
      const unticked = gate?.checklist.filter((c) => !c.ticked).map((c) => c.item) ?? [];
      if (unticked.length) {
        await ops.prepare(id, { gate: item.gate!, by: item.person, tick: unticked });
        say(`${item.person} ticked ${unticked.length} checklist item(s) of "${title}"`);
      }
      if (sendBack) {
        await ops.decide(id, { gate: item.gate!, decision: 'send-back', by: item.person, comment: sendBack.comment });
        say(`${item.person} sent "${title}" back: ${sendBack.comment}`);
        return;
      }
      await ops.decide(id, { gate: item.gate!, decision: 'approve', by: item.person });
      say(`${item.person} approved "${title}"`);
      return;
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Plays the budget approver during the rollout: every proposal that waits for approval is
 * approved (or, when `reject` says so, rejected with a reason) until the campaign closes.
 */
export async function playBudgetApprover(
  stack: RehearsalStack,
  campaignId: string,
  opts: { onAction?: (text: string) => void; reject?: (day: number) => boolean; pauseMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const ops = teamOperations(stack);
  const say = opts.onAction ?? (() => {});
  const decided = new Set<string>();
  for (;;) {
    const status = await ops.status(campaignId);
    // Until the campaign is closed: the closing's players run beside this one.
    if (status.phase === 'closed' || opts.signal?.aborted) return;
    const approval = status.budgetApproval;
    if (approval?.status === 'waiting' && !decided.has(approval.id)) {
      decided.add(approval.id);
      await pause(opts.pauseMs ?? 0);
      const reject = opts.reject?.(approval.day) ?? false;
      try {
        await ops.decide(campaignId, {
          gate: approval.id, by: approval.approver,
          ...(reject ? { decision: 'send-back', comment: '本周先保持原预算, 等更多数据' } : { decision: 'approve' }),
        });
        say(`${approval.approver} ${reject ? 'rejected' : 'approved'} the day-${approval.day} budget proposal: ${approval.proposal.summary}`);
      } catch (err) {
        // The proposal may have lapsed at the next review while we were deciding.
        say(`${approval.approver} was too late for the day-${approval.day} proposal: ${(err as Error).message}`);
      }
    }
    await pause(100);
  }
}

export interface ExecutionOptions {
  /** Told of each action, as a sentence (several lines for the pilot and the retrospective). */
  onAction?: (text: string) => void;
  /** Pause between actions, so a watcher can follow. */
  pauseMs?: number;
  /** Stop playing (the campaign failed, the rehearsal was interrupted). */
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;
/** How often a player with nothing to do looks again: every look is a query the worker answers. */
const IDLE_LOOK_MS = 250;

/**
 * Plays the team from the end of preparation until the campaign is closed: task owners finish their
 * tasks once the task's planned duration has passed, `pilot.decidedBy` decides the go/no-go from the
 * pilot's evaluation, a crisis gets a statement and its approval, every team member answers the
 * retrospective and `closing.accountable` signs the campaign off once everyone has. Gate work that
 * comes back (a pilot sent back reopens preparation) is done as in `playPreparation`. Budget
 * proposals are left to `playBudgetApprover`.
 */
export async function playExecution(stack: RehearsalStack, campaignId: string, plan: Plan, opts: ExecutionOptions = {}): Promise<void> {
  const ops = teamOperations(stack);
  const say = opts.onAction ?? (() => {});
  const tell = (person: string) => plan.team.find((m) => m.id === person)?.name ?? person;
  for (;;) {
    if (opts.signal?.aborted) return;
    const status = await ops.status(campaignId);
    if (status.phase === 'closed') return;
    const acted = await playOne(ops, status, plan, say, tell).catch((err: unknown) => {
      // The campaign moved on between our look and our action (a window closed): look again.
      if (err instanceof CampaignError && err.exitCode !== 1) {
        say(`(${err.message})`);
        return true;
      }
      throw err;
    });
    await pause(acted ? (opts.pauseMs ?? 0) : IDLE_LOOK_MS);
  }
}

/** One action of whoever is first in line; false when nobody has anything to do right now. */
async function playOne(
  ops: CampaignOperations,
  status: CampaignStatus,
  plan: Plan,
  say: (text: string) => void,
  tell: (person: string) => string,
): Promise<boolean> {
  const id = status.id;
  // Tasks first: they do not wait in anyone's inbox outside preparation, but their owners know.
  const task = dueTask(status);
  if (task) {
    await ops.completeTask(id, { task: task.id, by: task.owner });
    say(`${tell(task.owner)} finished task "${task.name}"`);
    return true;
  }
  const items = status.waiting.filter((i) => !(i.kind === 'decide' && i.gate?.startsWith('budget-')));
  const pilot = items.find((i) => i.kind === 'pilot');
  if (pilot) {
    await decideThePilot(ops, status, pilot.person, say, tell);
    return true;
  }
  const crisis = items.find((i) => i.kind === 'crisis');
  if (crisis && status.execution.crisis?.status === 'active') {
    await answerCrisis(ops, status, plan, crisis.person, say, tell);
    return true;
  }
  const retro = items.find((i) => i.kind === 'retrospect');
  if (retro) {
    const answer = retrospectiveOf(plan, status, retro.person);
    await ops.retrospect(id, answer);
    say(describeAnswer(answer, tell));
    return true;
  }
  const signOff = items.find((i) => i.kind === 'decide' && i.gate === CLOSING_GATE);
  if (signOff) {
    const answered = status.retrospective.answers.length;
    const comment = `${answered} 位成员的复盘已全部提交, KPI 归因已补充, 同意结项并归档报告`;
    await ops.decide(id, { gate: CLOSING_GATE, decision: 'approve', by: signOff.person, comment });
    say(`${tell(signOff.person)} signed the campaign off: ${comment}`);
    return true;
  }
  // A pilot sent back reopens preparation: the gate work is done as before; a failed step is retried.
  const gateWork = items.find((i) => i.kind === 'step' || (status.phase === 'preparation' && i.kind !== 'task'));
  if (gateWork) {
    await act(ops, status, gateWork, undefined, say);
    return true;
  }
  return false;
}

/** A started task, not done, whose planned duration has passed on the campaign's clock. */
function dueTask(status: CampaignStatus): { id: string; name: string; owner: string } | undefined {
  const planned = new Map(status.execution.schedule?.tasks.map((t) => [t.id, t.plannedFinish - t.plannedStart]) ?? []);
  const now = Date.now();
  return status.tasks.find((t) => {
    if (t.status === 'done' || t.automatic || !t.startedAt) return false;
    const days = planned.get(t.id) ?? 1;
    return now - Date.parse(t.startedAt) >= (days * DAY_MS) / status.timeScale;
  });
}

function criterionLine(c: CriterionResult): string {
  const target = [
    c.target.atLeast !== undefined ? `≥ ${c.target.atLeast}` : '',
    c.target.atMost !== undefined ? `≤ ${c.target.atMost}` : '',
  ].filter(Boolean).join(' and ') || 'measured';
  const actual = c.actual === 'unknown' ? 'unknown' : Number(c.actual.toPrecision(4)).toString();
  return `  criterion ${c.name} (${c.kpi}): target ${target}, actual ${actual} — ${c.pass ? 'pass' : 'miss'}`;
}

async function decideThePilot(
  ops: CampaignOperations,
  status: CampaignStatus,
  decider: string,
  say: (text: string) => void,
  tell: (person: string) => string,
): Promise<void> {
  const pilot = status.execution.pilot;
  const evaluation = pilot?.evaluation;
  say(`${tell(decider)} reads the pilot's result after ${pilot?.days ?? '?'} day(s) on ${pilot?.channels.join(', ') ?? '?'}: recommendation ${evaluation?.recommendation ?? 'unknown'}`);
  for (const c of evaluation?.criteria ?? []) say(criterionLine(c));
  const missed = evaluation?.criteria.filter((c) => !c.pass) ?? [];
  const comment = evaluation?.recommendation === 'no-go'
    ? `试点${missed.map((c) => c.name).join('、') || '指标'}略低, 但趋势向好, 继续推广`
    : '试点各项成功标准均已达成, 按计划进入预热和正式推广';
  await ops.decidePilot(status.id, { decision: 'go', by: decider, comment });
  say(`${tell(decider)} decided go: ${comment}`);
}

async function answerCrisis(
  ops: CampaignOperations,
  status: CampaignStatus,
  plan: Plan,
  accountable: string,
  say: (text: string) => void,
  tell: (person: string) => string,
): Promise<void> {
  const crisis = status.execution.crisis!;
  if (!crisis.statement) {
    const writer = plan.team.find((m) => m.roles.includes('customer-service'))?.id ?? accountable;
    const statement = '感谢大家的反馈。我们已暂停全部推广, 正在逐条核实大家反映的问题, 24 小时内公布处理结果, 受影响订单可无条件退换。';
    await ops.crisisAction(status.id, { action: 'statement', by: writer, statement });
    say(`${tell(writer)} proposed the crisis statement (${crisis.reason}): ${statement}`);
    return;
  }
  await ops.crisisAction(status.id, { action: 'approve', by: accountable });
  say(`${tell(accountable)} approved the crisis statement: the campaign resumes (${crisis.held} effect(s) were held)`);
}

/**
 * What a team member says in the retrospective, by role. The closing's accountable person also
 * analyses every KPI that missed its target, from the closing summary.
 */
export function retrospectiveOf(plan: Plan, status: CampaignStatus, person: string): RetrospectiveInput {
  const roles = plan.team.find((m) => m.id === person)?.roles ?? [];
  const channelName = (id: string) => plan.channels.find((c) => c.id === id)?.name ?? id;
  const channels = status.closing?.channels ?? [];
  const best = [...channels].filter((c) => c.roi !== null).sort((a, b) => (b.roi ?? 0) - (a.roi ?? 0))[0];
  const worst = [...channels].filter((c) => c.roi !== null).sort((a, b) => (a.roi ?? 0) - (b.roi ?? 0))[0];
  const posts = status.execution.posts;
  const failed = posts.filter((p) => p.status === 'failed' || p.status === 'held').length;
  const answer: Omit<RetrospectiveInput, 'by'> & { worked: string[]; didNot: Array<{ what: string; rootCause: string }>; lessons: Array<{ text: string; skills: string[] }> } = {
    worked: [], didNot: [], lessons: [],
  };
  if (roles.includes('pm')) {
    answer.worked.push('试点先行: 小红书 7 天小预算试点验证了转化率口径, 再放量推广, 风险可控');
    if (best) answer.worked.push(`${channelName(best.channelId)}投产比最高(ROI ${best.roi!.toFixed(2)}), 每日复盘后及时向其倾斜预算`);
    answer.didNot.push({ what: '预算调整审批偶有滞后, 错过了周末流量高峰', rootCause: '审批只有我一人, 没有设置周末的代理审批人' });
    answer.lessons.push({ text: '大额预算调整要提前约定周末代理审批人, 审批时限写进计划', skills: ['预算管理', '项目管理'] });
  }
  if (roles.includes('data')) {
    answer.worked.push('KPI 口径在目标确认关卡一次对齐, 复盘时各渠道数据可直接比较');
    answer.didNot.push({ what: '访客数与订单的归因在抖音和百度之间有重复计算', rootCause: '各平台归因窗口不同, 没有统一去重规则' });
    answer.lessons.push({ text: '活动前统一各渠道归因窗口和去重规则, 上线首日核对一次口径', skills: ['数据分析', '归因建模'] });
  }
  if (roles.includes('content') || roles.includes('design')) {
    answer.worked.push('一稿多改: 同一素材按渠道规范自动裁剪, 制作成本明显下降');
    answer.didNot.push({ what: '物料审核被退回一次, 海报尺寸不符合小红书规范', rootCause: '设计前没有核对各平台最新的尺寸规范' });
    answer.lessons.push({ text: '开工前先拉一份各平台素材规范清单, 设计稿按清单自检', skills: ['平台规范', '视觉设计'] });
    answer.lessons.push({ text: '抖音视频第二周出现素材疲劳, 下次提前准备两套备用素材', skills: ['短视频创作'] });
  }
  if (roles.includes('channel-ops') || roles.includes('customer-service')) {
    answer.worked.push('按各渠道高峰时段排期发布, 互动率高于平时');
    answer.didNot.push(failed > 0
      ? { what: `${failed} 条内容未能按时发出`, rootCause: '平台接口偶发拒绝, 没有预留人工补发的时间窗口' }
      : { what: '评论高峰时段回复不及时, 个别问题超过 2 小时才回复', rootCause: '晚间高峰只安排了一名客服值班' });
    if (worst && worst !== best) {
      answer.didNot.push({ what: `${channelName(worst.channelId)}投产比偏低(ROI ${worst.roi!.toFixed(2)})`, rootCause: '关键词和人群定向沿用了旧活动的设置, 没有针对新品调整' });
    }
    answer.lessons.push({ text: '晚间高峰加排一名客服, 并准备常见问题话术库', skills: ['客户服务', '舆情应对'] });
  }
  if (answer.worked.length + answer.didNot.length + answer.lessons.length === 0) {
    answer.worked.push('团队每日站会同步进度, 问题当天暴露当天解决');
    answer.lessons.push({ text: '关键节点提前一天确认资源到位', skills: ['项目管理'] });
  }
  const analyses = person === plan.closing.accountable ? kpiAnalyses(status) : [];
  return { by: person, ...answer, ...(analyses.length > 0 ? { analyses } : {}) };
}

/** The accountable person's cause analysis of every KPI that missed its target. */
function kpiAnalyses(status: CampaignStatus): Array<{ kpi: string; text: string; cause: CauseKind }> {
  const kpis = status.closing?.kpis ?? status.kpis;
  return kpis.filter((k) => k.attainment !== null && k.attainment < 1).map((k) => {
    const pct = Math.round(k.attainment! * 100);
    const gap = `${k.name}完成 ${pct}% (目标 ${k.target}, 实际 ${k.actual})`;
    if (k.id === 'uv') {
      return { kpi: k.id, cause: 'strategy' as const, text: `${gap}: 预热期只有两条预告内容, 声量不足; 抖音投放第二周素材疲劳后点击率下滑, 拉新没有跟上。` };
    }
    if (k.id === 'cvr') {
      return { kpi: k.id, cause: 'execution' as const, text: `${gap}: 落地页在移动端加载慢, 百度搜索流量跳出率高; 试点时已看到转化偏低的信号, 但没有先优化落地页。` };
    }
    if (k.id === 'orders') {
      return { kpi: k.id, cause: 'target' as const, text: `${gap}: 订单目标按去年双旦活动的转化率测算, 新品认知期转化天然偏低, 目标偏乐观; 另有部分流量不足的原因见访客数分析。` };
    }
    return { kpi: k.id, cause: 'environment' as const, text: `${gap}: 同期竞品集中上新, 流量成本上升, 在预算不变的情况下覆盖不足。` };
  });
}

function describeAnswer(answer: RetrospectiveInput, tell: (person: string) => string): string {
  const lines = [`${tell(answer.by)}'s retrospective:`];
  for (const w of answer.worked ?? []) lines.push(`      + ${w}`);
  for (const d of answer.didNot ?? []) lines.push(`      - ${d.what} (根因: ${d.rootCause})`);
  for (const l of answer.lessons ?? []) lines.push(`      → ${l.text} [${(l.skills ?? []).join(', ')}]`);
  for (const a of answer.analyses ?? []) lines.push(`      KPI ${a.kpi}${a.cause ? ` (${a.cause})` : ''}: ${a.text}`);
  return lines.join('\n');
}
