/** RACI (P1.6) beyond references: a delegate decides for someone else, never for themself. */
import { issue, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';

export function delegateToSelf(plan: Plan): RuleIssue[] {
  return plan.team.flatMap((member, i) => (member.delegate?.to === member.id
    ? [issue('delegate-self', ['team', i, 'delegate', 'to'], { id: member.id })]
    : []));
}
