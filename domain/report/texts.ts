/**
 * Every label the closing report prints, English and Simplified Chinese side by side so that
 * neither falls behind: the interface makes a label missing in one language a type error.
 */
import type { CauseKind } from '../closing/attainment.js';
import type { Verdict } from '../closing/kpi-judgement.js';
import type { PhaseName } from '../closing/schedule-actual.js';
import type { ReportLanguage } from './format.js';

export interface ReportTexts {
  /** Punctuation differs: full-width in Chinese. */
  colon: string;
  comma: string;
  /** Between names in a list: ", " and "、". */
  listSeparator: string;
  /** An aside after a word, with the space English puts before it. */
  paren(text: string): string;
  /** The usual role ids of a campaign team (P1.5); other roles print as written. */
  roles: Record<string, string>;
  title(name: string): string;
  campaignId: string;
  owner: string;
  accountable: string;
  period: string;
  days(from: number, to: number): string;
  closedAt: string;
  currency: string;
  strategy: string;
  strategies: Record<string, string>;

  summary: string;
  kpisReached(reached: number, total: number): string;
  totalInput: string;
  totalReturn: string;
  roi: string;
  net: string;
  budgetUsed: string;
  highlights: string;

  kpis: string;
  kpi: string;
  target: string;
  actual: string;
  attainment: string;
  verdict: string;
  verdicts: Record<Verdict, string>;
  lowerIsBetter: string;
  causes: string;
  noHints: string;
  analysisBy(name: string): string;
  causeKinds: Record<CauseKind, string>;
  noAnalysis(name: string): string;

  qualitative: string;
  survey: string;
  method: string;
  respondents: string;
  score: string;
  value: string;
  sentiment: string;
  day: string;
  positive: string;
  neutral: string;
  negative: string;
  negativeShare: string;
  notes: string;
  notProvided: string;

  worked: string;
  didNot: string;
  what: string;
  rootCause: string;
  person: string;
  lessons: string;
  skills: string;
  noAnswers: string;

  roiSection: string;
  inputs: string;
  media: string;
  budgetItems: string;
  people: string;
  total: string;
  returns: string;
  revenue: string;
  leadValue: string;
  mediaRoi: string;
  item: string;
  cap: string;
  spent: string;
  atCap: string;
  hours: string;
  hourlyCost: string;
  cost: string;

  efficiency: string;
  channel: string;
  spend: string;
  orders: string;
  leads: string;
  conversions: string;
  marginalRoi: string;
  spendShare: string;
  conversionShare: string;
  content: string;
  posts: string;
  channels: string;
  unattributed: string;
  findings: string;

  allocation: string;
  allocationNote: string;

  schedule: string;
  task: string;
  phase: string;
  phases: Record<PhaseName, string>;
  planned: string;
  slip: string;
  notDone: string;
  dayRange(start: string, finish: string): string;

  practices: string;
  practicesNote: string;
  saidBy: string;

  training: string;
  role: string;
  noRole: string;
  skill: string;
  lessonCount: string;

  archive(key: string): string;
  none: string;

  charts: {
    attainment: string;
    spendVsConversions: string;
    allocation: string;
    schedule: string;
    sentiment: string;
    targetLine: string;
    rolloutDay: string;
  };
}

const en: ReportTexts = {
  colon: ': ',
  comma: ', ',
  listSeparator: ', ',
  paren: (text) => ` (${text})`,
  roles: {
    pm: 'project management', content: 'content', design: 'design', 'channel-ops': 'channel operations',
    data: 'data monitoring', 'customer-service': 'customer service', sales: 'sales',
  },
  title: (name) => `${name} — campaign report`,
  campaignId: 'Campaign',
  owner: 'Owner',
  accountable: 'Closing accountable',
  period: 'Period',
  days: (from, to) => `days ${from}–${to}`,
  closedAt: 'Closed',
  currency: 'Currency',
  strategy: 'Strategy',
  strategies: { content: 'content-led', social: 'social / viral', seo: 'SEO', paid: 'paid media', mixed: 'mixed' },

  summary: 'Summary',
  kpisReached: (reached, total) => `${reached} of ${total} KPIs reached their target`,
  totalInput: 'Total input',
  totalReturn: 'Total return',
  roi: 'ROI',
  net: 'Net return',
  budgetUsed: 'Budget used',
  highlights: 'Highlights',

  kpis: 'KPI attainment',
  kpi: 'KPI',
  target: 'Target',
  actual: 'Actual',
  attainment: 'Attainment',
  verdict: 'Verdict',
  verdicts: { met: 'met', missed: 'missed', exceeded: 'exceeded', unknown: 'no data' },
  lowerIsBetter: 'lower is better',
  causes: 'Why',
  noHints: 'Within 10% of its target: no causes looked for.',
  analysisBy: (name) => `Analysis by ${name}`,
  causeKinds: { strategy: 'strategy', execution: 'execution', environment: 'environment', target: 'the target itself' },
  noAnalysis: (name) => `No analysis from ${name} yet.`,

  qualitative: 'Qualitative results',
  survey: 'Survey',
  method: 'Method',
  respondents: 'Respondents',
  score: 'Score',
  value: 'Value',
  sentiment: 'Sentiment over time',
  day: 'Day',
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  negativeShare: 'Negative share',
  notes: 'Press and focus groups',
  notProvided: 'Not provided.',

  worked: 'What worked',
  didNot: 'What did not work',
  what: 'What',
  rootCause: 'Root cause',
  person: 'Person',
  lessons: 'Lessons',
  skills: 'Skills',
  noAnswers: 'No retrospective answers yet.',

  roiSection: 'ROI',
  inputs: 'Input',
  media: 'Media spend',
  budgetItems: 'Budget items',
  people: 'People\'s time',
  total: 'Total',
  returns: 'Return',
  revenue: 'Revenue',
  leadValue: 'Lead value',
  mediaRoi: 'Media ROI',
  item: 'Item',
  cap: 'Cap',
  spent: 'Spent',
  atCap: 'at cap, no actual recorded',
  hours: 'Hours',
  hourlyCost: 'Hourly cost',
  cost: 'Cost',

  efficiency: 'Efficiency by channel and content',
  channel: 'Channel',
  spend: 'Spend',
  orders: 'Orders',
  leads: 'Leads',
  conversions: 'Conversions',
  marginalRoi: 'Marginal ROI',
  spendShare: 'Share of spend',
  conversionShare: 'Share of conversions',
  content: 'Content',
  posts: 'Posts',
  channels: 'Channels',
  unattributed: 'Channels with no content item',
  findings: 'Where money was wasted and where growth came from',

  allocation: 'Allocation over time',
  allocationNote: 'Each channel\'s allocation for the rollout, from the plan and every review\'s budget moves.',

  schedule: 'Schedule: planned and actual',
  task: 'Task',
  phase: 'Phase',
  phases: { preparation: 'preparation', pilot: 'pilot', warmup: 'warm-up', rollout: 'rollout', closing: 'closing' },
  planned: 'Planned',
  slip: 'Slip (days)',
  notDone: 'not done',
  dayRange: (start, finish) => `day ${start}–${finish}`,

  practices: 'Candidates for SOPs and templates',
  practicesNote: 'What worked, to turn into checklists, templates and process.',
  saidBy: 'Named by',

  training: 'Training suggestions',
  role: 'Role',
  noRole: 'no role in the plan',
  skill: 'Topic',
  lessonCount: 'Lessons naming it',

  archive: (key) => `Filed in the case library as ${key}.`,
  none: '–',

  charts: {
    attainment: 'KPI attainment against target',
    spendVsConversions: 'Share of spend and of conversions per channel',
    allocation: 'Allocation per channel over the rollout',
    schedule: 'Planned (light) and actual (dark) task days',
    sentiment: 'Mentions per day by tone',
    targetLine: 'target',
    rolloutDay: 'day',
  },
};

const zhCN: ReportTexts = {
  colon: '：',
  comma: '，',
  listSeparator: '、',
  paren: (text) => `（${text}）`,
  roles: {
    pm: '项目管理', content: '内容', design: '设计', 'channel-ops': '渠道运营',
    data: '数据监测', 'customer-service': '客服', sales: '销售',
  },
  title: (name) => `${name} —— 活动复盘报告`,
  campaignId: '活动',
  owner: '负责人',
  accountable: '复盘负责人',
  period: '周期',
  days: (from, to) => `第 ${from}–${to} 天`,
  closedAt: '结束时间',
  currency: '币种',
  strategy: '核心策略',
  strategies: { content: '内容驱动', social: '社交/病毒传播', seo: '搜索优化', paid: '付费投放', mixed: '组合策略' },

  summary: '概览',
  kpisReached: (reached, total) => `${total} 个 KPI 中 ${reached} 个达成目标`,
  totalInput: '总投入',
  totalReturn: '总回报',
  roi: '投产比（ROI）',
  net: '净回报',
  budgetUsed: '预算使用率',
  highlights: '要点',

  kpis: 'KPI 达成情况',
  kpi: 'KPI',
  target: '目标',
  actual: '实际',
  attainment: '达成率',
  verdict: '结论',
  verdicts: { met: '达成', missed: '未达成', exceeded: '超额完成', unknown: '无数据' },
  lowerIsBetter: '越低越好',
  causes: '原因线索',
  noHints: '与目标相差不超过 10%，未分析原因。',
  analysisBy: (name) => `${name}的分析`,
  causeKinds: { strategy: '策略', execution: '执行', environment: '外部环境', target: '目标设定' },
  noAnalysis: (name) => `${name}尚未填写原因分析。`,

  qualitative: '定性结果',
  survey: '调研',
  method: '方式',
  respondents: '样本量',
  score: '指标',
  value: '数值',
  sentiment: '舆情走势',
  day: '天',
  positive: '正面',
  neutral: '中性',
  negative: '负面',
  negativeShare: '负面占比',
  notes: '媒体报道与焦点小组',
  notProvided: '未提供。',

  worked: '有效做法',
  didNot: '不足之处',
  what: '问题',
  rootCause: '根本原因',
  person: '成员',
  lessons: '经验教训',
  skills: '技能',
  noAnswers: '尚无复盘反馈。',

  roiSection: '投入产出（ROI）',
  inputs: '投入',
  media: '媒介花费',
  budgetItems: '预算项目',
  people: '人员工时',
  total: '合计',
  returns: '回报',
  revenue: '销售额',
  leadValue: '线索价值',
  mediaRoi: '媒介投产比',
  item: '项目',
  cap: '上限',
  spent: '实际花费',
  atCap: '按上限计，未记录实际花费',
  hours: '工时',
  hourlyCost: '时薪',
  cost: '成本',

  efficiency: '渠道与内容效率',
  channel: '渠道',
  spend: '花费',
  orders: '订单',
  leads: '线索',
  conversions: '转化',
  marginalRoi: '边际投产比',
  spendShare: '花费占比',
  conversionShare: '转化占比',
  content: '内容',
  posts: '发布次数',
  channels: '渠道',
  unattributed: '未关联内容的渠道',
  findings: '钱花在哪里浪费了，增长来自哪里',

  allocation: '预算分配变化',
  allocationNote: '各渠道在投放期的预算分配：计划初始值，以及每次复盘的调整。',

  schedule: '进度：计划与实际',
  task: '任务',
  phase: '阶段',
  phases: { preparation: '筹备', pilot: '试点', warmup: '预热', rollout: '全面投放', closing: '收尾' },
  planned: '计划',
  slip: '延误（天）',
  notDone: '未完成',
  dayRange: (start, finish) => `第 ${start}–${finish} 天`,

  practices: '可沉淀为 SOP 和模板的做法',
  practicesNote: '有效做法，可整理成清单、模板和流程。',
  saidBy: '提出人',

  training: '培训建议',
  role: '岗位',
  noRole: '计划中未设岗位',
  skill: '培训主题',
  lessonCount: '提及次数',

  archive: (key) => `已归档至案例库：${key}。`,
  none: '–',

  charts: {
    attainment: 'KPI 达成率（对照目标）',
    spendVsConversions: '各渠道花费占比与转化占比',
    allocation: '投放期各渠道预算分配',
    schedule: '任务计划（浅色）与实际（深色）',
    sentiment: '每日声量（按情感）',
    targetLine: '目标',
    rolloutDay: '天',
  },
};

const TEXTS: Record<ReportLanguage, ReportTexts> = { en, 'zh-CN': zhCN };

export function reportTexts(lang: ReportLanguage): ReportTexts {
  return TEXTS[lang];
}
