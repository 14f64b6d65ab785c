/**
 * Telling people what waits for them, reminding and escalating (P1.6 + chasing). Deliveries run
 * beside the campaign: a failed delivery becomes an alert in the status, it never blocks a gate;
 * a delivery the activity could not make at all is a failed step beside the campaign.
 */
import { log } from '@temporalio/workflow';
import type { GateRound, GateState } from '../../domain/gates.js';
import {
  consultRequestMessage, gateDecidedMessage, gateEscalationMessage, gateReminderMessage, gateWaitingMessage,
} from '../../domain/notifications/gate-messages.js';
import type { NotificationMessage } from '../../domain/notifications/messages.js';
import { notifyRecipients } from '../../domain/notifications/audience.js';
import { reviewAudience, reviewSummaryMessage } from '../../domain/notifications/review-messages.js';
import type { Review } from '../../domain/review.js';
import type { CampaignActivities } from '../../activities/index.js';
import { notifications } from './activities.js';
import { noticeKeys, stepKeys } from './effects.js';
import { raiseAlert, type CampaignState } from './state.js';
import type { StepDesk } from './steps.js';

type NotifyOutcome = Awaited<ReturnType<CampaignActivities['notifyPeople']>>;

export interface Announcer {
  /** The accountable person (and an active delegate) is asked to decide. */
  decisionDue(gate: GateState, people: readonly string[]): void;
  consultation(gate: GateState, people: readonly string[]): void;
  reminder(gate: GateState, people: readonly string[], count: number): void;
  escalation(gate: GateState, to: string, count: number): void;
  /** Responsible and informed people hear the outcome of each round, except whoever decided. */
  decision(gate: GateState, decided: GateRound): void;
  /** The owner and informed people receive each weekly and monthly review. */
  reviewSummary(review: Review): void;
  /** Anything else (a task that can start, the pilot to decide, a crisis), keyed once per event. */
  notice(key: string, people: readonly string[], message: NotificationMessage): void;
  /**
   * That a step failed (steps.ts). A delivery of it that fails is only logged: the step it tells of
   * already waits in the owner's inbox, and another step would only tell of this one.
   */
  alarm(key: string, people: readonly string[], message: NotificationMessage): void;
  /** Resolves when every delivery started so far has finished (the campaign waits before it ends). */
  settled(): Promise<unknown>;
}

export function announcer(state: CampaignState, steps: StepDesk): Announcer {
  const inFlight = new Set<Promise<void>>();

  // A delivery that fails for good is a step beside the campaign (a person retries or skips it);
  // each handler below stands where the chain always had one step, so a delivery issues its
  // commands when it always did.
  const send = (key: string, people: readonly string[], message: NotificationMessage, guarded = true): void => {
    const recipients = notifyRecipients(state.plan, people);
    if (recipients.length === 0) return;
    const deliver = () => notifications.notifyPeople({ campaignId: state.campaignId, notificationKey: key, recipients, message });
    const report = (outcome: NotifyOutcome | undefined) => {
      for (const failed of outcome?.failed ?? []) {
        raiseAlert(state, 'warning', `Could not notify ${failed.personId} by ${failed.kind} (${key}): ${failed.error}`, new Date());
      }
    };
    const delivery: Promise<void> = steps.registered
      .then(deliver, (err: unknown) => steps.afterRegistration(err).then(deliver))
      .then(report, (err: unknown) => {
        if (!guarded) throw err;
        return steps.failed(err, {
          id: stepKeys.notice(key), activity: 'notifyPeople', summary: `Notify ${recipients.map((r) => r.personId).join(', ')} (${key})`,
          call: deliver, skip: () => undefined,
        }).then(report);
      })
      .catch((err: unknown) => log.warn('Notification activity failed', { key, error: String(err) }))
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  const context = (gate: GateState) => ({
    campaignId: state.campaignId,
    plan: state.plan,
    gate,
    at: new Date(),
    timeScale: state.timeScale,
    checklist: gate.checklist.map((c) => ({ text: c.item, done: c.ticked })),
  });

  return {
    decisionDue: (gate, people) => send(noticeKeys.gateWaiting(gate.id, gate.round), people, gateWaitingMessage(context(gate))),
    consultation: (gate, people) => send(noticeKeys.gateConsult(gate.id, gate.round), people, consultRequestMessage(context(gate))),
    reminder: (gate, people, count) =>
      send(noticeKeys.gateReminder(gate.id, gate.round, count), people, gateReminderMessage(context(gate))),
    escalation: (gate, to, count) =>
      send(noticeKeys.gateEscalation(gate.id, gate.round, count), [to], gateEscalationMessage(context(gate))),
    decision: (gate, decided) =>
      send(
        noticeKeys.gateDecided(gate.id, decided.round),
        [...gate.responsible, ...gate.informed].filter((p) => p !== decided.by),
        gateDecidedMessage({ campaignId: state.campaignId, plan: state.plan, gate }, decided),
      ),
    reviewSummary: (review) => {
      const message = reviewSummaryMessage({ campaignId: state.campaignId, plan: state.plan, review, at: new Date() });
      if (message) send(noticeKeys.reviewSummary(review.key), reviewAudience(state.plan), message);
    },
    notice: (key, people, message) => send(key, [...new Set(people)], message),
    alarm: (key, people, message) => send(key, [...new Set(people)], message, false),
    settled: () => Promise.all([...inFlight]),
  };
}
