/**
 * The pilot (P2.2): only the pilot channels, with the pilot budget, for the pilot's duration. Then
 * the success criteria are evaluated from the platforms' numbers and `pilot.decidedBy` decides:
 * go (on to the warm-up and rollout), extend (more days), send back (the assets gate reopens and
 * the pilot runs again once preparation is approved), or cancel (the campaign closes).
 */
import { condition, log, patched, setHandler, sleep } from '@temporalio/workflow';
import { pilotDecisionInputSchema, type PilotDecisionInput } from '../../../domain/execution/actions.js';
import { checkPilotDecision } from '../../../domain/execution/checks.js';
import type { PilotState } from '../../../domain/execution/state.js';
import { wholeDays } from '../../../domain/duration.js';
import { addMetrics, emptyMetrics, roundMoney, type ChannelMetrics } from '../../../domain/metrics.js';
import { pilotDecisionMessage } from '../../../domain/notifications/execution-messages.js';
import { evaluatePilot, pilotMetrics } from '../../../domain/pilot.js';
import { decidePilotUpdate, type ActionResult } from '../../contract.js';
import { channels } from '../activities.js';
import { auditKeys, channelTarget, effectKeys, noticeKeys, reportedChannel, stepKeys } from '../effects.js';
import type { Announcer } from '../announce.js';
import { refuse } from '../refusals.js';
import { commit } from '../read-model.js';
import { dayMs, type CampaignState } from '../state.js';
import { recordAudit, type StepDesk } from '../steps.js';
import { calm } from './crisis.js';
import type { SignatureDesk } from '../signatures.js';
import { cancelled, wakesOnCancel } from '../cancellation.js';

export type PilotOutcome = 'go' | 'sent-back' | 'cancelled';

/** Registers the go/no-go Update (in the first activation, like every handler). */
export function pilotDesk(state: CampaignState, steps: StepDesk, signatures: SignatureDesk): void {
  const check = (input: PilotDecisionInput) => {
    const result = checkPilotDecision(state.plan, state.execution.pilot, input, new Date());
    refuse(result);
    return result.ok ? result.onBehalfOf : undefined;
  };
  setHandler(decidePilotUpdate, async (raw): Promise<ActionResult> => {
    const { input, provenance } = signatures.take('decidePilot', pilotDecisionInputSchema, raw);
    const onBehalfOf = check(input);
    const at = new Date();
    const pilot = state.execution.pilot!;
    const decision = {
      decision: input.decision, by: input.by, at: at.toISOString(),
      ...(input.comment ? { comment: input.comment } : {}), ...(input.extendBy ? { extendBy: input.extendBy } : {}),
    };
    const status: PilotState['status'] = input.decision === 'go' ? 'go' : input.decision === 'extend' ? 'running'
      : input.decision === 'send-back' ? 'sent-back' : 'cancelled';
    commit(state, () => {
      state.execution.pilot = {
        ...pilot, status, decisions: [...pilot.decisions, decision],
        plannedDays: input.decision === 'extend' ? pilot.plannedDays + wholeDays(input.extendBy!) : pilot.plannedDays,
      };
    });
    await recordAudit(steps, {
      campaignId: state.campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.pilotFallback(pilot.decisions.length)),
      kind: 'pilot-decision', actor: input.by,
      detail: { ...decision, evaluation: pilot.evaluation?.recommendation, ...(onBehalfOf ? { onBehalfOf } : {}), ...provenance },
    });
    return { accepted: true };
  }, { validator: (raw) => void check(signatures.admit('decidePilot', pilotDecisionInputSchema, raw)) });
}

/** Runs one pilot round to its decision. */
export async function runPilot(state: CampaignState, announce: Announcer, steps: StepDesk, round: number): Promise<PilotOutcome> {
  const plan = state.plan;
  const pilot = plan.pilot!;
  const piloted = plan.channels.filter((c) => pilot.channels.includes(c.id));
  state.execution.pilot = {
    status: 'running', channels: pilot.channels, budget: pilot.budget, days: 0, plannedDays: wholeDays(pilot.duration),
    decisions: state.execution.pilot?.decisions ?? [],
  };
  let totals: ChannelMetrics[] = piloted.map((c) => emptyMetrics(c.id));
  let budgeted = 0;
  // Pilot days are due one day apart, counted from the pilot's start; days an extension adds count
  // from when their budget reached the platforms, however long the decision took.
  let clock = { from: Date.now(), daysBefore: 0 };
  for (;;) {
    const current = state.execution.pilot;
    if (current.plannedDays > budgeted) {
      // The budget for every day planned so far, at the pilot's daily rate: an extension's budget
      // replaces the one before it on the platform.
      const perChannelDay = pilot.budget / wholeDays(pilot.duration) / piloted.length;
      const days = current.plannedDays;
      await condition(() => calm(state));
      const budgets = piloted.map((c) => () => channels.applyPilotBudget({
        campaignId: state.campaignId, round, effectKey: effectKeys.pilotBudget(round, days, c.id), ...channelTarget(c),
        amount: roundMoney(perChannelDay * days), dailyBudget: roundMoney(perChannelDay), currency: plan.currency,
      }));
      const applying = budgets.map((apply) => apply());
      try {
        await Promise.all(applying);
      } catch (err) {
        // Skipped, that channel's pilot runs without the budget (its days count what it reports).
        await steps.failedAmong(err, applying, (i) => ({
          id: effectKeys.pilotBudget(round, days, piloted[i]!.id), activity: 'applyPilotBudget', channel: piloted[i]!.id,
          summary: `Set the pilot budget of ${piloted[i]!.name ?? piloted[i]!.id} to ${roundMoney(perChannelDay * days)} ${plan.currency} (round ${round}, ${days} days)`,
          call: budgets[i]!, skip: () => undefined,
        }));
      }
      if (budgeted > 0 && patched('pilot-extension-clock')) clock = { from: Date.now(), daysBefore: current.days };
      budgeted = days;
    }
    while (state.execution.pilot.days < state.execution.pilot.plannedDays) {
      const day: number = state.execution.pilot.days + 1;
      const dueAt = clock.from + (day - clock.daysBefore) * dayMs(state);
      if (dueAt > Date.now()) {
        if (wakesOnCancel()) await condition(() => cancelled(state), dueAt - Date.now());
        else await sleep(dueAt - Date.now());
      }
      if (cancelled(state)) return 'cancelled';
      const readDay = () => channels.fetchPilotDay({
        campaignId: state.campaignId, round, day, channels: piloted.map(reportedChannel),
      });
      let rows;
      try {
        rows = await readDay();
      } catch (err) {
        rows = await steps.failed(err, {
          id: stepKeys.pilotDay(round, day), activity: 'fetchPilotDay', summary: `Read pilot day ${day} (round ${round}) from the platforms`,
          call: readDay, skip: () => [],
        });
      }
      totals = totals.map((t) => addMetrics(t, rows.find((r) => r.channelId === t.channelId)));
      state.execution.pilot = { ...state.execution.pilot, days: day };
    }
    const evaluation = evaluatePilot({ goals: plan.goals, successCriteria: pilot.successCriteria, metrics: pilotMetrics(totals) });
    commit(state, () => {
      state.execution.pilot = { ...state.execution.pilot!, status: 'deciding', evaluation };
      state.execution.pilotSince = new Date().toISOString();
    });
    const decider = pilot.decidedBy;
    const delegate = plan.team.find((m) => m.id === decider)?.delegate?.to;
    announce.notice(noticeKeys.pilotDecide(round, state.execution.pilot.decisions.length), [decider, ...(delegate ? [delegate] : [])],
      pilotDecisionMessage({ campaignId: state.campaignId, plan, at: new Date() }, evaluation, decider));
    log.info('Pilot waits for its decision', { campaignId: state.campaignId, round, recommendation: evaluation.recommendation });
    await condition(() => state.execution.pilot?.status !== 'deciding' || cancelled(state));
    if (cancelled(state)) return 'cancelled';
    const status = state.execution.pilot.status;
    if (status === 'running') continue;
    return status === 'go' ? 'go' : status === 'sent-back' ? 'sent-back' : 'cancelled';
  }
}
