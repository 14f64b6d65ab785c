/** What people call channels and team members in closing texts: the plan's names, ids otherwise. */
import type { Plan } from '../plan/schema.js';

export function channelName(plan: Pick<Plan, 'channels'>, channelId: string): string {
  return plan.channels.find((c) => c.id === channelId)?.name ?? channelId;
}

export function personName(plan: Pick<Plan, 'team'>, personId: string): string {
  return plan.team.find((m) => m.id === personId)?.name ?? personId;
}

/** 小红书、抖音 / Xiaohongshu, Douyin. */
export function joinNames(names: readonly string[], lang: 'en' | 'zh-CN'): string {
  return names.join(lang === 'en' ? ', ' : '、');
}
