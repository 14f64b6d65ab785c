/** What the `campaign` command says, in Chinese (简体中文); typed against the English catalogue. */
import type { WaitingKind } from '../../domain/preparation/waiting.js';
import type { Messages } from './en.js';

const WAITING_KINDS: Record<WaitingKind, string> = {
  decide: '审批', prepare: '准备', consult: '会签', acknowledge: '确认策略', task: '任务',
  pilot: '试点决策', crisis: '危机', retrospect: '复盘', step: '失败步骤',
};

const GATE_STAGES: Record<string, string> = {
  preparing: '准备中', consulting: '会签中', deciding: '待审批', approved: '已批准', blocked: '受阻',
};
const stage = (s: string) => GATE_STAGES[s] ?? s;

export const zhCN: Messages = {
  failure: (sentence) => `campaign：${sentence}`,
  join: (items) => items.join('、'),
  nobody: '无人',
  none: '无',

  cancel: {
    reasonRequired: '请用 --comment "…" 说明原因: 团队会收到通知, 审计记录会保留。',
    done: (id, by) => `活动 ${id} 已由 ${by} 取消。它将以一份简短报告收尾; \`campaign status ${id}\` 可查看何时完成。`,
  },
  start: {
    started: (id, workflowId) => `已启动活动 ${id}(工作流 ${workflowId})。`,
    gatesWaitFor: (people) => `各关卡的审批人：${people}。`,
    signed: (keys) => `决策必须签名，可用密钥：${keys}。`,
    unsigned: '警告：决策未签名——任何能连上 Temporal 的人都能冒名决策。请设置 CAMPAIGN_TRUSTED_KEYS(见 docs/security.md)。',
    rehearsalCases: '案例库默认不收录它。',
    follow: (id) => `查看进展：campaign status ${id}`,
    badId: '--id：只能用小写字母、数字和连字符，例如 spring-tea-2027-b',
  },

  campaigns: {
    empty: '还没有活动。',
    headers: { campaign: '活动', phase: '阶段', workflow: '工作流', owner: '负责人', waitingOn: '等待', started: '启动时间' },
  },

  decisions: {
    approved: (gate, by) => `关卡 ${gate} 已由 ${by} 批准。`,
    sentBack: (gate, by, round) => `关卡 ${gate} 已被 ${by} 退回，等待第 ${round} 轮。`,
  },

  preparation: {
    ready: (by, gate, s) => `${by} 已将关卡 ${gate} 标记为就绪；关卡现在${stage(s)}。`,
    notReady: (by, gate, s) => `${by} 已撤回关卡 ${gate} 的就绪标记；关卡现在${stage(s)}。`,
    ticked: (n, gate, s) => `已勾选关卡 ${gate} 的 ${n} 项检查项；关卡现在${stage(s)}。`,
    unticked: (n, gate, s) => `已取消勾选关卡 ${gate} 的 ${n} 项检查项；关卡现在${stage(s)}。`,
    consulted: (gate, s) => `已记录对关卡 ${gate} 的意见；关卡现在${stage(s)}。`,
    acknowledged: (by) => `${by} 已确认活动策略。`,
    taskDone: (task) => `任务 ${task} 已完成。`,
  },

  inbox: {
    empty: (person) => `没有等待 ${person} 处理的事项。`,
    unreadable: (ids) => `(无法读取：${ids})`,
    headers: { campaign: '活动', what: '事项', item: '对象', title: '标题', waiting: '已等待' },
    kind: (kind) => WAITING_KINDS[kind],
    waited: (days, hours, minutes) =>
      days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时${minutes ? `${minutes}分` : ''}` : `${minutes}分`,
  },

  audit: {
    headers: { when: '时间', what: '事项', item: '关卡/任务', who: '操作人', detail: '详情' },
  },

  pilot: {
    go: (id, by) => `活动 ${id} 的试点：${by} 决定继续，活动进入下一阶段。`,
    extend: (id, by, extendBy) => `活动 ${id} 的试点已由 ${by} 延长 ${extendBy}。`,
    sendBack: (id, by) => `活动 ${id} 的试点已被 ${by} 退回返工。`,
    cancel: (id, by) => `活动 ${id} 已由 ${by} 在试点阶段取消。`,
  },

  crisis: {
    start: (id, by) => `${by} 已为活动 ${id} 启动危机处理：暂停发布和预算调整。`,
    statement: (id, by) => `${by} 已为活动 ${id} 提交回应声明，等待批准。`,
    approve: (id, by) => `${by} 已批准活动 ${id} 的回应声明，活动恢复执行。`,
    end: (id, by) => `${by} 已结束活动 ${id} 的危机处理，活动恢复执行。`,
  },

  step: {
    retried: (step, id, by) => `活动 ${id} 的步骤 ${step}：${by} 已重试。活动会用同一幂等键再次执行；用 \`campaign status ${id}\` 查看结果。`,
    skipped: (step, id, by) => `活动 ${id} 的步骤 ${step}：${by} 已跳过，活动不等它继续执行。`,
  },

  schedule: {
    noTasks: (id) => `活动 ${id} 没有任务排期。`,
  },

  status: {
    head: (name, id, owner, phase) => `${name}(${id})· 负责人 ${owner} · 阶段 ${PHASES[phase] ?? phase}`,
    day: (day, of) => ` · 第 ${day}/${of} 天`,
    asOf: (at, ago, workflow) => `状态时间 ${at} UTC(${ago}前发布)· 工作流 ${WORKFLOW[workflow] ?? workflow}`,
    ago: (n, unit) => `${n} ${{ s: '秒', min: '分钟', h: '小时', days: '天' }[unit]}`,
    launches: (at, zone) => `上线时间: ${at} (${zone}) —— 试点、预热或推广会等到这一刻`,
    launchLate: (since) => `上线时间 ${since} 已到, 但准备尚未完成: 最后一个关卡批准后立即上线`,
    problem: (problem) => `问题：${problem}`,
    waitingOn: (people) => `等待：${people}`,
    unsigned: '决策：未签名——任何能连上 Temporal 的人都能冒名决策(启动时设置 CAMPAIGN_TRUSTED_KEYS；见 docs/security.md)',
    signed: (keys) => `决策：已签名，密钥 ${keys}`,
    anyPerson: '任何人',
    gates: '关卡',
    tasks: '任务',
    channels: '渠道',
    kpis: 'KPI',
    gateHeaders: { gate: '关卡', title: '标题', accountable: '审批人', status: '状态' },
    taskHeaders: { task: '任务', name: '名称', owner: '负责人', phase: '阶段', status: '状态' },
    channelHeaders: { channel: '渠道', allocation: '预算', spend: '花费', orders: '订单', revenue: '收入', status: '状态' },
    kpiHeaders: { kpi: 'KPI', name: '名称', target: '目标', actual: '实际', attainment: '达成率' },
    taskDoneBy: (by) => `已由 ${by} 完成`,
    term: (value) => PHASES[value] ?? TERMS[value] ?? value,
    lastReview: (day, spend, orders) => `最近复盘：第 ${day} 天 · 花费 ${spend} · 订单 ${orders}`,
    failedSteps: '等待处理的失败步骤',
    stepHeaders: { step: '步骤', what: '内容', error: '错误', since: '自', failures: '失败次数', options: '可选操作' },
    stepOptions: (skippable) => (skippable ? '重试、跳过' : '重试'),
    stepHelp: (id, owner) => `  campaign step retry|skip ${id} <步骤> --as ${owner}`,
    alerts: (none) => `告警：${none ? '无' : ''}`,
    gate: {
      approved: (by, forWhom) => `已由 ${by}${forWhom ? ` 代 ${forWhom}` : ''} 批准`,
      blocked: (by) => `受阻于 ${by}`,
      preparing: (who) => `准备中：等待 ${who ?? '策略确认'} 标记就绪`,
      consulting: (who) => `会签中：${who}`,
      deciding: (who) => `等待 ${who} 审批`,
      sentBack: (comment) => `(已退回：${comment})`,
      checklist: (ticked, of) => ` · 检查项 ${ticked}/${of}`,
      round: (n) => ` · 第 ${n} 轮`,
    },
    pilot: {
      line: (status, day, of) => `试点：${status} · 第 ${day}/${of} 天`,
      status: { running: '进行中', deciding: '等待继续/终止决策', go: '已决定继续', 'sent-back': '已退回', cancelled: '已取消' },
      criteria: (recommendation, met, of) => `  成功标准：达成 ${met}/${of} 项——建议${recommendation === 'go' ? '继续' : '不继续'}`,
      criterion: (name, actual, pass) => `    ${pass ? '✓' : '✗'} ${name}：${actual}`,
      unknown: '未测得',
      waiting: (person, since) => `  等待 ${person} 决策(自 ${since} UTC)：campaign pilot go|extend|send-back|cancel <活动> --as ${person}`,
      decided: (decision, by, at) => `  最近决策：${by} 于 ${at} UTC 决定 ${decision}`,
    },
    crisis: {
      active: (since, by, reason) => `危机：处理中，自 ${since} UTC(由 ${by} 启动：${reason})——发布和预算调整已暂停`,
      auto: '预警规则',
      statement: (by, text) => `  ${by} 提交的回应声明：${text}`,
      noStatement: '  尚无回应声明：campaign crisis statement <活动> --statement "…"',
      approver: (person) => `  声明审批人：${person}`,
      resolved: (at, by, since) => `危机：已于 ${at} UTC 由 ${by} 解除(始于 ${since} UTC)`,
      held: (n) => `  处理期间暂停了 ${n} 条发布或预算调整`,
    },
  },

  values: {
    positiveNumber: '请给出正数，例如 1440(每分钟一天)',
    apiUrl: '请给出 API 的基础 URL，例如 http://127.0.0.1:8080',
    columns: (min) => `请给出不少于 ${min} 的整数列数，例如 100`,
    days: '请给出整数天数，例如 30',
    keyId: '只能用小写字母、数字、"."、"_" 或 "-"，例如 api-2027',
    persons: '请写出它为谁签名，例如 li.na,wang.wei——服务(如 API)写 "*"',
    port: '请给出 0 到 65535 之间的端口(0：任意空闲端口)',
    perMinute: '请给出每分钟的整数请求数，例如 120',
  },

  errors: {
    noCampaign: (id) => `没有活动 "${id}"。用 \`campaign list\` 查看已有的活动。`,
    campaignExists: (id) => `已有 id 为 "${id}" 的活动。请用 --id <新 id> 启动这个计划。`,
    apiTokenNeeded: (url) => `通过 ${url} 的 API 操作需要在 CAMPAIGN_API_TOKEN 中提供你的 API 令牌；管理员可用 \`campaign tokens create\` 签发。`,
    asRequired: '缺少 --as <人员>：请说明你是谁(你的团队 id)，例如 --as li.na。',
    tokenBelongs: (owner, as) => `该 API 令牌属于 ${owner}，不是 ${as}：去掉 --as，或在 CAMPAIGN_API_TOKEN 中使用 ${as} 自己的令牌。`,
    noWorkerAnswer: (id, detail) => `Temporal 没能从活动 "${id}" 得到回应(${detail})。是否有活动 worker 在运行？`,
    notPublished: (id, why) => `活动 "${id}" 尚未发布状态。${why}`,
    noWorkerYet: '启动以来还没有活动 worker 运行过它：`campaign worker` 是否在运行？',
    temporalAnswered: (detail) => `Temporal 返回：${detail}`,
    temporalUnreachable: (address, detail) =>
      `无法连接 Temporal(${address})(${detail})。\`campaign dev\` 是否在运行？如需连接别处，请设置 TEMPORAL_ADDRESS。`,
    temporalRefused: (address, cause) => `无法连接 Temporal(${address})：${cause}。`,
    refused: (type, sentence) => `${REFUSALS[type] ?? '操作被拒绝'}。原文：${sentence}`,
    usage: {
      missingArgument: (name) => `缺少参数 <${name}>。`,
      missingOptionValue: (flag) => `选项 ${flag} 需要一个值。`,
      missingMandatoryOption: (flag) => `必须提供选项 ${flag}。`,
      unknownOption: (flag) => `没有选项 ${flag}。`,
      unknownCommand: (name) => `没有命令 "${name}"。`,
      excessArguments: (expected, got) => `参数过多：应为 ${expected} 个，实际 ${got} 个。`,
      invalidValue: (what, value, why) => `${what} 的值 "${value}" 无效。${why}`,
      notAllowed: (allowed) => `可选值为 ${allowed}。`,
      didYouMean: (names) => `(你是不是想输入 ${names}？)`,
      help: '(加 --help 查看用法)',
    },
  },
};

const PHASES: Record<string, string> = {
  preparation: '准备', pilot: '试点', warmup: '预热', rollout: '全面投放', closing: '收尾', closed: '已结束',
};

const TERMS: Record<string, string> = {
  planned: '计划中', started: '进行中', running: '进行中', active: '投放中', paused: '已暂停', held: '已暂停', done: '已完成',
  stopped: '已停止', failed: '失败', skipped: '已跳过', blocked: '受阻',
};

const WORKFLOW: Record<string, string> = {
  running: '运行中', completed: '已完成', failed: '已失败', terminated: '已终止', cancelled: '已取消', timed_out: '已超时', continued_as_new: '已续跑',
};

/** The campaign's refusals by ErrorType; the campaign's own sentence follows, as it came. */
const REFUSALS: Record<string, string> = {
  NotAuthorised: '无权执行此操作',
  GateClosed: '该关卡不在等待决策',
  GateNotOpen: '该关卡还不能进行这一步',
  ChecklistIncomplete: '检查项尚未全部勾选',
  TaskBlocked: '任务的前置任务尚未完成',
  AlreadyDone: '这件事已经做过了',
  WrongPhase: '活动当前不在这一步所属的阶段',
  CannotSkip: '该步骤不能跳过，只能重试',
  SignatureRefused: '签名被拒绝',
  CommentRequired: '需要填写说明(--comment)',
  UnknownGate: '没有这个关卡',
  UnknownTask: '没有这个任务',
  UnknownStep: '没有这个失败步骤',
  InvalidInput: '输入无效',
  StatusNotPublished: '活动状态尚未发布(是否有 worker 在运行？)',
  NotFound: '找不到该记录',
  CampaignNotFound: '没有这个活动',
  CampaignExists: '已有同 id 的活动',
};
