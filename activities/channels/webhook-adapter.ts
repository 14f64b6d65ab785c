/**
 * The channel adapter for platforms we reach through a webhook of their own (an agency's
 * publishing tool, an in-house ad gateway): each channel with `adapter: webhook` has a `url`, and
 * every effect is one signed JSON POST to it (docs/execution.md, "Webhook channels").
 *
 *   X-Campaign-Timestamp: <unix seconds>
 *   X-Campaign-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${raw body}`)>
 *
 * Each channel has its own secret (`channels.<id>.webhookSecret` in the worker's secrets file), so
 * the receiver for one channel cannot sign, and so forge, requests to another.
 *
 * The timestamp is inside the signed string so a captured request cannot be replayed later with a
 * fresh timestamp; receivers should refuse timestamps more than a few minutes old. The receiver
 * de-duplicates by `idempotencyKey` (also sent as the `Idempotency-Key` header): retries carry the
 * same key. 2xx is success; 4xx a refusal (not retried); 5xx, 408, 429 and timeouts are retried.
 *
 * Webhook channels have no report endpoint: their numbers come in through `campaign metrics
 * import`, and the analytics sync skips them (activities/analytics.ts).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  ChannelRejectedError, type BudgetChange, type ChannelAdapter, type DailyReport, type PostReceipt, type PostRequest,
} from './adapter.js';
import { requestJson } from './http.js';

export interface WebhookAdapterOptions {
  /** The secret a channel's receiver checks signatures with; undefined when the worker has none for it. */
  secretFor: (channelId: string) => string | undefined;
  /** How long one call may take before it counts as failed (and is retried by the caller). */
  timeoutMs?: number;
  /** The clock for `X-Campaign-Timestamp`. */
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'x-campaign-signature';
export const TIMESTAMP_HEADER = 'x-campaign-timestamp';

/** A receiver may answer anything (204, `ok`, its own JSON); a post id and `created` are read when given. */
const answer = z.unknown();
const postAnswer = z.object({ postId: z.union([z.string().min(1), z.number()]).optional(), created: z.boolean().optional() }).loose();

/** `sha256=<hex>` over `${timestamp}.${body}`: what the receiver recomputes to check a request. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export function createWebhookAdapter(options: WebhookAdapterOptions): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  async function send(url: string | undefined, payload: Record<string, unknown> & { idempotencyKey: string; channelId: string }, action: string): Promise<unknown> {
    if (url === undefined) {
      throw new ChannelRejectedError(`${action}: the channel uses the webhook adapter but has no url; add channels[].url to the plan`, 400);
    }
    const secret = options.secretFor(payload.channelId);
    if (secret === undefined) {
      throw new ChannelRejectedError(
        `${action}: this worker has no signing secret for channel ${payload.channelId}; add channels: { ${payload.channelId}: { webhookSecret: … } } `
          + 'to its secrets file (CAMPAIGN_SECRETS_FILE, docs/execution.md) and retry the step',
        400,
      );
    }
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    return requestJson({
      method: 'POST',
      url,
      rawBody: body,
      headers: {
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
        'idempotency-key': payload.idempotencyKey,
      },
      timeoutMs,
      answer,
      action,
    });
  }

  return {
    async setBudget(change: BudgetChange): Promise<void> {
      await send(change.url, {
        type: 'budget',
        campaignId: change.campaignId,
        channelId: change.channelId,
        idempotencyKey: change.idempotencyKey,
        channelKind: change.channelKind,
        amount: change.amount,
        dailyBudget: change.dailyBudget,
        currency: change.currency,
        effectiveFromDay: change.effectiveFromDay,
      }, `setting the budget of channel ${change.channelId} (campaign ${change.campaignId}) through its webhook`);
    },

    async publish(post: PostRequest): Promise<PostReceipt> {
      const reply = await send(post.url, {
        type: 'post',
        campaignId: post.campaignId,
        channelId: post.channelId,
        idempotencyKey: post.idempotencyKey,
        channelKind: post.channelKind,
        contentId: post.contentId,
        day: post.day,
        title: post.title,
        body: post.body,
        summary: post.summary,
        tags: post.tags ?? [],
        media: post.media ?? [],
        cover: post.cover,
      }, `publishing ${post.contentId} on channel ${post.channelId} (campaign ${post.campaignId}) through its webhook`);
      const parsed = postAnswer.safeParse(reply);
      const given = parsed.success ? parsed.data : {};
      return {
        // Without an id of its own, the post is known by its idempotency key, unique per campaign and post.
        postId: given.postId !== undefined ? String(given.postId) : `webhook:${post.idempotencyKey}`,
        created: given.created ?? true,
      };
    },

    async fetchDailyReport(query): Promise<DailyReport> {
      throw new ChannelRejectedError(
        `channel ${query.channelId} (campaign ${query.campaignId}) is a webhook channel and has no report endpoint; `
          + 'import its numbers with `campaign metrics import`',
        400,
      );
    },
  };
}
