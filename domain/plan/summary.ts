/**
 * "What the system understood" from a valid plan, for the author to check before starting: who
 * does what, which gates wait for whom, the task schedule and its critical path, how the budget is
 * split, the KPI tree with its targets, and in brief what it will do when: phase dates, the pilot's
 * criteria, the crisis rule and whether the content passes its channels' rules (`plan preview` has the rest).
 */
import { lintPlanContent } from '../content/lint.js';
import { flattenGoals, kpiSource } from '../kpi/tree.js';
import type { Lang } from './issues.js';
import { criteriaInWords, crisisInWords, previewPlan, type PhaseDates } from './preview.js';
import { phaseSchedules } from './schedule.js';
import type { Plan } from './schema.js';
import { hasChinese, renderTable } from './text-width.js';

/** A plan whose name is written in Chinese is summarised in Chinese unless asked otherwise. */
export function planLanguage(plan: Pick<Plan, 'name'>): Lang {
  return hasChinese(plan.name) ? 'zh-CN' : 'en';
}

const WORDS = {
  en: {
    plan: 'Plan', owner: 'Owner', currency: 'currency', timezone: 'timezone', starts: 'launches', endsBy: 'rollout ends by',
    phases: 'Phases', preparation: 'preparation', pilot: 'pilot', warmup: 'warm-up', rollout: 'rollout', closing: 'closing',
    reviews: 'reviews', daily: 'daily', weekly: 'weekly', monthly: 'monthly', policy: 'budget policy',
    people: 'People', id: 'id', name: 'name', roles: 'roles', accountableFor: 'accountable for',
    planOwner: 'plan owner', gatesOf: 'gates', pilotDecision: 'pilot go/no-go', approver: 'budget moves',
    crisis: 'crisis', closingOf: 'closing report', tasksOf: 'tasks', kpisOf: 'KPIs', delegate: 'delegate',
    gates: 'Gates', gate: 'gate', title: 'title', accountable: 'accountable', due: 'due', waitsFor: 'waits for',
    schedule: 'Schedule', criticalPath: 'critical path', days: 'days', oneDay: 'day', task: 'task', phase: 'phase',
    start: 'start', finish: 'finish', noTasks: 'no tasks', cycle: 'tasks wait for each other in a circle',
    budget: 'Budget', total: 'total', channel: 'channel', kind: 'kind', initial: 'initial', share: 'share', range: 'range',
    channels: 'channels', items: 'items', reserve: 'reserve', unallocated: 'unallocated', ofTotal: 'of total',
    kpis: 'KPIs', kpi: 'KPI', target: 'target', how: 'measured as', metric: 'metric', sum: 'sum of',
    none: '-', label: 'name', ownerColumn: 'owner', dayOfPhase: 'days from the start of each phase; ✱ critical path',
  },
  'zh-CN': {
    plan: '计划', owner: '负责人', currency: '币种', timezone: '时区', starts: '上线于', endsBy: '推广截止',
    phases: '阶段', preparation: '准备', pilot: '试点', warmup: '预热', rollout: '全面推广', closing: '收尾',
    reviews: '复盘', daily: '每日', weekly: '每周', monthly: '每月', policy: '预算策略',
    people: '人员', id: 'id', name: '姓名', roles: '角色', accountableFor: '负责',
    planOwner: '计划负责人', gatesOf: '关卡', pilotDecision: '试点决策', approver: '预算调整审批',
    crisis: '危机处理', closingOf: '收尾报告', tasksOf: '任务', kpisOf: 'KPI', delegate: '代理人',
    gates: '关卡', gate: '关卡', title: '标题', accountable: '最终负责人', due: '时限', waitsFor: '等待',
    schedule: '排期', criticalPath: '关键路径', days: '天', oneDay: '天', task: '任务', phase: '阶段',
    start: '开始', finish: '结束', noTasks: '没有任务', cycle: '任务之间循环依赖',
    budget: '预算', total: '总额', channel: '渠道', kind: '类型', initial: '初始预算', share: '占比', range: '范围',
    channels: '渠道', items: '预算项', reserve: '预留', unallocated: '未分配', ofTotal: '占总额',
    kpis: 'KPI', kpi: 'KPI', target: '目标', how: '计算方式', metric: '指标', sum: '合计',
    none: '-', label: '名称', ownerColumn: '负责人', dayOfPhase: '天数从各阶段开始时算起; ✱ 表示关键路径',
  },
} as const;

type Words = { readonly [K in keyof typeof WORDS.en]: string };

const money = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');
const days = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function summarizePlan(plan: Plan, lang: Lang = planLanguage(plan)): string {
  const w: Words = WORDS[lang];
  return [header(plan, w, lang), ahead(plan, lang), people(plan, w, lang), gates(plan, w), schedule(plan, w), budget(plan, w), kpis(plan, w)].join('\n\n');
}

function list(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

function header(plan: Plan, w: Words, lang: Lang): string {
  const owner = plan.team.find((member) => member.id === plan.owner);
  const ownerText = owner ? `${plan.owner} (${owner.name})` : plan.owner;
  const facts = [`${w.owner} ${ownerText}`, `${w.currency} ${plan.currency}`, `${w.timezone} ${plan.timezone}`];
  if (plan.start) facts.push(`${w.starts} ${plan.start}`);
  if (plan.rollout.endBy) facts.push(`${w.endsBy} ${plan.rollout.endBy}`);
  const reviews = (['daily', 'weekly', 'monthly'] as const).filter((kind) => plan.rollout.reviews[kind]).map((kind) => w[kind]);
  const phases = [
    w.preparation,
    ...(plan.pilot ? [`${w.pilot} ${plan.pilot.duration}`] : []),
    ...(plan.warmup ? [`${w.warmup} ${plan.warmup.duration}`] : []),
    `${w.rollout} ${plan.rollout.duration}${reviews.length > 0 ? ` (${w.reviews}: ${list(reviews, lang)})` : ''}`,
    w.closing,
  ];
  const lines = [`${w.plan} ${plan.id}: ${plan.name}`, facts.join(' · '), `${w.phases}: ${phases.join(' → ')}`];
  if (plan.rollout.optimization) lines.push(`${w.policy}: ${plan.rollout.optimization.policy}`);
  return lines.join('\n');
}

const AHEAD = {
  en: {
    dates: 'Dates', startsWhenStarted: 'starts when started', day: (n: number) => `day ${n}`, from: 'from',
    pilot: 'Pilot', goWhen: 'go when', noCriteria: 'no criteria, a person judges', decides: 'decides',
    crisis: 'Crisis', noCrisis: 'no crisis rule', content: 'Content',
    items: (items: number, versions: number) => `${items} item(s), ${versions} channel version(s)`,
    lint: (warnings: number) => (warnings === 0 ? 'all fit their channels' : `${warnings} warning(s): cut or adapted for a channel`),
    reviewed: (gate: string | undefined) => (gate ? `approved at gate ${gate}` : 'no gate reviews it'),
    more: 'Each channel\'s version and the publishing calendar: campaign plan preview <file>',
  },
  'zh-CN': {
    dates: '日期', startsWhenStarted: '启动时开始', day: (n: number) => `第 ${n} 天`, from: '从',
    pilot: '试点', goWhen: '通过条件', noCriteria: '没有量化条件, 由人判断', decides: '决策',
    crisis: '危机', noCrisis: '没有危机规则', content: '内容',
    items: (items: number, versions: number) => `${items} 条, 共 ${versions} 个渠道版本`,
    lint: (warnings: number) => (warnings === 0 ? '均符合渠道规则' : `${warnings} 个提醒: 为渠道截短或调整`),
    reviewed: (gate: string | undefined) => (gate ? `在关卡 ${gate} 审核` : '没有关卡审核内容'),
    more: '各渠道版本与发布日历: campaign plan preview <文件>',
  },
} as const;

/** What the campaign will do when, in four lines; `plan preview` shows all of it. */
function ahead(plan: Plan, lang: Lang): string {
  const a = AHEAD[lang];
  const preview = previewPlan(plan);
  const phaseWords = WORDS[lang];
  const when = (p: PhaseDates): string => {
    const at = (date: string | undefined, day: number): string => date ?? a.day(day);
    return p.toDay === undefined ? `${a.from} ${at(p.from, p.fromDay)}` : `${at(p.from, p.fromDay)} – ${at(p.to, p.toDay)}`;
  };
  const dates = preview.phases.map((p) => `${phaseWords[PHASE_WORD[p.phase]]} ${when(p)}`).join(' · ');
  const lines = [`${a.dates}${plan.start ? '' : ` (${a.startsWhenStarted})`}: ${dates}`];
  if (preview.pilot) {
    const goWhen = preview.pilot.criteria.length > 0 ? `${a.goWhen} ${criteriaInWords(preview.pilot, lang)}` : a.noCriteria;
    lines.push(`${a.pilot}: ${goWhen}; ${preview.pilot.decidedBy.id} ${a.decides}`);
  }
  lines.push(`${a.crisis}: ${preview.crisis ? crisisInWords(preview.crisis, lang) : a.noCrisis}`);
  // A valid plan has no content errors (validation refuses them), so only warnings are counted.
  const warnings = lintPlanContent(plan).filter((f) => f.severity === 'warning').length;
  const versions = preview.content.reduce((sum, item) => sum + item.variants.length, 0);
  lines.push(`${a.content}: ${a.items(plan.content.length, versions)} — ${a.lint(warnings)}; ${a.reviewed(preview.contentReviewGate)}`);
  lines.push(a.more);
  return lines.join('\n');
}

function people(plan: Plan, w: Words, lang: Lang): string {
  const rows = plan.team.map((member) => {
    const duties: string[] = [];
    if (plan.owner === member.id) duties.push(w.planOwner);
    const gateIds = plan.gates.filter((gate) => gate.accountable === member.id).map((gate) => gate.id);
    if (gateIds.length > 0) duties.push(`${w.gatesOf} ${list(gateIds, lang)}`);
    if (plan.pilot?.decidedBy === member.id) duties.push(w.pilotDecision);
    if (plan.rollout.optimization?.approver === member.id) duties.push(w.approver);
    if (plan.interaction?.crisis?.accountable === member.id) duties.push(w.crisis);
    if (plan.closing.accountable === member.id) duties.push(w.closingOf);
    const taskCount = plan.tasks.filter((task) => task.owner === member.id).length;
    if (taskCount > 0) duties.push(`${w.tasksOf} ×${taskCount}`);
    const kpiIds = flattenGoals(plan.goals).filter((entry) => entry.goal.owner === member.id).map((entry) => entry.goal.id);
    if (kpiIds.length > 0) duties.push(`${w.kpisOf} ${list(kpiIds, lang)}`);
    if (member.delegate) duties.push(`${w.delegate} ${member.delegate.to} (≤ ${member.delegate.until})`);
    return [member.id, member.name, list(member.roles, lang) || w.none, duties.join('; ') || w.none];
  });
  return `${w.people}\n${renderTable([[w.id, w.name, w.roles, w.accountableFor], ...rows])}`;
}

function gates(plan: Plan, w: Words): string {
  if (plan.gates.length === 0) return `${w.gates}: ${w.none}`;
  const rows = plan.gates.map((gate) => [gate.id, gate.title, gate.accountable, gate.due ?? w.none, gate.dependsOn.join(', ') || w.none]);
  return `${w.gates}\n${renderTable([[w.gate, w.title, w.accountable, w.due, w.waitsFor], ...rows])}`;
}

/** Per phase, days counted from the phase's start; ✱ marks the critical path. */
function schedule(plan: Plan, w: Words): string {
  if (plan.tasks.length === 0) return `${w.schedule}: ${w.noTasks}`;
  const byId = new Map(plan.tasks.map((task) => [task.id, task] as const));
  const sections = phaseSchedules(plan.tasks).map(({ phase, schedule: result }) => {
    const phaseName = w[PHASE_WORD[phase]];
    if (!result.ok) return `  ${phaseName}: ${w.cycle} (${result.cycle.join(' → ')})`;
    const rows = [...result.items].sort((a, b) => a.start - b.start).map((item) => {
      const task = byId.get(item.id)!;
      return [item.id, task.name, task.owner, days(item.start), days(item.finish), item.critical ? '✱' : ''];
    });
    const title = `  ${phaseName} — ${w.criticalPath}: ${result.criticalPath.join(' → ')} (${days(result.length)} ${result.length === 1 ? w.oneDay : w.days})`;
    return `${title}\n${renderTable([[w.task, w.label, w.ownerColumn, w.start, w.finish, ''], ...rows], { indent: '    ', right: [3, 4] })}`;
  });
  return `${w.schedule} (${w.dayOfPhase})\n${sections.join('\n')}`;
}

const PHASE_WORD = { preparation: 'preparation', pilot: 'pilot', warmup: 'warmup', rollout: 'rollout', closing: 'closing' } as const;

function budget(plan: Plan, w: Words): string {
  const { total, reserve } = plan.budget;
  const channelTotal = plan.channels.reduce((sum, channel) => sum + channel.budget.initial, 0);
  const itemTotal = plan.budget.items.reduce((sum, item) => sum + item.cap, 0);
  const rows = plan.channels.map((channel) => [
    channel.id, channel.kind, money(channel.budget.initial), percent(channel.budget.initial, channelTotal),
    `${money(channel.budget.min)}–${money(channel.budget.max)}`,
  ]);
  const split = [
    `${w.channels} ${money(channelTotal)} (${percent(channelTotal, total)})`,
    ...plan.budget.items.map((item) => `${item.name} ${money(item.cap)} (${percent(item.cap, total)})`),
    `${w.reserve} ${money(reserve)} (${percent(reserve, total)})`,
    `${w.unallocated} ${money(total - channelTotal - itemTotal - reserve)} (${percent(total - channelTotal - itemTotal - reserve, total)})`,
  ];
  return [
    `${w.budget} — ${w.total} ${money(total)} ${plan.currency}`,
    renderTable([[w.channel, w.kind, w.initial, w.share, w.range], ...rows], { right: [2, 3] }),
    `  ${w.ofTotal}: ${split.join(' · ')}`,
  ].join('\n');
}

function kpis(plan: Plan, w: Words): string {
  const rows = flattenGoals(plan.goals).map(({ goal, depth, owner }) => {
    const source = kpiSource(goal);
    const how = source.kind === 'metric' ? `${w.metric} ${source.metric}`
      : source.kind === 'formula' ? `= ${source.formula}`
        : source.kind === 'sum' ? `${w.sum} ${source.children.join(' + ')}`
          : w.none;
    const target = `${goal.target.toLocaleString('en-US', { maximumFractionDigits: 6 })}${goal.unit ? ` ${goal.unit}` : ''}`;
    return [`${'  '.repeat(depth)}${goal.id}`, goal.name, target, owner ?? w.none, goal.due ?? w.none, how];
  });
  return `${w.kpis}\n${renderTable([[w.kpi, w.label, w.target, w.ownerColumn, w.due, w.how], ...rows], { right: [2] })}`;
}
