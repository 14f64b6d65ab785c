/**
 * Where the conversation with the audience stands (P2.8–P2.10). Files of comments, messages and
 * complaints come in through the records store (`store.interactions.importFile`, called directly
 * by the CLI and the API); the workflow asks `checkInteractions` where the conversation stands at
 * a plan-time instant: answers overdue, what waits, the next deadline, and whether the crisis rule
 * triggers.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { isDuration } from '../domain/duration.js';
import { ErrorType } from '../domain/errors.js';
import type { InteractionHealth } from '../domain/execution/state.js';
import { assessCrisis, isNegative, type CrisisAssessment } from '../domain/interactions/crisis.js';
import { nextSlaDeadline, slaSummary } from '../domain/interactions/sla.js';
import type { ActivityDeps } from './deps.js';

export interface CheckInteractionsInput {
  campaignId: string;
  /** Plan-time ISO instant: only interactions at or before it count. */
  now: string;
  /** The plan's `interaction.responseSla` (`2h`); without it nothing is overdue. */
  responseSla?: string;
  /** The plan's `interaction.crisis` thresholds; without them no crisis is assessed. */
  crisis?: { negativeShare: number; window: string; minVolume: number };
  /** The brand's accounts: their replies answer, their own posts need no answer and are not the audience. */
  staff?: string[];
  /** What people call each channel (小红书), for messages. */
  channelNames?: Record<string, string>;
}

/** What the status shows of the audience (`InteractionHealth`), plus when to look again and the crisis rule's verdict. */
export interface InteractionCheck extends Omit<InteractionHealth, 'lastAssessment'> {
  /** When the next waiting item would breach: when the workflow has to look again. */
  nextDeadline?: string;
  crisis?: CrisisAssessment;
}

const SHOWN_BREACHES = 5;

const duration = z.string().refine(isDuration, 'give a duration like "2h" or "30m"');
const checkInputSchema = z.strictObject({
  campaignId: z.string().min(1, 'campaignId is missing'),
  now: z.iso.datetime({ offset: true, message: 'now must be an ISO instant, e.g. 2027-03-10T12:00:00Z' }),
  responseSla: duration.optional(),
  crisis: z.strictObject({
    negativeShare: z.number().min(0).max(1),
    window: duration,
    minVolume: z.number().int().positive(),
  }).optional(),
  staff: z.array(z.string().min(1)).optional(),
  channelNames: z.record(z.string(), z.string()).optional(),
});

export function interactionActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    /** Where the conversation stands at a plan-time instant: SLA breaches, waiting items, the crisis rule. */
    async checkInteractions(input: CheckInteractionsInput): Promise<InteractionCheck> {
      const parsed = checkInputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw ApplicationFailure.nonRetryable(`checkInteractions ${issue?.path.join('.') || 'input'}: ${issue?.message}`, ErrorType.InvalidInput);
      }
      const { now, responseSla, crisis, staff, channelNames } = parsed.data;
      const items = await store.interactions.upTo(input.campaignId, now);
      const team = new Set(staff);
      const audience = items.filter((item) => !team.has(item.author));
      const check: InteractionCheck = {
        checkedAt: now,
        total: audience.length,
        negative: audience.filter((item) => isNegative(item.score)).length,
        breaches: [],
        breachCount: 0,
        waiting: 0,
      };
      if (responseSla !== undefined) {
        const options = { responseSla, now, staff, ...(channelNames ? { channelNames } : {}) };
        const summary = slaSummary(items, options);
        check.breaches = summary.breaches.slice(0, SHOWN_BREACHES);
        check.breachCount = summary.breaches.length;
        check.waiting = summary.waiting;
        const next = nextSlaDeadline(items, { responseSla, now, staff });
        if (next !== undefined) check.nextDeadline = next;
      }
      if (crisis) {
        check.crisis = assessCrisis({ interactions: audience, settings: crisis, now, ...(channelNames ? { channelNames } : {}) });
      }
      return check;
    },
  };
}
