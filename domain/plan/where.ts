/**
 * Where an issue is, in the plan's own terms: "Gate 'assets'" rather than `gates[1]`, and which
 * role a person field plays ("accountable person"). Both languages.
 */
import type { Lang, Path } from './issues.js';

export type SubjectKind =
  | 'plan' | 'member' | 'kpi' | 'channel' | 'gate' | 'task' | 'content' | 'audience' | 'budget-item'
  | 'criterion' | 'pilot' | 'warmup' | 'rollout' | 'optimization' | 'reviews' | 'interaction' | 'crisis'
  | 'closing' | 'budget' | 'strategy';

export interface Subject {
  kind: SubjectKind;
  /** The item's id, or its position (1-based) when it has none. */
  id?: string;
  ordinal?: number;
}

const ITEM_KINDS: Record<string, SubjectKind> = {
  team: 'member', goals: 'kpi', children: 'kpi', channels: 'channel', gates: 'gate', tasks: 'task',
  content: 'content', audiences: 'audience', items: 'budget-item', successCriteria: 'criterion',
};
const SECTION_KINDS: Record<string, SubjectKind> = {
  pilot: 'pilot', warmup: 'warmup', rollout: 'rollout', optimization: 'optimization', reviews: 'reviews',
  interaction: 'interaction', crisis: 'crisis', closing: 'closing', budget: 'budget', strategy: 'strategy',
};

/** The innermost named thing that contains the path. */
export function subjectOf(path: Path, data: unknown): Subject {
  let subject: Subject = { kind: 'plan' };
  let value: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    value = child(value, segment);
    if (typeof segment === 'number') {
      const kind = ITEM_KINDS[String(path[i - 1])];
      // Top-level `channels` lists are items; `channels` inside content or a pilot are references.
      const isItem = kind !== undefined && (kind !== 'channel' || i === 1) && (kind !== 'budget-item' || path[i - 2] === 'budget');
      if (!isItem) continue;
      // Criteria have no id of their own; their KPI may be the very thing that is wrong.
      const id = kind === 'criterion' ? undefined : field(value, 'id');
      subject = id !== undefined ? { kind, id } : { kind, ordinal: segment + 1 };
    } else if (SECTION_KINDS[segment] && (i === 0 || segment === 'optimization' || segment === 'reviews' || segment === 'crisis')) {
      subject = { kind: SECTION_KINDS[segment] };
    }
  }
  return subject;
}

function child(value: unknown, segment: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, segment) ? (value as Record<string | number, unknown>)[segment] : undefined;
}

function field(value: unknown, key: string): string | undefined {
  const found = child(value, key);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

const NAMED: Record<Lang, Partial<Record<SubjectKind, string>>> = {
  en: {
    member: 'Team member', kpi: 'KPI', channel: 'Channel', gate: 'Gate', task: 'Task', content: 'Content',
    audience: 'Audience', 'budget-item': 'Budget item', criterion: 'Pilot success criterion',
  },
  'zh-CN': {
    member: '团队成员', kpi: 'KPI', channel: '渠道', gate: '关卡', task: '任务', content: '内容',
    audience: '受众', 'budget-item': '预算项', criterion: '试点成功标准',
  },
};
const SECTIONS: Record<Lang, Partial<Record<SubjectKind, string>>> = {
  en: {
    plan: 'The plan', pilot: 'The pilot', warmup: 'The warm-up', rollout: 'The rollout',
    optimization: 'Budget optimisation', reviews: 'Reviews', interaction: 'User interaction',
    crisis: 'Crisis handling', closing: 'Closing', budget: 'The budget', strategy: 'The strategy',
  },
  'zh-CN': {
    plan: '计划', pilot: '试点', warmup: '预热', rollout: '全面推广', optimization: '预算优化',
    reviews: '复盘', interaction: '用户互动', crisis: '危机预警', closing: '收尾', budget: '预算', strategy: '策略',
  },
};

/** "Gate 'assets'", "关卡“assets”", "The pilot", "第 3 个任务". */
export function subjectLabel(subject: Subject, lang: Lang): string {
  const section = SECTIONS[lang][subject.kind];
  if (section) return section;
  const noun = NAMED[lang][subject.kind]!;
  if (subject.id !== undefined) return lang === 'en' ? `${noun} '${subject.id}'` : `${noun}“${subject.id}”`;
  return lang === 'en' ? `${noun} #${subject.ordinal}` : `第 ${subject.ordinal} 个${noun}`;
}

const ROLES: Record<Lang, Record<string, string>> = {
  en: {
    owner: 'owner', accountable: 'accountable person', responsible: 'responsible person',
    consulted: 'consulted person', informed: 'informed person', escalateTo: 'escalation contact',
    to: 'delegate', decidedBy: 'decision maker', approver: 'approver',
  },
  'zh-CN': {
    owner: '负责人', accountable: '最终负责人(A)', responsible: '执行人(R)', consulted: '咨询对象(C)',
    informed: '知会对象(I)', escalateTo: '升级联系人', to: '代理人', decidedBy: '决策人', approver: '审批人',
  },
};

/** The key an issue is about: the last named segment (`informed` for `gates[0].informed[2]`). */
export function keyOf(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

export function roleLabel(path: Path, lang: Lang): string {
  const key = keyOf(path);
  return ROLES[lang][key] ?? (lang === 'en' ? 'person' : '人员');
}
