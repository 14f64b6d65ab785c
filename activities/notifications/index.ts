/**
 * notifyPeople: one message to several people, each on all of their notify targets. Delivery
 * failures never fail the activity (DESIGN: they retry and show in status, they never block the
 * workflow): each target is tried a few times, and what still fails is returned and recorded.
 * Calling again with the same key sends only what has not been delivered yet.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { NotifyRecipient, NotifyTarget } from '../../domain/notifications/audience.js';
import { renderNotification, type NotificationMessage } from '../../domain/notifications/messages.js';
import { targetSlot, type DeliveryKey } from '../../store/deliveries.js';
import type { RecordsStore } from '../../store/index.js';
import { isRetryable } from './errors.js';
import { sendToTarget, type Letter, type SendOptions } from './senders.js';
import { createMailer, type SmtpSettings } from './smtp.js';
import { resolveTarget, type NotifyDirectory } from './targets.js';

export type { NotifyRecipient, NotifyTarget } from '../../domain/notifications/audience.js';
export type { SmtpSettings } from './smtp.js';
export type { NotifyDirectory, RobotEndpoint } from './targets.js';
export { NotificationRejectedError, NotificationUnavailableError } from './errors.js';

export interface NotificationDeps {
  /** The delivery log lives in the records store. */
  store: Pick<RecordsStore, 'deliveries'>;
  log: Logger;
  /** Without it, e-mail targets are reported as failed (not retryable). */
  smtp?: SmtpSettings;
  /**
   * The worker's robot and webhook targets by name (its secrets file). A target a plan names and
   * this lacks is reported as a failed delivery that says where to define it.
   */
  targets?: NotifyDirectory;
  /** Per HTTP request or SMTP stage. */
  fetchTimeoutMs?: number;
  /** Tries per target for retryable failures, and the first pause (doubling after each try). */
  retry?: { attempts?: number; backoffMs?: number };
}

export interface NotifyInput {
  campaignId: string;
  /** Logical step id from the workflow, e.g. `gate:assets:1:waiting`; never an attempt number. */
  notificationKey: string;
  recipients: NotifyRecipient[];
  message: NotificationMessage;
}

export interface DeliveredTarget {
  personId: string;
  kind: NotifyTarget['kind'];
  targetIndex: number;
}

export interface FailedTarget extends DeliveredTarget {
  error: string;
  /** False when the target itself is wrong (refused URL, bad secret, no such mailbox, not defined on the worker). */
  retryable: boolean;
}

export interface NotifyOutcome {
  /** Includes targets delivered by an earlier call with the same key. */
  delivered: DeliveredTarget[];
  failed: FailedTarget[];
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 1_000;
/** Robots throttle per group (DingTalk: 20 a minute), so a message fans out gently. */
const PARALLEL_DELIVERIES = 4;

export function notificationActivities(deps: NotificationDeps) {
  const timeoutMs = deps.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempts = Math.max(1, deps.retry?.attempts ?? DEFAULT_ATTEMPTS);
  const backoffMs = deps.retry?.backoffMs ?? DEFAULT_BACKOFF_MS;
  const mailer = deps.smtp ? createMailer(deps.smtp, timeoutMs) : undefined;
  const sendOptions: SendOptions = { timeoutMs, now: () => new Date(), ...(mailer ? { mailer } : {}) };
  const directory: NotifyDirectory = deps.targets ?? new Map();

  async function deliver(letter: Letter, target: NotifyTarget, key: DeliveryKey, log: Logger) {
    for (let tries = 1; ; tries++) {
      try {
        await sendToTarget(resolveTarget(target, directory), letter, sendOptions);
      } catch (err) {
        const retryable = isRetryable(err);
        if (retryable && tries < attempts) {
          await sleep(backoffMs * 2 ** (tries - 1));
          continue;
        }
        const error = (err as Error).message;
        await deps.store.deliveries.recordFailed(key, target.kind, tries, error);
        log.warn({ personId: key.personId, kind: target.kind, attempts: tries, error }, 'notification not delivered');
        return { ok: false as const, error, retryable };
      }
      // Outside the try: a failure to record must not be mistaken for a failed send and re-posted.
      await deps.store.deliveries.recordDelivered(key, target.kind, tries);
      log.debug({ personId: key.personId, kind: target.kind, attempts: tries }, 'notification delivered');
      return { ok: true as const };
    }
  }

  return {
    async notifyPeople(input: NotifyInput): Promise<NotifyOutcome> {
      const log = deps.log.child({ campaignId: input.campaignId, notificationKey: input.notificationKey });
      const done = await deps.store.deliveries.delivered(input.campaignId, input.notificationKey);
      const outcome: NotifyOutcome = { delivered: [], failed: [] };
      const pending: Array<() => Promise<void>> = [];

      for (const recipient of input.recipients) {
        const rendered = renderNotification(input.message, recipient);
        recipient.targets.forEach((target, targetIndex) => {
          const delivery = { personId: recipient.personId, kind: target.kind, targetIndex };
          if (done.has(targetSlot(recipient.personId, targetIndex))) {
            outcome.delivered.push(delivery);
            return;
          }
          const key: DeliveryKey = { campaignId: input.campaignId, notificationKey: input.notificationKey, personId: recipient.personId, targetIndex };
          const letter: Letter = {
            deliveryId: `${input.campaignId}:${input.notificationKey}:${recipient.personId}:${targetIndex}`,
            campaignId: input.campaignId,
            notificationKey: input.notificationKey,
            personId: recipient.personId,
            language: recipient.language,
            message: input.message,
            rendered,
          };
          pending.push(async () => {
            const result = await deliver(letter, target, key, log);
            if (result.ok) outcome.delivered.push(delivery);
            else outcome.failed.push({ ...delivery, error: result.error, retryable: result.retryable });
          });
        });
      }

      await runWithLimit(pending, PARALLEL_DELIVERIES);
      return inRecipientOrder(outcome, input.recipients);
    },
  };
}

/** Deliveries finish in any order; the status should list them as the plan lists people. */
function inRecipientOrder(outcome: NotifyOutcome, recipients: readonly NotifyRecipient[]): NotifyOutcome {
  const rank = new Map(recipients.map((r, i) => [r.personId, i]));
  const order = (a: DeliveredTarget, b: DeliveredTarget) =>
    (rank.get(a.personId) ?? 0) - (rank.get(b.personId) ?? 0) || a.targetIndex - b.targetIndex;
  return { delivered: [...outcome.delivered].sort(order), failed: [...outcome.failed].sort(order) };
}

async function runWithLimit(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
