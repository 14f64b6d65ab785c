/**
 * A blank plan to start from (`campaign plan new` without a case): every section with a comment
 * saying what it is for, placeholders people recognise (张三 / Jane Doe), and valid as it is, so
 * the first `plan validate` succeeds and every later error is the author's own change.
 */
import type { Lang } from './issues.js';

export interface TemplateOptions {
  lang: Lang;
  /** Where the editor finds docs/plan.schema.json, relative to the written file or absolute. */
  schemaRef: string;
  id?: string | undefined;
}

export function planTemplate(opts: TemplateOptions): string {
  const id = opts.id ?? (opts.lang === 'zh-CN' ? 'new-product-launch' : 'new-campaign');
  return (opts.lang === 'zh-CN' ? zh : en)(id, opts.schemaRef);
}

const zh = (id: string, schemaRef: string): string => `# yaml-language-server: $schema=${schemaRef}
# 活动计划模板: 把占位内容(张三、李四、王五、金额、日期)改成你的, 然后运行 campaign plan validate <文件>。
# 每个字段的含义、可填写的值和默认值见 docs/plan-guide.zh-CN.md; 编辑器装了 YAML 插件时, 悬停即可看到说明。
# 时长写作 30m、12h、3d、2w; 金额为 currency 的纯数字; 比例写 0 到 1 之间的数(0.2, 不写 20%)。

id: ${id}                    # 活动 id: 小写字母、数字和 -; 工作流 id 为 campaign:<id>
name: 新品上市活动                    # 活动名称, 改成你的
owner: zhang.san                      # 计划负责人(下面 team 里的 id)
# start: 2027-03-01                   # 可选: 上线时间(试点/预热/推广第一天, 可写 2027-03-01T20:00); 准备期在它之前, 上线会等到这一刻
timezone: Asia/Shanghai
currency: CNY

# 团队: 计划中引用的每个人都要在这里。roles 可写中文名称或键名(渠道运营 = channel-ops,
# 运营 = ops, 客服 = customer-service): 渠道运营和运营可以发起、结束危机, 客服收到回复超时的通知。
team:
  - id: zhang.san
    name: 张三
    roles: [项目经理]
    # notify: [{ wecom: team-robot }]   # 通知方式: 机器人只写名称, URL 和密钥放在 worker 的密钥文件中
  - { id: li.si, name: 李四, roles: [内容, 设计] }
  - { id: wang.wu, name: 王五, roles: [渠道运营, 客服] }

# 目标: KPI 树。叶子用 metric(数据源上报的指标)或 formula(其他 KPI 的公式); due 写 end、阶段名或日期。
goals:
  - id: orders
    name: 订单数
    metric: orders
    target: 1000
    owner: zhang.san
    due: end
    children:
      - { id: uv, name: 访客数, metric: uv, target: 50000, owner: li.si }
      - { id: cvr, name: 转化率, formula: "orders / uv", target: 0.02 }

# 策略: 核心打法(content | social | seo | paid | mixed)和一句话说明。
strategy:
  core: content
  summary: 以小红书种草为主, 微信公众号沉淀

# 受众: 目标人群和触达他们的渠道(下面 channels 里的 id)。
audiences:
  - { id: target-users, name: 一二线城市年轻白领, channels: [xiaohongshu, wechat] }

# 预算: 各渠道 initial + 预算项 cap + reserve 之和不能超过 total。
budget:
  total: 100000
  reserve: 10000                      # 预留金, 复盘时从不动用
  items:
    - { id: production, name: 内容制作, cap: 20000 }

# 渠道: kind 决定内容规则; adapter: sandbox 为模拟平台, 正式投放用 webhook(加 url)。
channels:
  - id: xiaohongshu
    kind: xiaohongshu
    adapter: sandbox
    budget: { initial: 40000, min: 10000, max: 60000 }
    peakHours: ["20:00-23:00"]
  - { id: wechat, kind: wechat-oa, adapter: sandbox, budget: { initial: 20000, min: 0, max: 30000 } }

# 内容: 每条核心内容按所列渠道生成各自的版本; phase: warmup 为预热内容, rollout 为推广期内容。
content:
  - id: teaser
    title: 新品即将上市
    body: 敬请期待
    media: [{ kind: image, url: "https://assets.example.com/teaser.jpg" }]   # 公众号需要封面图, 小红书至少一张图
    channels: [wechat]
    phase: warmup
  - id: launch-story
    title: 新品故事
    body: 正文写在这里
    media: [{ kind: image, url: "https://assets.example.com/cover.jpg" }]
    channels: [xiaohongshu, wechat]

# 关卡: 上线前的审批, 每个关卡只有一位 accountable(最终负责人)。
gates:
  - id: goals
    title: 目标与 KPI 确认
    accountable: zhang.san
    informed: [li.si, wang.wu]
    checklist: [每个 KPI 都有负责人]
    due: 2d                           # 到期未决定时升级提醒
  - { id: assets, title: 物料审核, accountable: zhang.san, responsible: [li.si], dependsOn: [goals, design], due: 3d }

# 任务: 依赖完成且所属阶段开始后开始, 执行人收到通知并标记完成。
tasks:
  - { id: design, name: 主视觉设计, owner: li.si, duration: 3d, phase: preparation }

# 试点(可选): 小范围验证后由 decidedBy 决定是否全面推广; 不需要可以整段删除。
pilot:
  channels: [xiaohongshu]
  budget: 10000
  duration: 7d
  successCriteria: [{ kpi: cvr, atLeast: 0.01 }]
  decidedBy: zhang.san

# 预热: 推广前发布 phase: warmup 的内容。
warmup: { duration: 3d }

# 全面推广: 时长、复盘和预算优化。
rollout:
  duration: 14d
  reviews: { daily: true, weekly: true }
  optimization:
    policy: bandit                    # bandit | proportional | fixed(不调整)
    maxShiftPerReview: 0.2            # 一次复盘最多调整推广预算的 20%
    approvalAbove: 0.1                # 超过 10% 的调整需要 approver 批准
    approver: zhang.san

# 互动: 回复时限和危机预警(负面占比达到 negativeShare 时暂停所有发帖和预算调整)。
interaction:
  responseSla: 2h
  crisis: { negativeShare: 0.3, window: 6h, minVolume: 20, accountable: zhang.san }

# 收尾: 复盘、签署和报告语言。
closing:
  accountable: zhang.san
  retrospective: { remind: 1d }
  reportLanguages: [zh-CN, en]
`;

const en = (id: string, schemaRef: string): string => `# yaml-language-server: $schema=${schemaRef}
# Campaign plan template: replace the placeholders (Jane Doe, John Smith, Alex Lee, amounts, dates),
# then run campaign plan validate <file>. What every field means, takes and defaults to:
# docs/plan-guide.md; with the YAML extension in your editor, hover over a key to read it.
# Durations are 30m, 12h, 3d, 2w; money is a plain number in currency; shares are 0 to 1 (0.2, not 20%).

id: ${id}                        # campaign id: lower-case letters, digits and -; the workflow is campaign:<id>
name: New campaign                    # the campaign's name: make it yours
owner: jane.doe                       # who owns the plan (an id from team below)
# start: 2027-03-01                   # optional: the launch (first day of pilot/warm-up/rollout, or 2027-03-01T20:00); preparation comes before it, and the launch waits for it
timezone: Asia/Shanghai
currency: CNY

# Team: everyone the plan names must be here. Roles that grant powers: channel-ops and ops may start
# and end a crisis, channel-ops hear of refused posts, customer-service of overdue answers.
team:
  - id: jane.doe
    name: Jane Doe
    roles: [pm]
    # notify: [{ wecom: team-robot }]   # where she is told: robots by name; URLs and secrets live in the worker's secrets file
  - { id: john.smith, name: John Smith, roles: [content, design] }
  - { id: alex.lee, name: Alex Lee, roles: [channel-ops, customer-service] }

# Goals: the KPI tree. Leaves have a metric (reported by analytics) or a formula over other KPIs;
# due is end, a phase name or a date.
goals:
  - id: orders
    name: Orders
    metric: orders
    target: 1000
    owner: jane.doe
    due: end
    children:
      - { id: uv, name: Visitors, metric: uv, target: 50000, owner: john.smith }
      - { id: cvr, name: Conversion rate, formula: "orders / uv", target: 0.02 }

# Strategy: the core approach (content | social | seo | paid | mixed) in a sentence.
strategy:
  core: content
  summary: Seed interest on Xiaohongshu, keep readers on the WeChat account

# Audiences: who the campaign is for, and the channels (ids from channels) that reach them.
audiences:
  - { id: target-users, name: Young professionals in large cities, channels: [xiaohongshu, wechat] }

# Budget: channels' initial budgets + items' caps + reserve may not exceed total.
budget:
  total: 100000
  reserve: 10000                      # held back: reviews never allocate it
  items:
    - { id: production, name: Content production, cap: 20000 }

# Channels: kind decides the content rules; adapter sandbox is the stand-in platform, webhook (with url) a real one.
channels:
  - id: xiaohongshu
    kind: xiaohongshu
    adapter: sandbox
    budget: { initial: 40000, min: 10000, max: 60000 }
    peakHours: ["20:00-23:00"]
  - { id: wechat, kind: wechat-oa, adapter: sandbox, budget: { initial: 20000, min: 0, max: 30000 } }

# Content: each core piece is re-cut for the channels it names; phase warmup is a teaser, rollout the rest.
content:
  - id: teaser
    title: Coming soon
    body: Stay tuned
    media: [{ kind: image, url: "https://assets.example.com/teaser.jpg" }]   # WeChat articles need a cover, Xiaohongshu at least one image
    channels: [wechat]
    phase: warmup
  - id: launch-story
    title: The launch story
    body: The text goes here
    media: [{ kind: image, url: "https://assets.example.com/cover.jpg" }]
    channels: [xiaohongshu, wechat]

# Gates: sign-offs before launch, each with exactly one accountable person.
gates:
  - id: goals
    title: Goals and KPIs agreed
    accountable: jane.doe
    informed: [john.smith, alex.lee]
    checklist: [Every KPI has an owner]
    due: 2d                           # escalated when still undecided after this
  - { id: assets, title: Assets approved, accountable: jane.doe, responsible: [john.smith], dependsOn: [goals, design], due: 3d }

# Tasks: start when their dependencies are done and their phase has begun; the owner is told and completes them.
tasks:
  - { id: design, name: Key visual, owner: john.smith, duration: 3d, phase: preparation }

# Pilot (optional): a small test, then decidedBy says go or no-go; delete the section to go straight to the rollout.
pilot:
  channels: [xiaohongshu]
  budget: 10000
  duration: 7d
  successCriteria: [{ kpi: cvr, atLeast: 0.01 }]
  decidedBy: jane.doe

# Warm-up: publishes the content with phase warmup before the rollout.
warmup: { duration: 3d }

# Rollout: how long, which reviews, how budget moves between channels.
rollout:
  duration: 14d
  reviews: { daily: true, weekly: true }
  optimization:
    policy: bandit                    # bandit | proportional | fixed (no moves)
    maxShiftPerReview: 0.2            # one review moves at most 20% of the rollout budget
    approvalAbove: 0.1                # moves above 10% wait for the approver
    approver: jane.doe

# Interaction: how fast the audience is answered, and when negative voices start a crisis
# (every post and budget change stops until a statement is approved).
interaction:
  responseSla: 2h
  crisis: { negativeShare: 0.3, window: 6h, minVolume: 20, accountable: jane.doe }

# Closing: the retrospective, the sign-off and the report's languages.
closing:
  accountable: jane.doe
  retrospective: { remind: 1d }
  reportLanguages: [zh-CN, en]
`;
