/**
 * Closing, all of it: the KPI summary (every KPI against its target, spend, orders, revenue and
 * ROI per channel), then the team retrospective (P3.3–P3.5) — every member asked and reminded
 * every `closing.retrospective.remind` until `closing.accountable` signs the campaign off (decide
 * with gate "closing") — then the stored report, sent to the owner and informed people (P3.1–P3.10).
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { summarizeClosing, type ClosingSummary } from '../../domain/closing.js';
import type { DecisionRecord } from '../../domain/gates.js';
import { retrospectiveInputSchema } from '../../domain/closing/retrospective.js';
import { checkRetrospective, missingAnswers, withAnswer } from '../../domain/closing/sign-off.js';
import {
  closingSignOffMessage, reportAudience, reportReadyMessage, retroReminderMessage, retroRequestMessage,
} from '../../domain/notifications/closing-messages.js';
import { CLOSING_GATE, retrospectUpdate, type ActionResult, type CampaignResult, type Phase } from '../contract.js';
import { records, reports } from './activities.js';
import type { Announcer } from './announce.js';
import type { DecisionRoutes } from './decisions.js';
import { auditKeys, noticeKeys, stepKeys } from './effects.js';
import { commit, retrospectiveView, statusOf } from './read-model.js';
import { refuse } from './refusals.js';
import { planMs, type CampaignState } from './state.js';
import { recordAudit, decisionStep, type StepDesk } from './steps.js';
import type { SignatureDesk } from './signatures.js';


export interface CloseInput {
  enter: (phase: Phase) => void;
  /** The crisis desk's watch: it ends once the closing begins, before the retrospective. */
  watching: Promise<void>;
  /** False for a campaign cancelled after its pilot: a short report, no retrospective. */
  ranRollout: boolean;
}

export interface ClosingDesk {
  /** The closing sign-off, as the `decide` Update applies it (decisions.ts). */
  signOff: DecisionRoutes['signOff'];
  /** Closes the campaign and returns its summary once everything it started has finished. */
  close(input: CloseInput): Promise<CampaignResult>;
}

/** Registers the `retrospect` Update (in the first activation, like every handler). */
export function closingDesk(state: CampaignState, announce: Announcer, steps: StepDesk, signatures: SignatureDesk): ClosingDesk {
  const { plan, campaignId } = state;
  const about = () => ({ campaignId, plan, at: new Date() });
  const progress = () => ({ answered: state.retrospective.answers.length, asked: state.retrospective.asked.length });

  setHandler(retrospectUpdate, async (raw): Promise<ActionResult> => {
    const { input, provenance } = signatures.take('retrospect', retrospectiveInputSchema, raw);
    refuse(checkRetrospective(plan, retrospectiveView(state), input));
    const at = new Date();
    commit(state, () => {
      state.retrospective = {
        ...state.retrospective,
        answers: withAnswer(state.retrospective.answers, input),
        analyses: [
          ...state.retrospective.analyses.filter((a) => !input.analyses.some((n) => n.kpi === a.kpi)),
          ...input.analyses.map((a) => ({ kpi: a.kpi, by: input.by, text: a.text, ...(a.cause ? { cause: a.cause } : {}) })),
        ],
      };
    });
    await recordAudit(steps, {
      campaignId, at: at.toISOString(), eventKey: auditKeys.update(auditKeys.retroFallback(input.by)),
      kind: 'retrospective', actor: input.by,
      detail: {
        worked: input.worked.length, didNot: input.didNot.length, lessons: input.lessons.length, analyses: input.analyses.map((a) => a.kpi), ...provenance,
      },
    });
    return { accepted: true };
  }, { validator: (raw) => refuse(checkRetrospective(plan, retrospectiveView(state), signatures.admit('retrospect', retrospectiveInputSchema, raw))) });

  async function summarize(): Promise<ClosingSummary> {
    const channelIds = plan.channels.map((c) => c.id);
    const read = () => records.readPeriodMetrics({ campaignId, channelIds, fromDay: 1, toDay: state.rolloutDays });
    let totals;
    try {
      totals = await read();
    } catch (err) {
      // Without the totals the summary would misstate every KPI: only a retry helps.
      totals = await steps.failed(err, { id: stepKeys.closingMetrics(), activity: 'readPeriodMetrics', summary: 'Read the campaign\'s totals for the closing summary', call: read });
    }
    const summary = summarizeClosing(plan, totals, new Date());
    const record = () => records.recordClosing({ campaignId, summary });
    try {
      await record();
    } catch (err) {
      // Skipped, the summary stays in the status and the report; the records store does not mark the campaign closed.
      await steps.failed(err, { id: stepKeys.closingRecord(), activity: 'recordClosing', summary: 'Store the closing summary', call: record, skip: () => undefined });
    }
    state.closing = summary;
    state.kpis = summary.kpis;
    return summary;
  }

  /** Asks, reminds and returns once signed off; at once when the plan holds no retrospective. */
  async function retrospective(): Promise<void> {
    const settings = plan.closing.retrospective;
    if (!settings) return;
    commit(state, () => {
      state.retrospective = { ...state.retrospective, asked: plan.team.map((m) => m.id) };
    });
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
  }

  /** Stores the report and tells the owner and informed people. */
  async function storeReport(): Promise<void> {
    const store = () => reports.storeCampaignReport({ campaignId, status: statusOf(state) });
    let stored;
    try {
      stored = await store();
    } catch (err) {
      stored = await steps.failed(err, {
        id: stepKeys.report(), activity: 'storeCampaignReport', summary: 'Store the campaign report and file its case',
        call: store, skip: () => undefined,
      });
      // Skipped: the campaign closes without a stored report (`campaign report` builds a live one).
      if (!stored) return;
    }
    state.report = { storedAt: stored.storedAt, languages: stored.languages };
    announce.notice(noticeKeys.reportReady(), reportAudience(plan), reportReadyMessage(about(), { languages: stored.languages }));
  }

  return {
    async signOff(input, at, provenance) {
      commit(state, () => {
        state.retrospective = { ...state.retrospective, signedOff: { by: input.by, at: at.toISOString() } };
      });
      try {
        await steps.registered;
      } catch (err) {
        await steps.afterRegistration(err);
      }
      const decision: DecisionRecord = {
        round: 1, decision: 'approve', by: input.by, at: at.toISOString(), ...(input.comment ? { comment: input.comment } : {}), ...provenance,
      };
      const write = () => records.recordDecision({ campaignId, gate: CLOSING_GATE, decision });
      try {
        await write();
      } catch (err) {
        steps.beside(err, decisionStep(CLOSING_GATE, 1, input.by, write));
      }
      return { gate: CLOSING_GATE, decision: 'approve', status: 'approved', round: 1 };
    },

    // Each step below is awaited as it always was: the order of commands in running campaigns
    // depends on it (docs/architecture.md).
    async close({ enter, watching, ranRollout }) {
      enter('closing');
      const summary = await summarize();
      await watching;
      if (ranRollout) await retrospective();
      await storeReport();
      // Failed steps are decided before the campaign closes.
      if (steps.busy()) await steps.settled();
      enter('closed');

      // Decisions still being recorded and notifications still being delivered finish first.
      await condition(allHandlersFinished);
      await announce.settled();
      if (steps.busy()) {
        await steps.settled();
        await announce.settled();
      }
      return summary;
    },
  };
}
