/** The `campaign` command's help in Chinese (简体中文), by command path; see help.ts. */
import type { HelpTexts } from './help.js';

const ID = { id: '活动 id' };
const AS_ME = '你是谁(你的团队 id)；通过 API 时以令牌为准';
const AS_DECIDER = '谁来决策(你的团队 id)；通过 API 时以令牌为准';
const IMPORT_FORMAT = '文件格式，扩展名看不出时指定';

export const zhCNHelp: HelpTexts = {
  titles: {
    'Usage:': '用法：', 'Options:': '选项：', 'Arguments:': '参数：', 'Commands:': '命令：', 'Global Options:': '全局选项：',
  },
  helpOption: '显示此命令的帮助',
  helpCommand: '显示某个命令的帮助',
  notes: { default: '默认：', choices: '可选：' },
  commands: {
    '': {
      description: '在 Temporal 上可靠地执行营销活动计划：关卡审批、投放、复盘、收尾。',
      options: {
        '--json': '输出机器可读的 JSON(错误也一样)',
        '--lang': '消息语言：zh-CN 或 en(默认取自 LANG)',
        '--api': '通过此 URL 的 HTTP API 操作(默认 CAMPAIGN_API_URL)，令牌取自 CAMPAIGN_API_TOKEN',
      },
    },
    plan: { description: '检查计划文件，查看计划格式' },
    'plan validate': {
      description: '校验计划，输出系统理解的内容，或列出发现的每个问题',
      arguments: { files: '计划文件(YAML 或 JSON)' },
      options: { '--json': '以 JSON 输出 [{ file, ok, plan | issues }]', '--lang': '消息和摘要的语言' },
    },
    'plan preview': {
      description: '开始前先看计划会做什么：各阶段日期、试点、危机规则、各渠道收到的内容和发布日历',
      arguments: { file: '计划文件(YAML 或 JSON)' },
      options: { '--json': '以 JSON 输出预览', '--lang': '预览的语言' },
    },
    'plan new': {
      description: '根据过往案例写出新计划草稿：团队、关卡、任务的实际用时，以及按结果拆分的渠道预算',
      options: {
        '--from-case': '作为起点的案例(已结束活动的 id)',
        '--include-rehearsals': '允许以演练的案例为起点(其结果是模拟的, 草稿会注明)',
        '--out': '把草稿写入此文件(默认：标准输出)',
        '--id': '新计划的 id(默认：案例的计划 id 加 -next)',
        '--lang': '草稿中注释的语言',
      },
    },
    'plan schema': { description: '以 JSON Schema 输出计划格式(供编辑器使用：docs/plan.schema.json)' },
    cancel: {
      description: '取消进行中的活动: 不再发布、不再调整预算, 并以一份简短报告收尾',
      arguments: { id: '活动 id' },
      options: { '--comment': '原因(必填): 团队会收到通知, 审计记录会保留', '--as': '取消人(负责人、其代理人或运营); 通过 API 时由令牌决定' },
    },
    start: {
      description: '校验计划并启动活动',
      arguments: { plan: '计划文件(YAML 或 JSON)' },
      options: {
        '--id': '活动 id(默认：计划 id)；一个 id 永远只对应一个活动',
        '--time-scale': '把计划中的所有时长除以 n(演练用)',
        '--sandbox': '以真实时长在模拟渠道上演练(时间倍率为 1 且有 sandbox 渠道时必须写明)',
      },
    },
    status: { description: '活动进展：阶段、关卡、试点、危机、渠道、KPI、最近复盘、告警', arguments: ID },
    list: {
      description: '活动列表，最新的在前',
      options: { '--phase': '只列出处于此阶段的活动', '--waiting-on': '只列出在等待此人的活动' },
    },
    inbox: {
      description: '所有活动中等待某人处理的事项，等待最久的在前',
      options: { '--as': '谁的待办(团队 id)；通过 API 时为令牌本人' },
    },
    approve: {
      description: '批准你负责审批的关卡',
      arguments: { ...ID, gate: '关卡 id' },
      options: { '--as': AS_DECIDER, '--comment': '随决策保存的备注' },
    },
    'send-back': {
      description: '退回关卡返工，并说明要改什么',
      arguments: { ...ID, gate: '关卡 id' },
      options: { '--as': AS_DECIDER, '--comment': '需要返工的内容' },
    },
    ready: {
      description: '把你负责的关卡交付物标记为就绪(执行人)，附上证据',
      arguments: { ...ID, gate: '关卡 id' },
      options: { '--as': AS_ME, '--evidence': '证明工作完成的链接或说明(可重复)', '--not-ready': '撤回就绪标记' },
    },
    tick: {
      description: '按文字或序号勾选关卡的检查项(执行人或审批人)',
      arguments: { ...ID, gate: '关卡 id', items: '检查项，例如 1 2 或 "KPI 定义与口径已确认"' },
      options: { '--as': AS_ME, '--untick': '改为取消勾选' },
    },
    consult: {
      description: '对你被征询意见的关卡留下意见',
      arguments: { ...ID, gate: '关卡 id' },
      options: { '--as': AS_ME, '--comment': '你的意见' },
    },
    acknowledge: { description: '确认活动策略', arguments: ID, options: { '--as': AS_ME } },
    task: { description: '计划中的任务' },
    'task done': {
      description: '把你负责的任务标记为完成',
      arguments: { ...ID, task: '任务 id' },
      options: { '--as': AS_ME },
    },
    audit: { description: '活动的审计记录：决策、就绪、意见、确认、提醒、升级', arguments: ID },
    metrics: { description: '活动记录中的渠道数据' },
    'metrics import': {
      description: '从 CSV 或 NDJSON 导入每日渠道数据；重复导入同样的行不会新增',
      arguments: { file: '带表头的 CSV 文件，或 NDJSON(每行一个 JSON 对象)；见 docs/metrics.md' },
      options: { '--campaign': '数据所属的活动', '--source': '数据来源；记录 id 在每个来源内唯一', '--format': IMPORT_FORMAT },
    },
    pilot: {
      description: '试点决策：继续(go)、延长(extend)、退回(send-back)或取消活动(cancel)',
      arguments: { decision: '决策', ...ID },
      options: {
        '--as': '谁来决策(pilot.decidedBy 或其代理人)；通过 API 时以令牌为准',
        '--comment': '原因；除 go 外都必须填写',
        '--extend-by': 'extend 时试点再延长多久，例如 3d',
      },
    },
    crisis: {
      description: '手动启动危机处理、提交或批准回应声明、结束危机',
      arguments: { action: '操作', ...ID },
      options: {
        '--as': '谁来操作(你的团队 id)；通过 API 时以令牌为准',
        '--comment': '原因，用于 start 和 end：写入审计记录',
        '--statement': '回应声明，用于 statement',
      },
    },
    step: {
      description: '重试(retry)或跳过(skip)失败的步骤(活动没能完成的外部操作或记录)',
      arguments: { action: '操作', ...ID, step: '失败的步骤，即 `campaign status` 列出的，例如 budget:initial:douyin' },
      options: {
        '--as': '谁来决定(负责人、渠道执行人或运维)；通过 API 时以令牌为准',
        '--comment': '原因，写入审计记录',
      },
    },
    schedule: {
      description: '甘特图形式的任务排期：计划与实际对比、其余预测、关键路径',
      arguments: ID,
      options: { '--width': '每行列数(默认：终端宽度，最多 120)' },
    },
    interactions: { description: '受众的评论、私信和投诉' },
    'interactions import': {
      description: '从 NDJSON 或 CSV 导入互动；每条都做情感评分；重复导入同样的条目不会新增',
      arguments: { file: 'NDJSON(每行一个 JSON 对象)或带表头的 CSV：id, channel, author, text, at, replyTo, answeredAt' },
      options: { '--campaign': '互动所属的活动', '--source': '来源，例如 weibo-export', '--format': IMPORT_FORMAT },
    },
    tokens: { description: 'API 令牌：谁可以调用 HTTP API，以什么角色(ops、approver、manager、admin)' },
    'tokens create': {
      description: '为某人签发某角色的令牌(管理员通过 API 签发；或首次创建第一个管理员)；只显示一次，只保存其哈希',
      options: {
        '--person': '令牌代表的团队成员 id，例如 li.na',
        '--role': '令牌可以做什么',
        '--ttl-days': '多少天后过期',
        '--label': '用途，例如 "li.na，手机审批"',
      },
    },
    'tokens list': { description: '签发过的所有令牌，最新的在前，含签发人(不显示令牌本身)；管理员通过 API 使用' },
    'tokens revoke': { description: '立即吊销令牌，之后使用它的请求都会被拒绝；管理员通过 API 使用', arguments: { id: '令牌 id(见 campaign tokens list)' } },
    'tokens audit': { description: '令牌的审计：签发(由谁)、使用过的分钟、被拒的请求、吊销；管理员通过 API 使用', arguments: { id: '令牌 id(见 campaign tokens list)' } },
    keys: { description: '给人员决策签名的密钥：新建密钥，或轮换运行中活动的密钥' },
    'keys new': {
      description: '新建签名密钥：给 API(--persons "*")或给某人的 CLI；输出其公钥环条目',
      options: {
        '--id': '密钥 id，例如 api-2027 或 li.na-laptop',
        '--persons': '为谁签名："*"(自行认证人员的服务)或逗号分隔的人员 id',
        '--out': '私钥文件写到哪里(0600；从不覆盖)：请私下交付',
        '--rotate': '允许它轮换运行中活动的密钥(运维的密钥)',
        '--label': '谁持有它，例如 "HTTP API，生产环境"',
        '--keyring': '把公钥加入此公钥环(不存在则创建)：CAMPAIGN_TRUSTED_KEYS',
      },
    },
    'keys rotate': {
      description: '更改运行中活动信任的密钥；用你的密钥(CAMPAIGN_SIGNING_KEY)签名，该密钥须允许轮换',
      arguments: ID,
      options: { '--as': '执行轮换的运维人员，写入审计记录', '--add': '信任此公钥环或密钥文件中的密钥(可重复)', '--revoke': '不再信任此密钥(可重复)' },
    },
    api: {
      description: '提供 HTTP API(docs/api.md)，连接 TEMPORAL_ADDRESS 和 DATABASE_URL',
      options: {
        '--port': '监听端口(0：任意空闲端口)',
        '--host': '监听地址；非回环地址应放在 TLS 代理之后',
        '--rate-limit': '每个令牌每分钟的请求数',
        '--unauthenticated-rate-limit': '每个客户端地址每分钟无有效令牌的请求数',
      },
    },
    report: {
      description: '收尾报告：收尾时保存的报告，或活动结束前现场生成的报告',
      arguments: ID,
      options: {
        '--lang': '报告语言(默认：计划中的第一种报告语言)',
        '--format': 'Markdown、独立 HTML，或 JSON 模型',
        '--out': '把报告写入此文件，而不是标准输出',
      },
    },
    retro: {
      description: '收尾期间提交你的复盘：哪些有效、哪些无效及原因、经验教训；再次提交会替换',
      arguments: ID,
      options: {
        '--as': AS_ME,
        '--worked': '有效且值得复用的做法(可重复)',
        '--did-not': '"无效的做法 => 根本原因"(可重复)',
        '--lesson': '"下次的经验 #技能1 #技能2"(可重复)',
        '--analysis': '"kpi:原因:说明"，原因为 strategy、execution、environment、target 之一(可重复)',
        '--file': 'YAML 或 JSON 格式的答案文件：worked、didNot [{what, rootCause}]、lessons [{text, skills}]、analyses',
      },
    },
    cases: { description: '案例库：每个已结束的活动，可用中文和英文搜索' },
    'cases search': {
      description: '计划、复盘或报告包含所有关键词的案例，最相关的在前',
      arguments: { text: '要查找的词，例如 提前备货 或 stock early' },
      options: {
        '--kind': '只看含此类渠道的案例',
        '--include-rehearsals': '也列出演练的案例(默认不列出)',
        '--strategy': '只看采用此核心策略的案例',
        '--since': '在此日期或之后结束(YYYY-MM-DD)',
        '--until': '在此日期或之前结束(YYYY-MM-DD)',
        '--limit': '最多返回多少个案例(默认 20)',
      },
    },
    'cases show': { description: '单个案例：计划、时间线、数据、决策和复盘', arguments: { id: '案例的活动 id' } },
    survey: { description: '用于收尾报告定性结果的问卷答案' },
    'survey import': {
      description: '从 CSV 或 NDJSON 导入问卷答案：answer_id、question、score 和/或 text，可选 respondent 和 out_of',
      arguments: { file: '带表头的 CSV 文件，或 NDJSON(每行一个 JSON 对象)' },
      options: { '--campaign': '问卷所属的活动', '--source': '答案来源，例如 wjx-export', '--format': IMPORT_FORMAT },
    },
    worker: { description: '运行活动 worker，连接 TEMPORAL_ADDRESS 和 DATABASE_URL' },
    dev: {
      description: '在本机运行全部组件：带界面的 Temporal 开发服务器、数据库、沙箱渠道、worker',
      options: {
        '--port': 'Temporal gRPC 端口',
        '--data-dir': 'Temporal 开发服务器(及内嵌数据库)存放文件的目录',
        '--no-ui': '不启动 Temporal 开发服务器的 Web 界面',
        '--no-worker': '不启动 worker；以 export 行输出环境变量，供在另一个终端运行 `campaign worker`',
      },
    },
    repair: {
      description: '检查活动的历史是否仍能重放；不能时，把活动退回到最后一个能重放的位置，并重新发送之后的决策',
      arguments: ID,
      options: { '--dry-run': '只检查，并说明会退回到哪里、会重新发送什么' },
    },
  },
};
