/**
 * Who hears of what goes wrong while the campaign runs, decided by the roles of the team
 * (domain/plan/roles.ts): the workflow only delivers to these people.
 */
import { membersWithRole } from '../plan/roles.js';
import type { Plan } from '../plan/schema.js';

/** A post the platform refused: the owner and channel ops, who can fix the post or the account. */
export function refusedPostAudience(plan: Pick<Plan, 'owner' | 'team'>): string[] {
  return [...new Set([plan.owner, ...membersWithRole(plan, 'channel-ops')])];
}

/** Answers to the audience overdue: customer service, or the owner when the team has none. */
export function overdueAnswersAudience(plan: Pick<Plan, 'owner' | 'team'>): string[] {
  const service = membersWithRole(plan, 'customer-service');
  return service.length > 0 ? service : [plan.owner];
}
