/**
 * Effects on channel platforms. The idempotency key sent to the platform is the campaign id plus
 * the workflow's step id, so a retried or replayed activity never applies a budget twice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorType } from '../domain/errors.js';
import { ChannelRejectedError, type BudgetChange } from './channels/adapter.js';
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

export function channelEffectActivities(deps: Pick<ActivityDeps, 'store' | 'channels'>) {
  return {
    async applyBudget(input: ApplyBudgetInput): Promise<void> {
      const { adapter, campaignId, effectKey, ...change } = input;
      await applyChannelBudget(deps, { adapter, campaignId, effectKey, change });
    },
  };
}

export interface BudgetEffect {
  adapter: AdapterName;
  /** The campaign the effect is recorded for and whose id leads the idempotency key. */
  campaignId: string;
  /** Logical step id from the workflow; the idempotency key is `<campaignId>:<effectKey>`. */
  effectKey: string;
  /** What the platform is asked; `campaignId` only where the platform knows the campaign by another key (the pilot). */
  change: Omit<BudgetChange, 'campaignId' | 'idempotencyKey'> & { campaignId?: string };
  /** Recorded with the amounts. */
  note?: Record<string, unknown>;
}

/** Sets a channel's budget on its platform, then records the effect; a retry applies nothing twice. */
export async function applyChannelBudget({ store, channels }: Pick<ActivityDeps, 'store' | 'channels'>, effect: BudgetEffect): Promise<void> {
  const { change } = effect;
  try {
    await channels.adapterFor(effect.adapter).setBudget({
      ...change, campaignId: change.campaignId ?? effect.campaignId, idempotencyKey: `${effect.campaignId}:${effect.effectKey}`,
    });
  } catch (err) {
    throw asActivityFailure(err);
  }
  await store.effects.record({
    campaignId: effect.campaignId, effectKey: effect.effectKey, channelId: change.channelId, kind: 'budget',
    payload: { amount: change.amount, dailyBudget: change.dailyBudget, ...effect.note },
  });
}

/** A platform's refusal (4xx) cannot be fixed by retrying; anything else is retried. */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof ChannelRejectedError) {
    return ApplicationFailure.nonRetryable(err.message, ErrorType.ChannelRejected, { status: err.status });
  }
  return err;
}
