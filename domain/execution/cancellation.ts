/**
 * Cancelling a running campaign by hand (`campaign cancel`): the owner (or their delegate) or a
 * team member with an ops role stops it in any phase before the closing. Checked in the Update's
 * validator (a refusal leaves no trace in the history) and again in its handler.
 */
import { z } from 'zod';
import { ErrorType } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { checkDecider, type ActionCheck } from '../preparation/actions.js';
import type { CampaignPhase } from '../campaign-snapshot.js';

export const cancellationInputSchema = z.strictObject({
  by: z.string().min(1, 'say who cancels (a team member id)'),
  reason: z.string().trim().min(1, 'say why the campaign is cancelled: the team reads it').max(4_000, 'keep the reason under 4,000 characters'),
});
export type CancellationInput = z.infer<typeof cancellationInputSchema>;

export interface Cancellation {
  by: string;
  at: string;
  reason: string;
  /** The phase the campaign was in when it was cancelled. */
  phase: CampaignPhase;
  onBehalfOf?: string;
}

/** Team members with an ops role: they run the campaign day to day. */
export function campaignOperators(plan: Plan): string[] {
  return plan.team.filter((m) => m.roles.some((r) => r === 'ops' || r === 'channel-ops')).map((m) => m.id);
}

export function checkCancellation(
  plan: Plan,
  campaign: { phase: CampaignPhase; cancellation?: Cancellation | undefined },
  input: CancellationInput,
  at: Date,
): ActionCheck<{ onBehalfOf?: string }> {
  if (campaign.cancellation) {
    const { by, at: when } = campaign.cancellation;
    return { ok: false, type: ErrorType.AlreadyDone, message: `The campaign was already cancelled by ${by} at ${when}.` };
  }
  if (campaign.phase === 'closing' || campaign.phase === 'closed') {
    return { ok: false, type: ErrorType.WrongPhase, message: `The campaign is ${campaign.phase === 'closing' ? 'closing' : 'closed'} already: there is nothing left to cancel.` };
  }
  if (campaignOperators(plan).includes(input.by)) return { ok: true };
  const owner = checkDecider(plan, plan.owner, 'whether to cancel the campaign', input.by, at);
  if (owner.ok) return owner;
  return { ok: false, type: ErrorType.NotAuthorised, message: `${owner.message} Team members with an ops role may cancel too.` };
}
