/**
 * Team roles as a vocabulary (P1.5). Some roles grant powers — ops and channel-ops may start and
 * end a crisis and retry failed steps, channel-ops hear of refused posts, customer-service hear of
 * overdue answers — so a role must mean the same thing however a team writes it. A plan may write
 * the key or one of its labels (`渠道运营`, `Channel Ops`); parsing turns it into the key, so the
 * powers hold. A role outside the vocabulary is kept as written (teams describe themselves) and
 * reported as a warning naming the nearest key.
 */
import type { Plan } from './schema.js';
import { didYouMean } from './suggest.js';

export interface RoleEntry {
  key: string;
  zh: string;
  en: string;
  /** Other ways teams write it; the key and both labels always count. */
  aliases: readonly string[];
  /** What the role is given by the campaign, said for the guide; empty for descriptive roles. */
  powers: { en: string; zh: string } | undefined;
}

export const ROLES: readonly RoleEntry[] = [
  {
    key: 'ops', zh: '运营', en: 'operations', aliases: ['运营人员', 'operator'],
    powers: {
      en: 'may start and end a crisis by hand, and retry or skip any failed step',
      zh: '可以手动发起和结束危机, 可以重试或跳过任何失败的步骤',
    },
  },
  {
    key: 'channel-ops', zh: '渠道运营', en: 'channel operations', aliases: ['渠道', 'channel operator'],
    powers: {
      en: 'as ops, and: is told of every refused post, and answers for the steps of each channel without its own `responsible`',
      zh: '与运营相同, 并且: 每条被平台拒绝的帖子都会通知到; 没有写 `responsible` 的渠道, 其失败步骤由渠道运营负责',
    },
  },
  {
    key: 'customer-service', zh: '客服', en: 'customer service', aliases: ['客户服务', '客服人员', 'support'],
    powers: {
      en: 'is told when answers to the audience are overdue (`interaction.responseSla`); without one, the owner is',
      zh: '用户的回复超时(`interaction.responseSla`)时会收到通知; 团队中没有客服时通知计划负责人',
    },
  },
  { key: 'pm', zh: '项目经理', en: 'project manager', aliases: ['项目管理', '产品经理', 'project management'], powers: undefined },
  { key: 'content', zh: '内容', en: 'content', aliases: ['内容策划', '文案', 'copywriter'], powers: undefined },
  { key: 'design', zh: '设计', en: 'design', aliases: ['设计师', 'designer'], powers: undefined },
  { key: 'data', zh: '数据', en: 'data', aliases: ['数据分析', '数据监测', 'analyst', 'data monitoring'], powers: undefined },
  { key: 'sales', zh: '销售', en: 'sales', aliases: [], powers: undefined },
  { key: 'pr', zh: '公关', en: 'public relations', aliases: ['公共关系'], powers: undefined },
];

export type RoleKey = 'ops' | 'channel-ops' | 'customer-service' | 'pm' | 'content' | 'design' | 'data' | 'sales' | 'pr';

/** `Channel_Ops`, `channel ops` and `channel-ops` are one spelling. */
function spelling(role: string): string {
  return role.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

const BY_SPELLING = new Map<string, string>(ROLES.flatMap((entry) =>
  [entry.key, entry.zh, entry.en, ...entry.aliases].map((written) => [spelling(written), entry.key] as const)));

/** The key a written role stands for, or undefined when it is not in the vocabulary. */
export function roleKey(written: string): string | undefined {
  return BY_SPELLING.get(spelling(written));
}

/** The nearest key to an unknown role, if it is plausibly a slip (`channel-op`, `渠道运维`). */
export function nearestRole(written: string): string | undefined {
  const near = didYouMean(spelling(written), BY_SPELLING.keys());
  return near === undefined ? undefined : BY_SPELLING.get(near);
}

export interface UnknownRole {
  member: number;
  role: number;
  value: string;
  suggestion: string | undefined;
}

/** The plan with every known role written as its key, and the roles outside the vocabulary. */
export function normaliseRoles(plan: Plan): { plan: Plan; unknown: UnknownRole[] } {
  const unknown: UnknownRole[] = [];
  const team = plan.team.map((member, m) => {
    const roles = member.roles.map((value, r) => {
      const key = roleKey(value);
      if (key === undefined) unknown.push({ member: m, role: r, value, suggestion: nearestRole(value) });
      return key ?? value;
    });
    return { ...member, roles: [...new Set(roles)] };
  });
  return { plan: { ...plan, team }, unknown };
}

/** The ids of the members holding any of the roles, in team order. */
export function membersWithRole(plan: Pick<Plan, 'team'>, ...keys: readonly RoleKey[]): string[] {
  return plan.team.filter((m) => m.roles.some((role) => (keys as readonly string[]).includes(role))).map((m) => m.id);
}
