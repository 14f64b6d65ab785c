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
  const kindHeader = (kind: string | undefined): Record<string, string> => (kind ? { 'x-channel-kind': kind } : {});

  return {
    async setBudget(change: BudgetChange): Promise<void> {
      await requestJson({
        method: 'PUT',
        url: channelUrl(change.campaignId, change.channelId, 'budget'),
        headers: kindHeader(change.channelKind),
        body: {
          amount: change.amount,
          dailyBudget: change.dailyBudget,
          currency: change.currency,
          idempotencyKey: change.idempotencyKey,
          effectiveFromDay: change.effectiveFromDay,
        },
        timeoutMs,
        answer: budgetAnswer,
        action: `setting the budget of channel ${change.channelId} (campaign ${change.campaignId})`,
      });
    },

    async publish(post: PostRequest): Promise<PostReceipt> {
      return requestJson({
        method: 'POST',
        url: channelUrl(post.campaignId, post.channelId, 'posts'),
        headers: kindHeader(post.channelKind),
        body: {
          contentId: post.contentId,
          title: post.title,
          body: post.body,
          idempotencyKey: post.idempotencyKey,
          day: post.day,
          summary: post.summary,
          tags: post.tags,
          media: post.media,
          cover: post.cover,
        },
        timeoutMs,
        answer: postAnswer,
        action: `publishing ${post.contentId} on channel ${post.channelId} (campaign ${post.campaignId})`,
      });
    },

    async fetchDailyReport(query: DailyReportQuery): Promise<DailyReport> {
      const action = `fetching day ${query.day} of channel ${query.channelId} (campaign ${query.campaignId})`;
      const report = await requestJson({
        method: 'GET',
        url: `${channelUrl(query.campaignId, query.channelId, 'reports/daily')}?day=${query.day}`,
        headers: kindHeader(query.channelKind),
        timeoutMs,
        answer: reportAnswer,
        action,
      });
      if (report.campaignId !== query.campaignId || report.channelId !== query.channelId || report.day !== query.day) {
        throw new Error(`${action}: the platform answered with the report of ${report.channelId} day ${report.day}`);
      }
      return report;
    },
  };
}
