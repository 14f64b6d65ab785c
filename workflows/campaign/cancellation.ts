/**
 * `cancelCampaign`: the owner (or their delegate) or ops stop a campaign that has a problem. Like a
 * pilot cancelled at its go/no-go, the campaign then closes without its retrospective: a short
 * closing report, nothing more published, no more budget changes. Every wait of the campaign looks
 * at `cancelled(state)`: preparation, the launch date and the pilot's decision end at once; a pilot
 * day, the warm-up and a rollout day end at their next step (docs/execution.md, "Cancelling").
 */
import { patched, setHandler } from '@temporalio/workflow';
import { cancellationInputSchema, checkCancellation, type CancellationInput } from '../../domain/execution/cancellation.js';
import { campaignCancelledMessage } from '../../domain/notifications/execution-messages.js';
import { cancelCampaignUpdate, type ActionResult } from '../contract.js';
import type { Announcer } from './announce.js';
import { auditKeys, noticeKeys } from './effects.js';
import { commit } from './read-model.js';
import { refuse } from './refusals.js';
import type { SignatureDesk } from './signatures.js';
import { raiseAlert, type CampaignState } from './state.js';
import { recordAudit, type StepDesk } from './steps.js';

export function cancelled(state: CampaignState): boolean {
  return state.execution.cancellation !== undefined;
}

/**
 * Whether the campaign's long timers (pilot days, the warm-up, rollout days, scheduled posts) wake
 * when it is cancelled: `condition` with a timeout instead of `sleep`. Synchronous, so the course of
 * runs recorded before it stays exactly what it was.
 */
export function wakesOnCancel(): boolean {
  return patched('cancellable-waits');
}

/** Registers the Update (in the first activation, like every handler). */
export function cancellationDesk(state: CampaignState, announce: Announcer, steps: StepDesk, signatures: SignatureDesk): void {
  const { plan, campaignId } = state;
  const check = (input: CancellationInput) => {
    const result = checkCancellation(plan, { phase: state.phase, cancellation: state.execution.cancellation }, input, new Date());
    refuse(result);
    return result.ok ? result.onBehalfOf : undefined;
  };
  setHandler(cancelCampaignUpdate, async (raw): Promise<ActionResult> => {
    const { input, provenance } = signatures.take('cancelCampaign', cancellationInputSchema, raw);
    const onBehalfOf = check(input);
    // Campaigns nobody cancels record no marker and replay as before.
    patched('campaign-cancel');
    const at = new Date();
    const cancellation = { by: input.by, at: at.toISOString(), reason: input.reason, phase: state.phase, ...(onBehalfOf ? { onBehalfOf } : {}) };
    commit(state, () => {
      state.execution.cancellation = cancellation;
      const pilot = state.execution.pilot;
      if (pilot?.status === 'running' || pilot?.status === 'deciding') state.execution.pilot = { ...pilot, status: 'cancelled' };
      raiseAlert(state, 'warning', `Cancelled by ${input.by} in ${cancellation.phase}: ${input.reason}`, at);
    });
    announce.notice(noticeKeys.cancelled(), plan.team.map((m) => m.id), campaignCancelledMessage({ campaignId, plan, at }, input.by, input.reason));
    await recordAudit(steps, {
      campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.cancelFallback()), kind: 'campaign-cancelled', actor: input.by,
      detail: { reason: input.reason, phase: cancellation.phase, ...(onBehalfOf ? { onBehalfOf } : {}), ...provenance },
    });
    return { accepted: true };
  }, { validator: (raw) => void check(signatures.admit('cancelCampaign', cancellationInputSchema, raw)) });
}
