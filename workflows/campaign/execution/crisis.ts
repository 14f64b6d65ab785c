/**
 * Responding to the audience and crises (P2.8–P2.10). The campaign looks at its interactions when
 * an import signals new ones, when the next unanswered item would breach the response time, and
 * at least once a plan day. Enough negative voices start a crisis: a durable stop of every post
 * and budget change until the accountable person approves a response statement (or ops end it).
 */
import { condition, log, setHandler } from '@temporalio/workflow';
import { crisisActionInputSchema, type CrisisActionInput } from '../../../domain/execution/actions.js';
import { overdueAnswersAudience } from '../../../domain/execution/audiences.js';
import { checkCrisisAction, crisisAccountable, crisisOperators } from '../../../domain/execution/checks.js';
import type { CrisisState } from '../../../domain/execution/state.js';
import type { CrisisAssessment } from '../../../domain/interactions/crisis.js';
import { crisisResolvedMessage, crisisStartedMessage, slaBreachMessage } from '../../../domain/notifications/execution-messages.js';
import { DAY_MS, parseDuration } from '../../../domain/duration.js';
import { crisisUpdate, interactionsArrivedSignal, type ActionResult } from '../../contract.js';
import { records } from '../activities.js';
import type { Announcer } from '../announce.js';
import { auditKeys, noticeKeys, stepKeys } from '../effects.js';
import { refuse } from '../refusals.js';
import { commit } from '../read-model.js';
import { raiseAlert, type CampaignState } from '../state.js';
import { recordAudit, type StepDesk } from '../steps.js';
import { planNow, planTimeOf, workflowTimeOf } from './clock.js';
import type { SignatureDesk } from '../signatures.js';

/** No crisis stops effects now. */
export function calm(state: CampaignState): boolean {
  return state.execution.crisis?.status !== 'active';
}

/** Counts an effect the crisis held back (it is not sent later). */
export function holdEffect(state: CampaignState): void {
  if (state.execution.crisis) state.execution.crisis = { ...state.execution.crisis, held: state.execution.crisis.held + 1 };
}


export interface CrisisDesk {
  /** Watches interactions until `over()` says the campaign no longer runs. */
  watch(over: () => boolean): Promise<void>;
}

export function crisisDesk(state: CampaignState, announce: Announcer, steps: StepDesk, signatures: SignatureDesk): CrisisDesk {
  const { plan, campaignId } = state;
  const about = () => ({ campaignId, plan, at: new Date() });
  const check = (input: CrisisActionInput) => {
    const result = checkCrisisAction(plan, state.execution.crisis, input, new Date());
    refuse(result);
    return result.ok ? result.onBehalfOf : undefined;
  };

  function start(startedBy: string, reason: string, assessment?: CrisisAssessment): void {
    const at = new Date();
    commit(state, () => {
      state.execution.crisis = {
        status: 'active', startedBy, startedAt: at.toISOString(), reason, held: 0, ...(assessment ? { assessment } : {}),
      } satisfies CrisisState;
      state.execution.crises += 1;
      raiseAlert(state, 'critical', `Crisis: every post and budget change is stopped (${reason}).`, at);
      announce.notice(noticeKeys.crisisStarted(state.execution.crises), [crisisAccountable(plan), ...crisisOperators(plan)],
        crisisStartedMessage(about(), { by: startedBy, reason, assessment }, crisisAccountable(plan)));
    });
    log.warn('Crisis started', { campaignId, by: startedBy, reason });
  }

  function resolve(by: string): void {
    const crisis = state.execution.crisis!;
    const at = new Date();
    commit(state, () => {
      state.execution.crisis = { ...crisis, status: 'resolved', resolvedBy: by, resolvedAt: at.toISOString() };
      raiseAlert(state, 'info', `Crisis resolved by ${by}: the campaign resumes.`, at);
      announce.notice(noticeKeys.crisisResolved(state.execution.crises), [plan.owner, crisisAccountable(plan), ...crisisOperators(plan)],
        crisisResolvedMessage(about(), by, crisis.held));
    });
  }

  setHandler(crisisUpdate, async (raw): Promise<ActionResult> => {
    const { input, provenance } = signatures.take('crisis', crisisActionInputSchema, raw);
    const onBehalfOf = check(input);
    const at = new Date();
    switch (input.action) {
      case 'start': start(input.by, input.reason ?? ''); break;
      case 'statement':
        commit(state, () => {
          state.execution.crisis = { ...state.execution.crisis!, statement: { text: input.statement!, by: input.by, at: at.toISOString() } };
        });
        break;
      case 'approve': resolve(input.by); break;
      case 'end': resolve(input.by); break;
    }
    await recordAudit(steps, {
      campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.crisisFallback(state.execution.crises, input.action)),
      kind: `crisis-${input.action}`, actor: input.by,
      detail: { reason: input.reason, statement: input.statement, ...(onBehalfOf ? { onBehalfOf } : {}), ...provenance },
    });
    return { accepted: true };
  }, { validator: (raw) => void check(signatures.admit('crisis', crisisActionInputSchema, raw)) });
  setHandler(interactionsArrivedSignal, () => {
    state.interactionImports += 1;
  });

  return {
    async watch(over) {
      const settings = plan.interaction;
      if (!settings?.crisis && !settings?.responseSla) return;
      const channelNames = Object.fromEntries(plan.channels.map((c) => [c.id, c.name ?? c.id]));
      const staff = plan.team.map((m) => m.id);
      let seen = state.interactionImports;
      let nextDeadline: number | undefined;
      let lastBreaches = state.execution.interactions?.breachCount ?? 0;
      while (!over()) {
        const daily = Date.now() + Math.max(1, Math.round(DAY_MS / state.timeScale));
        const nextLook = Math.min(daily, nextDeadline !== undefined ? workflowTimeOf(state, nextDeadline) + 1 : daily);
        await condition(() => over() || state.interactionImports !== seen, Math.max(1, nextLook - Date.now()));
        if (over()) return;
        seen = state.interactionImports;
        const now = new Date(planNow(state)).toISOString();
        const look = () => records.checkInteractions({
          campaignId, now, staff, channelNames,
          ...(settings.responseSla ? { responseSla: settings.responseSla } : {}),
          ...(settings.crisis ? { crisis: { negativeShare: settings.crisis.negativeShare, window: settings.crisis.window, minVolume: settings.crisis.minVolume } } : {}),
        });
        let result;
        try {
          result = await look();
        } catch (err) {
          // Skipped, this look is missed: the next signal, deadline or day looks again.
          result = await steps.failed(err, {
            id: stepKeys.interactions(now), activity: 'checkInteractions',
            summary: 'Check the audience\'s interactions for response times and the crisis rule', call: look, skip: () => undefined,
          });
          if (!result) continue;
        }
        nextDeadline = result.nextDeadline ? Date.parse(result.nextDeadline) : undefined;
        state.execution.interactions = {
          checkedAt: result.checkedAt, total: result.total, negative: result.negative, breaches: result.breaches,
          breachCount: result.breachCount, waiting: result.waiting, ...(result.crisis ? { lastAssessment: result.crisis } : {}),
        };
        if (result.breachCount > lastBreaches) {
          announce.notice(noticeKeys.slaBreach(result.checkedAt), overdueAnswersAudience(plan),
            slaBreachMessage(about(), result.breachCount, result.breaches[0]?.message));
        }
        lastBreaches = result.breachCount;
        if (result.crisis?.triggered && calm(state) && !recentlyResolved(state, Date.parse(now))) {
          start('auto', result.crisis.message.en, result.crisis);
        }
      }
    },
  };
}

/** After a crisis ends, the voices that caused it stay in the window for a while: not a new crisis. */
function recentlyResolved(state: CampaignState, planNowMs: number): boolean {
  const crisis = state.execution.crisis;
  const window = state.plan.interaction?.crisis?.window;
  if (!crisis?.resolvedAt || !window) return false;
  return planNowMs - planTimeOf(state, crisis.resolvedAt) < parseDuration(window);
}
