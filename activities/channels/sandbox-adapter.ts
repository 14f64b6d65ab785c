/**
 * The channel adapter for the sandbox platform (sandbox/platform.ts). It goes through real HTTP
 * with a timeout, so retries, refusals and idempotency behave as they would against a real
 * platform. The platform de-duplicates by idempotency key itself; the adapter only forwards it.
 */
import { z } from 'zod';
import type { BudgetChange, ChannelAdapter, DailyReport, DailyReportQuery, PostReceipt, PostRequest } from './adapter.js';
import { requestJson } from './http.js';

export interface SandboxAdapterOptions {
  /** Where the platform listens, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** How long one call may take before it counts as failed (and is retried by the caller). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const budgetAnswer = z.object({ applied: z.boolean() });
const postAnswer = z.object({ postId: z.string().min(1), created: z.boolean() });
const count = z.number().int().nonnegative();
const money = z.number().finite().nonnegative();
const reportAnswer = z.object({
  campaignId: z.string(),
  channelId: z.string(),
  day: z.number().int(),
  recordId: z.string().min(1),
  impressions: count,
  clicks: count,
  uv: count,
  orders: count,
  spend: money,
  revenue: money,
});

export function createSandboxAdapter(options: SandboxAdapterOptions): ChannelAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const channelUrl = (campaignId: string, channelId: string, path: string) =>
    `${base}/v1/campaigns/${encodeURIComponent(campaignId)}/channels/${encodeURIComponent(channelId)}/${path}`;
  /** One call on a channel's resource, with the channel's kind for the platform to check. */
  const onChannel = <T>(
    ref: { campaignId: string; channelId: string; channelKind?: string | undefined },
    call: { method: 'GET' | 'PUT' | 'POST'; path: string; body?: Record<string, unknown>; answer: z.ZodType<T>; action: string },
  ): Promise<T> => requestJson({
    method: call.method,
    url: channelUrl(ref.campaignId, ref.channelId, call.path),
    headers: ref.channelKind ? { 'x-channel-kind': ref.channelKind } : {},
    ...(call.body ? { body: call.body } : {}),
    timeoutMs,
    answer: call.answer,
    action: call.action,
  });

  return {
    async setBudget(change: BudgetChange): Promise<void> {
      const { amount, dailyBudget, currency, idempotencyKey, effectiveFromDay } = change;
      await onChannel(change, {
        method: 'PUT', path: 'budget', answer: budgetAnswer,
        body: { amount, dailyBudget, currency, idempotencyKey, effectiveFromDay },
        action: `setting the budget of channel ${change.channelId} (campaign ${change.campaignId})`,
      });
    },

    async publish(post: PostRequest): Promise<PostReceipt> {
      const { contentId, title, body, idempotencyKey, day, summary, tags, media, cover } = post;
      return onChannel(post, {
        method: 'POST', path: 'posts', answer: postAnswer,
        body: { contentId, title, body, idempotencyKey, day, summary, tags, media, cover },
        action: `publishing ${post.contentId} on channel ${post.channelId} (campaign ${post.campaignId})`,
      });
    },

    async fetchDailyReport(query: DailyReportQuery): Promise<DailyReport> {
      const action = `fetching day ${query.day} of channel ${query.channelId} (campaign ${query.campaignId})`;
      const report = await onChannel(query, { method: 'GET', path: `reports/daily?day=${query.day}`, answer: reportAnswer, action });
      if (report.campaignId !== query.campaignId || report.channelId !== query.channelId || report.day !== query.day) {
        throw new Error(`${action}: the platform answered with the report of ${report.channelId} day ${report.day}`);
      }
      return report;
    },
  };
}
