/**
 * Effects on channel platforms. The idempotency key sent to the platform is the campaign id plus
 * the workflow's step id, so a retried or replayed activity never applies a budget twice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorType } from '../domain/errors.js';
import { ChannelRejectedError } from './channels/adapter.js';
import type { AdapterName } from './channels/registry.js';
import type { ActivityDeps } from './deps.js';

export interface ApplyBudgetInput {
  campaignId: string;
  channelId: string;
  adapter: AdapterName;
  channelKind: string;
  /** The channel's endpoint, for the webhook adapter. */
  url?: string;
  amount: number;
  dailyBudget: number;
  currency: string;
  effectiveFromDay: number;
  /** Logical step id from the workflow, e.g. `budget:initial:douyin`. */
  effectKey: string;
}

export function channelEffectActivities({ pool, channels }: Pick<ActivityDeps, 'pool' | 'channels'>) {
  return {
    async applyBudget(input: ApplyBudgetInput): Promise<void> {
      const adapter = channels.adapterFor(input.adapter);
      try {
        await adapter.setBudget({
          campaignId: input.campaignId,
          channelId: input.channelId,
          channelKind: input.channelKind,
          amount: input.amount,
          dailyBudget: input.dailyBudget,
          currency: input.currency,
          effectiveFromDay: input.effectiveFromDay,
          ...(input.url !== undefined ? { url: input.url } : {}),
          idempotencyKey: `${input.campaignId}:${input.effectKey}`,
        });
      } catch (err) {
        throw asActivityFailure(err);
      }
      await pool.query(
        `INSERT INTO channel_effects (campaign_id, effect_key, channel_id, kind, payload)
         VALUES ($1, $2, $3, 'budget', $4) ON CONFLICT DO NOTHING`,
        [input.campaignId, input.effectKey, input.channelId, JSON.stringify({ amount: input.amount, dailyBudget: input.dailyBudget })],
      );
    },
  };
}

/** A platform's refusal (4xx) cannot be fixed by retrying; anything else is retried. */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof ChannelRejectedError) {
    return ApplicationFailure.nonRetryable(err.message, ErrorType.ChannelRejected, { status: err.status });
  }
  return err;
}
