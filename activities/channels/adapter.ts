/**
 * What the campaign needs from a channel platform (an ad account, a content platform, a mail
 * service). Every effect carries an idempotency key built by the workflow, so a retried call is
 * applied once by the platform (or by the adapter, where the platform cannot de-duplicate).
 */
import type { RawMetricValues } from '../../domain/metrics.js';

export interface BudgetChange {
  campaignId: string;
  channelId: string;
  /** Budget this channel holds from now on, in the plan's currency. */
  amount: number;
  /** The most the platform may spend per campaign day (ad platforms pace by daily budget). */
  dailyBudget: number;
  currency: string;
  idempotencyKey: string;
  /** First campaign day this budget governs; without it, every day the platform has not yet reported. */
  effectiveFromDay?: number;
  /** The plan's channel kind (`weibo`, `baidu-sem`, …), for adapters serving several kinds. */
  channelKind?: string;
  /** The channel's endpoint, for adapters that reach each channel at its own URL (webhook). */
  url?: string;
}

export interface PostMedia {
  kind: 'image' | 'video';
  url: string;
}

export interface PostRequest {
  campaignId: string;
  channelId: string;
  contentId: string;
  title: string;
  body: string;
  idempotencyKey: string;
  /** Campaign day the post belongs to, so the platform's daily report counts it on that day. */
  day?: number;
  channelKind?: string;
  /** WeChat digest or e-mail preheader, for kinds that show one. */
  summary?: string;
  /** Tags as the channel writes them (`#春茶#`); already part of the body where the kind puts them there. */
  tags?: string[];
  media?: PostMedia[];
  /** The cover image, for kinds that need one. */
  cover?: PostMedia;
  /** The channel's endpoint, for adapters that reach each channel at its own URL (webhook). */
  url?: string;
}

export interface PostReceipt {
  postId: string;
  /** False when the platform already had this post (a retry): nothing was posted twice. */
  created: boolean;
}

/** One campaign day of a channel's results, as the platform's analytics reports them. */
export interface DailyReport extends RawMetricValues {
  campaignId: string;
  channelId: string;
  day: number;
  /** The platform's own id for this report row: makes ingestion idempotent. */
  recordId: string;
}

export interface DailyReportQuery {
  campaignId: string;
  channelId: string;
  day: number;
  channelKind?: string;
}

export interface ChannelAdapter {
  setBudget(change: BudgetChange): Promise<void>;
  publish(post: PostRequest): Promise<PostReceipt>;
  fetchDailyReport(query: DailyReportQuery): Promise<DailyReport>;
}

/** Thrown when the platform refuses a request for good (4xx): retrying cannot fix it. */
export class ChannelRejectedError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'ChannelRejectedError';
  }
}
