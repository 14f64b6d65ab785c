/**
 * How the money was spread over the channels as the campaign went (P2.13 seen from the closing):
 * the plan's initial allocations, then each review's budget changes from the day it made them.
 */
import type { Plan } from '../plan/schema.js';
import { budgetDecisions, type ReviewRecord } from './decisions.js';
import { channelName } from './names.js';

export interface AllocationPoint {
  /** From this rollout day on (0 = the start), until the next point. */
  day: number;
  allocations: Record<string, number>;
}

export interface AllocationHistory {
  channels: Array<{ id: string; name: string }>;
  points: AllocationPoint[];
}

/** `endDay` closes the last step, so the final allocations show for as long as they held. */
export function allocationHistory(plan: Pick<Plan, 'channels'>, reviews: readonly ReviewRecord[], endDay?: number): AllocationHistory {
  const current: Record<string, number> = {};
  for (const channel of plan.channels) current[channel.id] = channel.budget.initial;
  const points: AllocationPoint[] = [{ day: 0, allocations: { ...current } }];
  const channels = plan.channels.map((c) => ({ id: c.id, name: channelName(plan, c.id) }));
  for (const change of budgetDecisions(reviews)) {
    if (!(change.channelId in current)) channels.push({ id: change.channelId, name: change.channelId });
    current[change.channelId] = change.to;
    const last = points[points.length - 1]!;
    if (last.day === change.day) last.allocations = { ...current };
    else points.push({ day: change.day, allocations: { ...current } });
  }
  const last = points[points.length - 1]!;
  if (endDay !== undefined && endDay > last.day) points.push({ day: endDay, allocations: { ...last.allocations } });
  return { channels, points };
}
