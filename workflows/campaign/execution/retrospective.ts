/**
 * The closing's people side (P3.3–P3.5): every team member is asked for their retrospective and
 * reminded every `closing.retrospective.remind` until `closing.accountable` signs the campaign
 * off (decide with gate "closing"). Then the report is stored and sent (P3.1–P3.10).
 */
import { condition, setHandler } from '@temporalio/workflow';
import { retrospectiveInputSchema } from '../../../domain/closing/retrospective.js';
import { checkRetrospective, checkSignOff, missingAnswers, withAnswer } from '../../../domain/closing/sign-off.js';
import type { DecisionInput, DecisionResult } from '../../../domain/gates.js';
import {
  closingSignOffMessage, reportAudience, reportReadyMessage, retroReminderMessage, retroRequestMessage,
} from '../../../domain/notifications/closing-messages.js';
import { CLOSING_GATE, retrospectUpdate, type ActionResult } from '../../contract.js';
import { records, reports } from '../activities.js';
import type { Announcer } from '../announce.js';
import { auditKeys, noticeKeys } from '../effects.js';
import { parse, refuse } from '../refusals.js';
import { planMs, publishSearchAttributes, statusOf, type CampaignState } from '../state.js';

/** A decision the `decide` Update routes away from the preparation gates. */
export interface DecisionRoute {
  owns(gate: string): boolean;
  check(input: DecisionInput, at: Date): { ok: true; onBehalfOf?: string } | { ok: false; type: string; message: string };
  apply(input: DecisionInput, at: Date, onBehalfOf?: string): Promise<DecisionResult>;
}

const parseInput = (input: unknown) => parse(retrospectiveInputSchema, input);

export interface RetrospectiveDesk {
  signOff: DecisionRoute;
  /** Asks, reminds and returns once signed off; at once when the plan holds no retrospective. */
  run(): Promise<void>;
  /** Stores the report and tells the owner and informed people. */
  storeReport(): Promise<void>;
}

export function retrospectiveDesk(state: CampaignState, announce: Announcer, registered: Promise<void>): RetrospectiveDesk {
  const { plan, campaignId } = state;
  const view = () => ({ ...state.retrospective, open: state.phase === 'closing' && state.retrospective.asked.length > 0 });
  const about = () => ({ campaignId, plan, at: new Date() });
  const progress = () => ({ answered: state.retrospective.answers.length, asked: state.retrospective.asked.length });

  setHandler(retrospectUpdate, async (raw): Promise<ActionResult> => {
    const input = parseInput(raw);
    refuse(checkRetrospective(plan, view(), input));
    const at = new Date();
    state.retrospective = {
      ...state.retrospective,
      answers: withAnswer(state.retrospective.answers, input),
      analyses: [
        ...state.retrospective.analyses.filter((a) => !input.analyses.some((n) => n.kpi === a.kpi)),
        ...input.analyses.map((a) => ({ kpi: a.kpi, by: input.by, text: a.text, ...(a.cause ? { cause: a.cause } : {}) })),
      ],
    };
    publishSearchAttributes(state);
    await registered;
    await records.recordAuditEvent({
      campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.retroFallback(input.by)),
      kind: 'retrospective', actor: input.by,
      detail: { worked: input.worked.length, didNot: input.didNot.length, lessons: input.lessons.length, analyses: input.analyses.map((a) => a.kpi) },
    });
    return { accepted: true };
  }, { validator: (raw) => refuse(checkRetrospective(plan, view(), parseInput(raw))) });

  return {
    signOff: {
      owns: (gate) => gate === CLOSING_GATE,
      check: (input, at) => checkSignOff(plan, view(), input, at),
      async apply(input, at) {
        state.retrospective = { ...state.retrospective, signedOff: { by: input.by, at: at.toISOString() } };
        publishSearchAttributes(state);
        await registered;
        await records.recordDecision({
          campaignId, gate: CLOSING_GATE,
          decision: { round: 1, decision: 'approve', by: input.by, at: at.toISOString(), ...(input.comment ? { comment: input.comment } : {}) },
        });
        return { gate: CLOSING_GATE, decision: 'approve', status: 'approved', round: 1 };
      },
    },

    async run() {
      const settings = plan.closing.retrospective;
      if (!settings) return;
      state.retrospective = { ...state.retrospective, asked: plan.team.map((m) => m.id) };
      publishSearchAttributes(state);
      for (const person of state.retrospective.asked) {
        announce.notice(noticeKeys.retroRequest(person), [person], retroRequestMessage(about(), person, progress()));
      }
      const accountable = plan.closing.accountable;
      announce.notice(noticeKeys.signOff(), [accountable], closingSignOffMessage(about(), { ...progress(), missing: missingAnswers(state.retrospective) }));
      const remindMs = planMs(state, settings.remind);
      for (let reminder = 1; ; reminder++) {
        if (await condition(() => state.retrospective.signedOff !== undefined, remindMs)) return;
        for (const person of missingAnswers(state.retrospective)) {
          announce.notice(noticeKeys.retroReminder(person, reminder), [person], retroReminderMessage(about(), person, progress()));
        }
      }
    },

    async storeReport() {
      const stored = await reports.storeCampaignReport({ campaignId, status: statusOf(state) });
      state.report = { storedAt: stored.storedAt, languages: stored.languages };
      announce.notice(noticeKeys.reportReady(), reportAudience(plan), reportReadyMessage(about(), { languages: stored.languages }));
    },
  };
}
